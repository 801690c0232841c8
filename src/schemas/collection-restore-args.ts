import { z } from "zod";
import {
  COLLECTION_NAMESPACE_RULE, DATABASE_NAME_RULE, INDEX_STRATEGIES, MAX_RESTORE_NAMESPACES, WRITE_STRATEGIES, isCollectionNamespace, isDatabaseName,
} from "./collection-restore";
import { ClusterName, ObjectId } from "./ids";
import { crossIssue } from "./cross-issue";
import { pointInTimeProblem } from "./point-in-time";
import { RESTORE_WAIT_SHAPE, refineWaitSettings } from "./restore-args";

const seconds = z.number({ error: "must be a whole number of seconds" }).int({ error: "must be a whole number of seconds" });

const names = (isName: (v: string) => boolean, rule: string) =>
  z
    .array(z.string({ error: "must be a string" }).refine(isName, { error: `must be ${rule}` }), { error: "must be a list of names" })
    .max(MAX_RESTORE_NAMESPACES, { error: `must list at most ${MAX_RESTORE_NAMESPACES} items (Atlas's limit per restore job); split the restore into several CollectionRestore resources`, abort: true })
    .refine((list) => new Set(list).size === list.length, { error: "must not list a name twice" });

/** A suffix is appended to database (or collection) names, so it may only hold characters they allow. */
const suffix = (forbidden: RegExp, what: string) =>
  z.string({ error: "must be a string" }).max(63, { error: "must be at most 63 characters" }).refine((s) => !forbidden.test(s), { error: `must not contain ${what}` });


/**
 * The inputs of CollectionRestore. Strict: a misspelt input is an error.
 * - scope: exactly one of `databases` (names `db`) and `collections` (namespaces `db.collection`), 1..100 each;
 * - point in time: exactly one of `snapshotId`, `pointInTimeUtcSeconds`, or `oplogTs` + `oplogInc`;
 *   seconds since 1970 (milliseconds are named as such), not in the future (as CloudBackupRestore);
 * - `writeStrategy` `OVERWRITE_EXISTING` drops the target namespaces first: it needs `allowOverwrite: true`;
 * - defaults: `indexStrategy` ALL, `writeStrategy` CREATE_NEW, `targetProjectId` = `projectId`;
 * - the wait inputs are those of the other restore resources (RESTORE_WAIT_SHAPE).
 */
export const CollectionRestoreArgs = z
  .strictObject({
    projectId: ObjectId,
    clusterName: ClusterName,
    snapshotId: ObjectId.optional(),
    pointInTimeUtcSeconds: seconds.min(0, { error: "must be at least 0" }).optional(),
    oplogTs: seconds.min(0, { error: "must be at least 0" }).optional(),
    oplogInc: z.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).min(0, { error: "must be at least 0" }).optional(),
    databases: names(isDatabaseName, DATABASE_NAME_RULE).optional(),
    collections: names(isCollectionNamespace, COLLECTION_NAMESPACE_RULE).optional(),
    databaseSuffix: suffix(/[/\\. "$\0]/, '/ \\ . " $ or a space').optional(),
    collectionSuffix: suffix(/[$\0]/, "$").optional(),
    indexStrategy: z.enum(INDEX_STRATEGIES, { error: `must be one of ${INDEX_STRATEGIES.join(", ")}` }).optional(),
    writeStrategy: z.enum(WRITE_STRATEGIES, { error: `must be one of ${WRITE_STRATEGIES.join(", ")}` }).optional(),
    allowOverwrite: z.boolean({ error: "must be true or false" }).optional(),
    targetProjectId: ObjectId.optional(),
    targetClusterName: ClusterName,
    ...RESTORE_WAIT_SHAPE,
  })
  .superRefine((a, ctx) => {
    refineWaitSettings(a, ctx);
    const scope = ["databases", "collections"];
    if (a.databases !== undefined && a.collections !== undefined) {
      ctx.addIssue(crossIssue("collections", "cannot be given together with databases: restore either whole databases or single collections (use two CollectionRestore resources for both)", scope));
    } else if (a.databases === undefined && a.collections === undefined) {
      ctx.addIssue(crossIssue("collections", 'is required (or databases): name what to restore, e.g. collections: ["sales.orders"] or databases: ["sales"]', scope));
    } else if ((a.databases ?? a.collections)!.length === 0) {
      ctx.addIssue(crossIssue(a.databases ? "databases" : "collections", "must list at least one name", scope));
    }
    const when = ["snapshotId", "pointInTimeUtcSeconds", "oplogTs", "oplogInc"];
    const forms = [a.snapshotId !== undefined, a.pointInTimeUtcSeconds !== undefined, a.oplogTs !== undefined || a.oplogInc !== undefined].filter(Boolean).length;
    if (forms === 0) ctx.addIssue(crossIssue("snapshotId", "is required (or pointInTimeUtcSeconds, or oplogTs with oplogInc): say which backup to restore from", when));
    if (forms > 1) ctx.addIssue(crossIssue("snapshotId", "name exactly one of snapshotId, pointInTimeUtcSeconds, or oplogTs with oplogInc (several were given)", when));
    // The same point-in-time rule as CloudBackupRestore: seconds (not milliseconds), not in the future.
    for (const field of ["pointInTimeUtcSeconds", "oplogTs"] as const) {
      const at = a[field];
      const message = at === undefined ? undefined : pointInTimeProblem(at);
      if (message !== undefined) ctx.addIssue(crossIssue(field, message, [field], at));
    }
    if ((a.oplogTs === undefined) !== (a.oplogInc === undefined)) {
      ctx.addIssue(crossIssue(a.oplogTs === undefined ? "oplogTs" : "oplogInc", "is required: oplogTs and oplogInc go together", ["oplogTs", "oplogInc"]));
    }
    if (a.writeStrategy === "OVERWRITE_EXISTING" && a.allowOverwrite !== true) {
      ctx.addIssue(crossIssue(
        "allowOverwrite",
        "must be true when writeStrategy is OVERWRITE_EXISTING: Atlas drops the target's databases/collections of the same names and replaces them " +
          "(writes to them during the restore are lost). Set allowOverwrite: true to confirm, or use writeStrategy CREATE_NEW",
        ["writeStrategy", "allowOverwrite"],
      ));
    }
  });
export type CollectionRestoreArgs = z.infer<typeof CollectionRestoreArgs>;

