import type { AtlasSettingsInput } from "../atlas/settings";

/**
 * Where the Pulumi layer reads Atlas settings. The keys of the official `mongodbatlas` provider are
 * reused, so a stack configured for it needs nothing more:
 *   pulumi config set mongodbatlas:publicKey …; pulumi config set --secret mongodbatlas:privateKey …
 * The API version is this package's own key, in its own namespace (`pulumi-atlas-restore:apiVersion`,
 * "v1.0" or "v2"; the official provider has no such key). Anything unset falls back to the client's
 * environment variables (MONGODB_ATLAS_PUBLIC_API_KEY, …, MONGODB_ATLAS_BASE_URL). Service accounts:
 *   pulumi config set mongodbatlas:clientId …; pulumi config set --secret mongodbatlas:clientSecret …
 * Credentials are taken from the config if it holds any, else from the environment (never merged).
 */
export const CONFIG_KEYS = Object.freeze({
  publicKey: "mongodbatlas:publicKey",
  privateKey: "mongodbatlas:privateKey",
  baseUrl: "mongodbatlas:baseUrl",
  apiVersion: "pulumi-atlas-restore:apiVersion",
  clientId: "mongodbatlas:clientId",
  clientSecret: "mongodbatlas:clientSecret",
  accessToken: "mongodbatlas:accessToken",
});

/** Anything with `get(fullKey)`: a dynamic provider's `ConfigureRequest.config`, or a test double. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** The settings present in `config` (unset keys are left out, so the env fallback applies). */
export function settingsFromConfig(config: ConfigSource): AtlasSettingsInput {
  const settings: AtlasSettingsInput = {};
  for (const [field, key] of Object.entries(CONFIG_KEYS) as [keyof AtlasSettingsInput, string][]) {
    const value = config.get(key);
    if (typeof value === "string" && value.trim() !== "") settings[field] = value;
  }
  return settings;
}

/**
 * The settings of the running Pulumi program's stack config (for lookups). Outside a Pulumi program
 * there is no config and this returns {}. Reads raw values (no secret warning: the key is used, never shown).
 */
export function settingsFromProgramConfig(): AtlasSettingsInput {
  try {
    // Loaded lazily: lookups also run in plain Node scripts and tests.
    const runtime = require("@pulumi/pulumi/runtime/config") as { getConfig(k: string): string | undefined };
    return settingsFromConfig({ get: (key) => runtime.getConfig(key) });
  } catch {
    return {};
  }
}
