import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import type { FleetRunOptions } from "./fleet-run-options";
import { systemClock } from "../util/clock";
import { conciseError } from "./command-output";
import type { Deferred, EnvironmentContext } from "./environment-context";
import { destroyEnvironment, previewEnvironment, statusOfEnvironment } from "./environment-queries";
import { upEnvironment } from "./environment-ops";
import { targetOf, type EnvironmentPlan } from "./environment-program";
import type { FleetFile } from "./fleet-file";
import { POLL_FLOOR_ENV_VAR } from "../pulumi/poll-floor";
import { backendUrlOf, checkFleetSetup, FleetSetupError, setupStep, workspaceEnv } from "./fleet-settings";
import { checkBackend, cleanupWorkRoot, createWorkRoot, type FleetWorkspaceSettings } from "./fleet-workspace";
import { splitBackendPassword } from "./backend-url";
import { knownSecrets, redactKnown } from "./redact";
import { startOffset, thisRunner } from "./runner-id";
import { inShard } from "./shard";
import type { EnvironmentResult, FleetEvent, FleetSummary } from "./fleet-summary";
import { laneStaggerMs, spreadPollIntervalSeconds } from "./poll-spread";
import { resolveSnapshots } from "./resolve-snapshots";
import { runBounded } from "./run-bounded";

export type { FleetRunOptions } from "./fleet-run-options";

export const DEFAULT_PARALLEL = 4;
export const DEFAULT_LOCK_WAIT_SECONDS = 1800;

/**
 * Runs one command over every environment of a fleet, at most `parallel` at once, each in its own
 * stack (Automation API, inline program). Never throws for an environment's failure: the summary
 * names it and the others still finish. Throws FleetSetupError before touching any stack when the
 * whole run cannot work.
 */
