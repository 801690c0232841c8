import { z } from "zod";
import { Link } from "./link";

/**
 * Response shapes. Every object is loose: Atlas adds fields (the documented examples already carry
 * fields the reference tables omit) and we keep them. Ids and dates are plain strings here on
 * purpose: a response is reported as it came, inputs are where patterns are enforced.
 */

/** `status` of tenant and Flex restore jobs and snapshots. */
export const RESTORE_STATUSES = ["PENDING", "QUEUED", "RUNNING", "FAILED", "COMPLETED"] as const;
export const RestoreStatus = z.enum(RESTORE_STATUSES);
export type RestoreStatus = z.infer<typeof RestoreStatus>;
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set<RestoreStatus>(["FAILED", "COMPLETED"]);

export const DELIVERY_TYPES = ["RESTORE", "DOWNLOAD"] as const;

const restoreJobFields = {
  id: z.string(),
  /** Kept as a string: an unknown future status must not break a running pipeline. */
  status: z.string().optional(),
  deliveryType: z.string().optional(),
  expirationDate: z.string().optional(),
  projectId: z.string().optional(),
  restoreFinishedDate: z.string().optional(),
  restoreScheduledDate: z.string().optional(),
  snapshotFinishedDate: z.string().optional(),
  snapshotId: z.string().optional(),
  snapshotUrl: z.string().optional(),
  targetDeploymentItemName: z.string().optional(),
  targetProjectId: z.string().optional(),
  links: z.array(Link).optional(),
};

/** A restore job of an M2/M5 (tenant) cluster: `…/backup/tenant/restore(s)`. */
export const TenantRestoreJob = z.looseObject({ ...restoreJobFields, clusterName: z.string().optional() });
export type TenantRestoreJob = z.infer<typeof TenantRestoreJob>;

/** A restore job of a Flex cluster: `…/flexClusters/{name}/backup/restoreJobs`; the source is `instanceName`. */
export const FlexRestoreJob = z.looseObject({ ...restoreJobFields, instanceName: z.string().optional() });
export type FlexRestoreJob = z.infer<typeof FlexRestoreJob>;

const snapshotFields = {
  id: z.string(),
  status: z.string().optional(),
  expiration: z.string().optional(),
  finishTime: z.string().optional(),
  mongoDBVersion: z.string().optional(),
  scheduledTime: z.string().optional(),
  startTime: z.string().optional(),
  links: z.array(Link).optional(),
};

/** A snapshot of a tenant cluster (`BackupTenantSnapshot`). */
export const TenantSnapshot = z.looseObject(snapshotFields);
export type TenantSnapshot = z.infer<typeof TenantSnapshot>;

/** A snapshot of a Flex cluster (`FlexBackupSnapshot20241113`). */
export const FlexSnapshot = z.looseObject(snapshotFields);
export type FlexSnapshot = z.infer<typeof FlexSnapshot>;

/**
 * A Cloud Backup restore job of a dedicated cluster (`DiskBackupSnapshotRestoreJob`). It has no
 * `status`: state is the `cancelled` / `expired` / `failed` flags and `finishedAt`. The v1.0 example
 * gives `deliveryUrl` as a string and `expiresAt` as a date although the table says array / integer:
 * both forms are accepted.
 */
export const CloudBackupRestoreJob = z.looseObject({
  id: z.string(),
  deliveryType: z.string().optional(),
  cancelled: z.boolean().optional(),
  expired: z.boolean().optional(),
  failed: z.boolean().optional(),
  createdAt: z.string().optional(),
  finishedAt: z.union([z.string(), z.number()]).optional(),
  expiresAt: z.union([z.string(), z.number()]).optional(),
  deliveryUrl: z.union([z.array(z.string()), z.string()]).optional(),
  snapshotId: z.string().optional(),
  targetClusterName: z.string().optional(),
  targetGroupId: z.string().optional(),
  timestamp: z.string().optional(),
  pointInTimeUTCSeconds: z.number().optional(),
  oplogTs: z.number().optional(),
  oplogInc: z.number().optional(),
  links: z.array(Link).optional(),
});
export type CloudBackupRestoreJob = z.infer<typeof CloudBackupRestoreJob>;

/** A legacy-backup restore job: `GET …/clusters/{name}/restoreJobs/{jobId}` (v1.0). */
export const LegacyRestoreJob = z.looseObject({
  id: z.string(),
  clusterName: z.string().optional(),
  clusterId: z.string().optional(),
  batchId: z.string().optional(),
  groupId: z.string().optional(),
  snapshotId: z.string().optional(),
  statusName: z.string().optional(),
  created: z.string().optional(),
  encryptionEnabled: z.boolean().optional(),
  pointInTime: z.boolean().optional(),
  delivery: z
    .looseObject({
      methodName: z.string().optional(),
      statusName: z.string().optional(),
      url: z.string().optional(),
      expires: z.string().optional(),
      expirationHours: z.number().optional(),
      maxDownloads: z.number().optional(),
    })
    .optional(),
  links: z.array(Link).optional(),
});
export type LegacyRestoreJob = z.infer<typeof LegacyRestoreJob>;
