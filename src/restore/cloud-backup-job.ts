import type { CloudBackupRestoreArgs } from "../schemas/cloud-backup-args";
import type { CloudBackupRestoreJob } from "../schemas/restore-job";
import { cloudBackupIdentity } from "./cloud-backup-identity";
import type { RestorePhase } from "./family-types";
import { isSameIdentity } from "./restore-identity";

/**
 * Reading a Cloud Backup (dedicated cluster) restore job, which has no `status`: Atlas reports
 * `failed`, `cancelled`, `expired` flags, `finishedAt` once done, and `deliveryUrl[]` once a
 * download is ready (the Atlas CLI's `watch` stops on exactly these). The derived status:
 * FAILED, CANCELLED, EXPIRED, COMPLETED or IN_PROGRESS.
 */
export const CLOUD_BACKUP_STATUSES = ["IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED", "EXPIRED"] as const;
export type CloudBackupStatus = (typeof CLOUD_BACKUP_STATUSES)[number];

/** A date that Atlas gives as ISO text (v2) or a number (some v1.0 answers: seconds or ms since the epoch). */
export function epochMs(value: unknown): number | undefined {
  if (typeof value === "number") return value < 1e11 ? value * 1000 : value;
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export const isoDate = (value: unknown): string | undefined => {
  const ms = epochMs(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

/** `deliveryUrl` as a list (v1.0 examples give one string). */
export function deliveryUrls(job: CloudBackupRestoreJob): string[] {
  const urls = job.deliveryUrl;
  if (urls === undefined) return [];
  return (Array.isArray(urls) ? urls : [urls]).filter((u) => u !== "");
}

/**
 * A failure flag wins; a download is COMPLETED once it has a delivery URL and EXPIRED once its
 * links expired; a restore into a cluster is COMPLETED once `finishedAt` is set (a later `expired`
 * does not undo the restored data), EXPIRED if it expired before finishing.
 */
export function cloudBackupStatus(job: CloudBackupRestoreJob): CloudBackupStatus {
  if (job.failed === true) return "FAILED";
  if (job.cancelled === true) return "CANCELLED";
  if (job.deliveryType === "download") {
    if (job.expired === true) return "EXPIRED";
    return deliveryUrls(job).length > 0 ? "COMPLETED" : "IN_PROGRESS";
  }
  if (job.finishedAt !== undefined && job.finishedAt !== "") return "COMPLETED";
  return job.expired === true ? "EXPIRED" : "IN_PROGRESS";
}

export function cloudBackupPhase(job: CloudBackupRestoreJob): RestorePhase {
  const status = cloudBackupStatus(job);
  if (status === "COMPLETED") return "succeeded";
  return status === "IN_PROGRESS" ? "inFlight" : "failed";
}

const targetProject = (job: CloudBackupRestoreJob, a: CloudBackupRestoreArgs) => job.targetGroupId ?? a.projectId;

/** The job restores onto the cluster `a` names (downloads have no target). */
export function isOnCloudBackupTarget(job: CloudBackupRestoreJob, a: CloudBackupRestoreArgs): boolean {
  return (
    a.targetClusterName !== undefined &&
    job.targetClusterName === a.targetClusterName &&
    targetProject(job, a) === (a.targetProjectId ?? a.projectId)
  );
}

/** Same restore: equal canonical identities (cloudBackupIdentity). State and age aside. */
export function isSameCloudBackupRestore(job: CloudBackupRestoreJob, a: CloudBackupRestoreArgs): boolean {
  return isSameIdentity(cloudBackupIdentity, job, a);
}
