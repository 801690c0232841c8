import type * as dynamic from "@pulumi/pulumi/dynamic";
import { z } from "zod";
import type { RestoreFamily } from "../restore/family-types";
import { tenantRestoreFamily } from "../restore/restore-family";
import { RESTORE_WAIT_FIELDS } from "../schemas/restore-args";
import { fieldProblems } from "../schemas/validate";
import { identityChanges } from "../restore/restore-identity";

type Props = Record<string, unknown>;

/** The value the engine sends for an input not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * check: validates the inputs with the family's schema (default: RestoreResourceArgs, tenant and
 * Flex) and names each bad field; sends no request.
 * Inputs not known yet (preview) are not judged. Inputs are returned as given (no defaults added,
 * so a change of a default in a later version does not show up as a diff).
 */
export function checkRestoreInputs(news: Props, schema: z.ZodType = tenantRestoreFamily.args): dynamic.CheckResult {
  const { __provider: _p, ...inputs } = news;
  const unknown = new Set(Object.keys(inputs).filter((k) => inputs[k] === UNKNOWN));
  const known = Object.fromEntries(Object.entries(inputs).filter(([k]) => !unknown.has(k)));
  // reportInput: fieldProblems tells "missing" from "wrong type" by the issue's input.
  const result = schema.safeParse(known, { reportInput: true });
  if (result.success) return { inputs: news };
  // Not judged: an issue about a value not known yet (also inside a list), or a rule between
  // inputs (`params.involves`, e.g. "databases or collections") one of which is not known yet.
  const valueAt = (path: PropertyKey[]) => path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], inputs);
  const judged = result.error.issues.filter((i) => {
    const involves = (i as { params?: { involves?: string[] } }).params?.involves ?? [];
    return !involves.some((f) => unknown.has(f)) && !(i.path.length > 0 && (unknown.has(String(i.path[0])) || valueAt(i.path) === UNKNOWN));
  });
  const failures = fieldProblems(new z.ZodError(judged))
    .filter((p) => !unknown.has(p.field))
    .map((p) => ({ property: p.field, reason: `${p.field} ${p.reason}` }));
  return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
}

/**
 * diff (olds are the stored outputs, which include the inputs):
 * - a change of one of the family's identity fields (tenant/Flex: source, snapshot or target;
 *   targetProjectId compared as applied: the source project when not given) is a different
 *   restore → replace (delete first: delete only forgets or cancels the job);
 * - a change of a wait setting only → an update that records it, with no request to Atlas;
 * - a job not known to have succeeded (failed, or still running after a timeout) → an update, which
 *   fails again with advice (failed) or resumes waiting (in flight; not when waitForCompletion is false),
 *   except a job Atlas no longer lists (`jobVisible: false`, set by refresh): never waited for again;
 * - otherwise no change, and no request is made at all.
 * A replacement always deletes first (the resource sets deleteBeforeReplace, also for `--replace`).
 */
export function diffRestore(
  olds: Props,
  news: Props,
  family: Pick<RestoreFamily, "identity" | "phase" | "storedJob"> = tenantRestoreFamily as RestoreFamily<never>,
): dynamic.DiffResult {
  // The family's canonical identity (the same one adoption matches jobs by): defaults applied, lists
  // as sets, so reordering a list or writing out a default is no change. A value not known yet
  // (preview) may be anything: it counts as a change.
  const before = family.identity.ofInputs(olds);
  const after = family.identity.ofInputs(news);
  const unknownIn = (value: unknown) => value !== undefined && JSON.stringify(value).includes(UNKNOWN);
  const changed = new Set(identityChanges(before, after));
  const replaces = Object.keys(after).filter((k) => changed.has(k) || unknownIn(after[k]));
  if (replaces.length > 0) return { changes: true, replaces: [...replaces], deleteBeforeReplace: true };
  const waitChanged = RESTORE_WAIT_FIELDS.some((f) => olds[f] !== news[f]);
  const phase = family.phase(family.storedJob(String(olds.restoreJobId ?? ""), olds));
  const unsettled = olds.jobVisible !== false && (phase === "failed" || (phase !== "succeeded" && news.waitForCompletion !== false));
  return { changes: waitChanged || unsettled };
}
