import type { DurationEstimate } from "./estimate-duration";
import { defaultForecastPollOptions, forecastDelay, forecastPlan, type ForecastPollOptions } from "./forecast-poll";

/**
 * How often to ask Atlas about a running restore. Without a forecast: the first interval, growing
 * by `growthFactor` per poll up to `maxIntervalMs`. With a forecast from the cluster's history (and
 * `forecast` not false): sparse, then dense around the expected finish, then backing off (see
 * forecast-poll.ts). A server `Retry-After` hint lengthens one interval; no interval ends past the
 * deadline (the last poll happens at the deadline). Pure data plus one pure function.
 */
export interface PollPolicy {
  firstIntervalMs: number;
  growthFactor: number;
  maxIntervalMs: number;
  /** How to use a duration forecast; false = ignore it (an explicit `pollIntervalSeconds` does this). */
  forecast: Readonly<ForecastPollOptions> | false;
}

/** 1.5 s growing ×1.4: a 3 s restore is seen at 3.6 s, a 600 s one with ≤ 30 polls and ≤ 30 s lag. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 1.5;
export const DEFAULT_POLL_GROWTH_FACTOR = 1.4;
export const DEFAULT_MAX_POLL_INTERVAL_SECONDS = 30;

export const defaultPollPolicy: Readonly<PollPolicy> = Object.freeze({
  firstIntervalMs: DEFAULT_POLL_INTERVAL_SECONDS * 1000,
  growthFactor: DEFAULT_POLL_GROWTH_FACTOR,
  maxIntervalMs: DEFAULT_MAX_POLL_INTERVAL_SECONDS * 1000,
  forecast: defaultForecastPollOptions,
});

/**
 * The policy for a first interval in seconds (the resource input `pollIntervalSeconds`). A given
 * interval wins over the forecast: the schedule is then the plain growing one from that interval.
 */
export function pollPolicyFor(pollIntervalSeconds?: number, overrides: Partial<PollPolicy> = {}): Readonly<PollPolicy> {
  const explicit = pollIntervalSeconds === undefined ? {} : { firstIntervalMs: pollIntervalSeconds * 1000, forecast: false as const };
  const merged = { ...defaultPollPolicy, ...explicit, ...overrides };
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
  /** The duration forecast from the cluster's history, if there is one. */
  estimate?: Pick<DurationEstimate, "expectedMs" | "spreadMs">;
  /** How long the job has been running (defaults to `elapsedMs`); the forecast is in job time. */
  jobElapsedMs?: number;
}

/**
 * The pause before poll number `attempt` + 1 (attempt 0 = the pause after the first look), or
 * `undefined` when the deadline has passed and no further poll should be made.
 */
export function pollDelay(policy: Readonly<PollPolicy>, attempt: number, moment: PollMoment): number | undefined {
  const remaining = moment.timeoutMs - moment.elapsedMs;
  if (remaining <= 0) return undefined;
  let delay: number;
  if (moment.estimate !== undefined && policy.forecast !== false) {
    const plan = forecastPlan(moment.estimate, policy.maxIntervalMs, policy.forecast);
    delay = forecastDelay(plan, moment.jobElapsedMs ?? moment.elapsedMs);
  } else {
    delay = Math.min(policy.maxIntervalMs, policy.firstIntervalMs * policy.growthFactor ** Math.max(0, attempt));
  }
  if (moment.retryAfterMs !== undefined) delay = Math.max(delay, moment.retryAfterMs);
  return Math.min(delay, remaining);
}
