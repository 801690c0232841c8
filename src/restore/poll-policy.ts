import type { DurationEstimate } from "./estimate-duration";
import { defaultForecastPollOptions, forecastDelay, forecastPlan, type ForecastPollOptions } from "./forecast-poll";

/**
 * How often to ask Atlas about a running restore. Without a forecast: the first interval, growing
 * by `growthFactor` per poll up to `maxIntervalMs`. With a forecast from the cluster's history (and
 * `forecast` not false): sparse, then dense around the expected finish, then backing off (see
 * forecast-poll.ts). A user's `capMs` bounds every pause; a server `Retry-After` hint lengthens one
 * interval (beyond the cap too); no interval ends past the deadline (the last poll happens at the
 * deadline). Pure data plus one pure function.
 */
export interface PollPolicy {
  firstIntervalMs: number;
  growthFactor: number;
  maxIntervalMs: number;
  /** How to use a duration forecast; false = ignore it (an explicit `pollIntervalSeconds` does this). */
  forecast: Readonly<ForecastPollOptions> | false;
  /**
   * The user's bound (`maxPollIntervalSeconds`) on a forecast's pauses, which otherwise reach half
   * the expected duration. The plain schedule needs none: `maxIntervalMs` is the same bound there.
   */
  capMs?: number;
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

/** The wait inputs that shape the schedule (resource inputs of the same names). */
export interface PollPace {
  /** A first pause: the schedule is then the plain growing one from it (no forecast). */
  pollIntervalSeconds?: number;
  /** The longest pause: without a forecast the schedule grows up to it (instead of 30 s). */
  maxPollIntervalSeconds?: number;
}

/**
 * The policy for the wait inputs. A given first interval wins over the forecast: the schedule is
 * then the plain growing one from that interval. A given maximum bounds every pause.
 */
export function pollPolicyFor(pace: PollPace = {}, overrides: Partial<PollPolicy> = {}): Readonly<PollPolicy> {
  const { pollIntervalSeconds, maxPollIntervalSeconds } = pace;
  const explicit = pollIntervalSeconds === undefined ? {} : { firstIntervalMs: pollIntervalSeconds * 1000, forecast: false as const };
  // The bound reaches the forecast only when it is in use (no explicit first pause); a given first
  // pause (or a fleet's floor) above the bound wins, the default first pause yields to it.
  const maxMs = maxPollIntervalSeconds === undefined ? undefined : maxPollIntervalSeconds * 1000;
  const cap = maxMs === undefined ? {} : { maxIntervalMs: maxMs, ...(pollIntervalSeconds === undefined ? { capMs: maxMs } : {}) };
  const merged: PollPolicy = { ...defaultPollPolicy, ...explicit, ...cap, ...overrides };
  if (!(merged.firstIntervalMs > 0) || !(merged.growthFactor >= 1) || !(merged.maxIntervalMs > 0) || (merged.capMs !== undefined && !(merged.capMs > 0))) {
    throw new RangeError("poll policy: firstIntervalMs, maxIntervalMs and capMs must be > 0 and growthFactor ≥ 1");
  }
  const firstIntervalMs = merged.capMs === undefined ? merged.firstIntervalMs : Math.min(merged.firstIntervalMs, merged.capMs);
  return Object.freeze({ ...merged, firstIntervalMs, maxIntervalMs: Math.max(merged.maxIntervalMs, firstIntervalMs) });
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
    const plan = forecastPlan(moment.estimate, policy.maxIntervalMs, policy.forecast, policy.capMs);
    delay = forecastDelay(plan, moment.jobElapsedMs ?? moment.elapsedMs);
  } else {
    delay = Math.min(policy.maxIntervalMs, policy.firstIntervalMs * policy.growthFactor ** Math.max(0, attempt));
  }
  if (moment.retryAfterMs !== undefined) delay = Math.max(delay, moment.retryAfterMs);
  return Math.min(delay, remaining);
}
