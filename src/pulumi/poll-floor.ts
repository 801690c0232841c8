/**
 * A floor under the first poll interval, set by whoever starts the Pulumi CLI (the fleet runner
 * spreads the polls of many stacks this way, see src/fleet/poll-spread.ts) without changing any
 * resource input: the stacks' inputs stay what the user wrote, so a re-run shows no diff.
 */
export const POLL_FLOOR_ENV_VAR = "PULUMI_ATLAS_RESTORE_POLL_FLOOR_SECONDS";

/** `pollIntervalSeconds` raised to the floor from the environment (if any, and valid). */
export function withPollFloor(pollIntervalSeconds: number | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const floor = Number(env[POLL_FLOOR_ENV_VAR]);
  if (!Number.isFinite(floor) || floor <= 0) return pollIntervalSeconds;
  return Math.max(pollIntervalSeconds ?? 0, floor);
}
