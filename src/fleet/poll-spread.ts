import { POLL_INTERVAL_SECONDS } from "../schemas/restore-args";

/** Share of the project's request budget the fleet's status polls may use (the rest: POSTs, listings, digest challenges, other tools). */
export const POLL_BUDGET_SHARE = 0.5;

/**
 * Spreading polls: every stack's provider is its own process and cannot see the others, so the
 * fleet gives each a first poll interval long enough that `inFlight` of them together stay under
 * `POLL_BUDGET_SHARE` of `requestsPerMinute` (Atlas limits requests per project), and starts the
 * first wave staggered across that interval. It reaches the providers as a floor under their first
 * poll interval (PULUMI_ATLAS_RESTORE_POLL_FLOOR_SECONDS), not as an input: a user's longer interval is kept and a
 * re-run with another --parallel shows no diff.
 */
export function spreadPollIntervalSeconds(inFlight: number, requestsPerMinute: number): number {
  const floor = (inFlight * 60) / (requestsPerMinute * POLL_BUDGET_SHARE);
  return Math.min(POLL_INTERVAL_SECONDS.max, Math.round(floor * 100) / 100);
}

/** Delay before lane `lane` of `lanes` starts: evenly across one poll interval. */
export const laneStaggerMs = (lane: number, lanes: number, intervalSeconds: number): number =>
  lanes <= 1 ? 0 : Math.round((lane * intervalSeconds * 1000) / lanes);
