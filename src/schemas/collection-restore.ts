import { z } from "zod";
import { ClusterName, ObjectId } from "./ids";
import { Link } from "./link";

/**
 * Collection-level restore (`…/clusters/{clusterName}/collectionRestoreJobs`, API v2 only, media
 * type `application/vnd.atlas.2025-03-12+json`).
 *
 * Where the values come from (the extract `cloud-backup-restores.openapi.2026-08-18.json` types
 * `state`, `indexStrategy` and `writeStrategy` as plain strings without an enum):
 * - the enums below are those of the Atlas spec as the Terraform provider vendors it:
 *   mongodb/terraform-provider-mongodbatlas, tools/codegen/atlasapispec/multi-version-api-spec.flattened.yml
 *   (commit 468253db, 2026-08-21), schemas ApiAtlasCollectionRestoreJobResponse.state,
 *   ApiAtlasCollectionRestoreCollectionStateResponse.state, ApiAtlasCollectionRestoreJobRequest.indexStrategy
 *   / writeStrategy and ApiAtlasCollection*IndexStatus.state;
 * - pending vs. terminal: the provider's resource (internal/serviceapi/cloudbackupcollectionrestorejob/resource.go,
 *   commit 94eaa2a5) waits with Pending INITIALIZING, IN_PROGRESS, FINALIZING and Target SUCCESSFUL; its docs
 *   (docs/resources/cloud_backup_collection_restore_job.md) say the same and that Atlas has no cancel API;
 * - `ALL` / `NONE` / `ALL_EXCEPT_TTL` ("all, none, or all except TTL") and `CREATE_NEW` / `OVERWRITE_EXISTING`
 *   are also what the provider's examples document (examples/mongodbatlas_cloud_backup_collection_restore_job/*).
 * Responses keep these as plain strings: an unknown future value must not break a running pipeline.
 */
export const COLLECTION_RESTORE_STATES = ["INITIALIZING", "IN_PROGRESS", "FINALIZING", "SUCCESSFUL", "CANCELED", "FAILED"] as const;
export type CollectionRestoreState = (typeof COLLECTION_RESTORE_STATES)[number];
/** States a job leaves by itself (the Terraform provider's Pending list). */
export const COLLECTION_RESTORE_PENDING_STATES: ReadonlySet<string> = new Set(["INITIALIZING", "IN_PROGRESS", "FINALIZING"]);
/** Per-collection states (`ApiAtlasCollectionRestoreCollectionStateResponse.state`). */
export const COLLECTION_STATES = [
  "NOT_STARTED", "IN_PROGRESS", "FINALIZING", "NOT_FOUND", "UNSUPPORTED", "SUCCESSFUL", "ROLLBACK", "NOT_RESTORED", "FAILED", "INDEX_BUILD_FAILED",
] as const;
/** Per-collection states that mean the collection was not restored as asked. */
export const FAILED_COLLECTION_STATES: ReadonlySet<string> = new Set(["FAILED", "INDEX_BUILD_FAILED", "NOT_FOUND", "UNSUPPORTED"]);
export const INDEX_STRATEGIES = ["ALL", "NONE", "ALL_EXCEPT_TTL"] as const;
export const WRITE_STRATEGIES = ["CREATE_NEW", "OVERWRITE_EXISTING"] as const;
/** `databases` and `collections` hold at most 100 items each (spec `maxItems`). */
export const MAX_RESTORE_NAMESPACES = 100;

/**
 * MongoDB's naming rules (manual, "Naming Restrictions"): a database name is 1–63 characters
 * without `/\. "$` or NUL; a collection name is non-empty, has no `$` or NUL and does not start
 * with `system.`. Suffixes are appended to such names, so they follow the same character rules.
 */
