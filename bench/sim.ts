import { AtlasClient } from "../src/atlas";
import type { AtlasClientOptions } from "../src/atlas";
import { startAtlasSimulator, type AtlasSimulator, type SimulatorOptions } from "../src/simulator";

/** Runs `body` against a fresh simulator on 127.0.0.1 and always stops it. */
export async function withSimulator<T>(options: SimulatorOptions, body: (sim: AtlasSimulator) => Promise<T>): Promise<T> {
  const sim = await startAtlasSimulator(options);
  try {
    return await body(sim);
  } finally {
    await sim.stop();
  }
}

/** A client of the simulator; no environment variables are consulted. */
export function clientFor(sim: AtlasSimulator, options: Partial<AtlasClientOptions> = {}): AtlasClient {
  return new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, apiVersion: "v1.0", env: {}, ...options });
}

/** The default tenant restore of the default seed: newest snapshot of prod-m2 → staging-m2. */
export function defaultRestoreRequest(sim: AtlasSimulator) {
  return {
    projectId: sim.seed.defaultProjectId,
    clusterName: sim.seed.defaultSourceCluster,
    snapshotId: sim.seed.defaultSnapshotId,
    targetDeploymentItemName: sim.seed.defaultTargetCluster,
  };
}
