import * as path from "node:path";
import { resolveAtlasSettings } from "../atlas/settings";
import { redactBackendUrl, splitBackendPassword } from "./backend-url";
import { conciseError } from "./command-output";
import type { FleetFile } from "./fleet-file";
import { redactKnown } from "./redact";

/** Raised before any stack is touched when the run cannot work (no backend passphrase, no keys, …). */
export class FleetSetupError extends Error {
  override name = "FleetSetupError" as const;
  readonly code = "FLEET_SETUP" as const;
}

const DIY_SCHEMES = /^(file|postgres|postgresql|s3|gs|azblob):\/\//;

/** PULUMI_BACKEND_URL wins over the fleet file's `backend` (one file, many runners with their own URL). */
export function backendUrlOf(fleet: FleetFile, env: NodeJS.ProcessEnv): string | undefined {
  return env.PULUMI_BACKEND_URL || fleet.backend;
}

export { redactBackendUrl } from "./backend-url";

/**
 * The environment the Pulumi CLI (and so each provider process) runs with: the caller's, plus
 * offline-friendly defaults, the Atlas base URL of the fleet file, and NODE_PATH so the dynamic
 * provider process (started in a temporary work directory) finds @pulumi/pulumi.
 */
export function workspaceEnv(fleet: FleetFile, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  // The stub stored in state requires `pulumi-atlas-restore/dist/…` by name, and the provider script needs @pulumi/pulumi.
  const pulumiModules = path.resolve(require.resolve("@pulumi/pulumi/package.json"), "..", "..", "..");
  const ownModules = path.resolve(__dirname, "..", "..", "..");
  const dirs = [pulumiModules, ...(path.basename(ownModules) === "node_modules" ? [ownModules] : []), out.NODE_PATH];
  out.NODE_PATH = [...new Set(dirs.filter(Boolean))].join(path.delimiter);
  out.PULUMI_SKIP_UPDATE_CHECK ??= "true";
  out.PULUMI_DIY_BACKEND_NO_LEGACY_WARNING ??= "true";
  if (fleet.atlas.baseUrl !== undefined) out.MONGODB_ATLAS_BASE_URL = fleet.atlas.baseUrl;
  const backend = backendUrlOf(fleet, env);
  if (backend !== undefined) {
    // The password travels as PGPASSWORD, never inside the URL Pulumi prints and stores.
    const login = splitBackendPassword(backend);
    out.PULUMI_BACKEND_URL = login.url;
    if (login.password !== undefined) out.PGPASSWORD = login.password;
  }
  return out;
}

/** Checks what every stack would fail on, once, before any is touched. */
export function checkFleetSetup(fleet: FleetFile, env: NodeJS.ProcessEnv, needsAtlas: boolean): void {
  if (needsAtlas) {
    try {
      resolveAtlasSettings(fleet.atlas.baseUrl ? { baseUrl: fleet.atlas.baseUrl } : {}, env);
    } catch (error) {
      throw new FleetSetupError(`Atlas settings: ${(error as Error).message}`);
    }
  }
  const backend = backendUrlOf(fleet, env);
  if (backend !== undefined && DIY_SCHEMES.test(backend) && !env.PULUMI_CONFIG_PASSPHRASE && !env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    throw new FleetSetupError(
      `the state backend ${redactBackendUrl(backend)} keeps secrets encrypted with a passphrase: set PULUMI_CONFIG_PASSPHRASE ` +
        "(or PULUMI_CONFIG_PASSPHRASE_FILE), the same for every runner of this fleet",
    );
  }
}

/** A step every environment depends on: its failure is a FleetSetupError (exit 2, no stack touched), in one line without secrets. */
export async function setupStep<T>(what: string, secrets: readonly string[], step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof FleetSetupError) throw new FleetSetupError(redactKnown(error.message, secrets));
    throw new FleetSetupError(`${what}: ${conciseError(error, secrets)}`);
  }
}
