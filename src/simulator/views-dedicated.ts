import type { SimCloudBackupJob, SimCluster, SimSnapshot } from "./state";
import { iso, self } from "./views";

/**
 * Answers of the dedicated-cluster (Cloud Backup) routes, field for field as Atlas's recorded
 * answers show them (mongodb/mongodb-atlas-cli test/e2e/atlas/backup/restores/backuprestores/
 * testdata/.snapshots/TestRestores/…):
 * - Restores_Create_-_Automated/POST_…_backup_restoreJobs_1.snaphost and
 *   Restores_Watch/GET_…_backup_restoreJobs_<id>_2.snaphost: an automated job has no `createdAt`
 *   and no `expiresAt`, `deliveryUrl: []`, `desiredTimestamp` with null values, and links to
 *   itself, its snapshot, its cluster and its project;
 * - Restores_Create_-_Download/POST_… and Restores_Watch_-_Download/GET_…_2.snaphost: a download
 *   job has `deliveryUrl: []` and no `expiresAt` until its links are ready, then both.
 * Left out although Atlas sends them, because the spec's `DiskBackupSnapshotRestoreJob` does not
 * define them: `targetDeploymentItemName` (an internal name such as "atlas-72ck1q") and
 * `desiredTimestamp.time`. The job's creation time is kept in `sim.state` only.
 */
export function renderCloudBackupJob(job: SimCloudBackupJob, now: number, apiBase: string): Record<string, unknown> {
  const cluster = `${apiBase}/groups/${job.projectId}/clusters/${job.clusterName}`;
  const finished = job.finishedAt !== undefined && job.finishedAt <= now;
  const ready = job.deliveryType === "download" && finished && !job.failed && !job.cancelled && job.expiresAt > now;
  const body: Record<string, unknown> = {
    cancelled: job.cancelled,
    deliveryType: job.deliveryType,
    deliveryUrl: ready ? [`https://restore-${job.id}.example.mongodb.net:27017/restore-${job.snapshotId}.tar.gz`] : [],
    desiredTimestamp: desiredTimestamp(job),
    expired: job.expiresAt <= now,
    // Only a download's links expire; Atlas shows `expiresAt` once they exist.
    ...(job.deliveryType === "download" && finished ? { expiresAt: iso(job.expiresAt) } : {}),
    failed: job.failed && finished,
    ...(finished ? { finishedAt: iso(job.finishedAt!) } : {}),
    id: job.id,
    links: [
      ...self(`${cluster}/backup/restoreJobs/${job.id}`),
      ...(job.snapshotId === "" ? [] : [{ href: `${cluster}/backup/snapshots/${job.snapshotId}`, rel: "https://cloud.mongodb.com/snapshot" }]),
      { href: cluster, rel: "https://cloud.mongodb.com/cluster" },
      { href: `${apiBase}/groups/${job.projectId}`, rel: "https://cloud.mongodb.com/group" },
    ],
    ...(job.oplogInc !== undefined ? { oplogInc: job.oplogInc } : {}),
    ...(job.oplogTs !== undefined ? { oplogTs: job.oplogTs } : {}),
    ...(job.pointInTimeUTCSeconds !== undefined ? { pointInTimeUTCSeconds: job.pointInTimeUTCSeconds } : {}),
    snapshotId: job.snapshotId,
    ...(job.targetClusterName !== undefined ? { targetClusterName: job.targetClusterName } : {}),
    ...(job.targetGroupId !== undefined ? { targetGroupId: job.targetGroupId } : {}),
    timestamp: iso(job.snapshotTakenAt),
  };
  return body;
}

/**
 * `{ date: null, increment: null }` as recorded for automated and download jobs. For a
 * point-in-time job the recorded answers show nothing; the simulator gives the requested point
 * (`date`) and `oplogInc` (unconfirmed).
 */
function desiredTimestamp(job: SimCloudBackupJob): { date: string | null; increment: number | null } {
  const seconds = job.pointInTimeUTCSeconds ?? job.oplogTs;
  if (job.deliveryType !== "pointInTime" || seconds === undefined) return { date: null, increment: null };
  return { date: iso(seconds * 1000), increment: job.oplogInc ?? null };
}

/**
 * `DiskBackupReplicaSet` of a dedicated cluster, as recorded (TestRestores/Watch_snapshot_creation/
 * GET_…_backup_snapshots_<id>_4.snaphost): lower-camel status and types, `copyRegions` and
 * `policyItems` empty, `replicaSetName` the cluster's name, links to itself and its cluster.
 * `description` only on on-demand snapshots (the recorded one has one; scheduled: unconfirmed).
 */
export function renderDedicatedSnapshot(cluster: SimCluster, snapshot: SimSnapshot, href: string, index: number): Record<string, unknown> {
  const onDemand = index % 3 === 2;
  return {
    cloudProvider: "AWS",
    copyRegions: [],
    createdAt: iso(snapshot.finishTime),
    ...(onDemand ? { description: "on-demand snapshot" } : {}),
    expiresAt: iso(snapshot.expiration),
    frequencyType: onDemand ? "ondemand" : "daily",
    id: snapshot.id,
    links: [...self(href), { href: href.replace(/\/backup\/snapshots\/[^/]+$/, ""), rel: "https://cloud.mongodb.com/cluster" }],
    mongodVersion: snapshot.mongoDBVersion,
    policyItems: [],
    replicaSetName: cluster.name,
    snapshotType: onDemand ? "onDemand" : "scheduled",
    status: snapshot.status === "COMPLETED" ? "completed" : snapshot.status.toLowerCase(),
    storageSizeBytes: 1_073_741_824 + index * 4096,
    type: "replicaSet",
  };
}
