import type { LifecyclePhases, RestoreStatus, SimCloudBackupJob, SimRestoreJob, SimulatorState } from "./state";
import { findCluster } from "./state";

export interface LifecycleOptions {
  pendingMs?: number;
  queuedMs?: number;
  runningMs?: number;
}

export const DEFAULT_LIFECYCLE: LifecyclePhases = { pendingMs: 1000, queuedMs: 1000, runningMs: 3000 };

/** When the job reaches its terminal status. */
export function jobFinishedAt(job: SimRestoreJob): number {
  return job.createdAt + job.phases.pendingMs + job.phases.queuedMs + job.phases.runningMs;
}

/** PENDING → QUEUED → RUNNING → COMPLETED (or FAILED), purely by elapsed time. */
export function jobStatusAt(job: SimRestoreJob, now: number): RestoreStatus {
  const elapsed = now - job.createdAt;
  const { pendingMs, queuedMs, runningMs } = job.phases;
  if (elapsed < pendingMs) return "PENDING";
  if (elapsed < pendingMs + queuedMs) return "QUEUED";
  if (elapsed < pendingMs + queuedMs + runningMs) return "RUNNING";
  return job.outcome;
}

export function isTerminal(status: RestoreStatus): boolean {
  return status === "COMPLETED" || status === "FAILED";
}

/**
 * Lazily applies elapsed time: every restore that has finished by `now` is appended to its target
 * cluster's restoreHistory exactly once, in finishing order: a COMPLETED tenant/Flex RESTORE job, and
 * an automated or point-in-time Cloud Backup job created by a POST whose `finishedAt` has passed
 * (not failed, not cancelled). Called before each request is handled and by `restoreHistory()`, so
 * results depend only on the injected clock.
 */
export function advanceRestoreJobs(state: SimulatorState, now: number): void {
  const done: { job: SimRestoreJob | SimCloudBackupJob; finishedAt: number; projectId: string; clusterName: string }[] = [];
  for (const job of state.restoreJobs.values()) {
    if (job.historyRecorded || job.deliveryType !== "RESTORE" || jobStatusAt(job, now) !== "COMPLETED") continue;
    done.push({ job, finishedAt: jobFinishedAt(job), projectId: job.targetProjectId, clusterName: job.targetDeploymentItemName });
  }
  for (const job of state.cloudBackupJobs.values()) {
    const { finishedAt, targetGroupId, targetClusterName } = job;
    if (job.historyRecorded !== false || job.failed || job.cancelled || finishedAt === undefined || finishedAt > now) continue;
    if (targetClusterName === undefined || targetGroupId === undefined) continue; // a download restores nothing
    done.push({ job, finishedAt, projectId: targetGroupId, clusterName: targetClusterName });
  }
  for (const { job, finishedAt, projectId, clusterName } of done.sort((x, y) => x.finishedAt - y.finishedAt)) {
    job.historyRecorded = true;
    findCluster(state, projectId, clusterName)?.restoreHistory.push({
      restoreJobId: job.id,
      snapshotId: job.snapshotId,
      sourceProjectId: job.projectId,
      sourceClusterName: job.clusterName,
      at: new Date(finishedAt).toISOString(),
    });
  }
}

/** Uses up one firing of the first `failRestores` rule matching a new job; true = it will fail. */
export function takeFailRule(state: SimulatorState, targetDeploymentItemName: string, snapshotId: string): boolean {
  const rule = state.failRules.find(
    (r) =>
      r.remaining > 0 &&
      (r.targetDeploymentItemName === undefined || r.targetDeploymentItemName === targetDeploymentItemName) &&
      (r.snapshotId === undefined || r.snapshotId === snapshotId),
  );
  if (rule === undefined) return false;
  rule.remaining -= 1;
  return true;
}
