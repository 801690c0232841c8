import { AtlasApiError } from "../atlas/errors";

/**
 * Codes by which Atlas says a restore is already running on the target. From Atlas's "Administration
 * API Error Codes" table: 400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE (python-atlasapi catches it
 * on POST …/backup/restoreJobs) and 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS; RESTORE_IN_PROGRESS is the
 * simulator's code for the tenant and Flex paths (unconfirmed).
 */
export const RESTORE_IN_PROGRESS_CODES: readonly string[] = Object.freeze([
  "CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE",
  "ATLAS_CLUSTER_RESTORE_IN_PROGRESS",
  "RESTORE_IN_PROGRESS",
]);

/**
 * 409s the same table gives for restore refusals that are not a running restore (the snapshot or the
 * continuous backup cannot serve the request); the family's explainCreateError words those.
 */
export const NOT_A_CONFLICT_409_CODES: readonly string[] = Object.freeze([
  "CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT",
  "CANNOT_START_RESTORE_JOB_FOR_DELETED_CLUSTER_SNAPSHOT",
  "CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT",
  "NO_CHECKPOINT_FOR_PIT_RESTORE",
]);

/** Atlas refused a restore POST because another restore is writing to the target (so it may be ours to adopt). */
export function isRestoreConflict(error: unknown): error is AtlasApiError {
  if (!(error instanceof AtlasApiError)) return false;
  const code = error.errorCode ?? "";
  if (RESTORE_IN_PROGRESS_CODES.includes(code)) return true;
  return error.status === 409 && !NOT_A_CONFLICT_409_CODES.includes(code);
}
