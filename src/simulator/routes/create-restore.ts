import { conflict } from "../errors";
import { TENANT_RESTORE, FLEX_RESTORE } from "../request-bodies";
import { checkRequestBody, type BodyRules } from "../request-rules";
import { isTerminal, jobStatusAt, takeFailRule } from "../lifecycle";
import type { RouteContext } from "../router";
import type { SimCluster, SimRestoreJob, SimSnapshot } from "../state";
import { requireCluster, snapshotNotFound } from "./lookup";

/**
 * The request body checked against the simulator's rules for the operation (request-rules.ts):
 * read-only fields dropped, 400 VALIDATION_ERROR otherwise. `what` names the request in the detail.
 */
export function checkBody<T = Record<string, unknown>>(ctx: RouteContext, rules: BodyRules, what: string): T {
  return checkRequestBody(ctx.body, rules, what) as T;
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
 * badRequestDetail, fields the schema lacks included; read-only fields such as Flex's
 * `instanceName` ignored), snapshot on the source cluster (404
 * SNAPSHOT_NOT_FOUND), target project (404 GROUP_NOT_FOUND) and cluster (404 CLUSTER_NOT_FOUND),
 * then no unfinished RESTORE onto the same target (409 RESTORE_IN_PROGRESS, naming that job).
 * The new job is PENDING and always a RESTORE.
 */
export function createRestoreJob(ctx: RouteContext, family: "tenant" | "flex", source: SimCluster): SimRestoreJob {
  const body = checkBody<{ snapshotId: string; targetDeploymentItemName: string; targetProjectId?: string }>(
    ctx, family === "flex" ? FLEX_RESTORE : TENANT_RESTORE, "restore request");
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
