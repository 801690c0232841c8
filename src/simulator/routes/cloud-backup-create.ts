import { SimulatedApiError, badRequest, type FieldViolation } from "../errors";
import { DEDICATED_RESTORE, type DedicatedRestoreBody } from "../request-bodies";
import { checkRequestBody, validationError } from "../request-rules";
import { takeFailRule } from "../lifecycle";
import type { RouteContext } from "../router";
import type { SimCloudBackupJob, SimCluster } from "../state";
import { requireCluster, snapshotNotFound } from "./lookup";

/**
 * Error codes, with what confirms each (searched: the Terraform provider, the Atlas CLI and its e2e
 * recordings, atlas-sdk-go, the Kubernetes operator, mongodbatlas-cloudformation-resources, the MCP
 * server, the third-party client python-atlasapi, GitHub issues; "the docs table" is Atlas's
 * "Administration API Error Codes" page, stored as Personabo-Technologies/MongoDB-Atlas-Docs
 * reference_api-errors.md).
 * Confirmed:
 * - 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API "Flex cluster <name> cannot be used in the Cluster API."
 *   (Atlas CLI `backups restores start`, its e2e recordings, the Terraform provider's test for it).
 * - 404 SNAPSHOT_NOT_FOUND "No snapshot with ID %s exists for cluster %s." (the docs table; the
 *   Terraform provider's acceptance test internal/service/cloudbackupsnapshotrestorejob/
 *   resource_cloud_backup_snapshot_restore_job_test.go expects it from Atlas for a download job
 *   POSTed without snapshotId, so that case answers it too; the detail for that case is a guess).
 * - 400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE "The update can not succeed because cluster restore
 *   is in progress. Please try again once the restore is finished." (the docs table; python-atlasapi
 *   atlasapi/atlas.py matches it on this POST). The table also lists 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS
 *   "Cluster restore already in progress." without naming an endpoint; clients treat both as a conflict.
 * - 400 CANNOT_CANCEL_AUTOMATED_RESTORE "Automated restore cannot be cancelled." on DELETE (the docs
 *   table; python-atlasapi atlasapi/errors.py; the v1.0 "Cancel One Cloud Backup Restore Job" page,
 *   stored beside the table: "You can only cancel manual download restore jobs"). pointInTime jobs
 *   get it too: by that rule, not a recorded answer.
 * - GROUP_NOT_FOUND / CLUSTER_NOT_FOUND (404): see lookup.ts.
 * NOT confirmed (no public source shows Atlas's code for these refusals of a dedicated restore; the
 * status follows the spec's listed responses):
 * - 400 VALIDATION_ERROR for a bad or incomplete body (the docs table has it, generically, beside
 *   MISSING_ATTRIBUTE and INVALID_ENUM_VALUE; which one this POST uses is not shown anywhere).
 * - 400 INVALID_POINT_IN_TIME for a point outside the window (candidates in the docs table, none tied
 *   to this case: 400 INVALID_PIT_RESTORE_TIME, 404 UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME,
 *   409 NO_CHECKPOINT_FOR_PIT_RESTORE).
 * - 400 CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API for an M0/M2/M5 name (the Atlas CLI maps
 *   TENANT_CLUSTER_UPDATE_UNSUPPORTED to "M10+ only", but for cluster commands, not restores).
 * - 400 CANNOT_CANCEL_RESTORE_JOB for DELETE of a download job that already ended.
 */
export const flexInClusterApi = (name: string) =>
  badRequest("CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", `Flex cluster ${name} cannot be used in the Cluster API.`, undefined, [name]);

/** A dedicated cluster; a Flex name is 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, a tenant one 400 (code unconfirmed). */
export function requireDedicated(ctx: RouteContext, projectId: string, name: string): SimCluster {
  const cluster = requireCluster(ctx.state, projectId, name, ["tenant", "flex", "dedicated"]);
  if (cluster.kind === "flex") throw flexInClusterApi(name);
  if (cluster.kind === "tenant") {
    throw badRequest("CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API", `Cluster ${name} is an M0/M2/M5 cluster and has no Cloud Backup restore jobs.`);
  }
  return cluster;
}

const restoreInProgress = () =>
  badRequest("CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE", "The update can not succeed because cluster restore is in progress. Please try again once the restore is finished.");

const inFlight = (j: SimCloudBackupJob, now: number) => !j.cancelled && !j.failed && (j.finishedAt === undefined || j.finishedAt > now);

/**
 * POST of a dedicated restore. Checks, in order: body (400 VALIDATION_ERROR; a download without
 * snapshotId is 404 SNAPSHOT_NOT_FOUND, as Atlas answers), snapshot of the source (404
 * SNAPSHOT_NOT_FOUND), point in time inside the source's continuous-backup window (400
 * INVALID_POINT_IN_TIME), target project and dedicated cluster (404 / 400 for a Flex target), then
 * no restore in flight onto that target (400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE).
 */
