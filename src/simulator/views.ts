import { jobFinishedAt, jobStatusAt } from "./lifecycle";
import type { SimLegacyJob, SimRestoreJob, SimSnapshot } from "./state";

/**
 * Response bodies of the tenant, Flex and legacy routes (dedicated ones: views-dedicated.ts),
 * field for field as Atlas sends them: only fields of the spec's schema, in the shape Atlas's
 * recorded answers show. Nothing here exists only for tests (tests read `sim.state`).
 * `apiBase` is the absolute base of the API version answering, e.g. `http://127.0.0.1:5/api/atlas/v2`.
 */
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
export const self = (href: string) => [{ href, rel: "self" }];
/**
 * `expirationDate` − `restoreScheduledDate`: 6 hours in Atlas's recorded Flex answers
 * (TestFlexBackup/Restores_Create_-_Automated/POST_…_flexClusters_snapshotCluster0_backup_restoreJobs_1.snaphost),
 * 4 hours in the v1.0 documented tenant download (seed 000).
 */
const EXPIRATION_MS = { flex: 6 * 3_600_000, tenant: 4 * 3_600_000 } as const;

export function restoreJobPath(job: SimRestoreJob): string {
  return job.family === "flex"
    ? `/groups/${job.projectId}/flexClusters/${job.clusterName}/backup/restoreJobs/${job.id}`
    : `/groups/${job.projectId}/clusters/${job.clusterName}/backup/tenant/restores/${job.id}`;
}

/**
 * `FlexBackupRestoreJob20241113` (`instanceName`, no links: as Atlas's recorded Flex answers) or
 * `TenantRestore` (`clusterName`, a self link: the spec's fields; the v1.0 example's extra
 * `submittedAt` / `finishedDate` / `timestamp` are left out, the spec does not define them).
 */
export function renderRestoreJob(job: SimRestoreJob, now: number, apiBase: string): Record<string, unknown> {
  const status = jobStatusAt(job, now);
  const flex = job.family === "flex";
  const body: Record<string, unknown> = {
    ...(flex ? {} : { clusterName: job.clusterName }),
    deliveryType: job.deliveryType,
    expirationDate: iso(job.createdAt + EXPIRATION_MS[job.family]),
    id: job.id,
    ...(flex ? { instanceName: job.clusterName } : { links: self(apiBase + restoreJobPath(job)) }),
    projectId: job.projectId,
    ...(status === "COMPLETED" ? { restoreFinishedDate: iso(jobFinishedAt(job)) } : {}),
    restoreScheduledDate: iso(job.createdAt),
    snapshotFinishedDate: iso(job.snapshotFinishedAt),
    snapshotId: job.snapshotId,
    status,
    targetDeploymentItemName: job.targetDeploymentItemName,
    targetProjectId: job.targetProjectId,
  };
  if (job.deliveryType === "DOWNLOAD") {
    body.snapshotUrl = `https://restore.example.com/restore-${job.id}.tar.gz`;
  }
  return body;
}

/**
 * `BackupTenantSnapshot` (with a self link) / `FlexBackupSnapshot20241113` (`href` undefined: none,
 * as Atlas's recorded Flex snapshot, TestFlexBackup/Snapshot_Describe/GET_…_backup_snapshots_…_1.snaphost).
 */
export function renderSnapshot(snapshot: SimSnapshot, href: string | undefined): Record<string, unknown> {
  return {
    expiration: iso(snapshot.expiration),
    finishTime: iso(snapshot.finishTime),
    id: snapshot.id,
    ...(href === undefined ? {} : { links: self(href) }),
    mongoDBVersion: snapshot.mongoDBVersion,
    scheduledTime: iso(snapshot.scheduledTime),
    startTime: iso(snapshot.startTime),
    status: snapshot.status,
  };
}

/** The Legacy Backup restore job of seeds 001/002 (`BackupRestoreJob` in v2). */
export function renderLegacyJob(job: SimLegacyJob, apiBase: string): Record<string, unknown> {
  const cluster = `${apiBase}/groups/${job.projectId}/clusters/${job.clusterName}`;
  const file = `${job.clusterName}-${Math.floor(job.snapshotTakenAt / 1000)}-${job.id}.tar.gz`;
  return {
    clusterId: job.clusterId,
    clusterName: job.clusterName,
    created: iso(job.createdAt),
    delivery: {
      expirationHours: 48,
      expires: iso(job.createdAt + 48 * 3_600_000),
      maxDownloads: 2147483647,
      methodName: "HTTP",
      statusName: job.deliveryStatusName,
      url: `https://api-backup.example.com/backup/restore/v2/pull/${job.id}/${file}`,
    },
    encryptionEnabled: false,
    groupId: job.projectId,
    hashes: [{ fileName: file, hash: job.id.padEnd(40, "0"), typeName: "SHA1" }],
    id: job.id,
    links: [
      { href: `${cluster}/restoreJobs/${job.id}`, rel: "self" },
      { href: cluster, rel: "http://mms.mongodb.com/cluster" },
      { href: `${cluster}/snapshots/${job.snapshotId}`, rel: "http://mms.mongodb.com/snapshot" },
      { href: `${apiBase}/groups/${job.projectId}`, rel: "http://mms.mongodb.com/group" },
    ],
    // The v1.0 documented answers (seeds 001, 002) carry it; v2's BackupRestoreJob does not define it.
    ...(apiBase.endsWith("/v1.0") ? { pointInTime: false } : {}),
    ...(job.batchId === undefined ? {} : { batchId: job.batchId }),
    snapshotId: job.snapshotId,
    statusName: job.statusName,
    timestamp: { date: iso(job.snapshotTakenAt), increment: 1 },
  };
}
