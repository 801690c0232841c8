import type { DurationEstimate } from "./estimate-duration";

/**
 * When to poll a job whose duration is forecast from the cluster's history. Pure and clock-free:
 * the pause is a function of how long the job has been running (`jobElapsedMs`), so a resumed wait
 * picks up where the forecast says it is. Three phases around the expected finish E:
 *
 *   sparse   before the window: few polls, evenly spaced at most `sparseShare` × E apart (never
 *            less than the no-history maximum interval), the last one on the window's start;
 *   dense    window [E − low, E + high]: every `denseShare` × (window start) (at least `minDenseMs`),
 *            so a finish inside it is seen within about 2 % of its duration; under a bound (the
 *            default mode, see `PlanBound`) denser still, for at most `windowExtraPolls` more polls
 *            than polling the window at the bound would cost;
 *   tail     past the window (the job runs long): the pause is `tailShare` × the overrun (so it
 *            doubles per poll with 1) up to `tailMaxShare` × the no-history maximum interval: a much
 *            longer job costs about as many polls as without a forecast and is seen about as soon.
 *
 * The window's half-widths are `windowSpreads` robust spreads, bounded by `minWindowShare` and
 * `maxWindowShare` of E (`lowWindowShare`/`highWindowShare` fixed ones, if set).
 */
export interface ForecastPollOptions {
  denseShare: number;
  minDenseMs: number;
  sparseShare: number;
  windowSpreads: number;
  minWindowShare: number;
  maxWindowShare: number;
  /** The tail's growth: the pause is this share of the time past the window. */
  tailShare: number;
  /** The tail's longest pause, as a share of the no-history maximum interval. */
  tailMaxShare: number;
  /** Default mode: the window costs at most this many polls more than one every `capMs` would. */
  windowExtraPolls: number;
}

export const defaultForecastPollOptions: Readonly<ForecastPollOptions> = Object.freeze({
  denseShare: 0.02,
  minDenseMs: 2000,
  sparseShare: 0.5,
  windowSpreads: 1,
  minWindowShare: 0.04,
  maxWindowShare: 0.06,
  tailShare: 1,
  tailMaxShare: 1,
  windowExtraPolls: 7,
});

/** The poll plan of one forecast, in job time (ms since the job started). */
export interface ForecastPlan {
  windowStartMs: number;
  windowEndMs: number;
  denseMs: number;
  sparseMaxMs: number;
  tailMaxMs: number;
  tailShare: number;
}

/**
 * The bound on a plan's pauses: the user's `maxPollIntervalSeconds` (default 30 s). `economy` (a
 * bound above the default) keeps the forecast's own dense interval (2 % of the window's start), so
 * a long restore costs a few polls; otherwise the dense polls are budgeted (`windowExtraPolls`).
 */
export interface PlanBound {
  capMs: number;
  economy: boolean;
}

/** No bound: the forecast alone (economy without a cap). */
export const UNBOUNDED: Readonly<PlanBound> = Object.freeze({ capMs: Infinity, economy: true });

/**
 * The plan for an estimate. `bound.capMs` bounds every pause: the sparse polls then come at most
 * that far apart (still ending on the window's start), so a job much shorter than its history is
 * seen at most that late.
 */
export function forecastPlan(
  estimate: Pick<DurationEstimate, "expectedMs" | "spreadMs">,
  maxIntervalMs: number,
  options: Readonly<ForecastPollOptions> = defaultForecastPollOptions,
  bound: Readonly<PlanBound> = UNBOUNDED,
): ForecastPlan {
  const e = estimate.expectedMs;
  const { capMs } = bound;
  const share = Math.min(options.maxWindowShare, Math.max(options.minWindowShare, (options.windowSpreads * estimate.spreadMs) / e));
  const windowStartMs = e * (1 - share);
  const windowEndMs = e * (1 + share);
  const width = windowEndMs - windowStartMs;
  // Default mode: n polls across the window at the bound, n + windowExtraPolls with the forecast.
  const budgeted = bound.economy ? Infinity : width / (width / capMs + options.windowExtraPolls);
  const denseMs = Math.min(capMs, Math.max(options.minDenseMs, Math.min(budgeted, options.denseShare * windowStartMs)));
  return {
    windowStartMs,
    windowEndMs,
    denseMs,
    sparseMaxMs: Math.min(capMs, Math.max(maxIntervalMs, options.sparseShare * e)),
    tailMaxMs: Math.min(capMs, Math.max(options.tailMaxShare * maxIntervalMs, denseMs)),
    tailShare: options.tailShare,
  };
}

/** The pause before the next poll of a job running for `jobElapsedMs` (before deadline and Retry-After). */
export function forecastDelay(plan: ForecastPlan, jobElapsedMs: number): number {
  const t = Math.max(0, jobElapsedMs);
  const toWindow = plan.windowStartMs - t;
  if (toWindow >= plan.denseMs) return toWindow / Math.ceil(toWindow / plan.sparseMaxMs);
  if (t < plan.windowEndMs) return plan.denseMs;
  return Math.min(plan.tailMaxMs, Math.max(plan.denseMs, plan.tailShare * (t - plan.windowEndMs)));
}
