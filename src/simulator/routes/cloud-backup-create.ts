import { CloudBackupRestoreRequestBody, fieldProblems } from "../../schemas";
import { SimulatedApiError, badRequest, conflict } from "../errors";
import { takeFailRule } from "../lifecycle";
import type { RouteContext } from "../router";
import type { SimCloudBackupJob, SimCluster } from "../state";
import { requireCluster, snapshotNotFound } from "./lookup";

/**
 * Error codes. Confirmed from public sources: CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API (400; the Atlas
 * CLI's `backups restores start` and the Terraform provider test for it, and Atlas's detail reads
 * "Flex cluster <name> cannot be used in the Cluster API."). GROUP_NOT_FOUND and CLUSTER_NOT_FOUND
 * (404) are Atlas's general codes. NOT confirmed (no public source names the code Atlas uses for
 * these refusals of a dedicated restore; the status follows the spec's listed responses):
 * VALIDATION_ERROR (400), SNAPSHOT_NOT_FOUND (404), INVALID_POINT_IN_TIME (400),
 * CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API (400) and RESTORE_IN_PROGRESS (409).
 */
export const flexInClusterApi = (name: string) =>
  badRequest("CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", `Flex cluster ${name} cannot be used in the Cluster API.`);

/** A dedicated cluster; a Flex name is 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, a tenant one 400 (code unconfirmed). */
export function requireDedicated(ctx: RouteContext, projectId: string, name: string): SimCluster {
  const cluster = requireCluster(ctx.state, projectId, name, ["tenant", "flex", "dedicated"]);
  if (cluster.kind === "flex") throw flexInClusterApi(name);
  if (cluster.kind === "tenant") {
    throw badRequest("CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API", `Cluster ${name} is an M0/M2/M5 cluster and has no Cloud Backup restore jobs.`);
  }
  return cluster;
}

const inFlight = (j: SimCloudBackupJob, now: number) => !j.cancelled && !j.failed && (j.finishedAt === undefined || j.finishedAt > now);

/**
 * POST of a dedicated restore. Checks, in order: body (400 VALIDATION_ERROR), snapshot of the source
 * (404 SNAPSHOT_NOT_FOUND), point in time inside the source's continuous-backup window (400
 * INVALID_POINT_IN_TIME), target project and dedicated cluster (404 / 400 for a Flex target), then
 * no restore in flight onto that target (409 RESTORE_IN_PROGRESS, naming the job).
 */
export function createCloudBackupJob(ctx: RouteContext, source: SimCluster): SimCloudBackupJob {
  const parsed = CloudBackupRestoreRequestBody.safeParse(ctx.body);
  const fields = parsed.success ? [] : fieldProblems(parsed.error).map((p) => ({ field: p.field, description: p.reason }));
  const b = parsed.success ? parsed.data : undefined;
  if (b !== undefined) {
    const need = (field: keyof typeof b, when: string) => b[field] === undefined && fields.push({ field, description: `is required for ${when}` });
    if (b.deliveryType !== "pointInTime") need("snapshotId", `deliveryType ${b.deliveryType}`);
    if (b.deliveryType !== "download") {
      need("targetClusterName", `deliveryType ${b.deliveryType}`);
      need("targetGroupId", `deliveryType ${b.deliveryType}`);
    }
    if (b.deliveryType === "pointInTime" && b.pointInTimeUTCSeconds === undefined && (b.oplogTs === undefined || b.oplogInc === undefined)) {
      fields.push({ field: "pointInTimeUTCSeconds", description: "or oplogTs and oplogInc are required for deliveryType pointInTime" });
    }
  }
  if (b === undefined || fields.length > 0) {
    throw badRequest("VALIDATION_ERROR", `Invalid restore request: ${fields.map((f) => `${f.field} ${f.description}`).join("; ")}.`, fields);
  }
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
    throw snapshotNotFound(b.snapshotId!, source.name);
  }
  if (b.targetClusterName !== undefined) {
    const target = requireDedicated(ctx, b.targetGroupId!, b.targetClusterName);
    const running = [...ctx.state.cloudBackupJobs.values()].find(
      (j) => j.targetGroupId === target.projectId && j.targetClusterName === target.name && inFlight(j, ctx.now),
    );
    if (running !== undefined) {
      throw conflict("RESTORE_IN_PROGRESS", `Cluster ${target.name} in group ${target.projectId} already has restore job ${running.id} in progress; wait until it finishes.`);
    }
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

/** DELETE: cancels the job (204). A job that already ended is refused (400; code unconfirmed). */
export function cancelCloudBackupJob(ctx: RouteContext, job: SimCloudBackupJob): void {
  if (job.cancelled || job.failed || job.expiresAt <= ctx.now || (job.deliveryType !== "download" && !inFlight(job, ctx.now))) {
    throw new SimulatedApiError(400, "CANNOT_CANCEL_RESTORE_JOB", `Restore job ${job.id} has already ended and cannot be cancelled.`);
  }
  job.cancelled = true;
  if (job.finishedAt !== undefined && job.finishedAt > ctx.now) delete job.finishedAt;
}
