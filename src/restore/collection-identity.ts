import type { CollectionRestoreJob } from "../schemas/collection-restore";
import type { CollectionRestoreArgs } from "../schemas/collection-restore-args";
import { given, input, num, type RestoreIdentity } from "./restore-identity";

/** Defaults Atlas needs spelt out (the POST requires both) and this package applies. */
export const DEFAULT_INDEX_STRATEGY = "ALL";
export const DEFAULT_WRITE_STRATEGY = "CREATE_NEW";

/**
 * Where a source namespace lands: the database name plus `databaseSuffix`, and for a collection
 * `db.coll` the collection name plus `collectionSuffix` ("sales.orders" with "_r" → "sales.orders_r").
 */
export function targetNamespace(source: string, databaseSuffix: string, collectionSuffix: string, scope: "databases" | "collections"): string {
  if (scope === "databases") return `${source}${databaseSuffix}`;
  const dot = source.indexOf(".");
  return `${source.slice(0, dot)}${databaseSuffix}.${source.slice(dot + 1)}${collectionSuffix}`;
}

/** A list input as a sorted set (order and repeats carry no meaning); anything else as given. */
function nameSet(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...new Set(value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))))].sort() : value;
}

/**
 * A job's namespaces as the same sorted set of sources; a target namespace Atlas filled in is
 * dropped when it is where the source lands anyway (source plus the job's suffixes), and kept as
 * `source→target` otherwise (a job that renames differently is another restore).
 */
function jobNames(job: CollectionRestoreJob, scope: "databases" | "collections"): string[] {
  const dbSuffix = job.databaseSuffix ?? "";
  const collSuffix = job.collectionSuffix ?? "";
  const names = (job[scope] ?? []).map((n) => {
    const target = given(n.targetNamespace);
    return target === undefined || target === targetNamespace(n.sourceNamespace, dbSuffix, collSuffix, scope) ? n.sourceNamespace : `${n.sourceNamespace}→${target}`;
  });
  return [...new Set(names)].sort();
}

/**
 * CollectionRestore: the same restore is the same source, the same moment (in the form the inputs
 * give it: `snapshotId`, `pointInTimeUtcSeconds`, or `oplogTs` + `oplogInc`), the same set of
 * databases or collections landing under the same names (suffixes, `""` when not given), the same
 * strategies (defaults ALL / CREATE_NEW) and the same target (project defaulting to the source's,
 * cluster). Order of the lists, written-out defaults, Atlas's `""` / `[]` for what was not asked,
 * filled-in target namespaces, and the other forms of the moment Atlas may fill in do not count.
 */
export const collectionIdentity: RestoreIdentity<CollectionRestoreJob, CollectionRestoreArgs> = Object.freeze({
  ofInputs: (i: Readonly<Record<string, unknown>>) => ({
    projectId: input(i.projectId),
    clusterName: input(i.clusterName),
    snapshotId: input(i.snapshotId),
    pointInTimeUtcSeconds: input(i.pointInTimeUtcSeconds),
    oplogTs: input(i.oplogTs),
    oplogInc: input(i.oplogInc),
    databases: nameSet(i.databases),
    collections: nameSet(i.collections),
    databaseSuffix: input(i.databaseSuffix) ?? "",
    collectionSuffix: input(i.collectionSuffix) ?? "",
    indexStrategy: input(i.indexStrategy) ?? DEFAULT_INDEX_STRATEGY,
    writeStrategy: input(i.writeStrategy) ?? DEFAULT_WRITE_STRATEGY,
    targetProjectId: input(i.targetProjectId) ?? input(i.projectId),
    targetClusterName: input(i.targetClusterName),
  }),
  ofJob: (job: CollectionRestoreJob, r: CollectionRestoreArgs) => {
    const form = r.snapshotId !== undefined ? "snapshot" : r.pointInTimeUtcSeconds !== undefined ? "seconds" : "oplog";
    return {
      projectId: r.projectId,
      clusterName: r.clusterName,
      snapshotId: form === "snapshot" ? given(job.snapshotId) : undefined,
      pointInTimeUtcSeconds: form === "seconds" ? num(job.pointInTimeUtcSeconds) : undefined,
      oplogTs: form === "oplog" ? num(job.oplogTs) : undefined,
      oplogInc: form === "oplog" ? num(job.oplogInc) : undefined,
      databases: jobNames(job, "databases"),
      collections: jobNames(job, "collections"),
      databaseSuffix: job.databaseSuffix ?? "",
      collectionSuffix: job.collectionSuffix ?? "",
      indexStrategy: given(job.indexStrategy) ?? DEFAULT_INDEX_STRATEGY,
      writeStrategy: given(job.writeStrategy) ?? DEFAULT_WRITE_STRATEGY,
      targetProjectId: given(job.targetGroupId) ?? r.projectId,
      targetClusterName: given(job.targetClusterName),
    };
  },
});
