/**
 * The restore provider's implementation, loaded with `require` by the serialized provider stub
 * (restore-provider.ts) inside the provider process. It is never serialized itself, so it may hold
 * settings and clients in module state. Its exported functions are a protocol between the stub
 * stored in stack state and the installed package: keep their names and parameters stable.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasClient } from "../atlas/client";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import { AtlasConfigError } from "../atlas/errors";
import type { AtlasSettingsInput } from "../atlas/settings";
import { ADOPTION_WINDOW_MS } from "../restore/adopt";
import { adoptOrCreateRestore, waitForRestore, type WaitSettings } from "../restore/create-restore";
import { describeRestore, RestoreError, RestoreJobVanishedError, seconds, type RestoreSubject } from "../restore/errors";
import { pollPolicyFor } from "../restore/poll-policy";
import { restoreFamily, type RestoreFamily, type RestoreJob, type RestoreKind } from "../restore/restore-family";
import { isTenantSunset, TenantEndpointGoneError } from "../restore/tenant-sunset";
import { isNotFound } from "../restore/wait-for-restore-job";
import { RESTORE_TIMEOUT_SECONDS, RestoreResourceArgs } from "../schemas/restore-args";
import { parseInput } from "../schemas/validate";
import { systemClock, type Clock } from "../util/clock";
import { cancellationSignal, interruptionReason, resetInterruption, takeCancelHookNotice, trackOperation } from "./cancellation";
import { checkRestoreInputs, diffRestore } from "./check-and-diff";
import { adoptionNotice, jobNotFoundNotice } from "./notices";
import { isJobVisible, partialState, restoreOutputs, storedJob, withJob, withJobNotVisible, type RestoreOutputs } from "./restore-outputs";
import { CONFIG_KEYS, settingsFromConfig, type ConfigSource } from "./settings";

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
    // Flex endpoints exist only in API v2.
    const version: Partial<AtlasClientOptions> = kind === "flex" ? { apiVersion: "v2" } : {};
    // Ctrl-C (Cancel RPC or a signal) aborts every request and retry back-off of the process.
    client = new AtlasClient({ ...configured, ...providerHooks.clientOptions, ...version, signal: cancellationSignal() } as AtlasClientOptions);
    clients.set(kind, client);
  }
  return client;
}

const family = (kind: RestoreKind) => restoreFamily(kind) as RestoreFamily<AtlasClient>;
const argsOf = (props: Props): RestoreResourceArgs => {
  const { __provider: _p, ...inputs } = props;
  return parseInput(RestoreResourceArgs, inputs, "restore inputs");
};

/**
 * check runs at `pulumi preview` (after configure()). Besides the inputs it checks the settings by
 * building the client, which sends nothing: a missing key, a bad `mongodbatlas:baseUrl` or an
 * unknown `pulumi-atlas-restore:apiVersion` fails the preview instead of the later create. Reported
 * as a failure without a property (not thrown: the SDK's host would print a stack trace).
 */
