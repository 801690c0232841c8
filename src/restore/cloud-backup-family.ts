import { CloudBackupRestoreArgs } from "../schemas/cloud-backup-args";
import type { CreateCloudBackupRestoreParams, GetCloudBackupRestoreParams } from "../schemas/cloud-backup";
import type { CloudBackupRestoreJob } from "../schemas/restore-job";
import { explainCloudBackupCreateError } from "./cloud-backup-create-error";
import { cloudBackupIdentity } from "./cloud-backup-identity";
import * as job from "./cloud-backup-job";
import type { RestoreFamily, RestoreJobRef, RestoreSource } from "./family-types";

/** The methods of AtlasClient a dedicated-cluster restore needs. */
export interface CloudBackupRestoreClient {
  createCloudBackupRestoreJob(params: CreateCloudBackupRestoreParams): Promise<CloudBackupRestoreJob>;
  getCloudBackupRestoreJob(params: GetCloudBackupRestoreParams): Promise<CloudBackupRestoreJob>;
  cancelCloudBackupRestoreJob(params: GetCloudBackupRestoreParams): Promise<void>;
  iterateCloudBackupRestoreJobs(params: RestoreSource): AsyncIterable<CloudBackupRestoreJob>;
}

const JOB_FIELDS = ["status", "createdAt", "finishedAt", "expiresAt", "snapshotTimestamp", "deliveryUrls"] as const;

function requestParams(a: CloudBackupRestoreArgs): CreateCloudBackupRestoreParams {
  const keys = ["projectId", "clusterName", "deliveryType", "snapshotId", "pointInTimeUTCSeconds", "oplogTs", "oplogInc", "targetProjectId", "targetClusterName"] as const;
  return Object.fromEntries(keys.filter((k) => a[k] !== undefined).map((k) => [k, a[k]])) as CreateCloudBackupRestoreParams;
}

const ref = (r: RestoreJobRef): GetCloudBackupRestoreParams => ({ projectId: r.projectId, clusterName: r.clusterName, restoreJobId: r.restoreJobId });

/** What to do after a job ended without success, by how it ended. */
function failureAdvice(j: CloudBackupRestoreJob): string {
  const replace = "start a new restore: `pulumi up --replace <urn of this resource>` (or change the snapshot or point in time)";
  switch (job.cloudBackupStatus(j)) {
    case "CANCELLED":
      return `The job was cancelled in Atlas (by a person, another tool, or Atlas itself). If the restore is still wanted, ${replace}.`;
    case "EXPIRED":
      return j.deliveryType === "download"
        ? `Its download links expired at ${job.isoDate(j.expiresAt) ?? "an unknown time"}. For fresh links, ${replace}.`
        : `It expired (at ${job.isoDate(j.expiresAt) ?? "an unknown time"}) before it finished. ${replace[0]!.toUpperCase()}${replace.slice(1)}.`;
    default:
      return (
        "Atlas keeps the failed job and does not retry it. Check that the target cluster can take the restore (enough disk, " +
        `a MongoDB version at least the snapshot's, no backup compliance policy in the way), then ${replace}.`
      );
  }
}

/** Dedicated (M10+) clusters: `…/clusters/{clusterName}/backup/restoreJobs` (v1.0 and v2). */
export const cloudBackupRestoreFamily: RestoreFamily<CloudBackupRestoreClient, CloudBackupRestoreArgs, CloudBackupRestoreJob> = Object.freeze({
  kind: "cloudBackup",
  label: "CloudBackupRestore",
  create: (c: CloudBackupRestoreClient, a: CloudBackupRestoreArgs) => c.createCloudBackupRestoreJob(requestParams(a)),
  get: (c: CloudBackupRestoreClient, r: RestoreJobRef) => c.getCloudBackupRestoreJob(ref(r)),
  list: async (c: CloudBackupRestoreClient, s: RestoreSource) => {
    const jobs: CloudBackupRestoreJob[] = [];
    for await (const j of c.iterateCloudBackupRestoreJobs({ projectId: s.projectId, clusterName: s.clusterName })) jobs.push(j);
    return jobs;
  },
  cancel: (c: CloudBackupRestoreClient, r: RestoreJobRef) => c.cancelCloudBackupRestoreJob(ref(r)),
  explainCreateError: explainCloudBackupCreateError,
  status: job.cloudBackupStatus,
  phase: job.cloudBackupPhase,
  failureAdvice,
  isSameRestore: job.isSameCloudBackupRestore,
  isOnTarget: job.isOnCloudBackupTarget,
  // Atlas's v2 DiskBackupSnapshotRestoreJob has no start date (no createdAt): adoption judges a
  // finished job by finishedAt, and the forecast has no durations to learn from (noHistoryReason).
  startedAt: () => undefined,
  finishedAt: (j: CloudBackupRestoreJob) => job.epochMs(j.finishedAt),
  noHistoryReason:
    "Atlas does not report when a dedicated-cluster restore started (its v2 restore jobs have no start date), so earlier restores give no durations",
  args: CloudBackupRestoreArgs,
  identity: cloudBackupIdentity,
  jobOutputFields: JOB_FIELDS,
  secretOutputs: ["deliveryUrls"],
  jobOutputs: (j: CloudBackupRestoreJob) => {
    const urls = job.deliveryUrls(j);
    return {
      status: job.cloudBackupStatus(j),
      createdAt: job.isoDate(j.createdAt),
      finishedAt: job.isoDate(j.finishedAt),
      expiresAt: job.isoDate(j.expiresAt),
      snapshotTimestamp: typeof j.timestamp === "string" ? j.timestamp : undefined,
      deliveryUrls: urls.length > 0 ? urls : undefined,
    };
  },
  storedJob: (id: string, o: Record<string, unknown>): CloudBackupRestoreJob => {
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const urls = Array.isArray(o.deliveryUrls) ? o.deliveryUrls.filter((u): u is string => typeof u === "string") : undefined;
    return {
      id,
      deliveryType: str(o.deliveryType),
      createdAt: str(o.createdAt),
      finishedAt: str(o.finishedAt),
      expiresAt: str(o.expiresAt),
      timestamp: str(o.snapshotTimestamp),
      deliveryUrl: urls,
      failed: o.status === "FAILED",
      cancelled: o.status === "CANCELLED",
      expired: o.status === "EXPIRED",
      targetClusterName: str(o.targetClusterName),
      targetGroupId: str(o.targetProjectId),
    };
  },
  targetProjectOf: (j: CloudBackupRestoreJob) => j.targetGroupId,
  // A download job that may still serve its links is cancelled; anything else is only forgotten.
  deletion: (j: CloudBackupRestoreJob) => (j.deliveryType === "download" && ["IN_PROGRESS", "COMPLETED"].includes(job.cloudBackupStatus(j)) ? "cancel" : "forget"),
  forgetReason: "Atlas cannot undo a restore, and cancelling one midway would leave the target half-restored",
});
