import { z } from "zod";
import { ClusterName, ObjectId } from "./ids";
import { Link } from "./link";
import { RESTORE_WAIT_SHAPE } from "./restore-args";

/** `DiskBackupSnapshot`: a snapshot of a dedicated (M10+) cluster. Loose: Atlas adds fields. */
export const CloudBackupSnapshot = z.looseObject({
  id: z.string(),
  createdAt: z.string().optional(),
  expiresAt: z.string().optional(),
  status: z.string().optional(),
  snapshotType: z.string().optional(),
  frequencyType: z.string().optional(),
  mongodVersion: z.string().optional(),
  type: z.string().optional(),
  storageSizeBytes: z.number().optional(),
  description: z.string().optional(),
  links: z.array(Link).optional(),
});
export type CloudBackupSnapshot = z.infer<typeof CloudBackupSnapshot>;

/** Enough of a cluster description (`GET …/clusters/{name}`) to tell what kind of cluster it is. */
export const ClusterDescription = z.looseObject({
  name: z.string(),
  id: z.string().optional(),
  groupId: z.string().optional(),
  clusterType: z.string().optional(),
  stateName: z.string().optional(),
  mongoDBVersion: z.string().optional(),
  backupEnabled: z.boolean().optional(),
  links: z.array(Link).optional(),
});
export type ClusterDescription = z.infer<typeof ClusterDescription>;

export const CLOUD_BACKUP_DELIVERY_TYPES = ["automated", "pointInTime", "download"] as const;
export const CloudBackupDeliveryType = z.enum(CLOUD_BACKUP_DELIVERY_TYPES, {
  error: `must be one of ${CLOUD_BACKUP_DELIVERY_TYPES.map((t) => `"${t}"`).join(", ")}`,
});
export type CloudBackupDeliveryType = z.infer<typeof CloudBackupDeliveryType>;

/** The spec's minimum for `pointInTimeUTCSeconds` and `oplogTs` (2008-01-01). */
export const MIN_POINT_IN_TIME_SECONDS = 1_199_145_600;
const epochSeconds = z
  .number({ error: "must be a number of seconds since the UNIX epoch" })
  .int({ error: "must be a whole number of seconds" })
  .min(MIN_POINT_IN_TIME_SECONDS, { error: `must be at least ${MIN_POINT_IN_TIME_SECONDS} (2008-01-01, the API's minimum)` });
const oplogInc = z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" });

/** The POST body of a dedicated restore (`DiskBackupSnapshotRestoreJob`, writable fields). */
export const CloudBackupRestoreRequestBody = z.strictObject({
  deliveryType: CloudBackupDeliveryType,
  snapshotId: ObjectId.optional(),
  pointInTimeUTCSeconds: epochSeconds.optional(),
  oplogTs: epochSeconds.optional(),
  oplogInc: oplogInc.optional(),
  targetClusterName: ClusterName.optional(),
  targetGroupId: ObjectId.optional(),
});
export type CloudBackupRestoreRequestBody = z.infer<typeof CloudBackupRestoreRequestBody>;

/** Parameters of createCloudBackupRestoreJob: the source cluster plus the request (`targetProjectId` → `targetGroupId`). */
export const CreateCloudBackupRestoreParams = z.strictObject({
  projectId: ObjectId,
  clusterName: ClusterName,
  deliveryType: CloudBackupDeliveryType,
  snapshotId: ObjectId.optional(),
  pointInTimeUTCSeconds: epochSeconds.optional(),
  oplogTs: epochSeconds.optional(),
  oplogInc: oplogInc.optional(),
  targetProjectId: ObjectId.optional(),
  targetClusterName: ClusterName.optional(),
});
export type CreateCloudBackupRestoreParams = z.infer<typeof CreateCloudBackupRestoreParams>;

export const GetCloudBackupRestoreParams = z.strictObject({ projectId: ObjectId, clusterName: ClusterName, restoreJobId: ObjectId });
export type GetCloudBackupRestoreParams = z.infer<typeof GetCloudBackupRestoreParams>;

/** The inputs of CloudBackupRestore (cross-field rules: cloud-backup-args.ts). */
export const CLOUD_BACKUP_RESTORE_SHAPE = {
  ...CreateCloudBackupRestoreParams.shape,
  /** Needed to restore onto the source cluster itself (its data is replaced). */
  allowOverwriteSource: z.boolean({ error: "must be true or false" }).optional(),
  ...RESTORE_WAIT_SHAPE,
};
