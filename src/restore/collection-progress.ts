import { FAILED_COLLECTION_STATES, type CollectionRestoreCollectionState, type CollectionRestoreJob } from "../schemas/collection-restore";

/** One observation of a job while waiting: the documents restored at a moment (epoch ms). */
export interface DocumentSample {
  restoredDocuments: number;
  atMs: number;
}

/** `1.2 M`, `40 k`, `950`: three significant digits at most, for progress lines. */
export function compactCount(n: number): string {
  const units: Array<[number, string]> = [[1e9, " G"], [1e6, " M"], [1e3, " k"]];
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) {
      const v = n / size;
      return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${unit}`;
    }
  }
  return String(Math.round(n));
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * The progress line of a collection restore, or undefined when there is nothing new to say (no
 * document counts yet, or no document restored since the previous sample). Rate and time left
 * come from the previous sample; without one (first look) the line has the counts only:
 * `CollectionRestore 66…: 1.2 M / 4.8 M documents (25 %), 40 k docs/s, about 90 s left`.
 */
export function collectionProgressLine(label: string, job: CollectionRestoreJob, now: DocumentSample, previous?: DocumentSample): string | undefined {
  const total = job.totalDocuments;
  const done = job.restoredDocuments;
  if (typeof done !== "number" || typeof total !== "number" || total <= 0) return undefined;
  if (previous !== undefined && done <= previous.restoredDocuments) return undefined;
  const percent = Math.min(100, Math.floor((done / total) * 100));
  let line = `${label} ${job.id}: ${compactCount(done)} / ${compactCount(total)} documents (${percent} %)`;
  if (previous !== undefined && now.atMs > previous.atMs) {
    const rate = ((done - previous.restoredDocuments) * 1000) / (now.atMs - previous.atMs);
    line += `, ${compactCount(rate)} docs/s`;
    if (done < total) line += `, about ${duration((total - done) / rate)} left`;
  }
  return line;
}

/**
 * The collections of a job Atlas calls SUCCESSFUL that are not SUCCESSFUL themselves (a misspelt
 * collection ends NOT_FOUND, a time-series one UNSUPPORTED, while the job still succeeds), for
 * messages: `sales.ordrs (NOT_FOUND)`.
 */
export function describeUnrestoredCollections(states: readonly CollectionRestoreCollectionState[]): string[] {
  return states
    .filter((s) => s.state !== "SUCCESSFUL")
    .map((s) => `${s.sourceNamespace ?? "?"} (${s.state ?? "no state reported"}${s.indexStatus?.errorMessage ? `: ${s.indexStatus.errorMessage}` : ""})`);
}

/** The collections a job did not restore, for messages: `sales.customers (FAILED: disk full)`. */
export function describeFailedCollections(states: readonly CollectionRestoreCollectionState[]): string[] {
  return states
    .filter((s) => s.state !== undefined && FAILED_COLLECTION_STATES.has(s.state))
    .map((s) => {
      const why = s.indexStatus?.errorMessage ? `: ${s.indexStatus.errorMessage}` : "";
      return `${s.sourceNamespace ?? "?"} (${s.state}${why})`;
    });
}