export async function runFleet(fleet: FleetFile, options: FleetRunOptions): Promise<FleetSummary> {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const startedAt = clock.now();
  const parallel = Math.max(1, Math.floor(options.parallel ?? DEFAULT_PARALLEL));
  const writes = options.command === "up" || options.command === "preview";
  const secrets = knownSecrets(env, [splitBackendPassword(backendUrlOf(fleet, env) ?? "").password]);
  checkFleetSetup(fleet, env, writes);
  const unknown = (options.stacks ?? []).filter((s) => !fleet.environments.some((e) => e.stack === s));
  if (unknown.length > 0) throw new FleetSetupError(`no environment with stack ${unknown.map((s) => `"${s}"`).join(", ")} in the fleet file`);
  const environments = fleet.environments.filter((e) => (!options.stacks || options.stacks.includes(e.stack)) && inShard(e.stack, options.shard));
  const inFlight = Math.max(1, Math.min(parallel, environments.length));
  const spread = options.spreadPolls !== false;
  const pollFloorSeconds = spread ? spreadPollIntervalSeconds(inFlight, fleet.atlas.requestsPerMinute) : 0;
  const workspace: FleetWorkspaceSettings = {
    project: fleet.project,
    env: { ...workspaceEnv(fleet, env), [POLL_FLOOR_ENV_VAR]: String(pollFloorSeconds) },
    workRoot: createWorkRoot(),
    ...(options.pulumiCommand ? { pulumiCommand: options.pulumiCommand } : {}),
  };
  const runner = thisRunner();
  const results: EnvironmentResult[] = new Array(environments.length);
  try {
    await setupStep("the state backend cannot be opened", secrets, () => checkBackend(workspace));
    const atlasOptions: AtlasClientOptions = { env, ...(fleet.atlas.baseUrl ? { baseUrl: fleet.atlas.baseUrl } : {}), ...options.clientOptions };
    const snapshotOf = writes ? await setupStep("the snapshot cannot be resolved", secrets, () => resolveSnapshots(fleet, atlasOptions)) : () => ({});
    const plans: EnvironmentPlan[] = environments.map((e) => ({
      stack: e.stack,
      target: targetOf(fleet, e),
      targetProjectId: e.targetProjectId ?? fleet.source.projectId,
      ...snapshotOf(e.snapshot ?? fleet.snapshot),
      wait: { ...fleet.wait, ...e.wait },
      ...(options.command === "up" ? { runner } : {}),
      ...(e.mask !== false && (e.mask ?? fleet.mask) ? { mask: (e.mask || fleet.mask)! } : {}),
    }));
    const emitFor = (stack: string, since: () => number) => (e: Omit<FleetEvent, "stack" | "elapsedMs">) =>
      options.onEvent?.({ stack, elapsedMs: since(), ...(e.message !== undefined ? { ...e, message: redactKnown(e.message, secrets) } : e) });
    for (const p of plans) emitFor(p.stack, () => 0)({ phase: "queued" });
    const deferredBy = new Map<number, string>();
    // Runners walk the fleet from different places (by their name), so they rarely reach for the same stack at once.
    const start = options.command === "up" ? startOffset(runner, plans.length) : 0;
    const order = plans.map((_, k) => (k + start) % plans.length);
    await runBounded(
      order,
      parallel,
      async (i) => {
        const plan = plans[i]!;
        const t0 = clock.now();
        const emit = emitFor(plan.stack, () => clock.now() - t0);
        const fresh = options.fresh ?? fleet.fresh;
        const ctx: EnvironmentContext = {
          fleet, plan, workspace, runner, secrets, clock, emit, fresh, runStartedAt: startedAt,
          lockWaitMs: (options.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS) * 1000,
          ...(options.interrupt ? { signal: options.interrupt } : {}),
        };
        emit({ phase: "running" });
        let outcome: EnvironmentResult | Deferred;
        try {
          outcome = await runCommand(ctx, options, deferredBy.get(i));
        } catch (error) {
          outcome = { stack: plan.stack, target: plan.target, targetProjectId: plan.targetProjectId, ok: false, elapsedMs: 0, runner, error: conciseError(error, secrets) };
        }
        if ("deferredBy" in outcome) {
          deferredBy.set(i, outcome.deferredBy);
          return "defer";
        }
        outcome.elapsedMs = clock.now() - t0 + (results[i]?.elapsedMs ?? 0);
        results[i] = outcome;
        emit({ phase: outcome.ok ? "succeeded" : "failed", ...pick(outcome) });
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        staggerMs: (lane) => (options.command === "up" ? laneStaggerMs(lane, inFlight, pollFloorSeconds) : 0),
        onSkipped: (i) => {
          const plan = plans[i]!;
          results[i] = { stack: plan.stack, target: plan.target, targetProjectId: plan.targetProjectId, ok: false, elapsedMs: 0, runner, error: "not started: the run was interrupted" };
          emitFor(plan.stack, () => 0)({ phase: "skipped", message: "not started: the run was interrupted" });
        },
      },
    );
    const failed = results.filter((r) => !r.ok).map((r) => r.stack);
    const snapshotIds = [...new Set(plans.map((p) => p.snapshotId ?? ""))];
    return {
      command: options.command,
      project: fleet.project,
      ok: failed.length === 0,
      startedAt: new Date(startedAt).toISOString(),
      wallMs: clock.now() - startedAt,
      parallel,
      runner,
      ...(options.shard ? { shard: `${options.shard.index}/${options.shard.count}` } : {}),
      ...(writes && snapshotIds.length === 1 && snapshotIds[0] ? { snapshotId: snapshotIds[0] } : {}),
      environments: results,
      failed,
    };
  } finally {
    cleanupWorkRoot(workspace);
  }
}

const pick = (r: EnvironmentResult) => ({
  ...(r.status !== undefined ? { status: r.status } : {}),
  ...(r.restoreJobId !== undefined ? { restoreJobId: r.restoreJobId } : {}),
  ...(r.error !== undefined || r.note !== undefined ? { message: r.error ?? r.note } : {}),
});

function runCommand(ctx: EnvironmentContext, options: FleetRunOptions, deferredBy: string | undefined): Promise<EnvironmentResult | Deferred> {
  switch (options.command) {
    case "up":
      return upEnvironment(ctx, deferredBy);
    case "preview":
      return previewEnvironment(ctx);
    case "status":
      return statusOfEnvironment(ctx);
    case "destroy":
      return destroyEnvironment(ctx, options.remove === true);
  }
}
