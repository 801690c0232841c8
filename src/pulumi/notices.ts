import { describeRestore, type RestoreSubject } from "../restore/describe-restore";
import type { AnyRestoreJob, RestoreFamily } from "../restore/family-types";

/** How a person forces a new restore of the same data onto the same target. */
export const FORCE_NEW_RESTORE = "set adoptionWindowSeconds: 0 on the resource, or run `pulumi up --replace <urn of this resource>`";

type Family = Pick<RestoreFamily, "label" | "status" | "startedAt" | "finishedAt">;

function when(family: Family, job: AnyRestoreJob): string {
  const finished = family.finishedAt(job);
  if (finished !== undefined) return `finished ${new Date(finished).toISOString().replace(".000Z", "Z")}`;
  const started = family.startedAt(job);
  return started === undefined ? "of unknown date" : `started ${new Date(started).toISOString().replace(".000Z", "Z")}`;
}

/**
 * Printed whenever create takes over a finished job instead of POSTing (destroy then up with the
 * same snapshot, or a run killed after Atlas took the POST): the target was NOT restored again.
 */
export function adoptionNotice(family: Family, request: RestoreSubject, job: AnyRestoreJob, windowMs: number): string {
  return (
    `${describeRestore(family.label, request, job.id)}: adopted the identical restore Atlas already ran (${family.status(job) ?? "?"}, ${when(family, job)}; ` +
    `within the adoption window of ${Math.round(windowMs / 1000)} s) instead of starting a new one, so the target was NOT restored again. ` +
    `To restore again, ${FORCE_NEW_RESTORE}.`
  );
}

/**
 * Printed by refresh when Atlas answers 404 for a recorded job (it no longer lists it): the
 * resource stays in the stack as last seen, marked `jobVisible: false`, and is not restored again.
 */
export function jobNotFoundNotice(label: string, request: RestoreSubject, jobId: string, lastStatus: string | undefined): string {
  return (
    `${describeRestore(label, request, jobId)}: Atlas no longer lists this job (404; last seen ${lastStatus ?? "in an unknown state"}). It stays in the ` +
    "stack as last seen, with jobVisible: false, and the restore is NOT repeated. To restore again run " +
    "`pulumi up --replace <urn of this resource>`."
  );
}
