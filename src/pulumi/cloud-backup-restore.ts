import * as pulumi from "@pulumi/pulumi";
import type { CloudBackupRestoreArgs as CloudBackupRestoreInputs } from "../schemas/cloud-backup-args";
import { restoreResourceParts } from "./restore-resource";

/**
 * Inputs of CloudBackupRestore: the fields of the zod schema CloudBackupRestoreArgs
 * (src/schemas/cloud-backup-args.ts, which checks them and documents their rules), each a Pulumi Input.
 */
export type CloudBackupRestoreArgs = { [K in keyof CloudBackupRestoreInputs]: pulumi.Input<CloudBackupRestoreInputs[K]> };

/**
 * Restores a dedicated (M10+) cluster's snapshot or point in time onto a cluster, or prepares a
 * download, and waits for it (Cloud Backup restore jobs, API v1.0 or v2). Its id is the job id.
 */
export class CloudBackupRestore extends pulumi.dynamic.Resource {
  declare readonly restoreJobId: pulumi.Output<string>;
  /** IN_PROGRESS, COMPLETED, FAILED, CANCELLED or EXPIRED (derived from the job's flags). */
  declare readonly status: pulumi.Output<string>;
  /** Only when Atlas sends one (some v1.0 answers do; v2's restore jobs have no start date). Informational: nothing reads it. */
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
