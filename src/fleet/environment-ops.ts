import type { Stack } from "@pulumi/pulumi/automation";
import type { Clock } from "../util/clock";
import { conciseError, lineSplitter, progressOf } from "./command-output";
import { environmentProgram, type EnvironmentPlan } from "./environment-program";
import type { FleetFile } from "./fleet-file";
import type { EnvironmentResult, FleetEvent } from "./fleet-summary";
import { findStack, openStack, type FleetWorkspaceSettings } from "./fleet-workspace";
import { readStackState, type StackStateView } from "./stack-state";
import { withStackLock } from "./with-stack-lock";

/** What an operation on one environment gets from the fleet run. */
export interface EnvironmentContext {
  fleet: FleetFile;
  plan: EnvironmentPlan;
  workspace: FleetWorkspaceSettings;
  lockWaitMs: number;
  clock: Clock;
  signal?: AbortSignal;
  emit(event: Omit<FleetEvent, "stack" | "elapsedMs">): void;
}

export function baseResult(ctx: EnvironmentContext): EnvironmentResult {
  return { stack: ctx.plan.stack, target: ctx.plan.target, targetProjectId: ctx.plan.targetProjectId, ok: false, elapsedMs: 0 };
}

export function withRecorded(result: EnvironmentResult, view: StackStateView | undefined): EnvironmentResult {
  const r = view?.restore;
  if (!r) return result;
  const out: EnvironmentResult = { ...result };
  if (r.restoreJobId !== undefined) out.restoreJobId = r.restoreJobId;
  if (r.status !== undefined) out.status = r.status;
  if (r.snapshotId !== undefined) out.snapshotId = r.snapshotId;
  if (r.restoreFinishedDate !== undefined) out.restoreFinishedDate = r.restoreFinishedDate;
  if (r.adopted !== undefined) out.adopted = r.adopted;
  return out;
}

export const lockPolicy = (ctx: EnvironmentContext, stack: Stack, recovered: string[]) => ({
  lockWaitMs: ctx.lockWaitMs,
  clock: ctx.clock,
  cancel: () => stack.cancel(),
  onWaiting: (why: string) => ctx.emit({ phase: "waiting-for-lock", message: why }),
  onStaleLockRemoved: (why: string) => {
    recovered.push(why);
    ctx.emit({ phase: "recovering", message: why });
  },
});

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
 * `up`: recover what a killed run left (stale lock, pending create), then `pulumi up`. An
 * unchanged environment makes no Atlas write: same inputs, no diff, the provider is not called.
 */
export async function upEnvironment(ctx: EnvironmentContext): Promise<EnvironmentResult> {
  const result = baseResult(ctx);
  const recovered: string[] = [];
  const stack = await openStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan));
  const policy = lockPolicy(ctx, stack, recovered);
  try {
    await withStackLock(async () => {
      const pending = (await readStackState(stack)).pendingOperations;
      if (pending.length === 0) return;
      const why = `cleared ${pending.length} pending operation(s) (${pending.join(", ")}) left by an interrupted run (pulumi refresh --clear-pending-creates)`;
      ctx.emit({ phase: "recovering", message: why });
      await stack.refresh({ clearPendingCreates: true, color: "never", ...(ctx.signal ? { signal: ctx.signal } : {}) });
      recovered.push(why);
    }, policy);
    const up = await withStackLock(() => stack.up({ color: "never", onOutput: progressSink(ctx), ...(ctx.signal ? { signal: ctx.signal } : {}) }), policy);
    result.changes = (up.summary.resourceChanges ?? {}) as Record<string, number>;
  } catch (error) {
    result.error = conciseError(error);
  }
  const after = withRecorded(result, await readStackState(stack).catch(() => undefined));
  if (recovered.length > 0) after.recovered = recovered;
  after.ok = after.error === undefined && after.status === "COMPLETED";
  if (after.error === undefined && !after.ok) after.error = `the restore is ${after.status ?? "not recorded"} (expected COMPLETED)`;
  return after;
}

/** `preview`: what `up` would do, as the engine counts it (no Atlas write; the snapshot listing is a read). */
export async function previewEnvironment(ctx: EnvironmentContext): Promise<EnvironmentResult> {
  const result = baseResult(ctx);
  const stack = (await findStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan))) ??
    (await openStack(ctx.workspace, ctx.plan.stack, environmentProgram(ctx.fleet, ctx.plan)));
  try {
    const preview = await withStackLock(() => stack.preview({ color: "never", ...(ctx.signal ? { signal: ctx.signal } : {}) }), lockPolicy(ctx, stack, []));
    result.changes = preview.changeSummary as Record<string, number>;
    result.ok = true;
  } catch (error) {
    result.error = conciseError(error);
  }
  return withRecorded(result, await readStackState(stack).catch(() => undefined));
}
