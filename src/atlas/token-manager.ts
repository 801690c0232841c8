import { createHash } from "node:crypto";
import { requestToken, type ServiceAccount, type TokenIo } from "./token-request";
import { AtlasTokenError } from "./token-error";

/** A token is replaced this long before it expires (at most half its lifetime), so no call meets an expired one. */
export const REFRESH_BEFORE_EXPIRY_MS = 60_000;
/**
 * A 401 on a token younger than this is not answered with another token: Atlas just issued it, so
 * the 401 means "no access to this project", and asking again would only spend the token
 * endpoint's rate limit (one extra token request per failing call).
 */
export const MIN_TOKEN_AGE_FOR_RENEWAL_MS = 10_000;

/**
 * The token of one service account on one host, for the whole process. Every client and lookup
 * with the same (host, clientId, secret) shares it: callers that find no valid token wait on a
 * single in-flight request. A refused secret is remembered, so later callers fail at once instead
 * of asking again (the token endpoint is rate limited). Secret and token sit in private fields:
 * `util.inspect`, JSON and errors never show them.
 */
export class ServiceAccountTokens {
  readonly clientId: string;
  readonly baseUrl: string;
  /** Token requests sent (exchanges, retries included, are counted by each client). */
  requests = 0;
  #account: ServiceAccount;
  #token: { value: string; renewAt: number; issuedAt: number } | undefined;
  #inflight: Promise<string> | undefined;
  #refused: AtlasTokenError | undefined;

  constructor(account: ServiceAccount) {
    this.clientId = account.clientId;
    this.baseUrl = account.baseUrl;
    this.#account = account;
  }

  /** A token valid for at least REFRESH_BEFORE_EXPIRY_MS more (or half its lifetime), fetching one if needed. */
  token(io: TokenIo): Promise<string> {
    if (this.#refused) return Promise.reject(this.#refused);
    if (this.#token && io.clock.now() < this.#token.renewAt) return Promise.resolve(this.#token.value);
    this.#inflight ??= this.#fetch(io).finally(() => (this.#inflight = undefined));
    return this.#inflight;
  }

  /**
   * After a 401 with `rejected`: drop it (unless another caller already replaced it, or it is too
   * new to be the cause) and get another. Concurrent callers holding the same rejected token share
   * one new request. Resolves with `rejected` itself when it is kept.
   */
  renew(rejected: string, io: TokenIo): Promise<string> {
    const current = this.#token;
    if (current?.value === rejected && io.clock.now() - current.issuedAt >= MIN_TOKEN_AGE_FOR_RENEWAL_MS) this.#token = undefined;
    return this.token(io);
  }

  async #fetch(io: TokenIo): Promise<string> {
    const asked = io.clock.now();
    this.requests++;
    try {
      const issued = await requestToken(io, this.#account);
      const margin = Math.min(REFRESH_BEFORE_EXPIRY_MS, issued.lifetimeMs / 2);
      // Lifetime counts from when we asked: a slow answer only makes the renewal earlier.
      this.#token = { value: issued.accessToken, renewAt: asked + issued.lifetimeMs - margin, issuedAt: io.clock.now() };
      return issued.accessToken;
    } catch (error) {
      if (error instanceof AtlasTokenError && error.rejectedCredentials) this.#refused = error;
      throw error;
    }
  }
}

const shared = new Map<string, ServiceAccountTokens>();

/** The process-wide token holder of this service account on this host (the secret is part of the key, hashed). */
export function serviceAccountTokens(account: ServiceAccount): ServiceAccountTokens {
  const secretHash = createHash("sha256").update(account.clientSecret).digest("hex");
  const key = `${account.baseUrl}\n${account.clientId}\n${secretHash}`;
  let tokens = shared.get(key);
  if (!tokens) shared.set(key, (tokens = new ServiceAccountTokens(account)));
  return tokens;
}

/** Forgets every shared token (tests and benchmarks that need a cold start). */
export function resetServiceAccountTokens(): void {
  shared.clear();
}
