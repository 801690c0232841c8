import { MAX_POLL_INTERVAL_SECONDS } from "../schemas/restore-args";
import type { DurationEstimate } from "./estimate-duration";
import { defaultForecastPollOptions, forecastDelay, forecastPlan, type ForecastPollOptions } from "./forecast-poll";

/**
 * How often to ask Atlas about a running restore. Without a forecast: the first interval, growing
 * by `growthFactor` per poll up to `maxIntervalMs`. With a forecast from the cluster's history (and
 * `forecast` not false), by default the forecast only makes that schedule denser near the expected
 * finish: each pause is the shorter of the plain one and the forecast's (forecast-poll.ts), so no
 * pause is longer than `capMs` (`maxPollIntervalSeconds`, default 30 s) and a wrong history never
 * delays seeing the finish. Economy mode (`economy`: a `maxPollIntervalSeconds` above 30 s) lets the
 * forecast set the pauses alone: sparse far from the expected finish (up to the bound), dense
 * around it. A server `Retry-After` hint lengthens one interval (beyond the cap too); no interval
 * ends past the deadline (the last poll happens at the deadline). Pure data plus one pure function.
 */
export interface PollPolicy {
  firstIntervalMs: number;
  growthFactor: number;
  maxIntervalMs: number;
  /** How to use a duration forecast; false = ignore it (an explicit `pollIntervalSeconds` does this). */
  forecast: Readonly<ForecastPollOptions> | false;
  /**
   * The bound on a forecast's pauses (`maxPollIntervalSeconds`; default 30 s). The plain schedule
   * needs none: `maxIntervalMs` is the same bound there. Unset with an explicit first pause.
   */
  capMs?: number;
  /** Economy mode: the forecast may lengthen pauses (up to `capMs`); otherwise it only shortens them. */
  economy: boolean;
}

/** 1.5 s growing ×1.4: a 3 s restore is seen at 3.6 s, a 600 s one with ≤ 30 polls and ≤ 30 s lag. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 1.5;
export const DEFAULT_POLL_GROWTH_FACTOR = 1.4;
/** The default `maxPollIntervalSeconds`: a finish is seen at most this late, with or without history. */
export const DEFAULT_MAX_POLL_INTERVAL_SECONDS = MAX_POLL_INTERVAL_SECONDS.default;

export const defaultPollPolicy: Readonly<PollPolicy> = Object.freeze({
  firstIntervalMs: DEFAULT_POLL_INTERVAL_SECONDS * 1000,
  growthFactor: DEFAULT_POLL_GROWTH_FACTOR,
  maxIntervalMs: DEFAULT_MAX_POLL_INTERVAL_SECONDS * 1000,
  forecast: defaultForecastPollOptions,
  capMs: DEFAULT_MAX_POLL_INTERVAL_SECONDS * 1000,
  economy: false,
});

/** The wait inputs that shape the schedule (resource inputs of the same names). */
export interface PollPace {
  /** A first pause: the schedule is then the plain growing one from it (no forecast). */
  pollIntervalSeconds?: number;
  /**
   * The longest pause (default 30 s): the plain schedule grows up to it. Above 30 s with a forecast:
   * economy mode (sparse polls far from the expected finish, up to this long).
   */
  maxPollIntervalSeconds?: number;
}

/**
 * The policy for the wait inputs. A given first interval wins over the forecast: the schedule is
 * then the plain growing one from that interval. A given maximum bounds every pause.
 */
export function pollPolicyFor(pace: PollPace = {}, overrides: Partial<PollPolicy> = {}): Readonly<PollPolicy> {
  const { pollIntervalSeconds, maxPollIntervalSeconds } = pace;
  const maxMs = maxPollIntervalSeconds === undefined ? defaultPollPolicy.maxIntervalMs : maxPollIntervalSeconds * 1000;
  // A given first pause (or a fleet's floor) turns the forecast off and wins over the bound; the
  // default first pause yields to a bound below it.
  const { capMs: _unused, ...plain } = defaultPollPolicy;
  const paced: PollPolicy =
    pollIntervalSeconds === undefined
      ? { ...defaultPollPolicy, maxIntervalMs: maxMs, capMs: maxMs, economy: maxMs > defaultPollPolicy.maxIntervalMs }
      : { ...plain, firstIntervalMs: pollIntervalSeconds * 1000, maxIntervalMs: maxMs, forecast: false };
  const merged: PollPolicy = { ...paced, ...overrides };
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
  let delay = Math.min(policy.maxIntervalMs, policy.firstIntervalMs * policy.growthFactor ** Math.max(0, attempt));
  if (moment.estimate !== undefined && policy.forecast !== false) {
    const plan = forecastPlan(moment.estimate, policy.maxIntervalMs, policy.forecast, { capMs: policy.capMs ?? Infinity, economy: policy.economy });
    const forecast = forecastDelay(plan, moment.jobElapsedMs ?? moment.elapsedMs);
    delay = policy.economy ? forecast : Math.min(delay, forecast);
  }
  if (moment.retryAfterMs !== undefined) delay = Math.max(delay, moment.retryAfterMs);
  return Math.min(delay, remaining);
}
