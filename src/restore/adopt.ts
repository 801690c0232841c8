import type { AnyRestoreJob, RestorePhase } from "./family-types";
import { isSameRestore, jobFinishTime, jobTime, statusPhase } from "./status-job";

export { isSameRestore, jobTime } from "./status-job";

/** How far back a finished identical restore is adopted instead of starting a new one: 24 hours. */
export const ADOPTION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The columns the adoption rule reads. */
export interface AdoptionColumns<J, R> {
  phase(job: J): RestorePhase;
  isSameRestore(job: J, request: R): boolean;
  startedAt(job: J): number | undefined;
  finishedAt(job: J): number | undefined;
}

/** A family row, or (tenant/Flex shorthand) just the job field naming the source. */
export type AdoptionFamily<J, R> = AdoptionColumns<J, R> | { sourceField: "clusterName" | "instanceName" };

function columns<J, R>(family: AdoptionFamily<J, R>): AdoptionColumns<J, R> {
  if ("phase" in family) return family;
  const shorthand = { sourceField: family.sourceField };
  return {
    phase: (job) => statusPhase((job as { status?: string }).status),
    isSameRestore: (job, request) => isSameRestore(shorthand, job as never, request as never),
    startedAt: (job) => jobTime(job as never),
    finishedAt: (job) => jobFinishTime(job as never),
  };
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
 * outcome is unknown, the source cluster's restore jobs are searched for one that the family's
 * `isSameRestore` accepts (tenant/Flex: same source project and cluster, snapshotId,
 * targetProjectId, targetDeploymentItemName) and:
 *
 * 1. is in flight (phase `inFlight`; tenant/Flex: PENDING, QUEUED or RUNNING), whatever its age:
 *    Atlas would refuse a second restore to that target anyway, and waiting for it is what the
 *    user asked for; or else
 * 2. has `succeeded` and started within the adoption window (24 h by default,
 *    `ADOPTION_WINDOW_MS`, by the family's `startedAt`; a job Atlas sends without a start date,
 *    such as every dedicated-cluster job of the v2 API, is judged by its `finishedAt`; a job with
 *    neither date is too old). Such a
 *    job that is not in the stack means an earlier run was interrupted after its POST reached
 *    Atlas (a crash, a lost connection, Ctrl-C): the restore happened, so it is recorded, not repeated.
 *
 * Failed jobs (and jobs in a state this version does not know) are never adopted. Among candidates
 * the newest wins. Consequence: re-running an identical restore within the window after
 * `pulumi destroy` adopts the finished job; set `adoptionWindowSeconds: 0` to always start a new one.
 */
export function findAdoptableJob<J extends AnyRestoreJob, R>(
  family: AdoptionFamily<J, R>,
  jobs: readonly J[],
  request: R,
  options: AdoptionOptions,
): J | undefined {
  const rules = columns(family);
  const windowMs = options.windowMs ?? ADOPTION_WINDOW_MS;
  const same = jobs.filter((job) => !options.excludeIds?.has(job.id) && rules.isSameRestore(job, request));
  // The job's own time: its start, else (Atlas sends no start for some families) its finish.
  const timeOf = (job: J) => rules.startedAt(job) ?? rules.finishedAt(job);
  const newest = (list: J[]) => [...list].sort((a, b) => (timeOf(b) ?? -Infinity) - (timeOf(a) ?? -Infinity))[0];
  const inFlight = same.filter((job) => rules.phase(job) === "inFlight");
  if (inFlight.length > 0) return newest(inFlight);
  const recent = same.filter((job) => {
    const at = timeOf(job);
    return rules.phase(job) === "succeeded" && at !== undefined && options.nowMs - at <= windowMs;
  });
  return recent.length > 0 ? newest(recent) : undefined;
}

/** The in-flight job writing to the same target cluster (the likely cause of a 409), if any. */
export function findJobOnTarget<J extends AnyRestoreJob, R>(
  family: Pick<AdoptionColumns<J, R>, "phase"> & { isOnTarget(job: J, request: R): boolean },
  jobs: readonly J[],
  request: R,
): J | undefined {
  return jobs.find((job) => family.phase(job) === "inFlight" && family.isOnTarget(job, request));
}