export function createCloudBackupJob(ctx: RouteContext, source: SimCluster): SimCloudBackupJob {
  const b = checkRequestBody(ctx.body, DEDICATED_RESTORE, "restore request") as unknown as DedicatedRestoreBody;
  // The spec's descriptions: snapshotId for automated (and download, checked below as Atlas does);
  // target cluster and project for automated and pointInTime; a point in time for pointInTime.
  const fields: FieldViolation[] = [];
  const need = (field: keyof DedicatedRestoreBody) => b[field] === undefined && fields.push({ field, description: `is required for deliveryType ${b.deliveryType}` });
  if (b.deliveryType === "automated") need("snapshotId");
  if (b.deliveryType !== "download") {
    need("targetClusterName");
    need("targetGroupId");
  }
  if (b.deliveryType === "pointInTime" && b.pointInTimeUTCSeconds === undefined && (b.oplogTs === undefined || b.oplogInc === undefined)) {
    fields.push({ field: "pointInTimeUTCSeconds", description: "or oplogTs and oplogInc are required for deliveryType pointInTime" });
  }
  if (fields.length > 0) throw validationError("restore request", fields);
  const pitSeconds = b.pointInTimeUTCSeconds ?? b.oplogTs;
  let snapshot = source.snapshots.find((s) => s.id === b.snapshotId);
  if (b.deliveryType === "pointInTime") {
    const at = pitSeconds! * 1000;
    const window = source.pitWindowMs ?? 0;
    if (window <= 0 || at < ctx.now - window || at > ctx.now) {
      throw badRequest(
        "INVALID_POINT_IN_TIME",
        `The point in time ${new Date(at).toISOString()} is outside the continuous backup window of cluster ${source.name}` +
          (window > 0 ? ` (${new Date(ctx.now - window).toISOString()} to now).` : " (continuous cloud backup is not enabled)."),
      );
    }
    snapshot = [...source.snapshots].reverse().find((s) => s.finishTime <= at) ?? source.snapshots[0];
  } else if (snapshot === undefined) {
    // Atlas formats the absent id of a download request as "null" (a guess: only the code is shown).
    throw snapshotNotFound(b.snapshotId ?? "null", source.name);
  }
  if (b.targetClusterName !== undefined) {
    const target = requireDedicated(ctx, b.targetGroupId!, b.targetClusterName);
    const busy = [...ctx.state.cloudBackupJobs.values()].some(
      (j) => j.targetGroupId === target.projectId && j.targetClusterName === target.name && inFlight(j, ctx.now),
    );
    if (busy) throw restoreInProgress();
  }
  const l = ctx.state.lifecycle;
  const finishedAt = ctx.now + l.pendingMs + l.queuedMs + l.runningMs;
  const job: SimCloudBackupJob = {
    id: ctx.state.ids.next(ctx.now),
    projectId: source.projectId,
    clusterName: source.name,
    deliveryType: b.deliveryType,
    snapshotId: snapshot?.id ?? "",
    snapshotTakenAt: snapshot?.finishTime ?? ctx.now,
    ...(b.pointInTimeUTCSeconds !== undefined ? { pointInTimeUTCSeconds: b.pointInTimeUTCSeconds } : {}),
    ...(b.oplogTs !== undefined ? { oplogTs: b.oplogTs, oplogInc: b.oplogInc } : {}),
    ...(b.targetClusterName !== undefined ? { targetClusterName: b.targetClusterName, targetGroupId: b.targetGroupId } : {}),
    createdAt: ctx.now,
    finishedAt,
    // Download links last 4 hours after the job is ready; a restore job expires a day after creation.
    expiresAt: b.deliveryType === "download" ? finishedAt + 4 * 3_600_000 : ctx.now + 24 * 3_600_000,
    cancelled: false,
    failed: takeFailRule(ctx.state, b.targetClusterName ?? source.name, snapshot?.id ?? ""),
    historyRecorded: false,
  };
  ctx.state.cloudBackupJobs.set(job.id, job);
  return job;
}

/**
 * DELETE: cancels a download job (204). An automated or pointInTime job is 400
 * CANNOT_CANCEL_AUTOMATED_RESTORE; a download that already ended is 400 (code unconfirmed).
 */
export function cancelCloudBackupJob(ctx: RouteContext, job: SimCloudBackupJob): void {
  if (job.deliveryType !== "download") throw badRequest("CANNOT_CANCEL_AUTOMATED_RESTORE", "Automated restore cannot be cancelled.");
  if (job.cancelled || job.failed || job.expiresAt <= ctx.now) {
    throw new SimulatedApiError(400, "CANNOT_CANCEL_RESTORE_JOB", `Restore job ${job.id} has already ended and cannot be cancelled.`);
  }
  job.cancelled = true;
  if (job.finishedAt !== undefined && job.finishedAt > ctx.now) delete job.finishedAt;
}
