import * as pulumi from "@pulumi/pulumi";
import { restoreResourceParts, type RestoreArgs } from "./restore-resource";

/** Inputs of CollectionRestore (rules: CollectionRestoreArgs in src/schemas/collection-restore-args.ts). */
export interface CollectionRestoreInputs
  extends Pick<RestoreArgs, "projectId" | "clusterName" | "targetProjectId" | "waitForCompletion" | "timeoutSeconds" | "pollIntervalSeconds" | "adoptionWindowSeconds"> {
  /** The snapshot to restore from; or give pointInTimeUtcSeconds, or oplogTs with oplogInc. */
  snapshotId?: pulumi.Input<string>;
  pointInTimeUtcSeconds?: pulumi.Input<number>;
  oplogTs?: pulumi.Input<number>;
  oplogInc?: pulumi.Input<number>;
  /** Whole databases to restore (`db`), 1..100; or give `collections`. */
  databases?: pulumi.Input<pulumi.Input<string>[]>;
  /** Single collections to restore (`db.collection`), 1..100; or give `databases`. */
  collections?: pulumi.Input<pulumi.Input<string>[]>;
  /** Appended to restored database names. */
  databaseSuffix?: pulumi.Input<string>;
  /** Appended to restored collection names. */
  collectionSuffix?: pulumi.Input<string>;
  /** ALL (default), NONE or ALL_EXCEPT_TTL. */
  indexStrategy?: pulumi.Input<"ALL" | "NONE" | "ALL_EXCEPT_TTL">;
  /** CREATE_NEW (default: beside existing data) or OVERWRITE_EXISTING (drops same-named namespaces first; needs allowOverwrite). */
  writeStrategy?: pulumi.Input<"CREATE_NEW" | "OVERWRITE_EXISTING">;
  /** Must be true with writeStrategy OVERWRITE_EXISTING. */
  allowOverwrite?: pulumi.Input<boolean>;
  /** Target dedicated cluster (the project: targetProjectId, default projectId). */
  targetClusterName: pulumi.Input<string>;
}

/**
 * Restores chosen databases or collections of a dedicated cluster's backup into a target cluster
 * (Atlas collection-level restore, API v2), waits for it and reports document progress. Source:
 * `projectId` / `clusterName` (a dedicated M10+ cluster); wait settings as for TenantRestore.
 */
export class CollectionRestore extends pulumi.dynamic.Resource {
  declare readonly restoreJobId: pulumi.Output<string>;
  /** INITIALIZING, IN_PROGRESS, FINALIZING, SUCCESSFUL, FAILED or CANCELED as last seen. */
  declare readonly state: pulumi.Output<string>;
  declare readonly restoredDocuments: pulumi.Output<number | undefined>;
  declare readonly totalDocuments: pulumi.Output<number | undefined>;
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** Collections not restored, e.g. `sales.customers (FAILED)`, once the job failed. */
  declare readonly failedCollections: pulumi.Output<string[] | undefined>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  declare readonly finishedAt: pulumi.Output<string | undefined>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly clusterName: pulumi.Output<string>;
  declare readonly targetProjectId: pulumi.Output<string>;
  declare readonly targetClusterName: pulumi.Output<string>;
  /** True when an existing identical job was taken over instead of starting one. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: CollectionRestoreInputs, opts?: pulumi.CustomResourceOptions) {
    const p = restoreResourceParts("collection", args, opts);
    super(p.provider, name, p.props, p.opts, p.module, p.type);
  }
}
