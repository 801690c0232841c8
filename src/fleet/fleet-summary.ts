/** What the fleet commands do and report. Plain data: the `--json` summary is exactly a FleetSummary. */

export const FLEET_COMMANDS = ["up", "preview", "status", "destroy"] as const;
export type FleetCommand = (typeof FLEET_COMMANDS)[number];

/** Where one environment is while a command runs. */
export type EnvironmentPhase =
  | "queued"
  | "running"
  | "waiting-for-lock"
  | "recovering"
  /** Another runner holds the stack: this runner takes the next environment and comes back at the end. */
  | "deferred"
  | "succeeded"
  | "failed"
  | "skipped";

/** One thing that happened to one environment (the live table and the line log are built from these). */
export interface FleetEvent {
  stack: string;
  phase: EnvironmentPhase;
  /** Restore job status as last seen (PENDING … COMPLETED / FAILED). */
  status?: string;
  restoreJobId?: string;
  /** Time since this environment started (0 while queued). */
  elapsedMs: number;
  message?: string;
}

/** The outcome for one environment. */
export interface EnvironmentResult {
  stack: string;
  /** The target cluster (targetDeploymentItemName or targetClusterName). */
  target: string;
  targetProjectId: string;
  ok: boolean;
  /** Restore job as recorded in the stack (absent: never started, or not seeded). */
  restoreJobId?: string;
  status?: string;
  snapshotId?: string;
  /** When the restore finished, per Atlas (ISO 8601). */
  restoreFinishedDate?: string;
  /** Seconds since restoreFinishedDate (status command). */
  ageSeconds?: number;
  adopted?: boolean;
  /** Resource changes as the engine counted them, e.g. { create: 1 } or { same: 1 }. */
  changes?: Record<string, number>;
  elapsedMs: number;
  /** What went wrong, as Pulumi / the provider said it (no secrets: the provider never puts any in messages). */
  error?: string;
  /** Stale lock removed, pending create cleared, … */
  recovered?: string[];
  /** The runner that did it, as locks name it: `user@host pid N`. */
  runner: string;
  /** Done by another runner (this one found its stack locked, waited, and reports what it recorded). */
  byAnotherRunner?: boolean;
  /** What a person should notice: an adopted job (no new restore), an outcome another runner recorded, … */
  note?: string;
}

export interface FleetSummary {
  command: FleetCommand;
  project: string;
  ok: boolean;
  startedAt: string;
  wallMs: number;
  parallel: number;
  snapshotId?: string;
  environments: EnvironmentResult[];
  /** Stacks that failed (empty when ok). */
  failed: string[];
  /** This runner (`user@host pid N`). */
  runner: string;
  /** `--shard i/n` when given. */
  shard?: string;
  /** Set when the run could not start (bad backend, Atlas unreachable while resolving the snapshot, …): exit code 2. */
  setupError?: string;
}

/** Exit code of the CLI: 0 when every environment succeeded, else 1 (2 = bad usage or fleet file, nothing touched). */
export const exitCodeOf = (summary: FleetSummary): 0 | 1 | 2 => (summary.setupError !== undefined ? 2 : summary.ok ? 0 : 1);
