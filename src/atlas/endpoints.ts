import { z } from "zod";
import { ClusterDescription, CloudBackupSnapshot } from "../schemas/cloud-backup";
import { paginated } from "../schemas/paginated";
import { CloudBackupRestoreJob, FlexRestoreJob, FlexSnapshot, LegacyRestoreJob, TenantRestoreJob, TenantSnapshot } from "../schemas/restore-job";
import { CollectionRestoreCollectionState, CollectionRestoreJob } from "../schemas/collection-restore";
import { DatabaseUser } from "../schemas/database-user";
import type { AtlasApiVersion } from "./settings";

/** Resource families: each has one versioned media type in v2. */
export type EndpointFamily = "tenant" | "cloudBackup" | "flex" | "legacy" | "collectionRestore" | "databaseUsers";

export const V2_MEDIA_TYPES: Readonly<Record<EndpointFamily, string>> = Object.freeze({
  tenant: "application/vnd.atlas.2023-01-01+json",
  cloudBackup: "application/vnd.atlas.2023-01-01+json",
  legacy: "application/vnd.atlas.2023-01-01+json",
  flex: "application/vnd.atlas.2024-11-13+json",
  collectionRestore: "application/vnd.atlas.2025-03-12+json",
  databaseUsers: "application/vnd.atlas.2023-01-01+json",
});
export const V1_MEDIA_TYPE = "application/json";

export const API_BASE_PATHS: Readonly<Record<AtlasApiVersion, string>> = Object.freeze({
  "v1.0": "/api/atlas/v1.0",
  v2: "/api/atlas/v2",
});

export interface Endpoint<S extends z.ZodType = z.ZodType> {
  method: "GET" | "POST" | "DELETE";
  /**
   * Under the version base path; `{name}` placeholders are filled from the parameters, URI-encoded.
   * Placeholders use this package's names (`projectId` for Atlas's `{groupId}`, `restoreJobId` for its
   * `{restoreId}` / `{jobId}`); the paths themselves are Atlas's.
   */
  path: string;
  family: EndpointFamily;
  schema: S;
  /** Versions that have this endpoint. */
  versions: readonly AtlasApiVersion[];
}

const both = ["v1.0", "v2"] as const;
const v2 = ["v2"] as const;
const cluster = "/groups/{projectId}/clusters/{clusterName}";
const flexCluster = "/groups/{projectId}/flexClusters/{clusterName}";

function endpoint<S extends z.ZodType>(e: Endpoint<S>): Endpoint<S> {
  return Object.freeze(e);
}

