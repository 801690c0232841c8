import { conciseError } from "./command-output";
import { baseResult, lockPolicy, withRecorded, type EnvironmentContext } from "./environment-context";
import { environmentProgram } from "./environment-program";
import type { EnvironmentResult } from "./fleet-summary";
import { findStack } from "./fleet-workspace";
import { signalOption, withScopedSignal } from "./scoped-signal";
import { readStackState } from "./stack-state";
import { withStackLock } from "./with-stack-lock";

const NOT_SEEDED = "not seeded: run `atlas-restore-fleet up`";

/** `status`: the restore as the stack recorded it; no Atlas request at all. ok = COMPLETED. */
export async function statusOfEnvironment(ctx: EnvironmentContext): Promise<EnvironmentResult> {
  const result = baseResult(ctx);
  const stack = await findStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan));
  if (!stack) return { ...result, error: `${NOT_SEEDED} (no stack)` };
  const view = await readStackState(stack);
  const out = withRecorded(result, view);
  if (out.restoreFinishedDate !== undefined) out.ageSeconds = Math.max(0, Math.round((ctx.clock.now() - Date.parse(out.restoreFinishedDate)) / 1000));
  out.ok = out.status === "COMPLETED" && view.pendingOperations.length === 0;
  if (!out.ok) {
    out.error = view.pendingOperations.length > 0
      ? `an interrupted run left ${view.pendingOperations.join(", ")} pending: run \`atlas-restore-fleet up\` to recover`
      : out.status === undefined ? `${NOT_SEEDED} (the stack has no restore)` : `the restore is ${out.status}`;
  }
  return out;
}

/**
 * `preview`: what `up` would do, as the engine counts it (no Atlas write; the snapshot listing is a
 * read). An environment without a stack is reported as one restore to create, and no stack is
 * created for it (a preview leaves the shared backend as it found it).
 */
export async function previewEnvironment(ctx: EnvironmentContext): Promise<EnvironmentResult> {
  const result = baseResult(ctx);
  const stack = await findStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan));
  if (!stack) return { ...result, ok: true, changes: { create: 1 }, note: "not seeded yet: up creates its stack and one restore" };
  try {
    // The DIY backends take no lock for a preview.
    const preview = await withScopedSignal(ctx.signal, (signal) => stack.preview({ color: "never", ...signalOption(signal) }));
    result.changes = preview.changeSummary as Record<string, number>;
    result.ok = true;
  } catch (error) {
    result.error = conciseError(error, ctx.secrets);
  }
  return withRecorded(result, await readStackState(stack).catch(() => undefined));
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
    const destroyed = await withStackLock(
      () => withScopedSignal(ctx.signal, (signal) => stack.destroy({ color: "never", ...signalOption(signal) })),
      lockPolicy(ctx, stack, []),
    );
    recorded.changes = (destroyed.summary.resourceChanges ?? {}) as Record<string, number>;
    if (remove) await withStackLock(() => stack.workspace.removeStack(ctx.plan.stack), lockPolicy(ctx, stack, []));
    recorded.ok = true;
  } catch (error) {
    recorded.error = conciseError(error, ctx.secrets);
  }
  return recorded;
}
