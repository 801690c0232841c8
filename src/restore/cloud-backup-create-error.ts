import { AtlasApiError } from "../atlas/errors";
import type { CloudBackupRestoreArgs } from "../schemas/cloud-backup-args";
import { describeRestore } from "./describe-restore";
import { RestoreError } from "./errors";

/**
 * What Atlas's refusal of a dedicated restore POST means and what to do, by `errorCode`. Codes from
 * Atlas's "Administration API Error Codes" table and the sources listed in
 * src/simulator/routes/cloud-backup-create.ts; where Atlas's code for a case is unconfirmed, the
 * simulator's code and the table's candidates all get the same advice. A running restore on the
 * target (isRestoreConflict) never gets here: adoptOrCreateRestore turns it into RestoreConflictError.
 */
function adviceFor(error: AtlasApiError, a: CloudBackupRestoreArgs): string | undefined {
  // The source cluster's jobs are listed (GET) before any POST: a cluster or project refused on the
  // GET is the source, one refused on the POST is the target (the source just answered).
  const onTarget = error.method === "POST";
  const cluster = onTarget ? `targetClusterName ${a.targetClusterName ?? "?"}` : `clusterName ${a.clusterName}`;
  const project = onTarget ? `targetProjectId ${a.targetProjectId ?? a.projectId}` : `projectId ${a.projectId}`;
  const dedicatedTarget = "choose a dedicated (M10+) cluster as targetClusterName: a dedicated cluster's backup cannot be restored onto it.";
  const code = error.errorCode ?? "";
  const pickSnapshot = "pick one with getLatestCloudBackupSnapshot or getCloudBackupSnapshots";
  const pointInTime =
    `the point in time is outside ${a.clusterName}'s continuous-backup window (or continuous backup is off): ` +
    "choose a moment inside the window Atlas shows for the cluster.";
  switch (code) {
    case "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API":
      return `${cluster} is a Flex cluster, which this API (dedicated M10+ clusters) does not serve: ` +
        (onTarget ? dedicatedTarget : "restore it with FlexRestore (snapshot ids from getFlexSnapshots).");
    case "CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API": // simulator's code; Atlas's is unconfirmed
      return `${cluster} is an M0/M2/M5 cluster, which has no Cloud Backup restore jobs: ` + (onTarget ? dedicatedTarget : "use FlexRestore for Flex clusters.");
    case "SNAPSHOT_NOT_FOUND":
      return `snapshot ${a.snapshotId ?? "(none given)"} is not a snapshot of ${a.clusterName}: ${pickSnapshot}.`;
    case "CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT":
    case "CANNOT_START_RESTORE_JOB_FOR_DELETED_CLUSTER_SNAPSHOT":
      return `snapshot ${a.snapshotId ?? "?"} has been deleted (expired by the backup policy, or removed): ${pickSnapshot}.`;
    case "CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT":
      return `snapshot ${a.snapshotId ?? "?"} is not complete yet: wait until its status is completed, or ${pickSnapshot}.`;
    case "INVALID_POINT_IN_TIME": // simulator's code; the next three are the table's candidates
    case "INVALID_PIT_RESTORE_TIME":
    case "UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME":
    case "NO_CHECKPOINT_FOR_PIT_RESTORE":
      return pointInTime;
    case "CLUSTER_PAUSED_CANNOT_RESTORE":
      return `the target cluster ${a.targetClusterName ?? "?"} is paused: resume it in Atlas (or choose another target), then run \`pulumi up\` again.`;
    case "CLUSTER_NOT_FOUND":
      return `check ${cluster}: Atlas knows no such dedicated cluster in ${onTarget ? "the target project" : "the project"}.`;
    case "GROUP_NOT_FOUND":
      return `check ${project}.`;
    default:
      return undefined;
  }
}

/** Atlas refusals of the POST become a RestoreError that says the cause and what to do; others pass through. */
export function explainCloudBackupCreateError(error: unknown, a: CloudBackupRestoreArgs): unknown {
  if (!(error instanceof AtlasApiError)) return error;
  const hint = adviceFor(error, a);
  if (hint === undefined) return error;
  // Atlas's own words, not the client's generic reading of the status (a 404 there names the source cluster of the path).
  const atlas = `${error.method} ${error.path} → ${error.status} ${error.errorCode}${error.detail ? `: ${error.detail}` : ""}`;
  return new RestoreError(`${describeRestore("CloudBackupRestore", a)}: Atlas refused to start it (${atlas}): ${hint} Nothing was started.`, undefined, { cause: error });
}
