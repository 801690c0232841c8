import { AtlasApiError, AtlasNetworkError } from "../atlas/errors";
import { systemClock, type Clock } from "../util/clock";
import { RestoreJobFailedError, RestoreJobVanishedError, RestoreTimeoutError, RestoreWaitInterruptedError } from "./errors";
import { defaultPollPolicy, pollDelay, type PollPolicy } from "./poll-policy";
import type { AnyRestoreJob, RestoreJobReader } from "./family-types";
import type { RestoreForecast } from "./restore-forecast";
import type { RestoreSubject } from "./errors";
import { statusJobReader } from "./status-job";

export interface WaitForRestoreJobOptions<J extends AnyRestoreJob> {
  /** One GET of the job (the client already retries transient failures). */
  fetchJob: () => Promise<J>;
  timeoutMs: number;
  policy?: Readonly<PollPolicy>;
  clock?: Clock;
  signal?: AbortSignal;
  /** The job as already known (e.g. the POST's answer): waiting starts with a pause, not a GET. */
  initialJob?: J;
  /** Called once per observed status (the first observation has `previousStatus` undefined), never per poll. */
  onStatusChange?: (job: J, previousStatus: string | undefined, elapsedMs: number) => void;
  /** Called for every observation of the job (after onStatusChange); `statusChanged` says whether that printed a line. */
  onPoll?: (job: J, statusChanged: boolean, elapsedMs: number) => void;
  /** How to read the job (a family row); default: Atlas's `status` (tenant, Flex). */
  reader?: RestoreJobReader<J>;
  /** How long such restores usually take and how old the job was when waiting began (sparse, then dense polling). */
  forecast?: RestoreForecast;
  /** For messages: `TenantRestore` and what is restored where. */
  label?: string;
  request?: RestoreSubject;
}

/** A failed GET worth another poll: the network, a 5xx or a 429 (the client has retried it already). */
export function isTransientAtlasError(error: unknown): boolean {
  if (error instanceof AtlasNetworkError) return true;
  return error instanceof AtlasApiError && (error.status >= 500 || error.status === 429);
}

export const isNotFound = (error: unknown): boolean => error instanceof AtlasApiError && error.status === 404;

/**
 * Polls a restore job until its phase (read by `reader`) is `succeeded` (resolves with it) or
 * `failed` (RestoreJobFailedError naming the status, e.g. FAILED, CANCELLED or EXPIRED),
 * it vanishes (404 → RestoreJobVanishedError) or the timeout passes (RestoreTimeoutError, naming
 * the last status and the last failed check). Transient GET failures don't end the wait: the
 * deadline does. Other errors end it with RestoreWaitInterruptedError, which keeps the job.
 * Prints nothing; time comes from `clock`.
 */
export async function waitForRestoreJob<J extends AnyRestoreJob>(options: WaitForRestoreJobOptions<J>): Promise<J> {
  const { fetchJob, timeoutMs, signal, onStatusChange, request } = options;
  const policy = options.policy ?? defaultPollPolicy;
  const clock = options.clock ?? systemClock;
  const label = options.label ?? "Restore";
  const reader = options.reader ?? (statusJobReader as unknown as RestoreJobReader<J>);
  const start = clock.now();
  const elapsed = () => clock.now() - start;

  let job = options.initialJob;
  let status: string | undefined;
  let lastError: unknown;
  let attempt = 0;
  let seen = false;
  const observe = (next: J) => {
    job = next;
    const nextStatus = reader.status(next);
    const changed = !seen || nextStatus !== status;
    if (changed) {
      const previous = status;
      seen = true;
      status = nextStatus;
      onStatusChange?.(next, previous, elapsed());
    }
    options.onPoll?.(next, changed, elapsed());
  };
  if (job !== undefined) observe(job);

  for (;;) {
    const phase = job === undefined ? undefined : reader.phase(job);
    if (phase === "succeeded") return job!;
    if (phase === "failed") throw new RestoreJobFailedError(label, request, job!, elapsed(), status, reader.failureAdvice?.(job!));
    if (job !== undefined || lastError !== undefined) {
      const retryAfterMs = lastError instanceof AtlasApiError ? lastError.retryAfterMs : undefined;
      const { forecast } = options;
      const jobElapsedMs = forecast && forecast.jobAgeAtStartMs + elapsed();
      const delay = pollDelay(policy, attempt, { elapsedMs: elapsed(), timeoutMs, retryAfterMs, estimate: forecast?.estimate, jobElapsedMs });
      if (delay === undefined) {
        if (job === undefined) throw lastError;
        throw new RestoreTimeoutError(label, request, job, elapsed(), lastError, status);
      }
      await clock.sleep(delay, signal);
      attempt++;
    }
    try {
      const next = await fetchJob();
      lastError = undefined;
      observe(next);
    } catch (error) {
      signal?.throwIfAborted();
      if (job !== undefined && isNotFound(error)) throw new RestoreJobVanishedError(label, request, job, error, status);
      if (!isTransientAtlasError(error)) {
        throw job === undefined ? error : new RestoreWaitInterruptedError(label, request, job, error);
      }
      lastError = error;
    }
  }
}
