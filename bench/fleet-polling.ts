import { performance } from "node:perf_hooks";
import { laneStaggerMs, spreadPollIntervalSeconds } from "../src/fleet/poll-spread";
import { POLL_FLOOR_ENV_VAR, withPollFloor } from "../src/pulumi/poll-floor";
import { pollPolicyFor, runRestore, tenantRestoreFamily } from "../src/restore";
import { seedObjectId } from "../src/simulator";
import { systemClock } from "../src/util/clock";
import { clientFor, withSimulator } from "./sim";
import { fmt, type Row } from "./table";

/**
 * Fleet polling without the engine: STACKS restores of 60 s onto STACKS targets of one project
 * (rate limit 100/min), each by its own AtlasClient (what each stack's provider process has: its
 * own digest challenge and retry state, nothing shared), all in flight at once, real time. Compares
 * every provider polling from 2 s at once with the fleet's spreading (poll floor + staggered starts).
 */
const STACK_COUNTS = (process.env.FLEET_POLLING_STACKS ?? "20,50").split(",").map(Number);
const RATE = 100;
const LIFECYCLE = { pendingMs: 5000, queuedMs: 5000, runningMs: 50_000 };

async function run(STACKS: number, spread: boolean) {
  const targets = Array.from({ length: STACKS }, (_, i) => `poll-target-${i}`);
  return withSimulator(
    { lifecycle: LIFECYCLE, rateLimit: { requestsPerMinute: RATE }, seed: { projects: [{ id: seedObjectId(1), name: "seed-project", tenantClusters: targets.map((name) => ({ name })) }] } },
    async (sim) => {
      const floor = spread ? spreadPollIntervalSeconds(STACKS, RATE) : 0;
      const env = spread ? { [POLL_FLOOR_ENV_VAR]: String(floor) } : {};
      const t0 = performance.now();
      const outcomes = await Promise.allSettled(
        targets.map(async (target, i) => {
          await systemClock.sleep(spread ? laneStaggerMs(i, STACKS, floor) : 0);
          return runRestore({
            family: tenantRestoreFamily,
            client: clientFor(sim),
            request: { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster, snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: target },
            clock: systemClock,
            wait: { timeoutMs: 600_000, policy: pollPolicyFor({ pollIntervalSeconds: withPollFloor(undefined, env) }) },
          });
        }),
      );
      const log = sim.requestLog.entries();
      return {
        wallMs: performance.now() - t0,
        requests: log.length,
        tooMany: log.filter((e) => e.status === 429).length,
        failed: outcomes.filter((o) => o.status === "rejected").length,
        firstMinute: log.filter((e) => Date.parse(e.at) - Date.parse(log[0]!.at) < 60_000).length,
      };
    },
  );
}

export async function benchFleetPolling(): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  for (const STACKS of STACK_COUNTS) for (const spread of [false, true]) {
    const r = await run(STACKS, spread);
    const share = r.tooMany / Math.max(1, r.requests);
    rows.push({
      benchmark: "fleet polling",
      variant: `${STACKS} providers, one project, ${spread ? `spread (first poll ${spreadPollIntervalSeconds(STACKS, RATE)} s, staggered)` : "no spreading (2 s first poll, all at once)"}`,
      requests: `${(r.requests / STACKS).toFixed(1)} req/env (${r.requests} req, ${r.firstMinute} in the 1st minute; ${r.tooMany} × 429 = ${(100 * share).toFixed(1)} %)`,
      time: `wall ${fmt.s(r.wallMs)}; ${r.failed} of ${STACKS} failed`,
      target: "no 429 to user, ≤ 10 % 429",
      pass: r.failed === 0 && share <= 0.1,
    });
  }
  const notes = [
    `**fleet polling** — real time, no engine: N (${STACK_COUNTS.join(", ")}) restores of 60 s (5 s PENDING, 5 s QUEUED, 50 s RUNNING) onto N ` +
      `target clusters of one project rate-limited to ${RATE} requests/min (burst ${RATE}), each by its own \`AtlasClient\` (one per ` +
      "stack's provider process: own digest challenge and retry state, nothing shared) running the provider's restore logic " +
      "(`runRestore`: adoption listing, POST, waiting; 429 → Retry-After, then retry). *no spreading* = every provider starts " +
      "at once and polls from 2 s (×1.5 up to 30 s); *spread* = the fleet's floor (PULUMI_ATLAS_RESTORE_POLL_FLOOR_SECONDS = " +
      `${STACK_COUNTS.map((n) => `${spreadPollIntervalSeconds(n, RATE)} s for ${n}`).join(", ")} in flight) and starts staggered over it. *failed* = errors that ` +
      "would reach the user. A shared budget across provider processes (a token bucket they all consult) was not built: " +
      "spreading alone keeps the share of 429s under the target.",
  ];
  return { rows, notes };
}

if (require.main === module) {
  benchFleetPolling().then(({ rows, notes }) => {
    const { renderTable } = require("./table") as typeof import("./table");
    console.log(renderTable(rows));
    console.log(notes.join("\n"));
  });
}
