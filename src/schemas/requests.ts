import { z } from "zod";
import { ClusterName, DeploymentItemName, ObjectId } from "./ids";

/** Parameters of the client methods. Strict: a misspelt option is an error, not silently ignored. */
export const ClusterRef = z.strictObject({ projectId: ObjectId, clusterName: ClusterName });
export type ClusterRef = z.infer<typeof ClusterRef>;

/** What to restore where (tenant, Flex): the client's create parameters and the resources' identity inputs. */
export const CreateRestoreParams = z.strictObject({
  /** Project of the source cluster (24 hex digits). */
  projectId: ObjectId,
  /** Source cluster (for FlexRestore: the Flex cluster's name). */
  clusterName: ClusterName,
  /** The snapshot to restore (24 hex digits). */
  snapshotId: ObjectId,
  /** Project of the target cluster; default: projectId. */
  targetProjectId: ObjectId.optional(),
  /** Target cluster; Atlas deletes its data before restoring. */
  targetDeploymentItemName: DeploymentItemName,
});
export type CreateRestoreParams = z.infer<typeof CreateRestoreParams>;

/** The POST body of a tenant or Flex restore (`TenantRestore` / `FlexBackupRestoreJobCreate20241113`). */
export const RestoreRequestBody = z.strictObject({
  snapshotId: ObjectId,
  targetDeploymentItemName: DeploymentItemName,
  targetProjectId: ObjectId.optional(),
});
export type RestoreRequestBody = z.infer<typeof RestoreRequestBody>;

/** One restore job of a source cluster (tenant, Flex); Atlas's path calls the id `{restoreId}` / `{restoreJobId}`. */
export const GetRestoreParams = z.strictObject({ projectId: ObjectId, clusterName: ClusterName, restoreJobId: ObjectId });
export type GetRestoreParams = z.infer<typeof GetRestoreParams>;

export const GetSnapshotParams = z.strictObject({ projectId: ObjectId, clusterName: ClusterName, snapshotId: ObjectId });
export type GetSnapshotParams = z.infer<typeof GetSnapshotParams>;

/** One legacy-backup restore job (Atlas's path calls the id `{jobId}`). */
export const GetLegacyRestoreJobParams = z.strictObject({ projectId: ObjectId, clusterName: ClusterName, restoreJobId: ObjectId });
export type GetLegacyRestoreJobParams = z.infer<typeof GetLegacyRestoreJobParams>;

export const MAX_ITEMS_PER_PAGE = 500;
export const DEFAULT_ITEMS_PER_PAGE = 100;

export const PageParams = z.strictObject({
  projectId: ObjectId,
  clusterName: ClusterName,
  pageNum: z.number().int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }).optional(),
  itemsPerPage: z
    .number()
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(MAX_ITEMS_PER_PAGE, { error: `must be at most ${MAX_ITEMS_PER_PAGE}` })
    .optional(),
  includeCount: z.boolean().optional(),
});
export type PageParams = z.infer<typeof PageParams>;

export const IterateParams = PageParams.omit({ pageNum: true, includeCount: true });
export type IterateParams = z.infer<typeof IterateParams>;

/** The POST body of a Flex snapshot download (`FlexBackupSnapshotDownloadCreate20241113`). */
export const FlexDownloadRequestBody = z.strictObject({ snapshotId: ObjectId });
export type FlexDownloadRequestBody = z.infer<typeof FlexDownloadRequestBody>;

/**
 * The POST body of an M2/M5 snapshot download. Atlas types it `TenantRestore` (so atlas-sdk-go
 * always sends `targetDeploymentItemName`); a download has no target, so only `snapshotId` is needed.
 */
export const TenantDownloadRequestBody = RestoreRequestBody.partial({ targetDeploymentItemName: true });
export type TenantDownloadRequestBody = z.infer<typeof TenantDownloadRequestBody>;

/** Listing a dedicated cluster's legacy restore jobs: a page, optionally of one sharded-cluster batch. */
export const ListLegacyRestoreJobsParams = PageParams.extend({ batchId: ObjectId.optional() });
export type ListLegacyRestoreJobsParams = z.infer<typeof ListLegacyRestoreJobsParams>;
export const IterateLegacyRestoreJobsParams = IterateParams.extend({ batchId: ObjectId.optional() });
export type IterateLegacyRestoreJobsParams = z.infer<typeof IterateLegacyRestoreJobsParams>;
