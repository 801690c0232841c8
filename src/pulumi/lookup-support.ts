import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { AtlasClient } from "../atlas/client";
import { resolveAtlasSettings, type AtlasSettingsInput } from "../atlas/settings";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import type { Clock } from "../util/clock";
import { settingsFromProgramConfig } from "./settings";

/**
 * Lookups, Pulumi style: `getX(args)` takes plain values and returns a Promise; `getXOutput(args)`
 * takes Inputs and returns an Output, secret whenever the answer carries a download URL
 * (snapshotUrl, deliveryUrl, delivery.url). Credentials: the stack config (`mongodbatlas:clientId` /
 * `clientSecret`, `mongodbatlas:publicKey` / `privateKey`, `mongodbatlas:accessToken`,
 * `mongodbatlas:baseUrl`, `pulumi-atlas-restore:apiVersion`), else the environment variables;
 * outside a Pulumi program only the environment (or `opts`). Service-account lookups share one token.
 */
export interface LookupOptions {
  /** A ready client (tests, or to share one across lookups). */
  client?: AtlasClient;
  /** Client options merged over the config/env settings. */
  clientOptions?: AtlasClientOptions;
  /** For waitForTenantRestoreJob. */
  clock?: Clock;
}

type InputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Clients of this program process, one per settings, so lookups share the server's digest challenge. */
const clients = new Map<string, AtlasClient>();

export function clientFor(opts: LookupOptions = {}, apiVersion?: AtlasClientOptions["apiVersion"]): AtlasClient {
  if (opts.client) return opts.client;
  const settings = { ...settingsFromProgramConfig(), ...(apiVersion ? { apiVersion } : {}) };
  // Options may carry functions (fetch, onRetry, clock): such a client is built for that call only.
  if (opts.clientOptions) return new AtlasClient({ ...settings, ...opts.clientOptions, ...(apiVersion ? { apiVersion } : {}) } as AtlasClientOptions);
  // Keyed by the resolved settings (config, then environment), hashed so no key is kept as a map key.
  const resolved = resolveAtlasSettings(settings as AtlasSettingsInput);
  const key = createHash("sha256").update(JSON.stringify(resolved)).digest("hex");
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new AtlasClient(settings as AtlasClientOptions)));
  return client;
}

const URL_KEYS = new Set(["snapshotUrl", "deliveryUrl", "url"]);
/** True when `value` holds a download URL anywhere. */
export function holdsDownloadUrl(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsDownloadUrl);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) => (URL_KEYS.has(k) && v !== undefined && v !== "") || holdsDownloadUrl(v));
}

export function outputForm<A, R>(lookup: (args: A, opts?: LookupOptions) => Promise<R>) {
  return (args: InputArgs<A>, opts?: LookupOptions): pulumi.Output<R> =>
    pulumi
      .output(args)
      .apply((plain) => lookup(plain as A, opts))
      .apply((result) => (holdsDownloadUrl(result) ? pulumi.secret(result) : result)) as pulumi.Output<R>;
}
