// Runs this example against the local Atlas simulator: starts it with the three preview clusters
// added, points the fleet at it (file backend under .state/ unless PULUMI_BACKEND_URL is set),
// then runs `atlas-restore-fleet <command>` (default: up) on fleet.yaml.
//
//   npx ts-node examples/seed-fleet/run.ts [up|preview|status|destroy] [options]
//
// Against real Atlas you need none of this: `npx atlas-restore-fleet up -f fleet.yaml`.
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { startAtlasSimulator, seedObjectId } from "pulumi-atlas-restore";
import { main } from "pulumi-atlas-restore/dist/fleet/bin";

async function run(): Promise<number> {
  const sim = await startAtlasSimulator({
    lifecycle: { pendingMs: 500, queuedMs: 500, runningMs: 2000 },
    rateLimit: { requestsPerMinute: 100 },
    seed: {
      projects: [
        { id: seedObjectId(1), name: "seed-project", tenantClusters: [{ name: "preview-101" }, { name: "preview-102" }] },
        { id: seedObjectId(2), name: "seed-target-project", tenantClusters: [{ name: "preview-103" }] },
      ],
    },
  });
  try {
    const state = path.join(__dirname, ".state");
    mkdirSync(path.join(state, "backend"), { recursive: true });
    process.env.PULUMI_BACKEND_URL ??= `file://${path.join(state, "backend")}`;
    process.env.PULUMI_HOME ??= path.join(state, "home");
    process.env.PULUMI_CONFIG_PASSPHRASE ??= "local-only-passphrase";
    process.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION ??= "true";
    process.env.MONGODB_ATLAS_BASE_URL = sim.url;
    process.env.MONGODB_ATLAS_PUBLIC_KEY = sim.publicKey;
    process.env.MONGODB_ATLAS_PRIVATE_KEY = sim.privateKey;
    const args = process.argv.slice(2);
    return await main([...(args.length > 0 ? args : ["up"]), "-f", path.join(__dirname, "fleet.yaml")]);
  } finally {
    await sim.stop();
  }
}

run().then((code) => (process.exitCode = code));
