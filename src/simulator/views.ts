import { jobFinishedAt, jobStatusAt } from "./lifecycle";
import type { SimCloudBackupJob, SimCluster, SimLegacyJob, SimRestoreJob, SimSnapshot } from "./state";

/**
 * Response bodies, shaped like the spec's schemas and the v1.0 examples. Like Atlas, they carry a
 * few fields the reference tables omit (`submittedAt`, `finishedDate`, `timestamp`, `createdAt`).
 * `apiBase` is the absolute base of the API version answering, e.g. `http://127.0.0.1:5/api/atlas/v2`.
 */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const self = (href: string) => [{ href, rel: "self" }];
const RESTORE_LINK_LIFETIME_MS = 4 * 3_600_000;

export function restoreJobPath(job: SimRestoreJob): string {
  return job.family === "flex"
    ? `/groups/${job.projectId}/flexClusters/${job.clusterName}/backup/restoreJobs/${job.id}`
    : `/groups/${job.projectId}/clusters/${job.clusterName}/backup/tenant/restores/${job.id}`;
}

/** `TenantRestore` (tenant: `clusterName`) or `FlexBackupRestoreJob20241113` (Flex: `instanceName`). */
export function renderRestoreJob(job: SimRestoreJob, now: number, apiBase: string): Record<string, unknown> {
  const status = jobStatusAt(job, now);
  const body: Record<string, unknown> = {
    ...(job.family === "flex" ? { instanceName: job.clusterName } : { clusterName: job.clusterName }),
    deliveryType: job.deliveryType,
    expirationDate: iso(job.createdAt + RESTORE_LINK_LIFETIME_MS),
    id: job.id,
    links: self(apiBase + restoreJobPath(job)),
    projectId: job.projectId,
    restoreScheduledDate: iso(job.createdAt),
    snapshotFinishedDate: iso(job.snapshotFinishedAt),
    snapshotId: job.snapshotId,
    status,
    submittedAt: iso(job.createdAt),
    targetDeploymentItemName: job.targetDeploymentItemName,
    targetProjectId: job.targetProjectId,
    timestamp: iso(job.snapshotFinishedAt),
  };
  if (status === "COMPLETED") {
    body.restoreFinishedDate = iso(jobFinishedAt(job));
    body.finishedDate = iso(jobFinishedAt(job));
  }
  if (job.deliveryType === "DOWNLOAD") {
    body.snapshotUrl = `https://restore.example.com/restore-${job.id}.tar.gz`;
  }
  return body;
}

/** `BackupTenantSnapshot` / `FlexBackupSnapshot20241113`. */
export function renderSnapshot(snapshot: SimSnapshot, href: string): Record<string, unknown> {
  return {
    expiration: iso(snapshot.expiration),
    finishTime: iso(snapshot.finishTime),
    id: snapshot.id,
    links: self(href),
    mongoDBVersion: snapshot.mongoDBVersion,
    scheduledTime: iso(snapshot.scheduledTime),
    startTime: iso(snapshot.startTime),
    status: snapshot.status,
  };
}

/** `DiskBackupSnapshotRestoreJob` (v2 types: `expiresAt` a date-time, `deliveryUrl` an array). */
export function renderCloudBackupJob(job: SimCloudBackupJob, now: number, apiBase: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    cancelled: job.cancelled,
    createdAt: iso(job.createdAt),
    deliveryType: job.deliveryType,
    expired: job.expiresAt <= now,
    expiresAt: iso(job.expiresAt),
    failed: job.failed && (job.finishedAt === undefined || job.finishedAt <= now),
    id: job.id,
    links: self(`${apiBase}/groups/${job.projectId}/clusters/${job.clusterName}/backup/restoreJobs/${job.id}`),
    snapshotId: job.snapshotId,
    timestamp: iso(job.snapshotTakenAt),
  };
  if (job.finishedAt !== undefined && job.finishedAt <= now) body.finishedAt = iso(job.finishedAt);
  if (job.targetClusterName !== undefined) body.targetClusterName = job.targetClusterName;
  if (job.targetGroupId !== undefined) body.targetGroupId = job.targetGroupId;
  for (const k of ["pointInTimeUTCSeconds", "oplogTs", "oplogInc"] as const) if (job[k] !== undefined) body[k] = job[k];
  // A download is ready (has its links) once finished, unless it failed or was cancelled.
  const ready = job.finishedAt !== undefined && job.finishedAt <= now && !job.failed && !job.cancelled && job.expiresAt > now;
  if (job.deliveryType === "download" && ready) body.deliveryUrl = [`https://restore.example.com:27017/restore-${job.id}.tar.gz`];
  return body;
}

/** The v1.0 Legacy Backup restore job of seeds 001/002. */
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
    pointInTime: false,
    snapshotId: job.snapshotId,
    statusName: job.statusName,
    timestamp: { date: iso(job.snapshotTakenAt), increment: 1 },
  };
}

/** `DiskBackupSnapshot` of a dedicated cluster (status and types in Atlas's lower-camel style). */
export function renderDedicatedSnapshot(snapshot: SimSnapshot, href: string, index: number): Record<string, unknown> {
  return {
    createdAt: iso(snapshot.finishTime),
    expiresAt: iso(snapshot.expiration),
    frequencyType: "daily",
    id: snapshot.id,
    links: self(href),
    mongodVersion: snapshot.mongoDBVersion,
    snapshotType: index % 3 === 2 ? "onDemand" : "scheduled",
    status: snapshot.status === "COMPLETED" ? "completed" : snapshot.status.toLowerCase(),
    storageSizeBytes: 1_073_741_824 + index * 4096,
    type: "replicaSet",
  };
}

/** Enough of `ClusterDescription20240805` to tell a dedicated cluster's kind and state. */
export function renderCluster(cluster: SimCluster, apiBase: string): Record<string, unknown> {
  return {
    backupEnabled: true,
    clusterType: "REPLICASET",
    groupId: cluster.projectId,
    id: cluster.id,
    links: self(`${apiBase}/groups/${cluster.projectId}/clusters/${cluster.name}`),
    mongoDBVersion: cluster.mongoDBVersion,
    name: cluster.name,
    pitEnabled: (cluster.pitWindowMs ?? 0) > 0,
    stateName: "IDLE",
  };
}
