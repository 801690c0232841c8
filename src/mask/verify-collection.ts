import { BSON, type Collection, type Document } from "mongodb";
import { maskDocument, type FieldRules } from "./mask-document";

/** Equal as BSON (types, field order and values). */
const bytesEqual = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
const same = (a: Document, b: Document) => bytesEqual(BSON.serialize(a), BSON.serialize(b));

/**
 * Full check of a masked copy against its originals, before the swap: both read in `_id` order and
 * compared pairwise. Every masked document must equal the mask of its original (so no masked path
 * holds its original value, unless masking leaves it unchanged, e.g. a null) and nothing is missing
 * or extra. Returns the first problems found (empty: verified).
 */
export async function verifyCopy(original: Collection, masked: Collection, rules: FieldRules, key: string, batchSize: number, limit = 5): Promise<string[]> {
  const problems: string[] = [];
  const a = original.find({}).sort({ _id: 1 }).batchSize(batchSize);
  const b = masked.find({}).sort({ _id: 1 }).batchSize(batchSize);
  try {
    for (;;) {
      const [o, m] = await Promise.all([a.next(), b.next()]);
      if (o === null && m === null) break;
      if (o === null || m === null || !same({ _id: o._id }, { _id: m._id })) {
        problems.push(`documents differ in _id order at ${BSON.EJSON.stringify((o ?? m)!._id)} (a document is missing or extra)`);
        break;
      }
      const original = BSON.serialize(o);
      if (!bytesEqual(BSON.serialize(maskDocument(BSON.deserialize(original), rules, key)), BSON.serialize(m))) {
        problems.push(`document ${BSON.EJSON.stringify(o._id)} is not the mask of its original`);
        if (problems.length >= limit) break;
      }
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  return problems;
}