/** Every operation the client speaks, as data. */
export const endpoints = {
  createTenantRestore: endpoint({ method: "POST", path: `${cluster}/backup/tenant/restore`, family: "tenant", schema: TenantRestoreJob, versions: both }),
  getTenantRestore: endpoint({ method: "GET", path: `${cluster}/backup/tenant/restores/{restoreJobId}`, family: "tenant", schema: TenantRestoreJob, versions: both }),
  listTenantRestores: endpoint({ method: "GET", path: `${cluster}/backup/tenant/restores`, family: "tenant", schema: paginated(TenantRestoreJob), versions: both }),
  listTenantSnapshots: endpoint({ method: "GET", path: `${cluster}/backup/tenant/snapshots`, family: "tenant", schema: paginated(TenantSnapshot), versions: both }),
  getTenantSnapshot: endpoint({ method: "GET", path: `${cluster}/backup/tenant/snapshots/{snapshotId}`, family: "tenant", schema: TenantSnapshot, versions: both }),
  listCloudBackupRestoreJobs: endpoint({ method: "GET", path: `${cluster}/backup/restoreJobs`, family: "cloudBackup", schema: paginated(CloudBackupRestoreJob), versions: both }),
  getLegacyRestoreJob: endpoint({ method: "GET", path: `${cluster}/restoreJobs/{restoreJobId}`, family: "legacy", schema: LegacyRestoreJob, versions: both }),
  createFlexRestoreJob: endpoint({ method: "POST", path: `${flexCluster}/backup/restoreJobs`, family: "flex", schema: FlexRestoreJob, versions: v2 }),
  getFlexRestoreJob: endpoint({ method: "GET", path: `${flexCluster}/backup/restoreJobs/{restoreJobId}`, family: "flex", schema: FlexRestoreJob, versions: v2 }),
  listFlexRestoreJobs: endpoint({ method: "GET", path: `${flexCluster}/backup/restoreJobs`, family: "flex", schema: paginated(FlexRestoreJob), versions: v2 }),
  listFlexSnapshots: endpoint({ method: "GET", path: `${flexCluster}/backup/snapshots`, family: "flex", schema: paginated(FlexSnapshot), versions: v2 }),
  getFlexSnapshot: endpoint({ method: "GET", path: `${flexCluster}/backup/snapshots/{snapshotId}`, family: "flex", schema: FlexSnapshot, versions: v2 }),
  listLegacyRestoreJobs: endpoint({ method: "GET", path: `${cluster}/restoreJobs`, family: "legacy", schema: paginated(LegacyRestoreJob), versions: both }),
  downloadFlexSnapshot: endpoint({ method: "POST", path: `${flexCluster}/backup/download`, family: "flex", schema: FlexRestoreJob, versions: v2 }),
  downloadTenantSnapshot: endpoint({ method: "POST", path: `${cluster}/backup/tenant/download`, family: "tenant", schema: TenantRestoreJob, versions: both }),
  // Dedicated (M10+) clusters: Cloud Backup restore jobs and snapshots, and the cluster itself.
  createCloudBackupRestoreJob: endpoint({ method: "POST", path: `${cluster}/backup/restoreJobs`, family: "cloudBackup", schema: CloudBackupRestoreJob, versions: both }),
  getCloudBackupRestoreJob: endpoint({ method: "GET", path: `${cluster}/backup/restoreJobs/{restoreJobId}`, family: "cloudBackup", schema: CloudBackupRestoreJob, versions: both }),
  cancelCloudBackupRestoreJob: endpoint({ method: "DELETE", path: `${cluster}/backup/restoreJobs/{restoreJobId}`, family: "cloudBackup", schema: z.unknown(), versions: both }),
  listCloudBackupSnapshots: endpoint({ method: "GET", path: `${cluster}/backup/snapshots`, family: "cloudBackup", schema: paginated(CloudBackupSnapshot), versions: both }),
  getCloudBackupSnapshot: endpoint({ method: "GET", path: `${cluster}/backup/snapshots/{snapshotId}`, family: "cloudBackup", schema: CloudBackupSnapshot, versions: both }),
  getCluster: endpoint({ method: "GET", path: cluster, family: "cloudBackup", schema: ClusterDescription, versions: both }),
  createCollectionRestoreJob: endpoint({ method: "POST", path: `${cluster}/collectionRestoreJobs`, family: "collectionRestore", schema: CollectionRestoreJob, versions: v2 }),
  getCollectionRestoreJob: endpoint({ method: "GET", path: `${cluster}/collectionRestoreJobs/{restoreJobId}`, family: "collectionRestore", schema: CollectionRestoreJob, versions: v2 }),
  listCollectionRestoreJobs: endpoint({ method: "GET", path: `${cluster}/collectionRestoreJobs`, family: "collectionRestore", schema: paginated(CollectionRestoreJob), versions: v2 }),
  listCollectionRestoreJobCollections: endpoint({ method: "GET", path: `${cluster}/collectionRestoreJobs/{restoreJobId}/collections`, family: "collectionRestore", schema: paginated(CollectionRestoreCollectionState), versions: v2 }),
  // DataMask's temporary database user.
  createDatabaseUser: endpoint({ method: "POST", path: "/groups/{projectId}/databaseUsers", family: "databaseUsers", schema: DatabaseUser, versions: both }),
  deleteDatabaseUser: endpoint({ method: "DELETE", path: "/groups/{projectId}/databaseUsers/{databaseName}/{username}", family: "databaseUsers", schema: z.unknown(), versions: both }),
};
export type EndpointName = keyof typeof endpoints;

/** Fills `{name}` placeholders, URI-encoding each value. */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (typeof value !== "string") throw new Error(`internal: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** The media type for Accept (and Content-Type on POST). */
export function mediaTypeFor(family: EndpointFamily, version: AtlasApiVersion): string {
  return version === "v2" ? V2_MEDIA_TYPES[family] : V1_MEDIA_TYPE;
}
