import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { PulumiCommand } from "@pulumi/pulumi/automation";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import { systemClock, type Clock } from "../util/clock";
import { destroyEnvironment, statusOfEnvironment } from "./environment-queries";
import { previewEnvironment, upEnvironment, type EnvironmentContext } from "./environment-ops";
import { targetOf, type EnvironmentPlan } from "./environment-program";
import type { FleetFile } from "./fleet-file";
import { POLL_FLOOR_ENV_VAR } from "../pulumi/poll-floor";
import { checkFleetSetup, FleetSetupError, workspaceEnv } from "./fleet-settings";
import type { EnvironmentResult, FleetCommand, FleetEvent, FleetSummary } from "./fleet-summary";
import { laneStaggerMs, spreadPollIntervalSeconds } from "./poll-spread";
import { resolveSnapshots } from "./resolve-snapshots";
import { runBounded } from "./run-bounded";

export interface FleetRunOptions {
  command: FleetCommand;
  /** Environments in flight at once (default 4). */
  parallel?: number;
  /** destroy: also remove the stacks. */
  remove?: boolean;
  /** Only these stacks (default: all of the fleet file). */
  stacks?: string[];
  /** How long to wait for another run's stack lock (default 1800 s); 0 fails at once. */
  lockWaitSeconds?: number;
  /** Environment of the Pulumi CLI and the providers (default process.env): backend, passphrase, Atlas keys. */
  env?: NodeJS.ProcessEnv;
  /** A Pulumi CLI to use (default: `pulumi` on PATH). */
  pulumiCommand?: PulumiCommand;
  /** Spread the providers' polls under the project's request budget (default true; see poll-spread.ts). */
  spreadPolls?: boolean;
  /** Extra options of the fleet's own Atlas client (resolving `latest`). */
  clientOptions?: AtlasClientOptions;
  onEvent?: (event: FleetEvent) => void;
  /** Stops starting environments (those not started are reported as skipped). */
  signal?: AbortSignal;
  /** Also interrupts running ones: each Pulumi CLI gets one SIGINT and stops gracefully (partial state kept). */
  interrupt?: AbortSignal;
  clock?: Clock;
}

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
  checkFleetSetup(fleet, env, writes);
  const unknown = (options.stacks ?? []).filter((s) => !fleet.environments.some((e) => e.stack === s));
  if (unknown.length > 0) throw new FleetSetupError(`no environment with stack ${unknown.map((s) => `"${s}"`).join(", ")} in the fleet file`);
  const environments = options.stacks ? fleet.environments.filter((e) => options.stacks!.includes(e.stack)) : fleet.environments;
  const atlasOptions: AtlasClientOptions = { env, ...(fleet.atlas.baseUrl ? { baseUrl: fleet.atlas.baseUrl } : {}), ...options.clientOptions };
  const snapshotOf = writes ? await resolveSnapshots(fleet, atlasOptions) : () => ({});
  const inFlight = Math.min(parallel, environments.length);
  const plans: EnvironmentPlan[] = environments.map((e) => ({
    stack: e.stack,
    target: targetOf(fleet, e),
    targetProjectId: e.targetProjectId ?? fleet.source.projectId,
    ...snapshotOf(e.snapshot ?? fleet.snapshot),
    wait: { ...fleet.wait, ...e.wait },
    ...(e.mask !== false && (e.mask ?? fleet.mask) ? { mask: (e.mask || fleet.mask)! } : {}),
  }));
  const workRoot = mkdtempSync(path.join(tmpdir(), "atlas-restore-fleet-"));
  const spread = options.spreadPolls !== false;
  const pollFloorSeconds = spread ? spreadPollIntervalSeconds(inFlight, fleet.atlas.requestsPerMinute) : 0;
  const workspace = { project: fleet.project, env: { ...workspaceEnv(fleet, env), [POLL_FLOOR_ENV_VAR]: String(pollFloorSeconds) }, workRoot, ...(options.pulumiCommand ? { pulumiCommand: options.pulumiCommand } : {}) };
  const results: EnvironmentResult[] = new Array(plans.length);
  const emitFor = (stack: string, since: () => number) => (e: Omit<FleetEvent, "stack" | "elapsedMs">) =>
    options.onEvent?.({ stack, elapsedMs: since(), ...e });
  for (const p of plans) emitFor(p.stack, () => 0)({ phase: "queued" });
  try {
    await runBounded(
      plans,
      parallel,
      async (plan, i) => {
        const t0 = clock.now();
        const emit = emitFor(plan.stack, () => clock.now() - t0);
        const ctx: EnvironmentContext = { fleet, plan, workspace, lockWaitMs: (options.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS) * 1000, clock, emit, ...(options.interrupt ? { signal: options.interrupt } : {}) };
        emit({ phase: "running" });
        let result: EnvironmentResult;
        try {
          result = await runCommand(ctx, options);
        } catch (error) {
          result = { stack: plan.stack, target: plan.target, targetProjectId: plan.targetProjectId, ok: false, elapsedMs: 0, error: (error as Error).message };
        }
        result.elapsedMs = clock.now() - t0;
        results[i] = result;
        emit({ phase: result.ok ? "succeeded" : "failed", ...pick(result) });
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        staggerMs: (lane) => (options.command === "up" ? laneStaggerMs(lane, inFlight, pollFloorSeconds) : 0),
        onSkipped: (plan, i) => {
          results[i] = { stack: plan.stack, target: plan.target, targetProjectId: plan.targetProjectId, ok: false, elapsedMs: 0, error: "not started: the run was interrupted" };
          emitFor(plan.stack, () => 0)({ phase: "skipped", message: "not started: the run was interrupted" });
        },
      },
    );
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).map((r) => r.stack);
  const snapshotIds = [...new Set(plans.map((p) => p.snapshotId ?? ""))];
  return {
    command: options.command,
    project: fleet.project,
    ok: failed.length === 0,
    startedAt: new Date(startedAt).toISOString(),
    wallMs: clock.now() - startedAt,
    parallel,
    ...(writes && snapshotIds.length === 1 && snapshotIds[0] ? { snapshotId: snapshotIds[0] } : {}),
    environments: results,
    failed,
  };
}

const pick = (r: EnvironmentResult) => ({
  ...(r.status !== undefined ? { status: r.status } : {}),
  ...(r.restoreJobId !== undefined ? { restoreJobId: r.restoreJobId } : {}),
  ...(r.error !== undefined ? { message: r.error } : {}),
});

function runCommand(ctx: EnvironmentContext, options: FleetRunOptions): Promise<EnvironmentResult> {
  switch (options.command) {
    case "up":
      return upEnvironment(ctx);
    case "preview":
      return previewEnvironment(ctx);
    case "status":
      return statusOfEnvironment(ctx);
    case "destroy":
      return destroyEnvironment(ctx, options.remove === true);
  }
}
