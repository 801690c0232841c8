/**
 * The restore provider's implementation, loaded with `require` by the serialized provider stub
 * (restore-provider.ts) inside the provider process. It is never serialized itself, so it may hold
 * settings and clients in module state. Its exported functions are a protocol between the stub
 * stored in stack state and the installed package: keep their names and parameters stable.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasClient } from "../atlas/client";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import { AtlasApiError, AtlasConfigError } from "../atlas/errors";
import type { AtlasSettingsInput } from "../atlas/settings";
import { ADOPTION_WINDOW_MS } from "../restore/adopt";
import { adoptOrCreateRestore, waitForRestore, type WaitSettings } from "../restore/create-restore";
import { describeRestore, RestoreError, RestoreJobVanishedError, seconds } from "../restore/errors";
import { pollPolicyFor } from "../restore/poll-policy";
import { describeRestoreTarget } from "../restore/describe-restore";
import type { AnyRestoreJob, RestoreArgsBase, RestoreKind } from "../restore/family-types";
import { restoreFamily } from "../restore/restore-family";
import { isNotFound } from "../restore/wait-for-restore-job";
import { forecastRestore, type RestoreForecast } from "../restore/restore-forecast";
import { forecastProgress } from "./forecast-progress";
import { RESTORE_TIMEOUT_SECONDS } from "../schemas/restore-args";
import { parseInput } from "../schemas/validate";
import { systemClock, type Clock } from "../util/clock";
import { cancellationSignal, interruptionReason, resetInterruption, takeCancelHookNotice, trackOperation } from "./cancellation";
import { checkRestoreInputs, diffRestore } from "./check-and-diff";
import { adoptionNotice, jobNotFoundNotice } from "./notices";
import { isJobVisible, partialState, restoreOutputs, storedJob, withJob, withJobNotVisible, type RestoreOutputs } from "./restore-outputs";
import { CONFIG_KEYS, settingsFromConfig, type ConfigSource } from "./settings";
import { withPollFloor } from "./poll-floor";

type Props = Record<string, unknown>;

/** Test seams: where progress goes, the clock, and extra client options (e.g. a short retry budget). */
export const providerHooks: { log: (line: string) => void; clock: Clock; clientOptions: Partial<AtlasClientOptions> } = {
  log: (line) => console.log(line),
  clock: systemClock,
  clientOptions: {},
};

/** Settings from configure(): module state of the provider process, never part of the serialized provider. */
let configured: AtlasSettingsInput = {};
let clients = new Map<RestoreKind, AtlasClient>();
/** Jobs `delete` let go in this process: a replacement must start a new restore, not adopt them. */
const released = new Set<string>();

export async function configure(req: { config: ConfigSource }): Promise<void> {
  configured = settingsFromConfig(req.config);
  clients = new Map();
}

/** Forgets configure() settings and cached clients (tests). */
export function resetProviderState(): void {
  configured = {};
  clients = new Map();
  released.clear();
  resetInterruption();
}

function clientFor(kind: RestoreKind): AtlasClient {
  let client = clients.get(kind);
  if (!client) {
    // Some families exist only in one API version (Flex: v2).
    const apiVersion = family(kind).apiVersion;
    const version: Partial<AtlasClientOptions> = apiVersion ? { apiVersion } : {};
    // Ctrl-C (Cancel RPC or a signal) aborts every request and retry back-off of the process.
    client = new AtlasClient({ ...configured, ...providerHooks.clientOptions, ...version, signal: cancellationSignal() } as AtlasClientOptions);
    clients.set(kind, client);
  }
  return client;
}

const family = (kind: RestoreKind) => restoreFamily<AtlasClient>(kind);
const argsOf = (kind: RestoreKind, props: Props): RestoreArgsBase => {
  const { __provider: _p, ...inputs } = props;
  return parseInput(family(kind).args, inputs, "restore inputs");
};

/**
 * check runs at `pulumi preview` (after configure()). Besides the inputs it checks the settings by
 * building the client, which sends nothing: a missing key, a bad `mongodbatlas:baseUrl` or an
 * unknown `pulumi-atlas-restore:apiVersion` fails the preview instead of the later create. Reported
 * as a failure without a property (not thrown: the SDK's host would print a stack trace).
 */
export const check = async (kind: RestoreKind, _olds: Props, news: Props): Promise<dynamic.CheckResult> => {
  const result = checkRestoreInputs(news, family(kind).args);
  const problem = settingsProblem(kind);
  return problem === undefined ? result : { inputs: result.inputs, failures: [...(result.failures ?? []), { property: "", reason: problem }] };
};

function settingsProblem(kind: RestoreKind): string | undefined {
  try {
    clientFor(kind);
    return undefined;
  } catch (error) {
    if (!(error instanceof AtlasConfigError)) throw error;
    const option = error.option as keyof typeof CONFIG_KEYS;
    // Name the stack config key when the bad value came from it (else the message names the env vars).
    return option in CONFIG_KEYS && configured[option] !== undefined ? `Pulumi config ${CONFIG_KEYS[option]}: ${error.message}` : error.message;
  }
}

