import type * as dynamic from "@pulumi/pulumi/dynamic";
import { providerHooks, resetProviderState } from "../../src/pulumi/provider-runtime";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { startAtlasSimulator, type AtlasSimulator, type SimulatorOptions } from "../../src/simulator";
import { systemClock, type Clock } from "../../src/util/clock";

/** A ConfigureRequest as the provider process builds it (full `namespace:key` names). */
export function configureRequest(values: Record<string, string>): dynamic.ConfigureRequest {
  const get = (key: string) => values[key];
  return {
    config: {
      get,
      require: (key: string) => {
        const v = get(key);
        if (v === undefined) throw new Error(`Missing required configuration key: ${key}`);
        return v;
      },
    },
  };
}

export interface Harness {
  sim: AtlasSimulator;
  provider: Required<dynamic.ResourceProvider>;
  logs: string[];
  /** Inputs as the engine sends them to create: the program's inputs plus `__provider`. */
  inputs(over?: Record<string, unknown>): Record<string, unknown>;
  stop(): Promise<void>;
}

export const PROVIDER_TEXT = "<serialized provider>";

/** A simulator, a configured tenant provider pointing at it, and captured progress lines. */
export async function startHarness(options: SimulatorOptions & { clock?: Clock } = {}): Promise<Harness> {
  const sim = await startAtlasSimulator({ lifecycle: { pendingMs: 20, queuedMs: 20, runningMs: 20 }, ...options });
  resetProviderState();
  const logs: string[] = [];
  providerHooks.log = (line) => logs.push(line);
  providerHooks.clock = options.clock ?? systemClock;
  providerHooks.clientOptions = { env: {}, retry: { backoffBaseMs: 1, backoffLimitMs: 5, maxTotalMs: 2000 } };
  const provider = restoreProvider("tenant") as Required<dynamic.ResourceProvider>;
  await provider.configure(
    configureRequest({ "mongodbatlas:publicKey": sim.publicKey, "mongodbatlas:privateKey": sim.privateKey, "mongodbatlas:baseUrl": sim.url }),
  );
  const inputs = (over: Record<string, unknown> = {}) => ({
    projectId: sim.seed.defaultProjectId,
    clusterName: sim.seed.defaultSourceCluster,
    snapshotId: sim.seed.defaultSnapshotId,
    targetDeploymentItemName: sim.seed.defaultTargetCluster,
    pollIntervalSeconds: 0.01,
    timeoutSeconds: 60,
    __provider: PROVIDER_TEXT,
    ...over,
  });
  return {
    sim,
    provider,
    logs,
    inputs,
    stop: async () => {
      await sim.stop();
      resetProviderState();
      providerHooks.log = (line) => console.log(line);
      providerHooks.clock = systemClock;
      providerHooks.clientOptions = {};
    },
  };
}
