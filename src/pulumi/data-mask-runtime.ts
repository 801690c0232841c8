/**
 * DataMask's provider implementation, `require`d by the serialized stub (data-mask-provider.ts)
 * inside the provider process; never serialized itself. Its exported names are a protocol between
 * the stub stored in state and the installed package: keep them stable.
 */
import { randomBytes } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DataMaskArgs, FINISHED_RESTORE_STATUSES } from "../mask/data-mask-args";
import { MaskError } from "../mask/mask-errors";
import { runMask, type MaskRunResult } from "../mask/run-mask";
import { withTemporaryUser, type TemporaryUser } from "../mask/temporary-user";
import { parseInput } from "../schemas/validate";
import { checkRestoreInputs } from "./check-and-diff";
import { clientFor, providerHooks, type Props } from "./provider-context";
import { PartialStateError } from "./restore-outputs";

export { configure } from "./provider-context";

const INPUT_FIELDS = ["connectionString", "projectId", "clusterName", "afterRestore", "afterRestoreStatus", "rules", "key", "verify", "batchSize"] as const;
/** How long a new temporary user may take to reach the cluster. */
const AUTH_WAIT_MS = 120_000;

/** check: the inputs against DataMaskArgs (rules, paths, strategies, target), at preview, with no request. */
export const check = async (_olds: Props, news: Props): Promise<dynamic.CheckResult> => checkRestoreInputs(news, DataMaskArgs);

/** diff: any input change is an update (never a replacement: the generated key stays); an unfinished run is resumed. */
export const diff = async (_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> => {
  const changed = INPUT_FIELDS.filter((f) => JSON.stringify(olds[f]) !== JSON.stringify(news[f]));
  return { changes: changed.length > 0 || olds.complete !== true };
};

export const create = async (inputs: Props): Promise<dynamic.CreateResult> => {
  const id = `datamask-${randomBytes(8).toString("hex")}`;
  return { id, outs: await mask(id, inputs, undefined) };
};

/**
 * update: masks again when the restore changed (a new restore brought original data back), or when
 * an earlier run did not finish (it resumes it). Otherwise (only verify/batchSize changed) records
 * the inputs, with no connection at all.
 */
export const update = async (id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> => {
  const sameRun = olds.complete === true && ["connectionString", "projectId", "clusterName", "afterRestore", "rules", "key"].every((f) => JSON.stringify(olds[f]) === JSON.stringify(news[f]));
  if (sameRun) return { outs: { ...strip(olds), ...inputsOf(news) } };
  return { outs: await mask(id, news, typeof olds.generatedKey === "string" ? olds.generatedKey : undefined) };
};

export const read = async (id: string, props: Props): Promise<dynamic.ReadResult> => ({ id, props });

export const remove = async (id: string): Promise<void> => {
  providerHooks.log(`DataMask ${id}: removed from the stack only; the masked data stays masked (masking cannot be undone).`);
};
export { remove as delete };

const strip = (p: Props): Props => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "__provider"));
const inputsOf = (p: Props): Props => Object.fromEntries(INPUT_FIELDS.filter((f) => p[f] !== undefined).map((f) => [f, p[f]]));

async function mask(id: string, inputs: Props, storedKey: string | undefined): Promise<Props> {
  const args = parseInput(DataMaskArgs, strip(inputs), "DataMask inputs");
  const generatedKey = args.key === undefined ? (storedKey ?? randomBytes(32).toString("base64url")) : undefined;
  const key = args.key ?? generatedKey!;
  const base = { ...inputsOf(inputs), ...(generatedKey !== undefined ? { generatedKey } : {}) };
  let temporaryUser: TemporaryUser | undefined;
  const run = (uri: string) =>
    runMask({
      uri,
      rules: args.rules,
      key,
      restore: args.afterRestore ?? "none",
      verify: args.verify,
      batchSize: args.batchSize,
      clock: providerHooks.clock,
      log: providerHooks.log,
      authWaitMs: args.connectionString === undefined ? AUTH_WAIT_MS : 0,
    });
  try {
    if (args.afterRestoreStatus !== undefined && !(FINISHED_RESTORE_STATUSES as readonly string[]).includes(args.afterRestoreStatus)) {
      throw new MaskError("RESTORE_NOT_FINISHED", `restore ${args.afterRestore ?? "(unknown)"} is ${args.afterRestoreStatus}, not finished: masking never runs before the restore has finished. Run \`pulumi up\` again once it has.`);
    }
    let result: MaskRunResult;
    if (args.connectionString !== undefined) result = await run(args.connectionString);
    else {
      const ref = { projectId: args.projectId!, clusterName: args.clusterName! };
      result = await withTemporaryUser(clientFor("cloudBackup"), ref, providerHooks.clock, providerHooks.log, (uri, user) => {
        temporaryUser = user;
        return run(uri);
      });
    }
    return {
      ...base,
      maskedDocuments: result.maskedDocuments,
      namespaces: result.namespaces,
      dropped: result.dropped,
      verified: result.verified,
      runId: result.runId,
      ...(temporaryUser ? { temporaryUser } : {}),
      complete: true,
    };
  } catch (error) {
    // Partial state: the resource is recorded (with a generated key, so the next run uses the same
    // one and resumes instead of masking masked data), marked incomplete, and the next `up` resumes.
    const message = error instanceof Error ? error.message : String(error);
    throw new PartialStateError(`DataMask: ${message}`, id, { ...base, complete: false, ...(temporaryUser ? { temporaryUser } : {}), __provider: inputs.__provider });
  }
}
