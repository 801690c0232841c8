import { conciseError, lineSplitter, progressOf } from "./command-output";
import { adoptionNote, doneDuringThisRun, otherRunnersOutcome, recoverPendingOperations, waitForOtherRunner } from "./claim-turn";
import { baseResult, lockPolicy, withRecorded, type Deferred, type EnvironmentContext } from "./environment-context";
import { environmentProgram } from "./environment-program";
import type { EnvironmentResult } from "./fleet-summary";
import { isBackendHiccup, openStack } from "./fleet-workspace";
import { signalOption, withScopedSignal } from "./scoped-signal";
import { readStackState } from "./stack-state";
import { StackLockedError, withStackLock } from "./with-stack-lock";

const RANK: Record<string, number> = { PENDING: 0, QUEUED: 1, RUNNING: 2, IN_PROGRESS: 2, COMPLETED: 3, FAILED: 3, CANCELLED: 3, EXPIRED: 3 };

/** Progress from the provider's lines; the CLI repeats them in its closing diagnostics, so statuses only move forward. */
function progressSink(ctx: EnvironmentContext): (chunk: string) => void {
  let rank = -1;
  return lineSplitter((line) => {
    const p = progressOf(line);
    if (!p) return;
    const r = p.status === undefined ? rank : (RANK[p.status] ?? rank);
    if (r < rank) return;
    rank = r;
    ctx.emit({ phase: "running", ...p });
  });
}

/**
 * `up`. First turn: an environment whose stack another live run holds is not waited for: the answer
 * is Deferred and the runner takes the next one. Second turn (`deferredBy` set): wait for that
 * run's lock to go, then report what it recorded without running again; run it only if it
 * recorded nothing. Recovery (a dead process's lock, a pending create) happens only with the lock
 * held. An unchanged environment makes no Atlas write: same inputs, no diff, no provider call.
 */
export async function upEnvironment(ctx: EnvironmentContext, deferredBy?: string): Promise<EnvironmentResult | Deferred> {
  const result = baseResult(ctx);
  const recovered: string[] = [];
  const startedAt = ctx.clock.now();
  let stack;
  try {
    stack = await openStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan));
  } catch (error) {
    if (deferredBy === undefined && isBackendHiccup(error)) return { deferredBy: "another runner" };
    throw error;
  }
  const lockWaitMs = deferredBy === undefined ? 0 : ctx.lockWaitMs;
  try {
    if (deferredBy !== undefined) {
      await waitForOtherRunner(ctx, stack, deferredBy, recovered);
      const view = await readStackState(stack);
      const theirs = otherRunnersOutcome(result, view, view.runner ?? deferredBy);
      if (theirs) return theirs;
    }
    const before = await readStackState(stack);
    const doneByOther = deferredBy === undefined ? await doneDuringThisRun(ctx, stack, before, result) : undefined;
    if (doneByOther) return doneByOther;
    if (ctx.fresh && (!before.restore || before.restore.snapshotId !== ctx.plan.snapshotId)) ctx.plan.wait = { ...ctx.plan.wait, adoptionWindowSeconds: 0 };
    if (before.pendingOperations.length > 0) await recoverPendingOperations(ctx, stack, before.pendingOperations, recovered, lockPolicy(ctx, stack, recovered, lockWaitMs));
    const up = await withStackLock(
      () => withScopedSignal(ctx.signal, (signal) => stack.up({ color: "never", onOutput: progressSink(ctx), ...signalOption(signal) })),
      lockPolicy(ctx, stack, recovered, lockWaitMs),
    );
    result.changes = (up.summary.resourceChanges ?? {}) as Record<string, number>;
  } catch (error) {
    if (deferredBy === undefined && error instanceof StackLockedError) {
      ctx.emit({ phase: "deferred", message: `${error.holder} holds this stack: taking the next environment, back to it at the end` });
      return { deferredBy: error.holder };
    }
    // Another runner touching the same stack's blobs at that moment (PostgreSQL backend): come back to it at the end.
    if (deferredBy === undefined && isBackendHiccup(error)) return { deferredBy: "another runner" };
    result.error = conciseError(error, ctx.secrets);
  }
  const after = withRecorded(result, await readStackState(stack).catch(() => undefined));
  if (recovered.length > 0) after.recovered = recovered;
  after.ok = after.error === undefined && after.status === "COMPLETED";
  if (after.error === undefined && !after.ok) after.error = `the restore is ${after.status ?? "not recorded"} (expected COMPLETED)`;
  const note = adoptionNote(after, startedAt);
  if (note !== undefined) after.note = note;
  return after;
}
