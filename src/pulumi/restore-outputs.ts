import type { AnyRestoreJob, RestoreArgsBase, RestoreFamily } from "../restore/family-types";

/** A family's output-only properties: `restoreJobId`, its job fields and `adopted`. */
export const outputOnlyFields = (family: Pick<RestoreFamily, "jobOutputFields">): string[] => ["restoreJobId", ...family.jobOutputFields, "adopted"];

export type RestoreOutputs = Record<string, unknown>;
type Family = Pick<RestoreFamily, "jobOutputFields" | "jobOutputs" | "targetProjectOf" | "storedJob">;

/** Drops undefined values: protobuf Structs cannot carry them. */
function compact(values: Record<string, unknown>): RestoreOutputs {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * The resource's outputs: the inputs as given (wait settings too, so diff sees them), the target
 * project as applied, and the job's fields. The job id is both the resource id and `restoreJobId`.
 */
export function restoreOutputs(family: Family, args: RestoreArgsBase, job: AnyRestoreJob, adopted: boolean): RestoreOutputs {
  return compact({
    ...args,
    targetProjectId: args.targetProjectId ?? family.targetProjectOf(job) ?? args.projectId,
    restoreJobId: job.id,
    ...family.jobOutputs(job),
    adopted,
  });
}

/** Refreshes the job fields of stored outputs (read, update). */
export function withJob(family: Family, stored: RestoreOutputs, job: AnyRestoreJob): RestoreOutputs {
  const { __provider: _p, ...rest } = stored;
  const cleared = Object.fromEntries(family.jobOutputFields.map((f) => [f, undefined]));
  return compact({ ...rest, ...cleared, ...family.jobOutputs(job), restoreJobId: job.id });
}

/** The job as recorded in outputs (enough to resume waiting on it). */
export function storedJob(family: Family, id: string, stored: RestoreOutputs): AnyRestoreJob {
  return family.storedJob(id, stored);
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
