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
} from "./atlas";
// --- simulator (src/simulator) ---
// --- restore logic and Pulumi resources (src/restore, src/pulumi) ---
