import { randomBytes, randomUUID } from "node:crypto";
import type { SimServiceAccount } from "./oauth-token";
import { DEFAULT_LIFECYCLE, type LifecycleOptions } from "./lifecycle";
import type { RateLimitOptions } from "./rate-limit";
import type { SeedOptions } from "./seed";
import type { LifecyclePhases } from "./state";

export interface SimulatorOptions {
  /** Port to listen on; default 0 (the kernel picks). Always binds 127.0.0.1. */
  port?: number;
  /** Digest user name; default "simpubkey". */
  publicKey?: string;
  /** Digest password; default a random UUID per start. */
  privateKey?: string;
  /** Injected clock in ms (default Date.now): lifecycle, nonce expiry, rate limit and log times use it. */
  now?: () => number;
  /** Time a new restore job spends in each status; default 1000 / 1000 / 3000 ms. */
  lifecycle?: LifecycleOptions;
  /** Digest nonce lifetime; default 300_000 ms. Expired nonce → 401 with `stale=true`. */
  nonceTtlMs?: number;
  /** Token bucket per project (groupId in the path); default false (off). */
  rateLimit?: RateLimitOptions | false;
  /** What to seed; default: the default seed (see DEFAULT_SEED). */
  seed?: SeedOptions;
  /** When true, the v2 tenant paths answer 410 VERSION_GONE (sunset 2026-01-22). Default false. */
  sunsetTenantV2?: boolean;
  /** Service accounts the token endpoint accepts; default one: DEFAULT_CLIENT_ID with a random secret per start. */
  serviceAccounts?: SimServiceAccount[];
  /** `expires_in` of issued tokens, seconds; default 3600 (as Atlas). */
  tokenLifetimeSeconds?: number;
  /** Token-endpoint limit per client id; default 50 a minute (as Atlas); false = off. */
  tokenRateLimit?: RateLimitOptions | false;
}

export interface NormalizedOptions {
  port: number;
  publicKey: string;
  privateKey: string;
  now: () => number;
  lifecycle: LifecyclePhases;
  nonceTtlMs: number;
  rateLimit: RateLimitOptions | false;
  seed: SeedOptions | undefined;
  sunsetTenantV2: boolean;
  serviceAccounts: SimServiceAccount[];
  tokenLifetimeSeconds: number;
  tokenRateLimit: RateLimitOptions | false;
}

export const DEFAULT_PUBLIC_KEY = "simpubkey";
export const DEFAULT_NONCE_TTL_MS = 300_000;
/** Client id of the simulator's default service account (Atlas ids look like `mdb_sa_id_<24 hex>`). */
export const DEFAULT_CLIENT_ID = "mdb_sa_id_5e1a00000000000000000001";
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a non-negative number, got ${v}`);
  return v;
}

export function normalizeOptions(options: SimulatorOptions = {}): NormalizedOptions {
  const lifecycle = options.lifecycle ?? {};
  return {
    port: nonNegative(options.port, 0, "port"),
    publicKey: options.publicKey ?? DEFAULT_PUBLIC_KEY,
    privateKey: options.privateKey ?? randomUUID(),
    now: options.now ?? Date.now,
    lifecycle: {
      pendingMs: nonNegative(lifecycle.pendingMs, DEFAULT_LIFECYCLE.pendingMs, "lifecycle.pendingMs"),
      queuedMs: nonNegative(lifecycle.queuedMs, DEFAULT_LIFECYCLE.queuedMs, "lifecycle.queuedMs"),
      runningMs: nonNegative(lifecycle.runningMs, DEFAULT_LIFECYCLE.runningMs, "lifecycle.runningMs"),
    },
    nonceTtlMs: nonNegative(options.nonceTtlMs, DEFAULT_NONCE_TTL_MS, "nonceTtlMs"),
    rateLimit: options.rateLimit ?? false,
    seed: options.seed,
    sunsetTenantV2: options.sunsetTenantV2 ?? false,
    serviceAccounts: options.serviceAccounts ?? [{ clientId: DEFAULT_CLIENT_ID, clientSecret: `mdb_sa_sk_${randomBytes(20).toString("hex")}` }],
    tokenLifetimeSeconds: nonNegative(options.tokenLifetimeSeconds, DEFAULT_TOKEN_LIFETIME_SECONDS, "tokenLifetimeSeconds") || DEFAULT_TOKEN_LIFETIME_SECONDS,
    tokenRateLimit: options.tokenRateLimit ?? { requestsPerMinute: 50 },
  };
}
