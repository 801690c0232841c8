import type { Db, Document } from "mongodb";
import { WORK_PREFIX, type MaskControl } from "./mask-control";
import { copyMasked, type CopyOptions } from "./copy-masked";
import { MaskError } from "./mask-errors";
import { verifyCopy } from "./verify-collection";

export interface CollectionMaskOptions extends CopyOptions {
  verify: boolean;
  control: MaskControl;
  /** Keyed fingerprint of these rules and the key: an earlier run with the same one masked the same way. */
  rulesId: string;
  /** Called at the swap's steps (tests: an interruption between dropping the original and the rename). */
  onSwap?: (namespace: string, step: "original-dropped") => void | Promise<void>;
}

export interface CollectionMaskResult {
  namespace: string;
  maskedCount: number;
  /** True when this call wrote nothing (the namespace was masked by an earlier, interrupted call of the same run). */
  alreadyDone: boolean;
  verified: boolean | undefined;
}

/**
 * Read only, before a run writes anything: true when this very collection (same UUID) was masked by
 * an earlier run with other rules or another key and not restored since (masking it again would
 * mask masked values).
 */
export async function maskedByOtherRules(db: Db, collection: string, control: MaskControl, rulesId: string): Promise<boolean> {
  const namespace = `${db.databaseName}.${collection}`;
  if ((await control.get(namespace)) !== null) return false;
  const uuid = await collectionUuid(db, collection);
  const earlier = uuid === undefined ? null : await control.maskedEarlier(namespace, uuid);
  return earlier !== null && earlier.rulesId !== rulesId;
}

/** The collection's UUID as the server reports it (undefined when it does not). */
async function collectionUuid(db: Db, name: string): Promise<string | undefined> {
  const [info] = await db.listCollections({ name }).toArray();
  const uuid = (info as { info?: { uuid?: unknown } } | undefined)?.info?.uuid;
  return uuid === undefined ? undefined : String(uuid);
}

const exists = async (db: Db, name: string) => (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;

/**
 * Masks one collection by a masked copy and a swap. The originals are never modified: the masked
 * copy is written into a work collection from the originals only (read in `_id` order, a batch per
 * round trip each way), checked, given the original's indexes, then renamed over the original. So
 * a document is masked exactly once, whatever point a run is killed at: the next run resumes the
 * copy after the documents already copied (their count; a duplicate _id from a write still in flight
 * is the same masked document and is skipped) or finishes the swap, as the checkpoint says.
 */
export async function maskCollection(db: Db, collection: string, o: CollectionMaskOptions): Promise<CollectionMaskResult> {
  const namespace = `${db.databaseName}.${collection}`;
  const workName = `${WORK_PREFIX}${collection}`;
  let record = await o.control.get(namespace);
  if (record?.phase === "done") return { namespace, maskedCount: record.maskedCount ?? 0, alreadyDone: true, verified: record.verified };
  if (record?.phase === "copying" && !(await exists(db, workName))) {
    throw new MaskError("WRITE", `${namespace}: the checkpoint says a masked copy was being written, but its work collection ${workName} is gone; drop the record ${record._id} in ${o.control.records.namespace} only if ${namespace} holds original data`);
  }
  const fresh = record === null || (record.phase !== "copying" && record.phase !== "swapping");
  if (fresh) {
    // The very collection an earlier run masked (a collection-level restore left it alone): never masked twice.
    const uuid = await collectionUuid(db, collection);
    const earlier = uuid === undefined ? null : await o.control.maskedEarlier(namespace, uuid);
    if (earlier !== null) {
      if (earlier.rulesId !== o.rulesId) {
        throw new MaskError("ALREADY_MASKED", `${namespace} was masked by an earlier run (other rules or another key) and not restored since; masking again would mask masked values. Nothing was written. Restore it again to apply the changed rules or key.`);
      }
      const maskedCount = earlier.maskedCount ?? 0;
      await o.control.set(namespace, { phase: "done", originalCount: maskedCount, maskedCount, maskedUuid: uuid, rulesId: o.rulesId, ...(earlier.verified === undefined ? {} : { verified: earlier.verified }) });
      return { namespace, maskedCount, alreadyDone: true, verified: earlier.verified };
    }
    await db.collection(workName).drop().catch(() => undefined);
    await db.createCollection(workName);
    await o.control.set(namespace, { phase: "copying", originalCount: -1 });
    record = await o.control.get(namespace);
  }
  let verified: boolean | undefined;
  let originalCount = record!.originalCount;
  if (record!.phase === "copying") {
    // The copy reads every original once: its count is the original count (no extra counting scan).
    originalCount = await copyMasked(db, collection, workName, o, fresh);
    if (o.verify) {
      // Full: every document pairwise, which also proves the counts equal.
      const problems = await verifyCopy(db.collection(collection), db.collection(workName), o.rules, o.key, o.batchSize);
      if (problems.length > 0) {
        // The copy is discarded: the next run copies afresh from the untouched originals.
        await db.collection(workName).drop().catch(() => undefined);
        await o.control.clear(namespace);
        throw new MaskError("VERIFY", `${namespace}: verify failed, the original is untouched (NOT masked): ${problems.join("; ")}`);
      }
      verified = true;
    }
    // Without verify nothing is read back: the copy holds exactly the documents it read, by construction.
    await copyIndexes(db, collection, workName);
    await o.control.set(namespace, { phase: "swapping", originalCount, maskedCount: originalCount, ...(verified === undefined ? {} : { verified }) });
  } else {
    verified = record!.verified;
  }
  // The swap: drop the original, rename the copy over it. Re-run safely from either side of the drop.
  if (await exists(db, workName)) {
    await db.collection(collection).drop().catch(() => undefined);
    await o.onSwap?.(namespace, "original-dropped");
    await db.collection(workName).rename(collection);
  }
  const maskedUuid = await collectionUuid(db, collection);
  await o.control.set(namespace, { phase: "done", originalCount, maskedCount: originalCount, rulesId: o.rulesId, ...(maskedUuid ? { maskedUuid } : {}), ...(verified === undefined ? {} : { verified }) });
  return { namespace, maskedCount: originalCount, alreadyDone: false, verified };
}

async function copyIndexes(db: Db, from: string, to: string): Promise<void> {
  const indexes = (await db.collection(from).listIndexes().toArray()).filter((i) => i.name !== "_id_");
  if (indexes.length === 0) return;
  const specs = indexes.map(({ v: _v, ns: _ns, ...spec }) => spec as { key: Document; name: string });
  await db.command({ createIndexes: to, indexes: specs });
}
