import { effectiveTargetProjectId, type RestoreFamily, type RestoreJob, type RestoreRequest } from "./restore-family";

/** How far back a finished identical restore is adopted instead of starting a new one: 24 hours. */
export const ADOPTION_WINDOW_MS = 24 * 60 * 60 * 1000;

const IN_FLIGHT: ReadonlySet<string> = new Set(["PENDING", "QUEUED", "RUNNING"]);

/** When Atlas took the job: `restoreScheduledDate`, else `submittedAt` (some answers carry it). */
export function jobTime(job: RestoreJob): number | undefined {
  for (const key of ["restoreScheduledDate", "submittedAt"] as const) {
    const value = job[key];
    if (typeof value === "string") {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return undefined;
}

/**
 * Same restore: same source (project and cluster, where the job names them), same snapshot, same
 * target project (the source project when not given) and same target cluster. Status and age aside.
 */
export function isSameRestore(family: Pick<RestoreFamily, "sourceField">, job: RestoreJob, request: RestoreRequest): boolean {
  const source = job[family.sourceField];
  if (typeof source === "string" && source !== request.clusterName) return false;
  if (typeof job.projectId === "string" && job.projectId !== request.projectId) return false;
  return (
    job.snapshotId === request.snapshotId &&
    job.targetDeploymentItemName === request.targetDeploymentItemName &&
    (job.targetProjectId ?? job.projectId ?? request.projectId) === effectiveTargetProjectId(request)
  );
}

export interface AdoptionOptions {
  nowMs: number;
  /** Default ADOPTION_WINDOW_MS; 0 adopts only in-flight jobs. */
  windowMs?: number;
  /** Job ids that must not be adopted (e.g. one just released by `pulumi destroy` in this process). */
  excludeIds?: ReadonlySet<string>;
}

/**
 * The "no accidental second restore" rule. Before starting a restore, and again when a POST's
 * outcome is unknown, the source cluster's restore jobs are searched for one that `isSameRestore`
 * (same source project and cluster, snapshotId, targetProjectId, targetDeploymentItemName) and:
 *
 * 1. is in flight (PENDING, QUEUED or RUNNING), whatever its age: Atlas would refuse a second
 *    restore to that target anyway, and waiting for it is what the user asked for; or else
 * 2. is COMPLETED and was scheduled within the adoption window (24 h by default,
 *    `ADOPTION_WINDOW_MS`, by `restoreScheduledDate`/`submittedAt`; a job without a date is too
 *    old). Such a job that is not in the stack means an earlier run was interrupted after its
 *    POST reached Atlas (a crash, a lost connection, Ctrl-C): the restore happened, so it is
 *    recorded, not repeated.
 *
 * FAILED jobs are never adopted (a new restore is started). Among candidates the newest wins.
 * Consequence: re-running an identical restore within the window after `pulumi destroy` adopts
 * the finished job; set `adoptionWindowSeconds: 0` to always start a new one.
 */
export function findAdoptableJob<J extends RestoreJob>(
  family: Pick<RestoreFamily, "sourceField">,
  jobs: readonly J[],
  request: RestoreRequest,
  options: AdoptionOptions,
): J | undefined {
  const windowMs = options.windowMs ?? ADOPTION_WINDOW_MS;
  const same = jobs.filter((job) => !options.excludeIds?.has(job.id) && isSameRestore(family, job, request));
  const newest = (list: J[]) => [...list].sort((a, b) => (jobTime(b) ?? -Infinity) - (jobTime(a) ?? -Infinity))[0];
  const inFlight = same.filter((job) => job.status !== undefined && IN_FLIGHT.has(job.status));
  if (inFlight.length > 0) return newest(inFlight);
  const recent = same.filter((job) => {
    const at = jobTime(job);
    return job.status === "COMPLETED" && at !== undefined && options.nowMs - at <= windowMs;
  });
  return recent.length > 0 ? newest(recent) : undefined;
}

/** The in-flight job writing to the same target cluster (the likely cause of a 409), if any. */
export function findJobOnTarget<J extends RestoreJob>(jobs: readonly J[], request: RestoreRequest): J | undefined {
  return jobs.find(
    (job) =>
      job.status !== undefined &&
      IN_FLIGHT.has(job.status) &&
      job.targetDeploymentItemName === request.targetDeploymentItemName &&
      (job.targetProjectId ?? job.projectId ?? request.projectId) === effectiveTargetProjectId(request),
  );
}
