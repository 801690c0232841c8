import type { PulumiCommand } from "@pulumi/pulumi/automation";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import type { Clock } from "../util/clock";
import type { FleetCommand, FleetEvent } from "./fleet-summary";
import type { Shard } from "./shard";

/** What `runFleet` runs, and how. */
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
  /** up: never adopt a finished restore job when a restore is created (adoptionWindowSeconds 0); default: the fleet file's `fresh`. */
  fresh?: boolean;
  /** Only the environments of this shard (stable: by a hash of the stack name). */
  shard?: Shard;
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
