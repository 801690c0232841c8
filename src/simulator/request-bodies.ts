import { COLLECTION_NAMESPACE_RULE, DATABASE_NAME_RULE, isCollectionNamespace, isDatabaseName } from "../schemas/collection-restore";
import { CLUSTER_NAME_PATTERN, DEPLOYMENT_ITEM_NAME_PATTERN, OBJECT_ID_PATTERN } from "../schemas/ids";
import type { BodyRules, FieldRule } from "./request-rules";

/**
 * The POST bodies Atlas accepts, one per operation, from the v2 spec's request schemas (the
 * field lists, `required`, `readOnly`, enums, patterns and minimums are the spec's). Rules that
 * depend on another field's value live with the route (cloud-backup-create.ts,
 * collection-restore-request.ts).
 */
const objectId = (required = false): FieldRule => ({ type: "string", pattern: OBJECT_ID_PATTERN, required });
const deploymentItemName = (required = false): FieldRule => ({ type: "string", pattern: DEPLOYMENT_ITEM_NAME_PATTERN, required });
const readOnly = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { type: "readOnly" } as const]));

/** Everything a tenant or Flex restore job answers with: read-only in its request schema. */
const RESTORE_JOB_READ_ONLY = readOnly(
  "deliveryType", "expirationDate", "id", "links", "projectId", "restoreFinishedDate", "restoreScheduledDate", "snapshotFinishedDate", "snapshotUrl", "status",
);

/** `TenantRestore` (POST …/backup/tenant/restore); `clusterName` is read-only. */
export const TENANT_RESTORE: BodyRules = {
  ...RESTORE_JOB_READ_ONLY,
  clusterName: { type: "readOnly" },
  snapshotId: objectId(true),
  targetDeploymentItemName: deploymentItemName(true),
  targetProjectId: objectId(),
};

/**
 * POST …/backup/tenant/download. Its body is typed `TenantRestore` (atlas-sdk-go); a download has
 * no target, so only `snapshotId` is required here (not confirmed: the path is not in the extracts).
 */
export const TENANT_DOWNLOAD: BodyRules = { ...TENANT_RESTORE, targetDeploymentItemName: deploymentItemName() };

/** `FlexBackupRestoreJobCreate20241113`: `instanceName` is read-only, so a body carrying it is accepted and it is ignored. */
export const FLEX_RESTORE: BodyRules = {
  ...RESTORE_JOB_READ_ONLY,
  instanceName: { type: "readOnly" },
  snapshotId: objectId(true),
  targetDeploymentItemName: deploymentItemName(true),
  targetProjectId: objectId(),
};

/** `FlexBackupSnapshotDownloadCreate20241113`. */
export const FLEX_DOWNLOAD: BodyRules = { links: { type: "readOnly" }, snapshotId: objectId(true) };

export const DELIVERY_TYPES = ["automated", "download", "pointInTime"] as const;

/** `DiskBackupSnapshotRestoreJob` (POST …/clusters/{clusterName}/backup/restoreJobs); `desiredTimestamp` is a read-only object. */
export const DEDICATED_RESTORE: BodyRules = {
  ...readOnly("cancelled", "components", "deliveryUrl", "desiredTimestamp", "expired", "expiresAt", "failed", "finishedAt", "id", "links", "privateDownloadDeliveryUrls", "timestamp"),
  deliveryType: { type: "string", required: true, enum: DELIVERY_TYPES },
  oplogInc: { type: "integer", minimum: 1 },
  oplogTs: { type: "integer", minimum: 1199145600 },
  pointInTimeUTCSeconds: { type: "integer", minimum: 1199145600 },
  snapshotId: objectId(),
  targetClusterName: { type: "string", pattern: CLUSTER_NAME_PATTERN },
  targetGroupId: objectId(),
};

export interface DedicatedRestoreBody {
  deliveryType: (typeof DELIVERY_TYPES)[number];
  oplogInc?: number;
  oplogTs?: number;
  pointInTimeUTCSeconds?: number;
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
}

/**
 * `indexStrategy` and `writeStrategy` are plain strings in the spec; their values are the ones
 * Atlas's collection-level restore documentation names (not confirmed by a recorded answer).
 */
export const INDEX_STRATEGY_VALUES = ["ALL", "NONE", "ALL_EXCEPT_TTL"] as const;
export const WRITE_STRATEGY_VALUES = ["CREATE_NEW", "OVERWRITE_EXISTING"] as const;

const namespaceList = (isName: (v: string) => boolean, rule: string): FieldRule => ({
  type: "array",
  maxItems: 100,
  items: {
    sourceNamespace: { type: "string", required: true, check: (v) => (isName(v) ? undefined : `must be ${rule}`) },
    targetNamespace: { type: "string", check: (v) => (isName(v) ? undefined : `must be ${rule}`) },
  },
});

/** `ApiAtlasCollectionRestoreJobRequest` (POST …/collectionRestoreJobs, 2025-03-12). */
export const COLLECTION_RESTORE: BodyRules = {
  collectionSuffix: { type: "string" },
  collections: namespaceList(isCollectionNamespace, COLLECTION_NAMESPACE_RULE),
  databaseSuffix: { type: "string" },
  databases: namespaceList(isDatabaseName, DATABASE_NAME_RULE),
  indexStrategy: { type: "string", required: true, enum: INDEX_STRATEGY_VALUES },
  oplogInc: { type: "integer", minimum: 0 },
  oplogTs: { type: "integer", minimum: 0 },
  pointInTimeUtcSeconds: { type: "integer", minimum: 0 },
  snapshotId: objectId(),
  targetClusterName: { type: "string", required: true, pattern: CLUSTER_NAME_PATTERN },
  targetGroupId: objectId(true),
  writeStrategy: { type: "string", required: true, enum: WRITE_STRATEGY_VALUES },
};

export interface RestoreNamespace {
  sourceNamespace: string;
  targetNamespace?: string;
}

export interface CollectionRestoreBody {
  collectionSuffix?: string;
  collections?: RestoreNamespace[];
  databaseSuffix?: string;
  databases?: RestoreNamespace[];
  indexStrategy: string;
  oplogInc?: number;
  oplogTs?: number;
  pointInTimeUtcSeconds?: number;
  snapshotId?: string;
  targetClusterName: string;
  targetGroupId: string;
  writeStrategy: string;
}
