#!/usr/bin/env node
import type { AtlasSimulator } from "./atlas-simulator";
import type { SimulatorOptions } from "./options";
import { startAtlasSimulator } from "./server";

const USAGE = `Usage: atlas-sim [--port N] [--public-key K] [--private-key K] [--pending-ms MS] [--queued-ms MS]
                 [--running-ms MS] [--rate-limit REQUESTS_PER_MINUTE] [--sunset-tenant-v2] [--json]
                 [--client-id ID] [--client-secret S] [--token-lifetime-s SECONDS]
Starts the local MongoDB Atlas Admin API simulator on 127.0.0.1 until SIGINT / SIGTERM.`;

export interface CliArgs {
  options: SimulatorOptions;
  json: boolean;
  help: boolean;
}

/** Parses `atlas-sim` arguments; throws an Error naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: SimulatorOptions = {};
  const lifecycle: NonNullable<SimulatorOptions["lifecycle"]> = {};
  const account: { clientId?: string; clientSecret?: string } = {};
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = () => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${flag} needs a whole number, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    switch (flag) {
      case "--port": options.port = number(); break;
      case "--public-key": options.publicKey = value(); break;
      case "--private-key": options.privateKey = value(); break;
      case "--pending-ms": lifecycle.pendingMs = number(); break;
      case "--queued-ms": lifecycle.queuedMs = number(); break;
      case "--running-ms": lifecycle.runningMs = number(); break;
      case "--rate-limit": options.rateLimit = { requestsPerMinute: number() }; break;
      case "--sunset-tenant-v2": options.sunsetTenantV2 = true; break;
      case "--client-id": account.clientId = value(); break;
      case "--client-secret": account.clientSecret = value(); break;
      case "--token-lifetime-s": options.tokenLifetimeSeconds = number(); break;
      case "--json": json = true; break;
      case "-h": case "--help": help = true; break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (Object.keys(lifecycle).length > 0) options.lifecycle = lifecycle;
  if (account.clientId !== undefined || account.clientSecret !== undefined) {
    if (account.clientId === undefined || account.clientSecret === undefined) throw new Error("--client-id and --client-secret go together");
    options.serviceAccounts = [{ clientId: account.clientId, clientSecret: account.clientSecret }];
  }
  return { options, json, help };
}

/** What `atlas-sim` prints once listening: one JSON line with --json, else a short text. */
export function describeSimulator(sim: AtlasSimulator, json: boolean): string {
  const { url, publicKey, privateKey, seed } = sim;
  const { clientId, clientSecret } = sim.serviceAccount;
  if (json) return JSON.stringify({ url, publicKey, privateKey, clientId, clientSecret, seed });
  return [
    `Atlas simulator listening on ${url}  (API: ${url}/api/atlas/v1.0, ${url}/api/atlas/v2)`,
    `  public key:  ${publicKey}`,
    `  private key: ${privateKey}`,
    `  service account: client id ${clientId}, client secret ${clientSecret}  (token: POST ${url}/api/oauth/token)`,
    `  project:     ${seed.defaultProjectName} ${seed.defaultProjectId}  (second project ${seed.defaultTargetProjectId})`,
    `  tenant:      ${seed.defaultSourceCluster} → ${seed.defaultTargetCluster}, snapshot ${seed.defaultSnapshotId}`,
    `  flex:        ${seed.defaultFlexSourceCluster} → ${seed.defaultFlexTargetCluster}, snapshot ${seed.defaultFlexSnapshotId}`,
    `  dedicated:   ${seed.defaultDedicatedCluster} (${seed.cloudBackupRestoreJobIds.length} cloud backup, ${seed.legacyRestoreJobIds.length} legacy restore jobs)`,
    "Press Ctrl+C to stop.",
  ].join("\n");
}

/**
 * Runs the CLI; resolves with the started simulator. With `handleSignals` (default true) SIGINT
 * and SIGTERM stop it and exit with status 0.
 */
export async function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  handleSignals = true,
): Promise<AtlasSimulator | undefined> {
  const args = parseCliArgs(argv);
  if (args.help) {
    out(USAGE);
    return undefined;
  }
  const sim = await startAtlasSimulator(args.options);
  out(describeSimulator(sim, args.json));
  if (handleSignals) {
    const shutdown = () => void sim.stop().then(() => process.exit(0));
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  }
  return sim;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`atlas-sim: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  });
}
