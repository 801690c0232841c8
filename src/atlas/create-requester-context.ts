import { systemClock } from "../util/clock";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version";
import type { AtlasClientOptions } from "./atlas-client-options";
import { createBearerSend } from "./bearer-auth";
import type { AtlasCredentials } from "./credentials";
import { createDigestSend } from "./digest-auth";
import { AtlasConfigError } from "./errors";
import type { AtlasStats, RequesterContext } from "./request";
import { resolveRetryPolicy } from "./retry-policy";
import type { AtlasSettings } from "./settings";
import { serviceAccountTokens } from "./token-manager";
import type { TokenIo } from "./token-request";
import { createExchange, type Send } from "./transport";

/** Checks an optional positive number option, naming it on failure. */
export function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new AtlasConfigError(name, `${name} must be a positive number (got ${String(value)})`);
  }
  return value;
}

/** Wires options and settings into what `atlasRequest` needs: digest send over a counting, time-limited exchange. */
export function createRequesterContext(options: AtlasClientOptions, settings: AtlasSettings, stats: AtlasStats): RequesterContext {
  const exchange = createExchange({
    timeoutMs: positiveOption("timeoutMs", options.timeoutMs, 30_000),
    fetch: options.fetch,
    onExchange: () => stats.exchanges++,
  });
  const query: Record<string, string> = {};
  if (options.pretty !== undefined) query.pretty = String(options.pretty);
  if (options.envelope !== undefined) query.envelope = String(options.envelope);
  const io: TokenIo = {
    exchange,
    clock: options.clock ?? systemClock,
    policy: resolveRetryPolicy(options.retry),
    random: options.random ?? Math.random,
    userAgent: options.userAgent ?? `${PACKAGE_NAME}/${PACKAGE_VERSION} (node ${process.versions.node})`,
    onRetry: options.onRetry,
  };
  return {
    baseUrl: settings.baseUrl,
    send: authSend(settings.credentials, settings.baseUrl, io),
    auth: settings.credentials.kind,
    clock: io.clock,
    policy: io.policy,
    random: io.random,
    userAgent: io.userAgent,
    stats,
    query,
    envelope: options.envelope === true,
    onRetry: options.onRetry,
  };
}

/** The one auth strategy of a client: digest (API key), or bearer with a shared, renewed service-account token, or a fixed token. */
function authSend(credentials: AtlasCredentials, baseUrl: string, io: TokenIo): Send {
  switch (credentials.kind) {
    case "apiKey":
      return createDigestSend(credentials.publicKey, credentials.privateKey, io.exchange);
    case "accessToken": {
      const { accessToken } = credentials;
      return createBearerSend({ token: async () => accessToken }, io.exchange);
    }
    case "serviceAccount": {
      const tokens = serviceAccountTokens({ baseUrl, ...credentials });
      return createBearerSend({ token: () => tokens.token(io), renew: (rejected) => tokens.renew(rejected, io) }, io.exchange);
    }
  }
}
