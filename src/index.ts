// The public API of pulumi-atlas-restore: exactly what README.md documents ("API reference"),
// as an explicit list grouped by layer. test/package/public-api.test.ts checks both the runtime
// names and the type names against the README. Add a new export here AND in the README's list.
// Everything else (restore logic, provider internals, schemas as values) stays internal.

// --- Pulumi resources (src/pulumi) ---
export { TenantRestore, FlexRestore, type RestoreArgs } from "./pulumi/restore-resource";
export { CloudBackupRestore, type CloudBackupRestoreArgs } from "./pulumi/cloud-backup-restore";
export { CollectionRestore, type CollectionRestoreArgs } from "./pulumi/collection-restore-resource";
export { DataMask, type DataMaskArgs } from "./pulumi/data-mask";
export { MaskError } from "./mask/mask-errors";
export type { MaskRuleInput as MaskRule, MaskStrategyInput as MaskStrategy } from "./mask/mask-rules";

// --- Pulumi lookups (src/pulumi): Promise form and Output form ---
export {
  getTenantRestoreJob,
  getTenantRestoreJobOutput,
  getTenantRestoreJobs,
  getTenantRestoreJobsOutput,
  getTenantSnapshots,
  getTenantSnapshotsOutput,
  getCloudBackupRestoreJobs,
  getCloudBackupRestoreJobsOutput,
  getAllCloudBackupRestoreJobs,
  getAllCloudBackupRestoreJobsOutput,
  waitForTenantRestoreJob,
  waitForTenantRestoreJobOutput,
} from "./pulumi/lookups";
export {
  getFlexRestoreJob,
  getFlexRestoreJobOutput,
  getFlexRestoreJobs,
  getFlexRestoreJobsOutput,
  getFlexSnapshots,
  getFlexSnapshotsOutput,
} from "./pulumi/flex-lookups";
export {
  getLegacyRestoreJob,
  getLegacyRestoreJobOutput,
  getLegacyRestoreJobs,
  getLegacyRestoreJobsOutput,
  getAllLegacyRestoreJobs,
  getAllLegacyRestoreJobsOutput,
} from "./pulumi/legacy-lookups";
export {
  getCloudBackupRestoreJob,
  getCloudBackupRestoreJobOutput,
  getCloudBackupSnapshots,
  getCloudBackupSnapshotsOutput,
  getCloudBackupSnapshot,
  getCloudBackupSnapshotOutput,
  getLatestCloudBackupSnapshot,
  getLatestCloudBackupSnapshotOutput,
  waitForCloudBackupRestoreJob,
  waitForCloudBackupRestoreJobOutput,
  type GetLatestCloudBackupSnapshotArgs,
  type WaitForCloudBackupRestoreJobArgs,
} from "./pulumi/cloud-backup-lookups";
export {
  getCollectionRestoreJob,
  getCollectionRestoreJobOutput,
  getCollectionRestoreJobs,
  getCollectionRestoreJobsOutput,
  getCollectionRestoreJobCollections,
  getCollectionRestoreJobCollectionsOutput,
} from "./pulumi/collection-restore-lookups";
export type { LookupOptions } from "./pulumi/lookup-support";

// --- restore errors a caller may catch (src/restore) ---
export { RestoreError, RestoreJobFailedError, RestoreTimeoutError } from "./restore/errors";

// --- Atlas client and its errors (src/atlas) ---
export { AtlasClient } from "./atlas/client";
export type { AtlasClientOptions } from "./atlas/atlas-client-options";
export type { AtlasStats, RetryInfo } from "./atlas/request";
export type { AtlasApiVersion } from "./atlas/settings";
export type { RetryPolicy } from "./atlas/retry-policy";
export {
  AtlasError,
  AtlasApiError,
  AtlasConfigError,
  AtlasSchemaError,
  AtlasNetworkError,
  AtlasPaginationError,
} from "./atlas/errors";
export { AtlasAbortedError } from "./atlas/aborted-error";
export { AtlasTokenError } from "./atlas/token-error";
export type { AtlasCredentials } from "./atlas/credentials";

// --- shapes (src/schemas): types only, derived from the zod schemas ---
export type {
  TenantRestoreJob,
  FlexRestoreJob,
  TenantSnapshot,
  FlexSnapshot,
  CloudBackupRestoreJob,
  LegacyRestoreJob,
  RestoreStatus,
} from "./schemas/restore-job";
export type { CloudBackupSnapshot, GetCloudBackupRestoreParams } from "./schemas/cloud-backup";
export type { CollectionRestoreJob, CollectionRestoreCollectionState, GetCollectionRestoreParams } from "./schemas/collection-restore";
export type { Page } from "./schemas/paginated";
export type {
  ClusterRef,
  GetRestoreParams,
  GetLegacyRestoreJobParams,
  ListLegacyRestoreJobsParams,
  IterateLegacyRestoreJobsParams,
  PageParams,
  IterateParams,
} from "./schemas/requests";
export type { WaitForTenantRestoreJobArgs } from "./schemas/restore-args";
export { InputValidationError } from "./schemas/validate";
export type { Clock } from "./util/clock";

// --- local Atlas simulator (src/simulator) ---
export { startAtlasSimulator } from "./simulator/server";
export type { AtlasSimulator } from "./simulator/atlas-simulator";
export type { SimulatorOptions } from "./simulator/options";
export type { SeedRestoreHistoryOptions, DurationDistribution } from "./simulator/seed-history";

// --- fleet seeding (src/fleet): many environments, one stack each, through the Automation API ---
export { loadFleetFile, parseFleetFile } from "./fleet/load-fleet-file";
export { runFleet, type FleetRunOptions } from "./fleet/run-fleet";
export { FleetFileError } from "./fleet/fleet-file-error";
export { FleetSetupError } from "./fleet/fleet-settings";
export { StackLockedError } from "./fleet/with-stack-lock";
export type { FleetFile } from "./fleet/fleet-file";
export type { FleetSummary, FleetEvent, EnvironmentResult } from "./fleet/fleet-summary";

// --- package metadata ---
export { PACKAGE_VERSION } from "./version";
