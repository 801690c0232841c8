import * as pulumi from "@pulumi/pulumi";
import { restoreResourceParts } from "./restore-resource";

/** Inputs of CloudBackupRestore (rules: CloudBackupRestoreArgs in src/schemas/cloud-backup-args.ts). */
export interface CloudBackupRestoreArgs {
  /** Project of the source cluster (24 hex digits). */
  projectId: pulumi.Input<string>;
  /** Source dedicated (M10+) cluster. */
  clusterName: pulumi.Input<string>;
  /** `automated` (a snapshot onto a cluster), `pointInTime` (a moment onto a cluster) or `download`. */
  deliveryType: pulumi.Input<"automated" | "pointInTime" | "download">;
  /** automated and download: the snapshot (getLatestCloudBackupSnapshot). */
  snapshotId?: pulumi.Input<string>;
  /** pointInTime: the moment, seconds since the epoch (or oplogTs + oplogInc). */
  pointInTimeUTCSeconds?: pulumi.Input<number>;
  oplogTs?: pulumi.Input<number>;
  oplogInc?: pulumi.Input<number>;
  /** automated and pointInTime; default projectId. */
  targetProjectId?: pulumi.Input<string>;
  /** automated and pointInTime: the cluster whose data is replaced. */
  targetClusterName?: pulumi.Input<string>;
  /** Required to restore onto the source cluster itself. */
  allowOverwriteSource?: pulumi.Input<boolean>;
  waitForCompletion?: pulumi.Input<boolean>;
  timeoutSeconds?: pulumi.Input<number>;
  pollIntervalSeconds?: pulumi.Input<number>;
  adoptionWindowSeconds?: pulumi.Input<number>;
}

/**
 * Restores a dedicated (M10+) cluster's snapshot or point in time onto a cluster, or prepares a
 * download, and waits for it (Cloud Backup restore jobs, API v1.0 or v2). Its id is the job id.
 */
export class CloudBackupRestore extends pulumi.dynamic.Resource {
  declare readonly restoreJobId: pulumi.Output<string>;
  /** IN_PROGRESS, COMPLETED, FAILED, CANCELLED or EXPIRED (derived from the job's flags). */
  declare readonly status: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  declare readonly finishedAt: pulumi.Output<string | undefined>;
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** When the restored snapshot was taken. */
  declare readonly snapshotTimestamp: pulumi.Output<string | undefined>;
  /** download: the links to the snapshot files. Always secret. */
  declare readonly deliveryUrls: pulumi.Output<string[] | undefined>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly clusterName: pulumi.Output<string>;
  declare readonly deliveryType: pulumi.Output<string>;
  declare readonly snapshotId: pulumi.Output<string | undefined>;
  declare readonly targetProjectId: pulumi.Output<string>;
  declare readonly targetClusterName: pulumi.Output<string | undefined>;
  /** True when an existing identical job was taken over instead of starting one. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: CloudBackupRestoreArgs, opts?: pulumi.CustomResourceOptions) {
    const p = restoreResourceParts("cloudBackup", args, opts);
    super(p.provider, name, p.props, p.opts, p.module, p.type);
  }
}