const DB_NAME = /^[^/\\. "$\0]{1,63}$/;
const COLLECTION_NAME = /^(?!system\.)[^$\0]+$/;
export const DATABASE_NAME_RULE = 'a database name: 1–63 characters, none of / \\ . " $ or space';
export const COLLECTION_NAMESPACE_RULE = 'a collection namespace "database.collection" (database: 1–63 characters without / \\ . " $ or space; collection: not empty, no $, not system.*)';

export function isDatabaseName(value: string): boolean {
  return DB_NAME.test(value);
}
export function isCollectionNamespace(value: string): boolean {
  const dot = value.indexOf(".");
  return dot > 0 && DB_NAME.test(value.slice(0, dot)) && COLLECTION_NAME.test(value.slice(dot + 1));
}

/** `ApiAtlasRestoreNamespace`: a source and an optional target namespace. */
export const RestoreNamespace = z.looseObject({ sourceNamespace: z.string(), targetNamespace: z.string().optional() });
export type RestoreNamespace = z.infer<typeof RestoreNamespace>;

const IndexStatus = z.looseObject({
  state: z.string().optional(),
  failedCollectionCount: z.number().optional(),
  errorMessage: z.string().optional(),
  failedIndexes: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** `ApiAtlasCollectionRestoreJobResponse`. */
export const CollectionRestoreJob = z.looseObject({
  id: z.string(),
  state: z.string().optional(),
  createdAt: z.string().optional(),
  finishedAt: z.string().optional(),
  errorMessage: z.string().optional(),
  restoredDocuments: z.number().optional(),
  totalDocuments: z.number().optional(),
  snapshotId: z.string().optional(),
  pointInTimeUtcSeconds: z.number().optional(),
  oplogTs: z.number().optional(),
  oplogInc: z.number().optional(),
  targetClusterName: z.string().optional(),
  targetGroupId: z.string().optional(),
  databases: z.array(RestoreNamespace).optional(),
  collections: z.array(RestoreNamespace).optional(),
  databaseSuffix: z.string().optional(),
  collectionSuffix: z.string().optional(),
  indexStrategy: z.string().optional(),
  writeStrategy: z.string().optional(),
  indexStatus: IndexStatus.optional(),
  links: z.array(Link).optional(),
});
export type CollectionRestoreJob = z.infer<typeof CollectionRestoreJob>;

/** `ApiAtlasCollectionRestoreCollectionStateResponse`: one collection of a job. */
export const CollectionRestoreCollectionState = z.looseObject({
  sourceNamespace: z.string().optional(),
  targetNamespace: z.string().optional(),
  effectiveTargetNamespace: z.string().optional(),
  state: z.string().optional(),
  restoredDocuments: z.number().optional(),
  totalDocuments: z.number().optional(),
  indexStatus: IndexStatus.optional(),
});
export type CollectionRestoreCollectionState = z.infer<typeof CollectionRestoreCollectionState>;

const namespaceList = (isName: (v: string) => boolean, rule: string) =>
  z
    .array(z.strictObject({
      sourceNamespace: z.string().refine(isName, { error: `must be ${rule}` }),
      targetNamespace: z.string().refine(isName, { error: `must be ${rule}` }).optional(),
    }))
    .min(1, { error: "must list at least one item" })
    .max(MAX_RESTORE_NAMESPACES, { error: `must list at most ${MAX_RESTORE_NAMESPACES} items (Atlas's limit per job)` });

/** The POST body (`ApiAtlasCollectionRestoreJobRequest`), strict; the simulator checks requests with it too. */
export const CollectionRestoreRequestBody = z.strictObject({
  snapshotId: ObjectId.optional(),
  pointInTimeUtcSeconds: z.number().int().nonnegative().optional(),
  oplogTs: z.number().int().nonnegative().optional(),
  oplogInc: z.number().int().nonnegative().optional(),
  targetGroupId: ObjectId,
  targetClusterName: ClusterName,
  databases: namespaceList(isDatabaseName, DATABASE_NAME_RULE).optional(),
  collections: namespaceList(isCollectionNamespace, COLLECTION_NAMESPACE_RULE).optional(),
  databaseSuffix: z.string().optional(),
  collectionSuffix: z.string().optional(),
  indexStrategy: z.enum(INDEX_STRATEGIES, { error: `must be one of ${INDEX_STRATEGIES.join(", ")}` }),
  writeStrategy: z.enum(WRITE_STRATEGIES, { error: `must be one of ${WRITE_STRATEGIES.join(", ")}` }),
});
export type CollectionRestoreRequestBody = z.infer<typeof CollectionRestoreRequestBody>;

/** Client parameters: the source cluster plus the body. */
export const CreateCollectionRestoreParams = CollectionRestoreRequestBody.extend({ projectId: ObjectId, clusterName: ClusterName });
export type CreateCollectionRestoreParams = z.infer<typeof CreateCollectionRestoreParams>;

export const GetCollectionRestoreParams = z.strictObject({ projectId: ObjectId, clusterName: ClusterName, restoreJobId: ObjectId });
export type GetCollectionRestoreParams = z.infer<typeof GetCollectionRestoreParams>;