export const check = async (kind: RestoreKind, _olds: Props, news: Props): Promise<dynamic.CheckResult> => {
  const result = checkRestoreInputs(news);
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

export const diff = async (_kind: RestoreKind, _id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> => diffRestore(olds, news);

function waitSettings(kind: RestoreKind, args: RestoreResourceArgs, adopted: boolean): WaitSettings {
  const label = family(kind).label;
  return {
    timeoutMs: (args.timeoutSeconds ?? RESTORE_TIMEOUT_SECONDS.default) * 1000,
    policy: pollPolicyFor(args.pollIntervalSeconds),
    onStatusChange: (job, previous, elapsedMs) =>
      providerHooks.log(
        previous === undefined
          ? `${describeRestore(label, args, job.id)}: ${job.status ?? "?"}${adopted ? " (adopted an existing job)" : ""}`
          : `${label} ${job.id}: ${previous} → ${job.status ?? "?"} after ${seconds(elapsedMs)}`,
      ),
  };
}

/**
 * Waits for `job`; on failure, timeout or interruption rejects with partial state so the stack keeps
 * the job id (a job that vanished is kept marked `jobVisible: false`: never waited for again).
 */
async function settle(kind: RestoreKind, args: RestoreResourceArgs, inputs: Props, job: RestoreJob, adopted: boolean, refetchFirst: boolean) {
  const outputs = (j: RestoreJob) => restoreOutputs(args, j, adopted);
  if (args.waitForCompletion === false) return outputs(job);
  const signal = cancellationSignal();
  const notice = takeCancelHookNotice();
  if (notice !== undefined) providerHooks.log(notice);
  try {
    const settings = waitSettings(kind, args, adopted);
    const done = await waitForRestore({ family: family(kind), client: clientFor(kind), request: args, clock: providerHooks.clock, ...settings, job, refetchFirst, signal });
    return outputs(done);
  } catch (error) {
    const last = error instanceof RestoreError && error.job ? error.job : job;
    let message = (error as Error).message;
    if (error instanceof RestoreJobVanishedError) throw partialState(message, job.id, withJobNotVisible(outputs(last)), inputs);
    if (signal.aborted) {
      message =
        `${describeRestore(family(kind).label, args, job.id)}: stopped waiting because ${interruptionReason() ?? "the wait was interrupted"}; ` +
        `the job was last seen ${last.status ?? "in an unknown state"}. It keeps running in Atlas (a restore cannot be cancelled). ` +
        "Run `pulumi up` again to resume waiting for this same job; no second restore is started.";
      providerHooks.log(message);
    }
    throw partialState(message, job.id, outputs(last), inputs);
  }
}

export const create = (kind: RestoreKind, inputs: Props): Promise<dynamic.CreateResult> => trackOperation(() => createRestore(kind, inputs));
async function createRestore(kind: RestoreKind, inputs: Props): Promise<dynamic.CreateResult> {
  const args = argsOf(inputs);
  const adoptionWindowMs = args.adoptionWindowSeconds === undefined ? ADOPTION_WINDOW_MS : args.adoptionWindowSeconds * 1000;
  const started = await adoptOrCreateRestore({
    family: family(kind),
    client: clientFor(kind),
    request: args,
    clock: providerHooks.clock,
    adoptionWindowMs,
    excludeIds: released,
  }).catch((error: unknown) => {
    throw kind === "tenant" && isTenantSunset(error) ? new TenantEndpointGoneError(args, error) : error;
  });
  // Adoption is never silent: a finished job taken over means the target is not restored again.
  if (started.adopted && started.job.status === "COMPLETED") providerHooks.log(adoptionNotice(family(kind).label, args, started.job, adoptionWindowMs));
  const outs = await settle(kind, args, inputs, started.job, started.adopted, false);
  return { id: started.job.id, outs };
}

/**
 * Update never starts a restore (identity changes are replacements). COMPLETED, or a job Atlas no
 * longer lists (`jobVisible: false`): records the new inputs, no request. FAILED: fails again with
 * the same advice, state unchanged. Otherwise (in flight, e.g. after a timeout): resumes waiting on
 * the same job with the new settings.
 */
export const update = (kind: RestoreKind, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> =>
  trackOperation(() => updateRestore(kind, id, olds, news));
async function updateRestore(kind: RestoreKind, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
  const args = argsOf(news);
  const stored: RestoreOutputs = { ...olds, ...args };
  const adopted = olds.adopted === true;
  const job = storedJob(id, olds);
  if (!isJobVisible(olds)) return { outs: withJobNotVisible(restoreOutputs(args, job, adopted)) };
  if (job.status === "COMPLETED") return { outs: restoreOutputs(args, job, adopted) };
  if (job.status === "FAILED") {
    const message =
      `${describeRestore(family(kind).label, args, id)} FAILED (as recorded by an earlier run). Atlas does not retry a ` +
      "failed restore. To start a new one run `pulumi up --replace <urn of this resource>` (or change snapshotId/target); " +
      "`pulumi refresh` re-reads the job.";
    throw partialState(message, id, withJob(stored, job), news);
  }
  return { outs: await settle(kind, args, news, job, adopted, true) };
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
    return { id, props: withJob(props, await family(kind).get(clientFor(kind), ref)) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const subject: RestoreSubject = { ...ref, snapshotId: String(props.snapshotId), targetDeploymentItemName: String(props.targetDeploymentItemName) };
    if (typeof props.targetProjectId === "string") subject.targetProjectId = props.targetProjectId;
    providerHooks.log(jobNotFoundNotice(family(kind).label, subject, id, props.status));
    return { id, props: withJobNotVisible(props) };
  }
}

/** Atlas cannot cancel or delete tenant/Flex restore jobs: forget the job, leave the data. */
async function remove(kind: RestoreKind, id: string, props: Props): Promise<void> {
  released.add(id);
  const label = family(kind).label;
  const running = props.status !== "COMPLETED" && props.status !== "FAILED";
  providerHooks.log(
    `${label} ${id}: removed from the stack only. Atlas has no way to cancel or delete a restore job; ` +
      `the restored data stays in place on ${String(props.targetDeploymentItemName)}` +
      (running ? ` (the job was last seen ${String(props.status ?? "in an unknown state")} and may still be writing to it).` : "."),
  );
}
const removeTracked = (kind: RestoreKind, id: string, props: Props): Promise<void> => trackOperation(() => remove(kind, id, props));
export { removeTracked as delete };
