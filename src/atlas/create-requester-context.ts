import { systemClock } from "../util/clock";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version";
import type { AtlasClientOptions } from "./atlas-client-options";
import { createDigestSend } from "./digest-auth";
import { AtlasConfigError } from "./errors";
import type { AtlasStats, RequesterContext } from "./request";
import { resolveRetryPolicy } from "./retry-policy";
import type { AtlasSettings } from "./settings";
import { createExchange } from "./transport";

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
  return {
    baseUrl: settings.baseUrl,
    send: createDigestSend(settings.publicKey, settings.privateKey, exchange),
    clock: options.clock ?? systemClock,
    policy: resolveRetryPolicy(options.retry),
    random: options.random ?? Math.random,
    userAgent: options.userAgent ?? `${PACKAGE_NAME}/${PACKAGE_VERSION} (node ${process.versions.node})`,
    stats,
    query,
    envelope: options.envelope === true,
    onRetry: options.onRetry,
    signal: options.signal,
  };
}
