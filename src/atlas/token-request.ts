import { z } from "zod";
import { ApiErrorBody } from "../schemas/api-error";
import { OAUTH_TOKEN_PATH, OAuthErrorBody, OAuthTokenResponse } from "../schemas/oauth-token";
import type { Clock } from "../util/clock";
import type { CredentialSource } from "./credentials";
import { AtlasNetworkError } from "./errors";
import type { RetryInfo } from "./request";
import { retryAfterMs } from "./retry-after";
import { describeOutcome, retryDelay, type RetryOutcome, type RetryPolicy } from "./retry-policy";
import { AtlasTokenError } from "./token-error";

/** What fetching a token borrows from the client that needs it. */
export interface TokenIo {
  /** The client's counting, time-limited exchange (token requests count as exchanges). */
  exchange: (url: string, init: RequestInit) => Promise<Response>;
  clock: Clock;
  policy: Readonly<RetryPolicy>;
  random: () => number;
  userAgent: string;
  onRetry?: (info: RetryInfo) => void;
}

export interface ServiceAccount {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  source: CredentialSource;
}

export interface IssuedToken {
  accessToken: string;
  /** Lifetime the server granted (`expires_in`), in ms. */
  lifetimeMs: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One client-credentials exchange (`grant_type=client_credentials`, Basic auth), retried per the
 * client's retry policy on 429 / 5xx / network errors, honouring `Retry-After`. POST is safe to
 * repeat here: issuing a token creates nothing. A 400 / 401 (wrong secret) fails at once.
 */
export async function requestToken(io: TokenIo, account: ServiceAccount): Promise<IssuedToken> {
  const policy = { ...io.policy, methods: [...io.policy.methods, "POST"] };
  const basic = Buffer.from(`${encodeURIComponent(account.clientId)}:${encodeURIComponent(account.clientSecret)}`).toString("base64");
  const init = {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "User-Agent": io.userAgent },
    body: "grant_type=client_credentials",
  };
  const base = { clientId: account.clientId, source: account.source };
  const started = io.clock.now();
  for (let attempt = 1; ; attempt++) {
    let outcome: RetryOutcome;
    let fail: (retries: number) => Error;
    try {
      const res = await io.exchange(`${account.baseUrl}${OAUTH_TOKEN_PATH}`, init);
      const body = parseJson(await res.text());
      if (res.status >= 200 && res.status < 300) {
        const token = OAuthTokenResponse.safeParse(body);
        if (token.success) return { accessToken: token.data.access_token, lifetimeMs: token.data.expires_in * 1000 };
        throw new AtlasTokenError({ ...base, status: res.status, errorCode: "INVALID_TOKEN_RESPONSE", detail: z.prettifyError(token.error) });
      }
      const oauth = OAuthErrorBody.safeParse(body);
      const api = ApiErrorBody.safeParse(body);
      const errorCode = oauth.success ? oauth.data.error : api.success ? api.data.errorCode : `HTTP_${res.status}`;
      const detail = oauth.success ? oauth.data.error_description : api.success ? (api.data.detail ?? undefined) : undefined;
      if (res.status === 400 || res.status === 401) throw new AtlasTokenError({ ...base, status: res.status, errorCode, detail });
      const wait = retryAfterMs(res.headers.get("retry-after"), io.clock.now());
      outcome = { kind: "status", status: res.status, retryAfterMs: wait };
      fail = (retries) => new AtlasTokenError({ ...base, status: res.status, errorCode, detail, retries });
    } catch (err) {
      if (!(err instanceof AtlasNetworkError)) throw err;
      outcome = { kind: "network", requestSent: err.requestSent, timedOut: err.timedOut, errno: err.errno };
      fail = (retries) => err.withRetries(retries);
    }
    const delayMs = retryDelay(policy, { method: "POST", attempt, elapsedMs: io.clock.now() - started, random: io.random }, outcome);
    if (delayMs === undefined) throw fail(attempt - 1);
    io.onRetry?.({ method: "POST", path: OAUTH_TOKEN_PATH, attempt, delayMs, reason: describeOutcome(outcome) });
    await io.clock.sleep(delayMs);
  }
}
