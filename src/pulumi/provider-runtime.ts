/**
 * The restore provider's implementation, loaded with `require` by the serialized provider stub
 * (restore-provider.ts) inside the provider process. It is never serialized itself, so it may hold
 * settings and clients in module state. Its exported functions are a protocol between the stub
 * stored in stack state and the installed package: keep their names and parameters stable.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasApiError } from "../atlas/errors";
import { ADOPTION_WINDOW_MS } from "../restore/adopt";
import { adoptOrCreateRestore } from "../restore/create-restore";
import { describeRestore } from "../restore/errors";
import { describeRestoreTarget } from "../restore/describe-restore";
import type { RestoreArgsBase, RestoreKind } from "../restore/family-types";
import { isNotFound } from "../restore/wait-for-restore-job";
import { trackOperation } from "./cancellation";
import { checkRestoreInputs, diffRestore } from "./check-and-diff";
import { adoptionNotice, jobNotFoundNotice } from "./notices";
import { argsOf, clientFor, family, providerHooks, released, settingsProblem, type Props } from "./provider-context";
import { resumedForecast, settle } from "./provider-wait";
import { isJobVisible, partialState, restoreOutputs, storedJob, withJob, withJobNotVisible, type RestoreOutputs } from "./restore-outputs";

export { configure, providerHooks, resetProviderState } from "./provider-context";

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

export const diff = async (kind: RestoreKind, _id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> =>
  diffRestore(olds, news, family(kind));

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
