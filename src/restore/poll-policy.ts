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
   * The user's bound on every pause (`maxPollIntervalSeconds`), forecast or not; only a server's
   * Retry-After may exceed it. Never below `firstIntervalMs` (a fleet's poll floor wins).
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
  const cap = maxPollIntervalSeconds === undefined ? {} : { maxIntervalMs: maxPollIntervalSeconds * 1000, capMs: maxPollIntervalSeconds * 1000 };
  const merged: PollPolicy = { ...defaultPollPolicy, ...explicit, ...cap, ...overrides };
  if (!(merged.firstIntervalMs > 0) || !(merged.growthFactor >= 1) || !(merged.maxIntervalMs > 0) || (merged.capMs !== undefined && !(merged.capMs > 0))) {
    throw new RangeError("poll policy: firstIntervalMs, maxIntervalMs and capMs must be > 0 and growthFactor ≥ 1");
  }
  // A given first pause (or a fleet's floor) wins over the cap; the default first pause yields to it.
  const capMs = merged.capMs === undefined ? undefined : pollIntervalSeconds === undefined ? merged.capMs : Math.max(merged.capMs, merged.firstIntervalMs);
  const firstIntervalMs = capMs === undefined ? merged.firstIntervalMs : Math.min(merged.firstIntervalMs, capMs);
  return Object.freeze({
    ...merged,
    firstIntervalMs,
    maxIntervalMs: Math.max(merged.maxIntervalMs, firstIntervalMs),
    ...(capMs === undefined ? {} : { capMs }),
  });
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
  if (policy.capMs !== undefined) delay = Math.min(delay, policy.capMs);
  if (moment.retryAfterMs !== undefined) delay = Math.max(delay, moment.retryAfterMs);
  return Math.min(delay, remaining);
}
