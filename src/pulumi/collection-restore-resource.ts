import * as pulumi from "@pulumi/pulumi";
import type { CollectionRestoreArgs as CollectionRestoreInputs } from "../schemas/collection-restore-args";
import { restoreResourceParts } from "./restore-resource";

/**
 * Inputs of CollectionRestore: the fields of the zod schema CollectionRestoreArgs
 * (src/schemas/collection-restore-args.ts, which checks them and documents their rules), each a Pulumi Input.
 */
export type CollectionRestoreArgs = { [K in keyof CollectionRestoreInputs]: pulumi.Input<CollectionRestoreInputs[K]> };

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

  constructor(name: string, args: CollectionRestoreArgs, opts?: pulumi.CustomResourceOptions) {
    const p = restoreResourceParts("collection", args, opts);
    super(p.provider, name, p.props, p.opts, p.module, p.type);
  }
}
