import { splitNamespace } from "./collection-restore-lifecycle";
import type { SimCollectionCatalog, SimCollectionItem } from "./collection-restore-state";
import { badRequest } from "./errors";
import { COLLECTION_RESTORE, type CollectionRestoreBody as Body } from "./request-bodies";
import { checkRequestBody } from "./request-rules";
import type { SimulatorState } from "./state";

/**
 * Checks of a collection restore POST that need no other job: the body (400 VALIDATION_ERROR with
 * badRequestDetail, e.g. more than 100 items or a bad name), the scope and point-in-time rules, the
 * namespaces against what the source's backups hold, and clashes of target namespaces.
 * Error codes other than VALIDATION_ERROR, SNAPSHOT_NOT_FOUND and CLUSTER_NOT_FOUND are this
 * simulator's own: Atlas's codes for these refusals could not be confirmed from public sources.
 */
export function parseCollectionRestoreBody(body: unknown): Body {
  const b = checkRequestBody(body, COLLECTION_RESTORE, "collection restore request") as unknown as Body;
  if ((b.databases === undefined) === (b.collections === undefined)) {
    const which = b.databases === undefined ? "neither was given" : "both were given";
    throw badRequest("INVALID_RESTORE_SCOPE", `Name either databases or collections to restore (${which}).`, [{ field: "collections", description: which }]);
  }
  const forms = [b.snapshotId !== undefined, b.pointInTimeUtcSeconds !== undefined, b.oplogTs !== undefined || b.oplogInc !== undefined].filter(Boolean).length;
  if (forms !== 1 || (b.oplogTs === undefined) !== (b.oplogInc === undefined)) {
    throw badRequest("INVALID_RESTORE_POINT", "Give exactly one of snapshotId, pointInTimeUtcSeconds, or oplogTs with oplogInc.");
  }
  return b;
}

/**
 * The request as the job echoes it (`ApiAtlasCollectionRestoreJobResponse`): every namespace with
 * its `targetNamespace` filled in (the given one or the source, suffixes applied), the suffixes
 * not given as "", and the scope list not used as [] (the account of Atlas's answers;
 * no recorded collection-restore answer exists in the Atlas CLI's e2e data).
 */
export function echoedRequest(b: Body): Record<string, unknown> {
  const dbSuffix = b.databaseSuffix ?? "";
  const collSuffix = b.collectionSuffix ?? "";
  const fill = (list: Body["databases"], isDb: boolean) =>
    (list ?? []).map((n) => ({ sourceNamespace: n.sourceNamespace, targetNamespace: withSuffix(n.targetNamespace ?? n.sourceNamespace, dbSuffix, collSuffix, isDb) }));
  return { ...b, collectionSuffix: collSuffix, collections: fill(b.collections, false), databaseSuffix: dbSuffix, databases: fill(b.databases, true) };
}

/** The point in time (epoch ms) a PIT request asks for, or undefined for a snapshot request. */
export function requestedPointInTime(b: Body): number | undefined {
  const seconds = b.pointInTimeUtcSeconds ?? b.oplogTs;
  return seconds === undefined ? undefined : seconds * 1000;
}

export const withSuffix = (ns: string, dbSuffix: string, collSuffix: string, isDb: boolean) => {
  if (isDb) return `${ns}${dbSuffix}`;
  const [db, coll] = splitNamespace(ns);
  return `${db}${dbSuffix}.${coll}${collSuffix}`;
};

/**
 * The collections a request restores, in order, with their target namespaces. Unknown source
 * namespaces → 400 NAMESPACE_NOT_FOUND naming each; two items landing on one namespace → 400
 * DUPLICATE_TARGET_NAMESPACE. CREATE_NEW renames a clash with an existing target collection
 * (`orders` → `orders_1`), as Atlas does; OVERWRITE_EXISTING keeps the name (and replaces it).
 */
export function expandItems(b: Body, source: SimCollectionCatalog, target: SimCollectionCatalog | undefined): SimCollectionItem[] {
  const dbSuffix = b.databaseSuffix ?? "";
  const collSuffix = b.collectionSuffix ?? "";
  const items: SimCollectionItem[] = [];
  const unknown: string[] = [];
  for (const entry of b.databases ?? []) {
    const colls = source.namespaces.get(entry.sourceNamespace);
    if (colls === undefined) unknown.push(entry.sourceNamespace);
    const targetDb = withSuffix(entry.targetNamespace ?? entry.sourceNamespace, dbSuffix, collSuffix, true);
    for (const [coll, docs] of colls ?? []) {
      const targetNamespace = `${targetDb}.${coll}${collSuffix}`;
      items.push({ sourceNamespace: `${entry.sourceNamespace}.${coll}`, targetNamespace, effectiveTargetNamespace: targetNamespace, totalDocuments: docs });
    }
  }
  for (const entry of b.collections ?? []) {
    const [db, coll] = splitNamespace(entry.sourceNamespace);
    const docs = source.namespaces.get(db)?.get(coll);
    if (docs === undefined) unknown.push(entry.sourceNamespace);
    const targetNamespace = withSuffix(entry.targetNamespace ?? entry.sourceNamespace, dbSuffix, collSuffix, false);
    items.push({ sourceNamespace: entry.sourceNamespace, targetNamespace, effectiveTargetNamespace: targetNamespace, totalDocuments: docs ?? 0 });
  }
  if (unknown.length > 0) {
    throw badRequest("NAMESPACE_NOT_FOUND", `The backup of this cluster holds no ${unknown.map((n) => JSON.stringify(n)).join(", ")}.`,
      unknown.map((n) => ({ field: b.databases ? "databases" : "collections", description: `${n} does not exist in the backup` })));
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.targetNamespace)) {
      throw badRequest("DUPLICATE_TARGET_NAMESPACE", `Two requested namespaces would both be restored to ${item.targetNamespace}.`);
    }
    seen.add(item.targetNamespace);
  }
  if (b.writeStrategy === "CREATE_NEW" && target !== undefined) {
    const exists = (ns: string) => {
      const [db, coll] = splitNamespace(ns);
      return target.namespaces.get(db)?.has(coll) === true;
    };
    const taken = new Set(seen);
    for (const item of items) {
      if (!exists(item.targetNamespace)) continue;
      let n = 1;
      while (exists(`${item.targetNamespace}_${n}`) || taken.has(`${item.targetNamespace}_${n}`)) n++;
      item.effectiveTargetNamespace = `${item.targetNamespace}_${n}`;
      taken.add(item.effectiveTargetNamespace);
    }
  }
  return items;
}

/** Marks the items a `failCollections` rule names as failing, using up one firing per job. */
export function applyFailRules(state: SimulatorState, items: SimCollectionItem[]): void {
  for (const rule of state.collectionRestore.failRules) {
    if (rule.remaining <= 0) continue;
    const item = items.find((i) => i.sourceNamespace === rule.sourceNamespace);
    if (item === undefined) continue;
    item.failure = rule.message;
    rule.remaining -= 1;
  }
}
