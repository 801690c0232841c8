import * as pulumi from "@pulumi/pulumi";
import type { RestoreKind } from "../restore/family-types";
import { restoreFamily } from "../restore/restore-family";
import { restoreProvider } from "./restore-provider";
import { outputOnlyFields } from "./restore-outputs";

/** Inputs of TenantRestore and FlexRestore (rules: RestoreResourceArgs in src/schemas/restore-args.ts). */
export interface RestoreArgs {
  /** Project of the source cluster (24 hex digits). */
  projectId: pulumi.Input<string>;
  /** Source cluster (for FlexRestore: the Flex cluster's name). */
  clusterName: pulumi.Input<string>;
  snapshotId: pulumi.Input<string>;
  /** Default: projectId. */
  targetProjectId?: pulumi.Input<string>;
  /** Target cluster; Atlas deletes its data before restoring. */
  targetDeploymentItemName: pulumi.Input<string>;
  /** Default true: `pulumi up` waits until the restore finished. */
  waitForCompletion?: pulumi.Input<boolean>;
  /** Default 3600, 1..172800. */
  timeoutSeconds?: pulumi.Input<number>;
  /** First pause between status checks (default 2, growing ×1.5 to 30 s). */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** Default 86400; 0 never adopts a finished identical restore (see findAdoptableJob). */
  adoptionWindowSeconds?: pulumi.Input<number>;
}

const providers = new Map<RestoreKind, pulumi.dynamic.ResourceProvider>();
/** One provider object per family, so Pulumi serializes it once per program. */
function providerFor(kind: RestoreKind): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) providers.set(kind, (provider = restoreProvider(kind)));
  return provider;
}

/**
 * What `pulumi.dynamic.Resource`'s constructor needs for a restore of `kind`: the family's provider,
 * its output-only properties declared (so the program sees them), its secret outputs, and the type
 * name `pulumi-atlas-restore:<label>`. Every restore resource class is built from this.
 */
export function restoreResourceParts(kind: RestoreKind, args: object, opts?: pulumi.CustomResourceOptions) {
  const family = restoreFamily(kind);
  const outputs = Object.fromEntries(outputOnlyFields(family).map((f) => [f, undefined]));
  return {
    provider: providerFor(kind),
    props: { ...outputs, targetProjectId: undefined, ...args },
    opts: pulumi.mergeOptions(opts, { additionalSecretOutputs: [...family.secretOutputs] }),
    module: "pulumi-atlas-restore",
    type: family.label,
  };
}

/** A tenant or Flex restore job as a Pulumi resource; its id is the restore job id. */
export abstract class RestoreResource extends pulumi.dynamic.Resource {
  declare readonly restoreJobId: pulumi.Output<string>;
  /** PENDING, QUEUED, RUNNING, FAILED or COMPLETED as last seen. */
  declare readonly status: pulumi.Output<string>;
  declare readonly deliveryType: pulumi.Output<string | undefined>;
  /** Secret (download URL). */
  declare readonly snapshotUrl: pulumi.Output<string | undefined>;
  declare readonly expirationDate: pulumi.Output<string | undefined>;
  declare readonly restoreScheduledDate: pulumi.Output<string | undefined>;
  declare readonly restoreFinishedDate: pulumi.Output<string | undefined>;
  declare readonly snapshotFinishedDate: pulumi.Output<string | undefined>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly clusterName: pulumi.Output<string>;
  declare readonly snapshotId: pulumi.Output<string>;
  declare readonly targetProjectId: pulumi.Output<string>;
  declare readonly targetDeploymentItemName: pulumi.Output<string>;
  /** True when an existing identical job was taken over instead of starting one. */
  declare readonly adopted: pulumi.Output<boolean>;

  protected constructor(kind: RestoreKind, name: string, args: RestoreArgs, opts?: pulumi.CustomResourceOptions) {
    const p = restoreResourceParts(kind, args, opts);
    super(p.provider, name, p.props, p.opts, p.module, p.type);
  }
}

/** Restores a snapshot of an M2/M5 (tenant) cluster onto a target cluster, and waits for it. */
export class TenantRestore extends RestoreResource {
  constructor(name: string, args: RestoreArgs, opts?: pulumi.CustomResourceOptions) {
    super("tenant", name, args, opts);
  }
}

/** Restores a snapshot of a Flex cluster onto a target cluster, and waits for it (Atlas API v2). */
export class FlexRestore extends RestoreResource {
  constructor(name: string, args: RestoreArgs, opts?: pulumi.CustomResourceOptions) {
    super("flex", name, args, opts);
  }
}
