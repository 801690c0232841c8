import type { RestoreJob } from "../restore/restore-family";
import type { RestoreResourceArgs } from "../schemas/restore-args";

/** The job fields every restore resource exposes as outputs (snapshotUrl is always secret). */
export const JOB_OUTPUT_FIELDS = [
  "status",
  "deliveryType",
  "snapshotUrl",
  "expirationDate",
  "restoreScheduledDate",
  "restoreFinishedDate",
  "snapshotFinishedDate",
] as const;

/** Output-only properties (not inputs), declared on the resource so they appear in the program. */
export const OUTPUT_ONLY_FIELDS = ["restoreJobId", ...JOB_OUTPUT_FIELDS, "adopted", "jobVisible"] as const;

export type RestoreOutputs = Record<string, unknown>;

/** Drops undefined values: protobuf Structs cannot carry them. */
function compact(values: Record<string, unknown>): RestoreOutputs {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * The resource's outputs: the inputs as given (wait settings too, so diff sees them), the target
 * project as applied, and the job's fields. The job id is both the resource id and `restoreJobId`.
 */
export function restoreOutputs(args: RestoreResourceArgs, job: RestoreJob, adopted: boolean): RestoreOutputs {
  const fromJob = Object.fromEntries(JOB_OUTPUT_FIELDS.map((f) => [f, typeof job[f] === "string" ? job[f] : undefined]));
  return compact({
    ...args,
    targetProjectId: args.targetProjectId ?? (typeof job.targetProjectId === "string" ? job.targetProjectId : args.projectId),
    restoreJobId: job.id,
    ...fromJob,
    adopted,
    jobVisible: true,
  });
}

/** Refreshes the job fields of stored outputs (read, update). */
export function withJob(stored: RestoreOutputs, job: RestoreJob): RestoreOutputs {
  const { __provider: _p, ...rest } = stored;
  const fromJob = Object.fromEntries(JOB_OUTPUT_FIELDS.map((f) => [f, typeof job[f] === "string" ? job[f] : undefined]));
  return compact({ ...rest, ...Object.fromEntries(JOB_OUTPUT_FIELDS.map((f) => [f, undefined])), ...fromJob, restoreJobId: job.id, jobVisible: true });
}

/**
 * The stored outputs of a job Atlas answers 404 for: kept as last seen and marked `jobVisible: false`.
 * diff and update never start a restore or wait for such a job (only a replacement restores again).
 */
export function withJobNotVisible(stored: RestoreOutputs): RestoreOutputs {
  const { __provider: _p, ...rest } = stored;
  return { ...rest, jobVisible: false };
}

/** False only for a job Atlas no longer lists (outputs written before jobVisible existed count as visible). */
export const isJobVisible = (stored: RestoreOutputs): boolean => stored.jobVisible !== false;

/** The job as recorded in outputs (enough to resume waiting on it). */
export function storedJob(id: string, stored: RestoreOutputs): RestoreJob {
  const job: RestoreJob = { id };
  for (const f of JOB_OUTPUT_FIELDS) if (typeof stored[f] === "string") job[f] = stored[f] as string;
  return job;
}

/**
 * What a dynamic provider's create/update rejects with to keep a created resource: the engine
 * records `id` and `properties` (which must carry `__provider`) and fails the deployment with
 * `reasons`. Shape: @pulumi/pulumi cmd/dynamic-provider grpcResponseFromError.
 */
export class PartialStateError extends Error {
  override name = "PartialStateError" as const;
  readonly reasons: string[];
  constructor(
    message: string,
    readonly id: string,
    readonly properties: RestoreOutputs,
  ) {
    super(message);
    this.reasons = [message];
  }
}

/** A PartialStateError whose properties are `outputs` plus the serialized provider of `inputs`. */
export function partialState(message: string, id: string, outputs: RestoreOutputs, inputs: Record<string, unknown>): PartialStateError {
  const { __provider: _p, ...rest } = outputs;
  return new PartialStateError(message, id, { ...rest, __provider: inputs.__provider });
}
