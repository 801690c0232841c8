import { AtlasApiError } from "../atlas/errors";
import { CloudBackupRestoreArgs } from "../schemas/cloud-backup-args";
import type { CreateCloudBackupRestoreParams, GetCloudBackupRestoreParams } from "../schemas/cloud-backup";
import type { CloudBackupRestoreJob } from "../schemas/restore-job";
import * as job from "./cloud-backup-job";
import { describeRestore } from "./describe-restore";
import { RestoreError } from "./errors";
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

/**
 * Atlas refusals, with what to do (codes: see src/simulator/routes/cloud-backup-create.ts). The
 * source cluster's jobs are listed (GET) before any POST, so a cluster or project refused on the
 * GET is the source, and one refused on the POST is the target (the source just answered).
 */
function explainCreateError(error: unknown, a: CloudBackupRestoreArgs): unknown {
  if (!(error instanceof AtlasApiError)) return error;
  const onTarget = error.method === "POST";
  const cluster = onTarget ? `targetClusterName ${a.targetClusterName ?? "?"}` : `clusterName ${a.clusterName}`;
  const project = onTarget ? `targetProjectId ${a.targetProjectId ?? a.projectId}` : `projectId ${a.projectId}`;
  const dedicatedTarget = "choose a dedicated (M10+) cluster as targetClusterName: a dedicated cluster's backup cannot be restored onto it.";
  const advice: Record<string, string> = {
    CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API: `${cluster} is a Flex cluster, which this API (dedicated M10+ clusters) does not serve: ` +
      (onTarget ? dedicatedTarget : "restore it with FlexRestore (snapshot ids from getFlexSnapshots)."),
    CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API: `${cluster} is an M0/M2/M5 cluster, which has no Cloud Backup restore jobs: ` +
      (onTarget ? dedicatedTarget : "use FlexRestore for Flex clusters."),
    SNAPSHOT_NOT_FOUND: `snapshot ${a.snapshotId ?? "?"} is not a snapshot of ${a.clusterName}: pick one with getLatestCloudBackupSnapshot or getCloudBackupSnapshots.`,
    INVALID_POINT_IN_TIME: `the point in time is outside ${a.clusterName}'s continuous-backup window (or continuous backup is off): choose a moment inside the window Atlas shows for the cluster.`,
    CLUSTER_NOT_FOUND: `check ${cluster}: Atlas knows no such dedicated cluster in ${onTarget ? "the target project" : "the project"}.`,
    GROUP_NOT_FOUND: `check ${project}.`,
  };
  const hint = advice[error.errorCode ?? ""];
  if (hint === undefined) return error;
  // Atlas's own words, not the client's generic reading of the status (a 404 there names the source cluster of the path).
  const atlas = `${error.method} ${error.path} → ${error.status} ${error.errorCode}${error.detail ? `: ${error.detail}` : ""}`;
  return new RestoreError(`${describeRestore("CloudBackupRestore", a)}: Atlas refused to start it (${atlas}): ${hint} Nothing was started.`, undefined, { cause: error });
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
  explainCreateError,
  status: job.cloudBackupStatus,
  phase: job.cloudBackupPhase,
  failureAdvice,
  isSameRestore: job.isSameCloudBackupRestore,
  isOnTarget: job.isOnCloudBackupTarget,
  startedAt: (j: CloudBackupRestoreJob) => job.epochMs(j.createdAt),
  finishedAt: (j: CloudBackupRestoreJob) => job.epochMs(j.finishedAt),
  args: CloudBackupRestoreArgs,
  identityFields: ["projectId", "clusterName", "deliveryType", "snapshotId", "pointInTimeUTCSeconds", "oplogTs", "oplogInc", "targetProjectId", "targetClusterName"],
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
