import { jobTime } from "../restore/adopt";
import { describeRestore, type RestoreSubject } from "../restore/errors";
import type { RestoreJob } from "../restore/restore-family";

/** How a person forces a new restore of the same snapshot onto the same target. */
export const FORCE_NEW_RESTORE = "set adoptionWindowSeconds: 0 on the resource, or run `pulumi up --replace <urn of this resource>`";

function when(job: RestoreJob): string {
  const finished = typeof job.restoreFinishedDate === "string" ? job.restoreFinishedDate : undefined;
  if (finished !== undefined) return `finished ${finished}`;
  const at = jobTime(job);
  return at === undefined ? "of unknown date" : `scheduled ${new Date(at).toISOString()}`;
}

/**
 * Printed whenever create takes over a finished job instead of POSTing (destroy then up with the
 * same snapshot, or a run killed after Atlas took the POST): the target was NOT restored again.
 */
export function adoptionNotice(label: string, request: RestoreSubject, job: RestoreJob, windowMs: number): string {
  return (
    `${describeRestore(label, request, job.id)}: adopted the identical restore Atlas already ran (${job.status ?? "?"}, ${when(job)}; ` +
    `within the adoption window of ${Math.round(windowMs / 1000)} s) instead of starting a new one, so the target was NOT restored again. ` +
    `To restore again, ${FORCE_NEW_RESTORE}.`
  );
}

/**
 * Printed by refresh when Atlas answers 404 for a recorded job (it no longer lists it): the
 * resource stays in the stack as last seen, marked `jobVisible: false`, and is not restored again.
 */
export function jobNotFoundNotice(label: string, request: RestoreSubject, jobId: string, lastStatus: unknown): string {
  const last = typeof lastStatus === "string" ? lastStatus : "in an unknown state";
  return (
    `${describeRestore(label, request, jobId)}: Atlas no longer lists this job (404; last seen ${last}). It stays in the ` +
    "stack as last seen, with jobVisible: false, and the restore is NOT repeated. To restore again run " +
    "`pulumi up --replace <urn of this resource>`."
  );
}
