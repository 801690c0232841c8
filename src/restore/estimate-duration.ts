/**
 * How long the next restore of a cluster will probably take, from that cluster's own finished
 * restores. Pure: no clock, no requests; the caller turns jobs into `PastRestore`s (the family
 * knows which fields hold the start and finish) and passes the local time.
 */

/** One earlier restore job of the same source cluster, kind and delivery type. */
export interface PastRestore {
  /** When Atlas took the job (epoch ms by Atlas's clock), if known. */
  startedAtMs?: number;
  /** When it finished (epoch ms by Atlas's clock), if it has. */
  finishedAtMs?: number;
  /** False for failed or cancelled jobs: their durations say nothing about a successful one. */
  succeeded: boolean;
}

export interface DurationEstimate {
  /** The robust centre: the median duration of the jobs kept. */
  expectedMs: number;
  /** Robust spread: 1.4826 × the median absolute deviation (a standard deviation for normal data), at least 2 % of `expectedMs`. */
  spreadMs: number;
  /** Jobs the estimate rests on (after dropping failed ones and outliers). */
  samples: number;
  /** Finished jobs dropped as outliers. */
  outliers: number;
  /**
   * How far Atlas's clock is at least ahead of the local one, from job dates later than `nowMs`
   * (0 when none is): add it to `nowMs` before comparing with a job date. A clock behind cannot be
   * seen from past dates; it only makes a running job look older (so polling gets denser earlier).
   */
  atlasAheadMs: number;
}

export interface EstimateOptions {
  /** Local time of the listing (epoch ms). */
  nowMs: number;
  /** Fewest usable jobs for an estimate; default 3 (outliers cannot be told from one or two). */
  minSamples?: number;
  /** Only the newest this many successful jobs count (restores change as data grows); default 20. */
  maxSamples?: number;
  /** A job further than this many spreads from the median is an outlier; default 3.5. */
  outlierSpreads?: number;
  /** …and further than this share of the median (so ±25 % is never an outlier, even when most jobs took the same time); default 0.25. */
  outlierMinShare?: number;
}

const MAD_TO_SIGMA = 1.4826;
/** The spread never counts as less than this share of the centre (identical durations are luck, not certainty). */
export const MIN_RELATIVE_SPREAD = 0.02;

export function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

function centreAndSpread(durations: readonly number[]): { centre: number; spread: number } {
  const centre = median(ascending(durations));
  const mad = median(ascending(durations.map((d) => Math.abs(d - centre))));
  return { centre, spread: Math.max(MAD_TO_SIGMA * mad, MIN_RELATIVE_SPREAD * centre) };
}

/**
 * Median and MAD of the durations of the newest successful finished jobs, after dropping jobs more
 * than `outlierSpreads` spreads and `outlierMinShare` of the median away from it (one pass). Undefined when fewer than `minSamples`
 * usable jobs remain. Durations are differences of two Atlas dates, so clock skew between Atlas and
 * this machine cancels out; jobs without both dates, or with a finish before their start, are unusable.
 */
export function estimateDuration(history: readonly PastRestore[], options: EstimateOptions): DurationEstimate | undefined {
  const minSamples = Math.max(1, options.minSamples ?? 3);
  const maxSamples = options.maxSamples ?? 20;
  const k = options.outlierSpreads ?? 3.5;
  let latestDate = -Infinity;
  const finished: Array<{ durationMs: number; finishedAtMs: number }> = [];
  for (const job of history) {
    for (const date of [job.startedAtMs, job.finishedAtMs]) if (date !== undefined && Number.isFinite(date)) latestDate = Math.max(latestDate, date);
    if (!job.succeeded || job.startedAtMs === undefined || job.finishedAtMs === undefined) continue;
    const durationMs = job.finishedAtMs - job.startedAtMs;
    if (Number.isFinite(durationMs) && durationMs > 0) finished.push({ durationMs, finishedAtMs: job.finishedAtMs });
  }
  const atlasAheadMs = Math.max(0, latestDate - options.nowMs);
  const recent = finished.sort((a, b) => b.finishedAtMs - a.finishedAtMs).slice(0, maxSamples).map((j) => j.durationMs);
  if (recent.length < minSamples) return undefined;
  const first = centreAndSpread(recent);
  const limit = Math.max(k * first.spread, (options.outlierMinShare ?? 0.25) * first.centre);
  const kept = recent.filter((d) => Math.abs(d - first.centre) <= limit);
  if (kept.length < minSamples) return undefined;
  const { centre, spread } = centreAndSpread(kept);
  return { expectedMs: centre, spreadMs: spread, samples: kept.length, outliers: recent.length - kept.length, atlasAheadMs };
}

/**
 * How long a job has been running, by the local clock, from its start date by Atlas's clock: never
 * negative (a start "in the future" is skew), corrected by what the history showed of Atlas running ahead.
 */
export function jobAgeMs(startedAtMs: number | undefined, nowMs: number, estimate?: Pick<DurationEstimate, "atlasAheadMs">): number {
  if (startedAtMs === undefined || !Number.isFinite(startedAtMs)) return 0;
  return Math.max(0, nowMs + (estimate?.atlasAheadMs ?? 0) - startedAtMs);
}
