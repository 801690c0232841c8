import { AtlasAbortedError } from "../atlas/aborted-error";
import { AtlasApiError, AtlasError } from "../atlas/errors";
import { systemClock, type Clock } from "../util/clock";
import { findAdoptableJob, findJobOnTarget } from "./adopt";
import { RestoreConflictError, RestoreError, RestoreOutcomeUnknownError, RestoreWaitInterruptedError } from "./errors";
import type { PollPolicy } from "./poll-policy";
import type { AnyRestoreJob, RestoreArgsBase, RestoreFamily } from "./family-types";
import { isRestoreConflict } from "./restore-conflict";
import { forecastRestore, type RestoreForecast } from "./restore-forecast";
import { waitForRestoreJob } from "./wait-for-restore-job";

export interface StartRestoreOptions<C, R extends RestoreArgsBase = RestoreArgsBase, J extends AnyRestoreJob = AnyRestoreJob> {
  family: RestoreFamily<C, R, J>;
  client: C;
  request: R;
  clock?: Clock;
  /** See findAdoptableJob; default 24 h. */
  adoptionWindowMs?: number;
  excludeIds?: ReadonlySet<string>;
  /** After a POST with unknown outcome and an empty first look-up, look once more after this pause (default 2 s). */
  recheckDelayMs?: number;
}

export interface StartedRestore<J extends AnyRestoreJob = AnyRestoreJob> {
  job: J;
  /** True when an existing job was taken over instead of POSTing. */
  adopted: boolean;
  /** How long restores like this one usually take, from the jobs listed for adoption (no extra request). */
  forecast?: RestoreForecast;
}

/** A POST that may have been processed: a network failure after sending, a 5xx, an unreadable 2xx. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof AtlasApiError) return error.status >= 500;
  return error instanceof AtlasError && error.requestSent;
}

/**
 * Adopt-or-create: looks for a job `findAdoptableJob` accepts; if there is none, POSTs once. The POST
 * is never repeated: if its outcome is unknown the jobs are looked up again (twice, `recheckDelayMs`
 * apart) and a match is adopted, else RestoreOutcomeUnknownError. A conflict (isRestoreConflict: a
 * 409, or a code saying a restore is in progress) adopts a matching in-flight job, else
 * RestoreConflictError naming the running job. Any error passes through the family's
 * `explainCreateError` (e.g. the tenant sunset becomes TenantEndpointGoneError).
 */
export async function adoptOrCreateRestore<C, R extends RestoreArgsBase, J extends AnyRestoreJob>(
  options: StartRestoreOptions<C, R, J>,
): Promise<StartedRestore<J>> {
  const { family, request } = options;
  try {
    return await adoptOrCreate(options);
  } catch (error) {
    throw family.explainCreateError ? family.explainCreateError(error, request) : error;
  }
}

async function adoptOrCreate<C, R extends RestoreArgsBase, J extends AnyRestoreJob>(options: StartRestoreOptions<C, R, J>): Promise<StartedRestore<J>> {
  const { family, client, request } = options;
  const clock = options.clock ?? systemClock;
  const lookUp = async (): Promise<{ jobs: J[]; match?: J }> => {
    const jobs = await family.list(client, request);
    const rule = { nowMs: clock.now(), windowMs: options.adoptionWindowMs, excludeIds: options.excludeIds };
    return { jobs, match: findAdoptableJob(family, jobs, request, rule) };
  };

  const before = await lookUp();
  const started = (job: J, adopted: boolean): StartedRestore<J> => {
    const forecast = forecastRestore(family, before.jobs, job, { nowMs: clock.now(), started: !adopted });
    return forecast === undefined ? { job, adopted } : { job, adopted, forecast };
  };
  // A finished job is read once more where the listing does not tell its whole outcome.
  const adopt = async (job: J): Promise<StartedRestore<J>> =>
    started(family.readBeforeAdopting && family.phase(job) === "succeeded" ? await family.get(client, { ...request, restoreJobId: job.id }) : job, true);
  if (before.match) return adopt(before.match);
  try {
    return started(await family.create(client, request), false);
  } catch (error) {
    if (isRestoreConflict(error)) {
      const after = await lookUp();
      if (after.match) return adopt(after.match);
      const running = findJobOnTarget(family, after.jobs, request);
      throw new RestoreConflictError(family.label, request, running, error, running && family.status(running));
    }
    if (!outcomeUnknown(error)) throw error;
    // Interrupted (Ctrl-C) with the POST in flight: no look-up now; the next run adopts the job if Atlas took it.
    if (error instanceof AtlasAbortedError) throw new RestoreOutcomeUnknownError(family.label, request, error, false);
    try {
      for (let look = 0; look < 2; look++) {
        if (look > 0) await clock.sleep(options.recheckDelayMs ?? 2000);
        const after = await lookUp();
        if (after.match) return adopt(after.match);
      }
    } catch (lookupError) {
      throw new RestoreOutcomeUnknownError(family.label, request, new AggregateError([error, lookupError], `${(error as Error).message}; the look-up failed too: ${(lookupError as Error).message}`));
    }
    throw new RestoreOutcomeUnknownError(family.label, request, error);
  }
}

export interface WaitSettings {
  timeoutMs: number;
  policy?: Readonly<PollPolicy>;
  signal?: AbortSignal;
  onStatusChange?: (job: AnyRestoreJob, previousStatus: string | undefined, elapsedMs: number) => void;
  /** From StartedRestore.forecast (or forecastRestore after a listing); none = the plain growing schedule. */
  forecast?: RestoreForecast;
  /** Every observation of the job (see waitForRestoreJob's onPoll). */
  onPoll?: (job: AnyRestoreJob, statusChanged: boolean, elapsedMs: number) => void;
}

/**
 * Waits for a known job (a new one, an adopted one, or one recorded in the stack by an earlier
 * run). Every error thrown carries the job as last seen (RestoreError.job).
 */
export async function waitForRestore<C, R extends RestoreArgsBase, J extends AnyRestoreJob>(
  options: Pick<StartRestoreOptions<C, R, J>, "family" | "client" | "request" | "clock"> & WaitSettings & { job: J; refetchFirst?: boolean },
): Promise<J> {
  const { family, client, request, job } = options;
  let last = job;
  const fetchJob = async () => (last = await family.get(client, { ...request, restoreJobId: job.id }));
  try {
    return await waitForRestoreJob({
      fetchJob,
      timeoutMs: options.timeoutMs,
      policy: options.policy,
      clock: options.clock,
      signal: options.signal,
      initialJob: options.refetchFirst ? undefined : job,
      onStatusChange: options.onStatusChange,
      onPoll: options.onPoll,
      reader: family,
      forecast: options.forecast,
      label: family.label,
      request,
    });
  } catch (error) {
    if (error instanceof RestoreError && error.job) throw error;
    throw new RestoreWaitInterruptedError(family.label, request, last, error);
  }
}

/** The whole flow: adopt-or-create, then (unless `wait` is false) wait for the outcome. */
export async function runRestore<C, R extends RestoreArgsBase, J extends AnyRestoreJob>(
  options: StartRestoreOptions<C, R, J> & { wait: WaitSettings | false },
): Promise<StartedRestore<J>> {
  const started = await adoptOrCreateRestore(options);
  if (options.wait === false) return started;
  const job = await waitForRestore({ ...options, ...options.wait, forecast: options.wait.forecast ?? started.forecast, job: started.job });
  return { ...started, job };
}
