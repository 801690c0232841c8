import * as pulumi from "@pulumi/pulumi";
import type { DataMaskArgs as DataMaskInputs } from "../mask/data-mask-args";
import type { MaskRuleInput } from "../mask/mask-rules";
import { dataMaskProvider } from "./data-mask-provider";

/** A restore resource DataMask can follow: anything with a `restoreJobId` output (and `status` or `state`). */
type RestoreLike = pulumi.Resource & { restoreJobId: pulumi.Output<string>; status?: pulumi.Output<string>; state?: pulumi.Output<string> };

/**
 * Inputs of DataMask: the fields of the zod schema DataMaskArgs (src/mask/data-mask-args.ts, which
 * checks them), each a Pulumi Input; `afterRestore` may also be the restore resource itself (then
 * DataMask depends on it and refuses to run before it has finished).
 */
export type DataMaskArgs = { [K in Exclude<keyof DataMaskInputs, "afterRestore" | "afterRestoreStatus" | "rules">]?: pulumi.Input<DataMaskInputs[K]> } & {
  rules: pulumi.Input<pulumi.Input<MaskRuleInput>[]>;
  afterRestore?: pulumi.Input<string> | RestoreLike;
};

let provider: ReturnType<typeof dataMaskProvider> | undefined;

/**
 * Masks personal data in a freshly restored cluster as part of the same `pulumi up`: rules per
 * namespace (hash, fake, redact, null, unset; drop), deterministic under a secret key, resumable
 * without masking anything twice, verified. See the README's "Masked seeding".
 */
export class DataMask extends pulumi.dynamic.Resource {
  declare readonly maskedDocuments: pulumi.Output<number>;
  /** Masked documents per namespace ("db.collection"). */
  declare readonly namespaces: pulumi.Output<Record<string, number>>;
  declare readonly dropped: pulumi.Output<string[]>;
  /** True when every masked namespace was checked document by document against its originals. */
  declare readonly verified: pulumi.Output<boolean>;
  /** False while a run is unfinished (the next `pulumi up` resumes it). */
  declare readonly complete: pulumi.Output<boolean>;
  /** The temporary database user of the last run (projectId/clusterName target): name and deleteAfterDate. */
  declare readonly temporaryUser: pulumi.Output<{ username: string; deleteAfterDate: string } | undefined>;
  declare readonly runId: pulumi.Output<string>;

  constructor(name: string, args: DataMaskArgs, opts?: pulumi.CustomResourceOptions) {
    const after = args.afterRestore;
    const restore = pulumi.Resource.isInstance(after) ? (after as RestoreLike) : undefined;
    const props: Record<string, unknown> = {
      maskedDocuments: undefined, namespaces: undefined, dropped: undefined, verified: undefined, complete: undefined, temporaryUser: undefined, runId: undefined, generatedKey: undefined,
      ...args,
      connectionString: args.connectionString === undefined ? undefined : pulumi.secret(args.connectionString),
      key: args.key === undefined ? undefined : pulumi.secret(args.key),
      afterRestore: restore ? restore.restoreJobId : after,
      afterRestoreStatus: restore ? (restore.status ?? restore.state) : undefined,
    };
    const merged = pulumi.mergeOptions(opts, {
      additionalSecretOutputs: ["connectionString", "key", "generatedKey"],
      ...(restore ? { dependsOn: [restore] } : {}),
    });
    super((provider ??= dataMaskProvider()), name, props, merged, "pulumi-atlas-restore", "DataMask");
  }
}
