import type { Stack } from "@pulumi/pulumi/automation";
import type { Clock } from "../util/clock";
import type { EnvironmentPlan } from "./environment-program";
import type { FleetFile } from "./fleet-file";
import type { EnvironmentResult, FleetEvent } from "./fleet-summary";
import type { FleetWorkspaceSettings } from "./fleet-workspace";
import type { StackStateView } from "./stack-state";

/** What an operation on one environment gets from the fleet run. */
export interface EnvironmentContext {
  fleet: FleetFile;
  plan: EnvironmentPlan;
  workspace: FleetWorkspaceSettings;
  lockWaitMs: number;
  clock: Clock;
  /** This runner, as locks name it (`user@host pid N`). */
  runner: string;
  /** When this run began (ms): work another runner finished since then is not done again. */
  runStartedAt: number;
  /** Secret values of this run, never to appear in a message. */
  secrets: readonly string[];
  /** up: never adopt a finished job when a restore is created (adoptionWindowSeconds 0). */
  fresh?: boolean;
  signal?: AbortSignal;
  emit(event: Omit<FleetEvent, "stack" | "elapsedMs">): void;
}

/** up's answer on an environment another runner holds: come back to it after the unclaimed ones. */
export interface Deferred {
  deferredBy: string;
}

export function baseResult(ctx: EnvironmentContext): EnvironmentResult {
  return { stack: ctx.plan.stack, target: ctx.plan.target, targetProjectId: ctx.plan.targetProjectId, ok: false, elapsedMs: 0, runner: ctx.runner };
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

/** Lock handling of one command: wait up to `lockWaitMs` for a live lock (0: StackLockedError at once). */
export const lockPolicy = (ctx: EnvironmentContext, stack: Stack, recovered: string[], lockWaitMs = ctx.lockWaitMs) => ({
  lockWaitMs,
  clock: ctx.clock,
  cancel: () => stack.cancel(),
  onWaiting: (why: string) => ctx.emit({ phase: "waiting-for-lock", message: why }),
  onStaleLockRemoved: (why: string) => {
    recovered.push(why);
    ctx.emit({ phase: "recovering", message: why });
  },
});
