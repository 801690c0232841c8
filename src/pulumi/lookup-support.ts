import * as pulumi from "@pulumi/pulumi";
import { AtlasClient } from "../atlas/client";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import type { Clock } from "../util/clock";
import { settingsFromProgramConfig } from "./settings";

/**
 * Lookups, Pulumi style: `getX(args)` takes plain values and returns a Promise; `getXOutput(args)`
 * takes Inputs and returns an Output, secret whenever the answer carries a download URL
 * (snapshotUrl, deliveryUrl, delivery.url). Credentials: the stack config (`mongodbatlas:publicKey`,
 * `mongodbatlas:privateKey`, `mongodbatlas:baseUrl`, `pulumi-atlas-restore:apiVersion`), then the
 * environment variables; outside a Pulumi program only the environment (or `opts`).
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

export function clientFor(opts: LookupOptions = {}, apiVersion?: AtlasClientOptions["apiVersion"]): AtlasClient {
  if (opts.client) return opts.client;
  return new AtlasClient({ ...settingsFromProgramConfig(), ...opts.clientOptions, ...(apiVersion ? { apiVersion } : {}) } as AtlasClientOptions);
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
