import { RestoreRequestBody, fieldProblems } from "../../schemas";
import { badRequest, conflict } from "../errors";
import { isTerminal, jobStatusAt, takeFailRule } from "../lifecycle";
import type { RouteContext } from "../router";
import type { SimCluster, SimRestoreJob } from "../state";
import { requireCluster, snapshotNotFound } from "./lookup";

/**
 * POST of a tenant or Flex restore. Checks, in order: body (400 VALIDATION_ERROR with
 * badRequestDetail; unknown fields are refused too), snapshot on the source cluster (404
 * SNAPSHOT_NOT_FOUND), target project (404 GROUP_NOT_FOUND) and cluster (404 CLUSTER_NOT_FOUND),
 * then no unfinished RESTORE onto the same target (409 RESTORE_IN_PROGRESS, naming that job).
 * The new job is PENDING and always a RESTORE.
 */
export function createRestoreJob(ctx: RouteContext, family: "tenant" | "flex", source: SimCluster): SimRestoreJob {
  const parsed = RestoreRequestBody.safeParse(ctx.body);
  if (!parsed.success) {
    const fields = fieldProblems(parsed.error).map((p) => ({ field: p.field, description: p.reason }));
    throw badRequest("VALIDATION_ERROR", `Invalid restore request: ${fields.map((f) => `${f.field} ${f.description}`).join("; ")}.`, fields);
  }
  const { snapshotId, targetDeploymentItemName } = parsed.data;
  const targetProjectId = parsed.data.targetProjectId ?? source.projectId;
  const snapshot = source.snapshots.find((s) => s.id === snapshotId);
  if (snapshot === undefined) throw snapshotNotFound(snapshotId, source.name);
  requireCluster(ctx.state, targetProjectId, targetDeploymentItemName, ["tenant", "flex", "dedicated"]);

  const running = [...ctx.state.restoreJobs.values()].find(
    (j) =>
      j.deliveryType === "RESTORE" &&
      j.targetProjectId === targetProjectId &&
      j.targetDeploymentItemName === targetDeploymentItemName &&
      !isTerminal(jobStatusAt(j, ctx.now)),
  );
  if (running !== undefined) {
    throw conflict(
      "RESTORE_IN_PROGRESS",
      `Cluster ${targetDeploymentItemName} in group ${targetProjectId} already has restore job ${running.id} ` +
        `(${jobStatusAt(running, ctx.now)}); wait until it is COMPLETED or FAILED.`,
    );
  }
  const job: SimRestoreJob = {
    id: ctx.state.ids.next(ctx.now),
    family,
    deliveryType: "RESTORE",
    projectId: source.projectId,
    clusterName: source.name,
    snapshotId,
    snapshotFinishedAt: snapshot.finishTime,
    targetProjectId,
    targetDeploymentItemName,
    createdAt: ctx.now,
    phases: { ...ctx.state.lifecycle },
    outcome: takeFailRule(ctx.state, targetDeploymentItemName, snapshotId) ? "FAILED" : "COMPLETED",
    historyRecorded: false,
  };
  ctx.state.restoreJobs.set(job.id, job);
  return job;
}
