import type { SimCloudBackupJob, SimCluster, SimulatorState } from "./state";
import { seedObjectId } from "./object-id";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * The realistic mix of a dedicated cluster's Cloud Backup restore jobs (see
 * SeedDedicatedCluster.restoreJobMix), all of its oldest snapshot so that restoring a newer
 * snapshot never adopts one of them. Times are relative to `start`; ids come from the seed sequence.
 */
export function addCloudBackupJobMix(state: SimulatorState, cluster: SimCluster, start: number): void {
  const snapshot = cluster.snapshots[0];
  if (snapshot === undefined) throw new Error(`seed: restoreJobMix on ${cluster.name} needs snapshots`);
  const onto = (name: string) => ({ targetClusterName: name, targetGroupId: cluster.projectId });
  const mix: Omit<SimCloudBackupJob, "id" | "projectId" | "clusterName" | "snapshotId" | "snapshotTakenAt">[] = [
    // in flight: finishes two hours after start (a 409 for another restore onto qa-m10)
    { deliveryType: "automated", ...onto("qa-m10"), createdAt: start - 10 * MIN, finishedAt: start + 2 * HOUR, expiresAt: start + DAY, cancelled: false, failed: false },
    // a download ready for three more hours
    { deliveryType: "download", createdAt: start - HOUR, finishedAt: start - 40 * MIN, expiresAt: start + 3 * HOUR, cancelled: false, failed: false },
    // finished, not expired
    { deliveryType: "automated", ...onto("staging-m10"), createdAt: start - 3 * HOUR, finishedAt: start - 150 * MIN, expiresAt: start + 21 * HOUR, cancelled: false, failed: false },
    // a download whose links expired
    { deliveryType: "download", createdAt: start - 2 * DAY, finishedAt: start - 2 * DAY + 20 * MIN, expiresAt: start - 2 * DAY + 4 * HOUR, cancelled: false, failed: false },
    // failed
    { deliveryType: "automated", ...onto("staging-m10"), createdAt: start - 6 * HOUR, finishedAt: start - 330 * MIN, expiresAt: start + 18 * HOUR, cancelled: false, failed: true },
    // cancelled point-in-time restore
    { deliveryType: "pointInTime", ...onto("staging-m10"), createdAt: start - 12 * HOUR, expiresAt: start + 12 * HOUR, cancelled: true, failed: false, pointInTimeUTCSeconds: Math.floor((start - 13 * HOUR) / 1000) },
  ];
  for (const job of mix) {
    const id = seedObjectId(state.nextSeedId++);
    state.cloudBackupJobs.set(id, { id, projectId: cluster.projectId, clusterName: cluster.name, snapshotId: snapshot.id, snapshotTakenAt: snapshot.finishTime, ...job });
  }
}
