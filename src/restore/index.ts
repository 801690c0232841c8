export * from "./restore-family";
export * from "./poll-policy";
export * from "./errors";
export * from "./wait-for-restore-job";
export * from "./adopt";
export * from "./create-restore";
export * from "./tenant-sunset";
export { cloudBackupStatus, CLOUD_BACKUP_STATUSES, type CloudBackupStatus } from "./cloud-backup-job";
export * from "./collection-restore-family";
