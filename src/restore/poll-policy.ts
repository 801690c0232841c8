/**
 * How often to ask Atlas about a running restore: the first interval, growing by `growthFactor` per
 * poll up to `maxIntervalMs`. A server `Retry-After` hint lengthens one interval; no interval ends
 * past the deadline (the last poll happens at the deadline). Pure data plus one pure function.
 */
export interface PollPolicy {
  firstIntervalMs: number;
  growthFactor: number;
  maxIntervalMs: number;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 2;
export const DEFAULT_MAX_POLL_INTERVAL_SECONDS = 30;

export const defaultPollPolicy: Readonly<PollPolicy> = Object.freeze({
  firstIntervalMs: DEFAULT_POLL_INTERVAL_SECONDS * 1000,
  growthFactor: 1.5,
  maxIntervalMs: DEFAULT_MAX_POLL_INTERVAL_SECONDS * 1000,
});

/** The policy for a first interval in seconds (the resource input `pollIntervalSeconds`). */
export function pollPolicyFor(pollIntervalSeconds?: number, overrides: Partial<PollPolicy> = {}): Readonly<PollPolicy> {
  const first = pollIntervalSeconds === undefined ? defaultPollPolicy.firstIntervalMs : pollIntervalSeconds * 1000;
  const merged = { ...defaultPollPolicy, firstIntervalMs: first, ...overrides };
  if (!(merged.firstIntervalMs > 0) || !(merged.growthFactor >= 1) || !(merged.maxIntervalMs > 0)) {
    throw new RangeError("poll policy: firstIntervalMs and maxIntervalMs must be > 0 and growthFactor ≥ 1");
  }
  return Object.freeze({ ...merged, maxIntervalMs: Math.max(merged.maxIntervalMs, merged.firstIntervalMs) });
}

export interface PollMoment {
  /** Time since the wait started. */
  elapsedMs: number;
  timeoutMs: number;
  /** The server's Retry-After from the last failed poll, if any. */
  retryAfterMs?: number;
}

/**
 * The pause before poll number `attempt` + 1 (attempt 0 = the pause after the first look), or
 * `undefined` when the deadline has passed and no further poll should be made.
 */
export function pollDelay(policy: Readonly<PollPolicy>, attempt: number, moment: PollMoment): number | undefined {
  const remaining = moment.timeoutMs - moment.elapsedMs;
  if (remaining <= 0) return undefined;
  const grown = policy.firstIntervalMs * policy.growthFactor ** Math.max(0, attempt);
  let delay = Math.min(policy.maxIntervalMs, grown);
  if (moment.retryAfterMs !== undefined) delay = Math.max(delay, moment.retryAfterMs);
  return Math.min(delay, remaining);
}
