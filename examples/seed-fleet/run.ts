// Runs this example against the local Atlas simulator: starts it with the three preview clusters
// added, points the fleet at it (file backend under .state/ unless PULUMI_BACKEND_URL is set),
// then runs the fleet's <command> (default: up) on fleet.yaml through the library form of
// `atlas-restore-fleet` (loadFleetFile + runFleet), printing one line per change and a summary.
//
//   npx ts-node examples/seed-fleet/run.ts [up|preview|status|destroy]
//
// Against real Atlas you need none of this: `npx atlas-restore-fleet up -f fleet.yaml`.
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { loadFleetFile, runFleet, startAtlasSimulator, type FleetSummary } from "pulumi-atlas-restore";

const PROJECT = "65a1f0c0e4b0a1b200000001"; // the simulator's fixed ids (see fleet.yaml)
const TARGET_PROJECT = "65a1f0c0e4b0a1b200000002";
const COMMANDS = ["up", "preview", "status", "destroy"] as const;

async function run(command: (typeof COMMANDS)[number]): Promise<FleetSummary> {
  const sim = await startAtlasSimulator({
    lifecycle: { pendingMs: 500, queuedMs: 500, runningMs: 2000 },
    rateLimit: { requestsPerMinute: 100 },
    seed: {
      projects: [
        { id: PROJECT, name: "seed-project", dedicatedClusters: [{ name: "preview-101" }, { name: "preview-102" }, { name: "preview-103" }] },
        { id: TARGET_PROJECT, name: "seed-target-project" },
      ],
    },
  });
  try {
    const state = path.join(__dirname, ".state");
    if (process.env.PULUMI_BACKEND_URL === undefined) mkdirSync(path.join(state, "backend"), { recursive: true });
    const env = {
      ...process.env,
      PULUMI_BACKEND_URL: process.env.PULUMI_BACKEND_URL ?? `file://${path.join(state, "backend")}`,
      PULUMI_HOME: process.env.PULUMI_HOME ?? path.join(state, "home"),
      PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "local-only-passphrase",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      MONGODB_ATLAS_BASE_URL: sim.url,
      MONGODB_ATLAS_PUBLIC_KEY: sim.publicKey,
      MONGODB_ATLAS_PRIVATE_KEY: sim.privateKey,
    };
    const fleet = loadFleetFile(path.join(__dirname, "fleet.yaml"));
    return await runFleet(fleet, {
      command,
      env,
      onEvent: (e) => console.log([e.stack, e.phase, e.status, e.restoreJobId && `job ${e.restoreJobId}`, e.message].filter(Boolean).join(" ")),
    });
  } finally {
    await sim.stop();
  }
}

const command = (process.argv[2] ?? "up") as (typeof COMMANDS)[number];
if (!COMMANDS.includes(command)) {
  console.error(`usage: run.ts [${COMMANDS.join("|")}]`);
  process.exit(2);
}
run(command).then(
  (summary) => {
    for (const e of summary.environments) console.log(`${e.ok ? "ok    " : "FAILED"} ${e.stack} → ${e.target} ${e.restoreJobId ?? ""} ${e.status ?? ""} ${e.error ?? e.note ?? ""}`);
    console.log(summary.ok ? "all succeeded" : `${summary.failed.length} failed: ${summary.failed.join(", ")}`);
    process.exitCode = summary.ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`seed-fleet: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
