import type { CloudBackupRestoreArgs } from "../schemas/cloud-backup-args";
import type { CloudBackupRestoreJob } from "../schemas/restore-job";
import { given, input, num, type RestoreIdentity } from "./restore-identity";

/**
 * Dedicated clusters (CloudBackupRestore): the same restore is the same source, the same delivery
 * type, the same data (the snapshot for automated and download; for pointInTime the moment, in the
 * form the inputs give it: `pointInTimeUTCSeconds`, or `oplogTs` + `oplogInc`) and, except for a
 * download, the same target (project defaulting to the source's, cluster). From a job, what Atlas
 * fills in is left out: the snapshot it picked for a point in time, the other form of the moment,
 * a target on a download; the source comes from the listing (the source cluster's own jobs).
 */
export const cloudBackupIdentity: RestoreIdentity<CloudBackupRestoreJob, CloudBackupRestoreArgs> = Object.freeze({
  ofInputs: (i: Readonly<Record<string, unknown>>) => {
    const download = i.deliveryType === "download";
    return {
      projectId: input(i.projectId),
      clusterName: input(i.clusterName),
      deliveryType: input(i.deliveryType),
      snapshotId: i.deliveryType === "pointInTime" ? undefined : input(i.snapshotId),
      pointInTimeUTCSeconds: input(i.pointInTimeUTCSeconds),
      oplogTs: input(i.oplogTs),
      oplogInc: input(i.oplogInc),
      targetProjectId: download ? undefined : (input(i.targetProjectId) ?? input(i.projectId)),
      targetClusterName: download ? undefined : input(i.targetClusterName),
    };
  },
  ofJob: (job: CloudBackupRestoreJob, r: CloudBackupRestoreArgs) => {
    const type = given(job.deliveryType);
    const pit = type === "pointInTime";
    const bySeconds = r.pointInTimeUTCSeconds !== undefined;
    return {
      projectId: r.projectId,
      clusterName: r.clusterName,
      deliveryType: type,
      snapshotId: pit ? undefined : given(job.snapshotId),
      pointInTimeUTCSeconds: pit && bySeconds ? num(job.pointInTimeUTCSeconds) : undefined,
      oplogTs: pit && !bySeconds ? num(job.oplogTs) : undefined,
      oplogInc: pit && !bySeconds ? num(job.oplogInc) : undefined,
      targetProjectId: type === "download" ? undefined : (given(job.targetGroupId) ?? r.projectId),
      targetClusterName: type === "download" ? undefined : given(job.targetClusterName),
    };
  },
});
