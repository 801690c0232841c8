import type { AnyRestoreJob, RestoreJobReader } from "../restore/family-types";
import { describeProgress, forecastNote, type RestoreForecast } from "../restore/restore-forecast";

/**
 * The forecast's part of the progress lines: ", usually done in ~6 min" after a status line of a
 * job still in flight, and while the status stays the same a line now and then (every quarter of
 * the expected duration, at least a minute apart): "TenantRestore 65…: RUNNING for 4 min, usually
 * done in ~6 min". Nothing without a forecast.
 */
export function forecastProgress(reader: RestoreJobReader & { label: string }, forecast: RestoreForecast | undefined, log: (line: string) => void) {
  const everyMs = forecast === undefined ? Infinity : Math.max(60_000, forecast.estimate.expectedMs / 4);
  let lastLineMs = 0;
  let lastStatus: string | undefined;
  return {
    note: (job: AnyRestoreJob): string => (reader.phase(job) === "inFlight" ? forecastNote(forecast) : ""),
    statusChanged(job: AnyRestoreJob, elapsedMs: number): void {
      lastLineMs = elapsedMs;
      lastStatus = reader.status(job);
    },
    onPoll(job: AnyRestoreJob, statusChanged: boolean, elapsedMs: number): void {
      // Only while the status stays the same (a change has its own line).
      if (statusChanged || forecast === undefined || elapsedMs - lastLineMs < everyMs || reader.status(job) !== lastStatus) return;
      lastLineMs = elapsedMs;
      log(`${reader.label} ${job.id}: ${describeProgress(lastStatus ?? "?", forecast, elapsedMs)}`);
    },
  };
}
