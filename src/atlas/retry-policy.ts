import { AtlasConfigError } from "./errors";

/**
 * When to send a request again: plain data merged over defaults, and one pure decision function.
 *
 * POST is not in `methods`: a restore wipes its target, so a POST is re-sent only when it provably
 * was not processed: a 429 (rejected before processing) or a connection that was never made
 * (ECONNREFUSED, DNS failure). Never after a 5xx, a timeout, a reset or a lost response.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most limit + 1 attempts). */
  limit: number;
  /** Methods safe to repeat after any retryable failure. */
  methods: readonly string[];
  /** Statuses worth retrying (for methods in `methods`; 429 for every method). */
  statusCodes: readonly number[];
  /** Statuses whose `Retry-After` is honoured: the delay is at least that long (plus a jittered backoff step). */
  afterStatusCodes: readonly number[];
  /** First backoff step; doubles per retry. */
  backoffBaseMs: number;
  /** Cap of one backoff step (before jitter). */
  backoffLimitMs: number;
  /** A longer `Retry-After` fails at once. */
  maxRetryAfterMs: number;
  /** Total time budget from the first attempt; a retry that would end past it is not made. */
  maxTotalMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  limit: 4,
  methods: Object.freeze(["GET", "HEAD", "PUT", "DELETE"]),
  statusCodes: Object.freeze([429, 500, 502, 503, 504]),
  afterStatusCodes: Object.freeze([429, 503]),
  backoffBaseMs: 500,
  backoffLimitMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxTotalMs: 120_000,
});

/** Merges user overrides over the defaults, checking numbers. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): Readonly<RetryPolicy> {
  const merged = { ...defaultRetryPolicy, ...overrides };
  for (const k of ["limit", "backoffBaseMs", "backoffLimitMs", "maxRetryAfterMs", "maxTotalMs"] as const) {
    if (typeof merged[k] !== "number" || !Number.isFinite(merged[k]) || merged[k] < 0) {
      throw new AtlasConfigError(`retry.${k}`, `retry.${k} must be a finite number ≥ 0 (got ${String(merged[k])})`);
    }
  }
  return Object.freeze({ ...merged, methods: merged.methods.map((m) => m.toUpperCase()) });
}

/** What went wrong with one attempt, as far as retrying is concerned. */
export type RetryOutcome =
  | { kind: "status"; status: number; retryAfterMs?: number }
  | { kind: "network"; requestSent: boolean; timedOut: boolean; errno?: string }
  /** A 2xx whose body could not be read as JSON (truncated or garbled). */
  | { kind: "malformed" };

export interface RetryState {
  method: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Time spent since the first attempt began. */
  elapsedMs: number;
  /** Returns [0, 1); injected so tests can pin the jitter. */
  random: () => number;
}

/** True if this outcome may be retried for this method at all (ignoring limits and budget). */
export function isRetryable(policy: Readonly<RetryPolicy>, method: string, outcome: RetryOutcome): boolean {
  const idempotent = policy.methods.includes(method.toUpperCase());
  switch (outcome.kind) {
    case "status":
      return policy.statusCodes.includes(outcome.status) && (idempotent || outcome.status === 429);
    case "network":
      return idempotent || !outcome.requestSent;
    case "malformed":
      return idempotent;
  }
}

/**
 * Delay before the next attempt, or undefined to give up now. Backoff is capped exponential with
 * full jitter. A usable `Retry-After` is a floor: MongoDB advises waiting at least that long, then
 * backing off, so the jittered backoff step is added on top. Without the jitter, every client held
 * back by one project's rate limit comes back in the same second and most retries meet another 429.
 * A delay that would overrun the total budget gives up at once rather than sleeping in vain.
 *
 * A 429 with an honoured `Retry-After` is bounded by `maxTotalMs`, not by `limit` (unless `limit`
 * is 0: no retries at all): the request was refused unprocessed and the server said when to come
 * back. Clients sharing one project's rate limit (Pulumi runs 8 operations at once by default;
 * Atlas allows 100 requests a minute) each wait several `Retry-After: 1` rounds for a token, more
 * than `limit` allows.
 */
export function retryDelay(policy: Readonly<RetryPolicy>, state: RetryState, outcome: RetryOutcome): number | undefined {
  const throttled =
    outcome.kind === "status" && outcome.status === 429 && outcome.retryAfterMs !== undefined && policy.afterStatusCodes.includes(429);
  if (state.attempt > policy.limit && !(throttled && policy.limit > 0)) return undefined;
  if (!isRetryable(policy, state.method, outcome)) return undefined;
  const step = Math.min(policy.backoffLimitMs, policy.backoffBaseMs * 2 ** (state.attempt - 1));
  let delay = Math.floor(state.random() * step);
  if (outcome.kind === "status" && outcome.retryAfterMs !== undefined && policy.afterStatusCodes.includes(outcome.status)) {
    if (outcome.retryAfterMs > policy.maxRetryAfterMs) return undefined;
    delay += outcome.retryAfterMs;
  }
  if (state.elapsedMs + delay > policy.maxTotalMs) return undefined;
  return delay;
}

/** A short human reason for logs (`onRetry`). */
export function describeOutcome(outcome: RetryOutcome): string {
  switch (outcome.kind) {
    case "status":
      return `HTTP ${outcome.status}${outcome.retryAfterMs !== undefined ? ` (Retry-After ${outcome.retryAfterMs} ms)` : ""}`;
    case "network":
      return outcome.timedOut ? "timeout" : `network error ${outcome.errno ?? ""}`.trim();
    case "malformed":
      return "malformed response body";
  }
}
