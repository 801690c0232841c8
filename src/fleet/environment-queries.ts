import { conciseError } from "./command-output";
import { environmentProgram } from "./environment-program";
import { baseResult, lockPolicy, withRecorded, type EnvironmentContext } from "./environment-ops";
import type { EnvironmentResult } from "./fleet-summary";
import { findStack } from "./fleet-workspace";
import { readStackState } from "./stack-state";
import { withStackLock } from "./with-stack-lock";

/** `status`: the restore as the stack recorded it; no Atlas request at all. ok = COMPLETED. */
export async function statusOfEnvironment(ctx: EnvironmentContext): Promise<EnvironmentResult> {
  const result = baseResult(ctx);
  const stack = await findStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan));
  if (!stack) return { ...result, error: "not seeded (no stack): run `atlas-restore-fleet up`" };
  const view = await readStackState(stack);
  const out = withRecorded(result, view);
  if (out.restoreFinishedDate !== undefined) out.ageSeconds = Math.max(0, Math.round((ctx.clock.now() - Date.parse(out.restoreFinishedDate)) / 1000));
  out.ok = out.status === "COMPLETED" && view.pendingOperations.length === 0;
  if (!out.ok) {
    out.error = view.pendingOperations.length > 0
      ? `an interrupted run left ${view.pendingOperations.join(", ")} pending: run \`atlas-restore-fleet up\` to recover`
      : out.status === undefined ? "no restore recorded in the stack" : `the restore is ${out.status}`;
  }
  return out;
}

/**
 * `destroy`: forget the restore (Atlas cannot cancel or undo one; the restored data stays), and with
 * `remove` also delete the stack itself. A missing stack is already gone: ok.
 */
export async function destroyEnvironment(ctx: EnvironmentContext, remove: boolean): Promise<EnvironmentResult> {
  const result = baseResult(ctx);
  const stack = await findStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan));
  if (!stack) return { ...result, ok: true, changes: {} };
  const recorded = withRecorded(result, await readStackState(stack).catch(() => undefined));
  try {
    const destroyed = await withStackLock(() => stack.destroy({ color: "never", ...(ctx.signal ? { signal: ctx.signal } : {}) }), lockPolicy(ctx, stack, []));
    recorded.changes = (destroyed.summary.resourceChanges ?? {}) as Record<string, number>;
    if (remove) await withStackLock(() => stack.workspace.removeStack(ctx.plan.stack), lockPolicy(ctx, stack, []));
    recorded.ok = true;
  } catch (error) {
    recorded.error = conciseError(error);
  }
  return recorded;
}
