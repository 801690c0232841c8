/**
 * Waiting inside the provider: the wait settings of one resource (progress lines, poll policy,
 * forecast), the forecast of a resumed wait, and `settle`, which turns a wait's end into outputs or
 * into partial state that keeps the job id.
 */
import { describeRestore, RestoreError, RestoreJobVanishedError, seconds } from "../restore/errors";
import { waitForRestore, type WaitSettings } from "../restore/create-restore";
import { pollPolicyFor } from "../restore/poll-policy";
import type { AnyRestoreJob, RestoreArgsBase, RestoreKind } from "../restore/family-types";
import { forecastRestore, type RestoreForecast } from "../restore/restore-forecast";
import { RESTORE_TIMEOUT_SECONDS } from "../schemas/restore-args";
import { cancellationSignal, interruptionReason, takeCancelHookNotice } from "./cancellation";
import { forecastProgress } from "./forecast-progress";
import { withPollFloor } from "./poll-floor";
import { clientFor, family, providerHooks, type Props } from "./provider-context";
import { partialState, restoreOutputs, withJobNotVisible } from "./restore-outputs";

function waitSettings(kind: RestoreKind, args: RestoreArgsBase, adopted: boolean, forecast?: RestoreForecast): WaitSettings {
  const f = family(kind);
  const { label, status } = f;
  const progress = forecastProgress(f, forecast, (line) => providerHooks.log(line));
  const { progressLine } = f;
  let lastLine: { job: AnyRestoreJob; atMs: number } | undefined;
  return {
    // At most one line per poll: a status change prints its own line, else the family's progress line.
    onPoll: (job, statusChanged, elapsedMs) => {
      const nowMs = providerHooks.clock.now();
      const line = progressLine?.(job, nowMs, lastLine);
      if (line === undefined) return progress.onPoll(job, statusChanged, elapsedMs);
      lastLine = { job, atMs: nowMs };
      if (!statusChanged) providerHooks.log(line);
    },
    timeoutMs: (args.timeoutSeconds ?? RESTORE_TIMEOUT_SECONDS.default) * 1000,
    policy: pollPolicyFor({ pollIntervalSeconds: withPollFloor(args.pollIntervalSeconds), maxPollIntervalSeconds: args.maxPollIntervalSeconds }),
    forecast,
    onStatusChange: (job, previous, elapsedMs) => {
      progress.statusChanged(job, elapsedMs);
      providerHooks.log(
        previous === undefined
          ? `${describeRestore(label, args, job.id)}: ${status(job) ?? "?"}${adopted ? " (adopted an existing job)" : ""}${progress.note(job)}`
          : `${label} ${job.id}: ${previous} → ${status(job) ?? "?"} after ${seconds(elapsedMs)}${progress.note(job)}`,
      );
    },
  };
}

/**
 * A resumed wait (update after a timeout or interruption) has no adoption listing: list the source
 * cluster's jobs once for a forecast. Best effort: a failed listing just means no forecast.
 */
export async function resumedForecast(kind: RestoreKind, args: RestoreArgsBase, job: AnyRestoreJob): Promise<RestoreForecast | undefined> {
  if (args.waitForCompletion === false || args.pollIntervalSeconds !== undefined) return undefined;
  try {
    const jobs = await family(kind).list(clientFor(kind), args);
    return forecastRestore(family(kind), jobs, job, { nowMs: providerHooks.clock.now(), started: false });
  } catch {
    return undefined;
  }
}

/**
 * Waits for `job`; on failure, timeout or interruption rejects with partial state so the stack keeps
 * the job id (a job that vanished is kept marked `jobVisible: false`: never waited for again).
 */
export async function settle(kind: RestoreKind, args: RestoreArgsBase, inputs: Props, job: AnyRestoreJob, adopted: boolean, refetchFirst: boolean, forecast?: RestoreForecast) {
  const outputs = (j: AnyRestoreJob) => restoreOutputs(family(kind), args, j, adopted);
  if (args.waitForCompletion === false) return outputs(job);
  const { noHistoryReason, label } = family(kind);
  if (forecast === undefined && noHistoryReason !== undefined && args.pollIntervalSeconds === undefined) {
    providerHooks.log(`${describeRestore(label, args, job.id)}: no duration forecast (no history): ${noHistoryReason}; checking on the plain schedule.`);
  }
  const signal = cancellationSignal();
  const notice = takeCancelHookNotice();
  if (notice !== undefined) providerHooks.log(notice);
  try {
    const settings = waitSettings(kind, args, adopted, forecast);
    const done = await waitForRestore({ family: family(kind), client: clientFor(kind), request: args, clock: providerHooks.clock, ...settings, job, refetchFirst, signal });
    return outputs(done);
  } catch (error) {
    const last = error instanceof RestoreError && error.job ? error.job : job;
    let message = (error as Error).message;
    if (error instanceof RestoreJobVanishedError) throw partialState(message, job.id, withJobNotVisible(outputs(last)), inputs);
    if (signal.aborted) {
      message =
        `${describeRestore(family(kind).label, args, job.id)}: stopped waiting because ${interruptionReason() ?? "the wait was interrupted"}; ` +
        `the job was last seen ${family(kind).status(last) ?? "in an unknown state"}. It keeps running in Atlas (it is not cancelled). ` +
        "Run `pulumi up` again to resume waiting for this same job; no second restore is started.";
      providerHooks.log(message);
    }
    throw partialState(message, job.id, outputs(last), inputs);
  }
}
