// The public API of pulumi-atlas-restore. Exports only what README.md documents.
export * from "./schemas";
export { Clock, systemClock, ManualClock } from "./util/clock";
export { PACKAGE_NAME, PACKAGE_VERSION } from "./version";
// --- Atlas client (src/atlas) ---
export {
  AtlasClient,
  type AtlasClientOptions,
  type AtlasStats,
  type RetryInfo,
  AtlasError,
  AtlasApiError,
  AtlasConfigError,
  AtlasSchemaError,
  AtlasNetworkError,
  AtlasPaginationError,
  AtlasAbortedError,
  resolveAtlasSettings,
  PUBLIC_KEY_ENV_VARS,
  PRIVATE_KEY_ENV_VARS,
  BASE_URL_ENV_VARS,
  DEFAULT_BASE_URL,
  ATLAS_API_VERSIONS,
  type AtlasApiVersion,
  type AtlasSettings,
  type AtlasSettingsInput,
  defaultRetryPolicy,
  type RetryPolicy,
  CLIENT_ID_ENV_VARS,
  CLIENT_SECRET_ENV_VARS,
  ACCESS_TOKEN_ENV_VARS,
  type AtlasCredentials,
  AtlasTokenError,
} from "./atlas";
// --- simulator (src/simulator) ---
export {
  startAtlasSimulator,
  DEFAULT_SEED,
  DEFAULT_LIFECYCLE,
  DEFAULT_PUBLIC_KEY,
  DEFAULT_NONCE_TTL_MS,
  DEFAULT_CLIENT_ID,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  type SimServiceAccount,
  seedObjectId,
  type AtlasSimulator,
  type SimulatorOptions,
  type LifecycleOptions,
  type RateLimitOptions,
  type FailRestoresMatch,
  type SeedOptions,
  type SeedProject,
  type SeedCluster,
  type SeedSnapshot,
  type SeedDedicatedCluster,
  type SeedInfo,
  type SeedProjectInfo,
  type SeedClusterInfo,
  type SeedSnapshotInfo,
  type SeedDedicatedClusterInfo,
  type FaultSpec,
  type FaultKind,
  type FaultMatch,
  type PendingFault,
  type RequestLogEntry,
  type RequestLogFilter,
  type RestoreHistoryEntry,
  type SimulatorState,
  type SeedRestoreHistoryOptions,
  type DurationDistribution,
} from "./simulator";
// --- restore logic and Pulumi resources (src/restore, src/pulumi) ---
export * from "./restore";
export * from "./pulumi";
// --- fleet seeding (src/fleet): many environments, one stack each, via the Automation API ---
export * from "./fleet";
