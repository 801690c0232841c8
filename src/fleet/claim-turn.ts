import type { Stack } from "@pulumi/pulumi/automation";
import { withRecorded, type EnvironmentContext } from "./environment-context";
import type { EnvironmentResult } from "./fleet-summary";
import { holderName } from "./runner-id";
import { signalOption, withScopedSignal } from "./scoped-signal";
import { lockHolders, locksAreStale } from "./stack-lock";
import { probeStackLock } from "./stack-probe";
import type { StackStateView } from "./stack-state";
import { StackLockedError, withStackLock, type LockPolicy } from "./with-stack-lock";

const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "EXPIRED"]);

/**
 * Waits until nobody holds the stack's lock (probing it, changing nothing), up to --lock-wait. A
 * lock of a dead process of this machine is removed (`pulumi cancel`); another machine's never.
 */
export async function waitForOtherRunner(ctx: EnvironmentContext, stack: Stack, deferredBy: string, recovered: string[]): Promise<void> {
  const started = ctx.clock.now();
  for (let removals = 0, hiccups = 0; ; ) {
    let message: string | undefined;
    try {
      message = await probeStackLock(ctx.workspace, ctx.plan.stack);
    } catch (error) {
      // The PostgreSQL backend sometimes answers a stack init racing another runner's with
      // "could not list bucket … NotFound": ask again, a few times.
      if (++hiccups > 5) throw error;
      await ctx.clock.sleep(500 + Math.random() * 1000);
      continue;
    }
    if (message === undefined) return;
    const holders = lockHolders(message);
    if (locksAreStale(holders) && removals++ < 3) {
      await stack.cancel();
      const why = `removed a stale lock (${holders.map((h) => `pid ${h.pid} on ${h.host} is gone`).join(", ")})`;
      recovered.push(why);
      ctx.emit({ phase: "recovering", message: why });
      continue;
    }
    const waited = ctx.clock.now() - started;
    const holder = holders.map(holderName).join(", ") || deferredBy;
    if (waited >= ctx.lockWaitMs) {
      throw new StackLockedError(
        `${holder} still holds the stack after ${Math.round(waited / 1000)} s (--lock-wait); nothing was started here. ` +
          "If that run is gone for good, remove its lock with `pulumi cancel` on this stack, then run again.",
        holder,
      );
    }
    ctx.emit({ phase: "waiting-for-lock", message: `waiting for ${holder}, which took this environment` });
    await ctx.clock.sleep(Math.min(2000 + Math.random() * 2000, Math.max(0, ctx.lockWaitMs - waited)));
  }
}

/** What the runner that held the stack recorded, reported as its outcome; undefined when it recorded no finished restore. */
export function otherRunnersOutcome(result: EnvironmentResult, view: StackStateView, deferredBy: string): EnvironmentResult | undefined {
  const status = view.restore?.status;
  if (status === undefined || !TERMINAL.has(status) || view.pendingOperations.length > 0) return undefined;
  const out = withRecorded({ ...result, runner: deferredBy, byAnotherRunner: true, changes: {} }, view);
  out.ok = status === "COMPLETED";
  out.note = `done by another runner (${deferredBy}): job ${out.restoreJobId ?? "?"} ${status}, not run again here`;
  if (!out.ok) out.error = `another runner (${deferredBy}) recorded the restore as ${status}: run \`atlas-restore-fleet up\` again to retry`;
  return out;
}

/**
 * First turn on a stack another runner restored during this run (it recorded the same snapshot,
 * COMPLETED, finished after this run began, or in an update that ended since): its outcome,
 * reported without a `pulumi up` of our own. Undefined when that is not so (then up decides).
 */
export async function doneDuringThisRun(ctx: EnvironmentContext, stack: Stack, view: StackStateView, result: EnvironmentResult): Promise<EnvironmentResult | undefined> {
  const r = view.restore;
  const by = view.runner;
  if (ctx.fresh || by === undefined || by === ctx.runner || r?.status !== "COMPLETED" || view.pendingOperations.length > 0) return undefined;
  if (ctx.plan.snapshotId === undefined || r.snapshotId !== ctx.plan.snapshotId) return undefined;
  // Finished (per Atlas) after this run began: restored during this run. Else ask the update history
  // (an adopted older job): the other runner's update must have ended after this run began.
  const finished = r.restoreFinishedDate === undefined ? NaN : Date.parse(r.restoreFinishedDate);
  if (!(finished >= ctx.runStartedAt)) {
    const last = (await stack.history(1))[0];
    const ended = last?.endTime === undefined ? NaN : new Date(last.endTime).getTime();
    if (!(ended >= ctx.runStartedAt) || last?.result !== "succeeded") return undefined;
  }
  return otherRunnersOutcome(result, view, by);
}

/**
 * Clears pending operations a killed run left (`pulumi refresh --clear-pending-creates`), with the
 * stack's lock held. The state was read without the lock, so what it showed may have been a live
 * run's: the recovery is reported only when the update history shows nobody else finished an
 * update between that read and the refresh (a live run would have held the lock, so the refresh
 * waits or, on a first turn, defers).
 */
export async function recoverPendingOperations(ctx: EnvironmentContext, stack: Stack, pending: string[], recovered: string[], policy: LockPolicy): Promise<void> {
  const seen = (await stack.history(1))[0]?.version;
  await withStackLock(
    () => withScopedSignal(ctx.signal, (signal) => stack.refresh({ clearPendingCreates: true, color: "never", ...signalOption(signal) })),
    policy,
  );
  const [, previous] = await stack.history(2);
  if (previous?.version !== seen) return; // another run finished meanwhile: its leftovers were not ours to clear
  const why = `cleared ${pending.length} pending operation(s) (${pending.join(", ")}) left by an interrupted run (pulumi refresh --clear-pending-creates)`;
  recovered.push(why);
  ctx.emit({ phase: "recovering", message: why });
}

/** "adopted job … finished at …, no new restore" when this run's create took over an existing job. */
export function adoptionNote(r: EnvironmentResult, startedAt: number): string | undefined {
  const created = (r.changes?.create ?? 0) + (r.changes?.replace ?? 0) > 0;
  if (!created || r.adopted !== true || r.restoreJobId === undefined) return undefined;
  const finished = r.restoreFinishedDate === undefined ? NaN : Date.parse(r.restoreFinishedDate);
  if (!Number.isNaN(finished) && finished < startedAt) {
    return `adopted job ${r.restoreJobId} finished at ${r.restoreFinishedDate}, no new restore (up --fresh starts a new one)`;
  }
  return `adopted job ${r.restoreJobId}, already started by another run: no second restore`;
}
