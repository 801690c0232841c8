import { seedObjectId } from "./object-id";
import type { SimCluster, SimulatorState } from "./state";

/**
 * Finished restore jobs of a source cluster with durations drawn from a distribution, so the
 * client's duration forecast can be exercised: tenant and Flex get RESTORE jobs
 * (`restoreScheduledDate` → `restoreFinishedDate`), dedicated clusters `automated` Cloud Backup
 * jobs (`createdAt` → `finishedAt`). Draws come from a seeded generator: the same options give the
 * same jobs on every run.
 */
export type DurationDistribution =
  /** Every duration in [minMs, maxMs], all equally likely. */
  | { kind: "uniform"; minMs: number; maxMs: number }
  /** In [minMs, maxMs], most likely near `modeMs` (default the middle): a triangle. */
  | { kind: "triangular"; minMs: number; maxMs: number; modeMs?: number }
  /** Exactly these durations, in order (cycled). */
  | { kind: "fixed"; durationsMs: number[] };

export interface SeedRestoreHistoryOptions {
  /** How many finished jobs to add; each finishes `spacingMs` before the next, the newest `spacingMs` before now. */
  count: number;
  durations: DurationDistribution;
  /** Seed of the generator (any integer); default 1. */
  seed?: number;
  /** How many of them (the oldest) ended FAILED (dedicated: `failed: true`); default 0. */
  failed?: number;
  /** Default 6 hours. */
  spacingMs?: number;
}

const nextSeedId = (state: SimulatorState) => seedObjectId(state.nextSeedId++);

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1). Deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` durations from the distribution, drawn with `random`. */
export function drawDurations(distribution: DurationDistribution, count: number, random: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (distribution.kind === "fixed") {
      if (distribution.durationsMs.length === 0) throw new RangeError("history durations: `fixed` needs at least one duration");
      out.push(distribution.durationsMs[i % distribution.durationsMs.length]!);
      continue;
    }
    const { minMs: lo, maxMs: hi } = distribution;
    const u = random();
    if (distribution.kind === "uniform") {
      out.push(lo + u * (hi - lo));
      continue;
    }
    const c = ((distribution.modeMs ?? (lo + hi) / 2) - lo) / (hi - lo || 1);
    out.push(lo + (hi - lo) * (u < c ? Math.sqrt(u * c) : 1 - Math.sqrt((1 - u) * (1 - c))));
  }
  return out;
}

function checkOptions(o: SeedRestoreHistoryOptions): void {
  if (!Number.isInteger(o.count) || o.count < 0) throw new RangeError(`history count must be a non-negative integer, got ${o.count}`);
  const d = o.durations;
  const values = d.kind === "fixed" ? d.durationsMs : [d.minMs, d.maxMs, ...(d.kind === "triangular" && d.modeMs !== undefined ? [d.modeMs] : [])];
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new RangeError("history durations must be positive numbers of ms");
  if (d.kind !== "fixed" && d.minMs > d.maxMs) throw new RangeError("history durations: minMs must not exceed maxMs");
  if (d.kind === "triangular" && d.modeMs !== undefined && (d.modeMs < d.minMs || d.modeMs > d.maxMs)) {
    throw new RangeError("history durations: modeMs must lie in [minMs, maxMs]");
  }
}

/** Adds the finished jobs to `cluster` (as its source) in `state`; returns their durations, newest first. */
export function seedRestoreHistory(state: SimulatorState, cluster: SimCluster, options: SeedRestoreHistoryOptions, nowMs: number): number[] {
  checkOptions(options);
  const durations = drawDurations(options.durations, options.count, seededRandom(options.seed ?? 1));
  const spacingMs = options.spacingMs ?? 6 * 3_600_000;
  const failedFrom = options.count - (options.failed ?? 0);
  durations.forEach((durationMs, i) => {
    const finishedAt = nowMs - (i + 1) * spacingMs;
    const createdAt = finishedAt - durationMs;
    const failed = i >= failedFrom;
    const id = nextSeedId(state);
    const snapshotId = nextSeedId(state);
    if (cluster.kind === "dedicated") {
      state.cloudBackupJobs.set(id, {
        id, projectId: cluster.projectId, clusterName: cluster.name, deliveryType: "automated", snapshotId,
        snapshotTakenAt: createdAt - 3_600_000, createdAt, finishedAt, expiresAt: finishedAt, cancelled: false, failed,
        targetClusterName: cluster.name, targetGroupId: cluster.projectId,
      });
      return;
    }
    state.restoreJobs.set(id, {
      id, family: cluster.kind, deliveryType: "RESTORE", projectId: cluster.projectId, clusterName: cluster.name, snapshotId,
      snapshotFinishedAt: createdAt - 3_600_000, targetProjectId: cluster.projectId, targetDeploymentItemName: cluster.name,
      createdAt, phases: { pendingMs: 0.05 * durationMs, queuedMs: 0.05 * durationMs, runningMs: 0.9 * durationMs },
      outcome: failed ? "FAILED" : "COMPLETED", historyRecorded: true,
    });
  });
  return durations;
}