export const diff = async (kind: RestoreKind, _id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> =>
  diffRestore(olds, news, family(kind));

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
async function resumedForecast(kind: RestoreKind, args: RestoreArgsBase, job: AnyRestoreJob): Promise<RestoreForecast | undefined> {
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
async function settle(kind: RestoreKind, args: RestoreArgsBase, inputs: Props, job: AnyRestoreJob, adopted: boolean, refetchFirst: boolean, forecast?: RestoreForecast) {
  const outputs = (j: AnyRestoreJob) => restoreOutputs(family(kind), args, j, adopted);
  if (args.waitForCompletion === false) return outputs(job);
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

export const create = (kind: RestoreKind, inputs: Props): Promise<dynamic.CreateResult> => trackOperation(() => createRestore(kind, inputs));
async function createRestore(kind: RestoreKind, inputs: Props): Promise<dynamic.CreateResult> {
  const args = argsOf(kind, inputs);
  const adoptionWindowMs = args.adoptionWindowSeconds === undefined ? ADOPTION_WINDOW_MS : args.adoptionWindowSeconds * 1000;
  const started = await adoptOrCreateRestore({
    family: family(kind),
    client: clientFor(kind),
    request: args,
    clock: providerHooks.clock,
    adoptionWindowMs,
    excludeIds: released,
  });
  // Adoption is never silent: a finished job taken over means the target is not restored again.
  if (started.adopted && family(kind).phase(started.job) === "succeeded") providerHooks.log(adoptionNotice(family(kind), args, started.job, adoptionWindowMs));
  const outs = await settle(kind, args, inputs, started.job, started.adopted, false, started.forecast);
  return { id: started.job.id, outs };
}

/**
 * Update never starts a restore (identity changes are replacements). Succeeded (COMPLETED), or a
 * job Atlas no longer lists (`jobVisible: false`): records the new inputs, no request. Failed
 * (FAILED; dedicated also CANCELLED, EXPIRED): fails again with the same advice, state unchanged.
 * Otherwise (in flight, e.g. after a timeout): resumes waiting on the same job with the new settings.
 */
export const update = (kind: RestoreKind, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> =>
  trackOperation(() => updateRestore(kind, id, olds, news));
async function updateRestore(kind: RestoreKind, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
  const args = argsOf(kind, news);
  const f = family(kind);
  const stored: RestoreOutputs = { ...olds, ...args };
  const adopted = olds.adopted === true;
  const job = storedJob(f, id, olds);
  const phase = f.phase(job);
  if (!isJobVisible(olds)) return { outs: withJobNotVisible(restoreOutputs(f, args, job, adopted)) };
  if (phase === "succeeded") return { outs: restoreOutputs(f, args, job, adopted) };
  if (phase === "failed") {
    const message =
      `${describeRestore(f.label, args, id)} ${f.status(job) ?? "FAILED"} (as recorded by an earlier run). Atlas does not retry a ` +
      "failed restore. To start a new one run `pulumi up --replace <urn of this resource>` (or change snapshotId/target); " +
      "`pulumi refresh` re-reads the job.";
    throw partialState(message, id, withJob(f, stored, job), news);
  }
  return { outs: await settle(kind, args, news, job, adopted, true, await resumedForecast(kind, args, job)) };
}

/**
 * Refresh: the job as Atlas has it now. A job Atlas no longer knows (404) stays in the stack as last
 * seen, marked `jobVisible: false`, with one line saying so: dropping it would make the next `up`
 * create the resource again, i.e. restore the target a second time.
 */
export const read = (kind: RestoreKind, id: string, props: Props): Promise<dynamic.ReadResult> => trackOperation(() => readRestore(kind, id, props));
async function readRestore(kind: RestoreKind, id: string, props: Props): Promise<dynamic.ReadResult> {
  const ref = { projectId: String(props.projectId), clusterName: String(props.clusterName), restoreJobId: id };
  try {
    return { id, props: withJob(family(kind), props, await family(kind).get(clientFor(kind), ref)) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const f = family(kind);
    providerHooks.log(jobNotFoundNotice(f.label, props as unknown as RestoreArgsBase, id, f.status(f.storedJob(id, props))));
    return { id, props: withJobNotVisible(props) };
  }
}

/**
 * destroy: the family's `deletion` says what happens to the job. "forget" (tenant, Flex; dedicated
 * restores into a cluster): Atlas cannot undo a restore, so the job leaves the stack and the data
 * stays. "cancel" (a dedicated download job): the job is cancelled in Atlas (a 404 means it is gone already).
 */
async function remove(kind: RestoreKind, id: string, props: Props): Promise<void> {
  released.add(id);
  const f = family(kind);
  const job = f.storedJob(id, props);
  const status = f.status(job);
  const ref = { projectId: String(props.projectId), clusterName: String(props.clusterName), restoreJobId: id };
  if (f.deletion(job) === "cancel" && f.cancel) {
    try {
      await f.cancel(clientFor(kind), ref);
      providerHooks.log(`${f.label} ${id}: cancelled in Atlas (was ${status ?? "in an unknown state"}); its download links no longer work.`);
    } catch (error) {
      // 404: gone already; 400: it ended (expired, cancelled) and cannot be cancelled any more.
      if (!(error instanceof AtlasApiError) || (error.status !== 404 && error.status !== 400)) throw error;
      providerHooks.log(`${f.label} ${id}: not cancelled (${error.message}); the job has ended or is gone, so it leaves the stack.`);
    }
    return;
  }
  const phase = f.phase(job);
  const running = phase !== "succeeded" && phase !== "failed";
  const target = describeRestoreTarget(props as unknown as RestoreArgsBase) ?? "the target";
  providerHooks.log(
    `${f.label} ${id}: removed from the stack only. ${f.forgetReason}; ` +
      `the restored data stays in place on ${target}` +
      (running ? ` (the job was last seen ${status ?? "in an unknown state"} and may still be writing to it).` : "."),
  );
}
const removeTracked = (kind: RestoreKind, id: string, props: Props): Promise<void> => trackOperation(() => remove(kind, id, props));
export { removeTracked as delete };
