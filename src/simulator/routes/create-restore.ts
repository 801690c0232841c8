import type { z } from "zod";
import { RestoreRequestBody, fieldProblems } from "../../schemas";
import { badRequest, conflict } from "../errors";
import { isTerminal, jobStatusAt, takeFailRule } from "../lifecycle";
import type { RouteContext } from "../router";
import type { SimCluster, SimRestoreJob, SimSnapshot } from "../state";
import { requireCluster, snapshotNotFound } from "./lookup";

/**
 * The request body parsed with `schema`, or 400 VALIDATION_ERROR with badRequestDetail naming each
 * field (unknown fields are refused too). `what` names the request in the detail.
 */
export function checkBody<T extends z.ZodType>(ctx: RouteContext, schema: T, what: string): z.infer<T> {
  const parsed = schema.safeParse(ctx.body, { reportInput: true });
  if (!parsed.success) {
    const fields = fieldProblems(parsed.error).map((p) => ({ field: p.field, description: p.reason }));
    throw badRequest("VALIDATION_ERROR", `Invalid ${what}: ${fields.map((f) => `${f.field} ${f.description}`).join("; ")}.`, fields);
  }
  return parsed.data;
}

/** The snapshot of the source cluster, or 404 SNAPSHOT_NOT_FOUND. */
export function requireSnapshot(source: SimCluster, snapshotId: string): SimSnapshot {
  const snapshot = source.snapshots.find((s) => s.id === snapshotId);
  if (snapshot === undefined) throw snapshotNotFound(snapshotId, source.name);
  return snapshot;
}

/** Records a new PENDING tenant or Flex job (RESTORE or DOWNLOAD) of `snapshot`. */
export function addRestoreJob(
  ctx: RouteContext,
  fields: Pick<SimRestoreJob, "family" | "deliveryType" | "targetProjectId" | "targetDeploymentItemName" | "outcome">,
  source: SimCluster,
  snapshot: SimSnapshot,
): SimRestoreJob {
  const job: SimRestoreJob = {
    ...fields,
    id: ctx.state.ids.next(ctx.now),
    projectId: source.projectId,
    clusterName: source.name,
    snapshotId: snapshot.id,
    snapshotFinishedAt: snapshot.finishTime,
    createdAt: ctx.now,
    phases: { ...ctx.state.lifecycle },
    historyRecorded: false,
  };
  ctx.state.restoreJobs.set(job.id, job);
  return job;
}

/**
 * POST of a tenant or Flex restore. Checks, in order: body (400 VALIDATION_ERROR with
 * badRequestDetail; unknown fields are refused too), snapshot on the source cluster (404
 * SNAPSHOT_NOT_FOUND), target project (404 GROUP_NOT_FOUND) and cluster (404 CLUSTER_NOT_FOUND),
 * then no unfinished RESTORE onto the same target (409 RESTORE_IN_PROGRESS, naming that job).
 * The new job is PENDING and always a RESTORE.
 */
export function createRestoreJob(ctx: RouteContext, family: "tenant" | "flex", source: SimCluster): SimRestoreJob {
  const body = checkBody(ctx, RestoreRequestBody, "restore request");
  const { snapshotId, targetDeploymentItemName } = body;
  const targetProjectId = body.targetProjectId ?? source.projectId;
  const snapshot = requireSnapshot(source, snapshotId);
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
  const outcome = takeFailRule(ctx.state, targetDeploymentItemName, snapshotId) ? "FAILED" : "COMPLETED";
  return addRestoreJob(ctx, { family, deliveryType: "RESTORE", targetProjectId, targetDeploymentItemName, outcome }, source, snapshot);
}
