import type { AnyRestoreJob, RestoreFamily } from "./family-types";
import { estimateDuration, jobAgeMs, type DurationEstimate, type PastRestore } from "./estimate-duration";

/**
 * A forecast for one wait: how long restores like this one usually take (from the source cluster's
 * own finished jobs, as listed for adoption anyway) and how long this job had already been running
 * when waiting began. The poll policy works in job time: `jobAgeAtStartMs` + time waited.
 */
export interface RestoreForecast {
  estimate: DurationEstimate;
  jobAgeAtStartMs: number;
}

/** What the forecast reads from a job: the family row's `startedAt`, `finishedAt` and `phase` columns. */
export type HistoryColumns<J extends AnyRestoreJob> = Pick<RestoreFamily<never, never, J>, "startedAt" | "finishedAt" | "phase">;

/**
 * The forecast for waiting on `job`, from `jobs` (the source cluster's restore jobs): only jobs of
 * the same delivery type count, never `job` itself. `started` = the job was just created (its age is
 * 0 whatever its date says); otherwise (adopted, resumed) its age is read from its start date,
 * corrected for clock skew. Undefined when the history is too thin (see estimateDuration).
 */
export function forecastRestore<J extends AnyRestoreJob>(
  columns: HistoryColumns<J>,
  jobs: readonly J[],
  job: J,
  options: { nowMs: number; started: boolean; minSamples?: number },
): RestoreForecast | undefined {
  // The listed copy of the job, when the listing has it, is fresher than a job read back from state.
  const current = jobs.find((j) => j.id === job.id) ?? job;
  const history: PastRestore[] = jobs
    .filter((j) => j.id !== job.id && j.deliveryType === current.deliveryType)
    .map((j) => ({ startedAtMs: columns.startedAt(j), finishedAtMs: columns.finishedAt(j), succeeded: columns.phase(j) === "succeeded" }));
  const estimate = estimateDuration(history, { nowMs: options.nowMs, minSamples: options.minSamples });
  if (estimate === undefined) return undefined;
  return { estimate, jobAgeAtStartMs: options.started ? 0 : jobAgeMs(columns.startedAt(current), options.nowMs, estimate) };
}

/** "~45 s", "~6 min", "~1 h 20 min": rounded the way a person would say it. */
export function approxDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 90) return `~${Math.max(1, Math.round(s))} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `~${min} min`;
  const h = Math.floor(min / 60);
  return `~${h} h${min % 60 === 0 ? "" : ` ${min % 60} min`}`;
}

/** ", usually done in ~6 min" for progress lines ("" without a forecast). */
export function forecastNote(forecast: RestoreForecast | undefined): string {
  return forecast === undefined ? "" : `, usually done in ${approxDuration(forecast.estimate.expectedMs)}`;
}

/** "RUNNING for ~4 min, usually done in ~6 min" (or "… running longer than usual (~6 min)"). */
export function describeProgress(status: string, forecast: RestoreForecast, waitedMs: number): string {
  const age = forecast.jobAgeAtStartMs + waitedMs;
  const { expectedMs, spreadMs } = forecast.estimate;
  const usual = age > expectedMs + 2 * spreadMs ? `, longer than usual (${approxDuration(expectedMs)})` : forecastNote(forecast);
  return `${status} for ${approxDuration(age).slice(1)}${usual}`;
}
