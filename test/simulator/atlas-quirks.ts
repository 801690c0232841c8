/**
 * Where Atlas's real answers break its own OpenAPI spec, the simulator answers like Atlas, and
 * the contract tests let exactly these differences through (each names what shows Atlas's way):
 * - `ApiError.parameters`: the spec types the items as objects; Atlas sends the detail's values
 *   as strings, e.g. `"parameters":["backupRestores-305"]` for CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API
 *   (mongodb/mongodb-atlas-cli test/e2e/atlas/backup/restores/backuprestores/testdata/.snapshots/
 *   TestRestores/Restores_Describe/GET_…_flexClusters_backupRestores-305_backup_restoreJobs_…_1.snaphost)
 *   and `[name, groupId]` for CLUSTER_NOT_FOUND (…/TestFlexBackup/… recordings).
 * - `DiskBackupSnapshotRestoreJob.desiredTimestamp`: Atlas sends `{"date":null,"increment":null,…}`
 *   on automated and download jobs, where the spec's fields are not nullable
 *   (…/TestRestores/Restores_Create_-_Automated/POST_…_backup_restoreJobs_1.snaphost).
 * - `ApiBSONTimestamp.increment` has `minimum: 1199145600` (an epoch-seconds bound copied onto an
 *   oplog counter) while Atlas's documented legacy job (seed 001) has `"increment": 1`.
 */
const QUIRKS: RegExp[] = [
  /\.parameters\[\d+\] expected object, got string$/,
  /\.desiredTimestamp\.(date|increment) is null but the schema is not nullable$/,
  /\.(timestamp|desiredTimestamp)\.increment \d+ < minimum 1199145600$/,
];

/** True for an issue that is not one of Atlas's known departures from its spec. */
export const notAtlasQuirk = (issue: string): boolean => !QUIRKS.some((q) => q.test(issue));
