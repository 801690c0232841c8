import { isSameIdentity } from "./restore-identity";
import { statusIdentity } from "./status-identity";
import type { RestoreJob, RestorePhase, RestoreJobReader, RestoreRequest } from "./family-types";

/**
 * Columns shared by families whose jobs carry Atlas's `status` (tenant and Flex): PENDING, QUEUED,
 * RUNNING, FAILED, COMPLETED. Also the default reader of waitForRestoreJob.
 */

const IN_FLIGHT: ReadonlySet<string> = new Set(["PENDING", "QUEUED", "RUNNING"]);

export function statusPhase(status: string | undefined): RestorePhase {
  if (status === "COMPLETED") return "succeeded";
  if (status === "FAILED") return "failed";
  return status !== undefined && IN_FLIGHT.has(status) ? "inFlight" : "unknown";
}

export const statusJobReader: RestoreJobReader<RestoreJob> = Object.freeze({
  status: (job: RestoreJob) => job.status,
  phase: (job: RestoreJob) => statusPhase(job.status),
});

const parseDate = (value: unknown): number | undefined => {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/** When Atlas took the job: `restoreScheduledDate`, else `submittedAt` (some answers carry it). */
export function jobTime(job: RestoreJob): number | undefined {
  return parseDate(job.restoreScheduledDate) ?? parseDate(job.submittedAt);
}

/** When the job finished: `restoreFinishedDate`, else `finishedDate` (seen in documented answers). */
export function jobFinishTime(job: RestoreJob): number | undefined {
  return parseDate(job.restoreFinishedDate) ?? parseDate(job.finishedDate);
}

/** `targetProjectId` as Atlas applies it: the source project unless given. */
export const effectiveTargetProjectId = (r: { projectId: string; targetProjectId?: string }): string =>
  r.targetProjectId ?? r.projectId;

const jobTargetProject = (job: RestoreJob, request: RestoreRequest) => job.targetProjectId ?? job.projectId ?? request.projectId;

/** Same restore: equal canonical identities (statusIdentity: source, snapshot, target). Status and age aside. */
export function isSameRestore(family: { sourceField: "clusterName" | "instanceName" }, job: RestoreJob, request: RestoreRequest): boolean {
  return isSameIdentity(statusIdentity(family.sourceField), job, request);
}

/** The job writes to the same target cluster and project as `request`. */
export function isOnTarget(job: RestoreJob, request: RestoreRequest): boolean {
  return job.targetDeploymentItemName === request.targetDeploymentItemName && jobTargetProject(job, request) === effectiveTargetProjectId(request);
}

/** The job fields a tenant/Flex restore resource exposes as outputs (snapshotUrl is always secret). */
export const JOB_OUTPUT_FIELDS = [
  "status",
  "deliveryType",
  "snapshotUrl",
  "expirationDate",
  "restoreScheduledDate",
  "restoreFinishedDate",
  "snapshotFinishedDate",
] as const;

export function statusJobOutputs(job: RestoreJob): Record<string, unknown> {
  return Object.fromEntries(JOB_OUTPUT_FIELDS.map((f) => [f, typeof job[f] === "string" ? job[f] : undefined]));
}

export function storedStatusJob(id: string, stored: Record<string, unknown>): RestoreJob {
  const job: RestoreJob = { id };
  for (const f of JOB_OUTPUT_FIELDS) if (typeof stored[f] === "string") job[f] = stored[f] as string;
  return job;
}
