import { describeRestore, type RestoreSubject } from "./describe-restore";
import type { AnyRestoreJob } from "./family-types";

export { describeRestore, describeRestorePoint, describeRestoreTarget, type RestoreSubject } from "./describe-restore";

/**
 * Errors of the restore logic. Each names the job, the clusters and what to do next, and carries
 * the last known `job` (when there is one) so the Pulumi provider can record it as partial state.
 */
export class RestoreError extends Error {
  override name = "RestoreError";
  readonly code: string = "RESTORE";
  constructor(
    message: string,
    /** The job as last seen, if Atlas created one. */
    readonly job?: AnyRestoreJob,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_FAILURE_ADVICE =
  "Atlas keeps the failed job and does not retry it. Check that the target cluster accepts restores " +
  "(no encryption at rest, same major MongoDB version as the snapshot, no client traffic), then start a new " +
  "restore: `pulumi up --replace <urn of this resource>` (or change snapshotId/target).";

/** Atlas ended the job without success (FAILED; dedicated: also CANCELLED, EXPIRED). A new restore needs a new job. */
export class RestoreJobFailedError extends RestoreError {
  override name = "RestoreJobFailedError" as const;
  override readonly code = "RESTORE_FAILED" as const;
  constructor(
    label: string,
    request: RestoreSubject | undefined,
    job: AnyRestoreJob,
    elapsedMs: number,
    readonly status: string = "FAILED",
    advice: string = DEFAULT_FAILURE_ADVICE,
  ) {
    super(`${describeRestore(label, request, job.id)} ${status} after ${seconds(elapsedMs)}. ${advice}`, job);
  }
}

/** The wait ended before the job finished. The job keeps running in Atlas (it cannot be cancelled). */
export class RestoreTimeoutError extends RestoreError {
  override name = "RestoreTimeoutError" as const;
  override readonly code = "RESTORE_TIMEOUT" as const;
  constructor(
    label: string,
    request: RestoreSubject | undefined,
    job: AnyRestoreJob,
    readonly elapsedMs: number,
    readonly lastError?: unknown,
    status: string | undefined = typeof job.status === "string" ? job.status : undefined,
  ) {
    const last = lastError instanceof Error ? `; the last status check failed: ${lastError.message}` : "";
    super(
      `${describeRestore(label, request, job.id)} is still ${status ?? "in an unknown state"} after ` +
        `${seconds(elapsedMs)} (the timeout)${last}. The job keeps running in Atlas. Run \`pulumi up\` again to ` +
        "resume waiting for this same job (no second restore is started), or raise timeoutSeconds.",
      job,
      { cause: lastError },
    );
  }
}

/** Atlas answers 404 for a job we were waiting on. */
export class RestoreJobVanishedError extends RestoreError {
  override name = "RestoreJobVanishedError" as const;
  override readonly code = "RESTORE_VANISHED" as const;
  constructor(
    label: string,
    request: RestoreSubject | undefined,
    job: AnyRestoreJob,
    cause: unknown,
    status: string | undefined = typeof job.status === "string" ? job.status : undefined,
  ) {
    super(
      `${describeRestore(label, request, job.id)} was last seen ${status ?? "without a status"} but Atlas now ` +
        "answers 404 for it (deleted, or the source cluster was removed). Check the target cluster's data; " +
        "`pulumi refresh` drops the job from the stack.",
      job,
      { cause },
    );
  }
}

/** A POST may have reached Atlas but no matching job can be found: never re-sent automatically. */
export class RestoreOutcomeUnknownError extends RestoreError {
  override name = "RestoreOutcomeUnknownError" as const;
  override readonly code = "RESTORE_OUTCOME_UNKNOWN" as const;
  constructor(label: string, request: RestoreSubject, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `${describeRestore(label, request)}: the request to start the restore may have reached Atlas (${why}), ` +
        "but no matching restore job appears in the source cluster's restore list. It was NOT sent again, because a " +
        "second restore would wipe the target again. Check the restore jobs of the source cluster in Atlas; then run " +
        "`pulumi up` again: it adopts the job if it appears, and starts one only if none exists.",
      undefined,
      { cause },
    );
  }
}

/** Atlas refused the POST with 409 and the running job is not ours to adopt. */
export class RestoreConflictError extends RestoreError {
  override name = "RestoreConflictError" as const;
  override readonly code = "RESTORE_CONFLICT" as const;
  constructor(
    label: string,
    request: RestoreSubject,
    readonly conflicting: AnyRestoreJob | undefined,
    cause: unknown,
    conflictingStatus: string | undefined = typeof conflicting?.status === "string" ? conflicting.status : undefined,
  ) {
    const atlas = cause instanceof Error ? cause.message : String(cause);
    const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "?");
    const other = conflicting
      ? `restore job ${conflicting.id} (snapshot ${text(conflicting.snapshotId)} → ` +
        `${text(conflicting.targetDeploymentItemName ?? conflicting.targetClusterName)}, status ${conflictingStatus ?? "?"}) is in progress`
      : "another restore is in progress";
    super(
      `${describeRestore(label, request)}: Atlas refused to start it (${atlas}): ${other}. ` +
        "Wait until that job finishes, then run `pulumi up` again.",
      undefined,
      { cause },
    );
  }
}

/** Waiting stopped for a reason other than the job's outcome (bad credentials, an unexpected answer). */
export class RestoreWaitInterruptedError extends RestoreError {
  override name = "RestoreWaitInterruptedError" as const;
  override readonly code = "RESTORE_WAIT_INTERRUPTED" as const;
  constructor(label: string, request: RestoreSubject | undefined, job: AnyRestoreJob, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `${describeRestore(label, request, job.id)}: stopped waiting (${why}). The job keeps running in Atlas; ` +
        "fix the cause and run `pulumi up` again to resume waiting for it.",
      job,
      { cause },
    );
  }
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
