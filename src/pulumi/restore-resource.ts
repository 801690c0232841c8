import * as pulumi from "@pulumi/pulumi";
import type { RestoreKind } from "../restore/family-types";
import type { RestoreResourceArgs } from "../schemas/restore-args";
import { restoreFamily } from "../restore/restore-family";
import { restoreProvider } from "./restore-provider";
import { outputOnlyFields } from "./restore-outputs";

/**
 * Inputs of TenantRestore and FlexRestore: the fields of RestoreResourceArgs (the zod schema in
 * src/schemas/restore-args.ts that checks them, with their rules and docs), each a Pulumi Input.
 */
export type RestoreArgs = { [K in keyof RestoreResourceArgs]: pulumi.Input<RestoreResourceArgs[K]> };

const providers = new Map<RestoreKind, pulumi.dynamic.ResourceProvider>();
/** One provider object per family, so Pulumi serializes it once per program. */
function providerFor(kind: RestoreKind): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) providers.set(kind, (provider = restoreProvider(kind)));
  return provider;
}

/**
 * What `pulumi.dynamic.Resource`'s constructor needs for a restore of `kind`: the family's provider,
 * its output-only properties declared (so the program sees them), its secret outputs, delete-before-
 * replace, and the type name `pulumi-atlas-restore:<label>`. Every restore resource class is built from this.
 */
export function restoreResourceParts(kind: RestoreKind, args: object, opts?: pulumi.CustomResourceOptions) {
  const family = restoreFamily(kind);
  const outputs = Object.fromEntries(outputOnlyFields(family).map((f) => [f, undefined]));
  return {
    provider: providerFor(kind),
    props: { ...outputs, targetProjectId: undefined, ...args },
    // deleteBeforeReplace: a replacement (also `pulumi up --replace`, which skips diff) first lets the
    // old job go, so the new create starts a restore instead of adopting the job it replaces.
    opts: { ...pulumi.mergeOptions(opts, { additionalSecretOutputs: [...family.secretOutputs] }), deleteBeforeReplace: true },
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
  /** False once Atlas no longer lists the job (refresh got 404): kept as last seen, never restored again by itself. */
  declare readonly jobVisible: pulumi.Output<boolean>;

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
