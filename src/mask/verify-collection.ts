import { BSON, type Collection, type Document } from "mongodb";
import { maskDocument, type FieldRules } from "./mask-document";

const same = (a: unknown, b: unknown) => BSON.EJSON.stringify(a as Document, { relaxed: false }) === BSON.EJSON.stringify(b as Document, { relaxed: false });

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
      if (o === null || m === null || !same(o._id, m._id)) {
        problems.push(`documents differ in _id order at ${BSON.EJSON.stringify((o ?? m)!._id)} (a document is missing or extra)`);
        break;
      }
      if (!same(maskDocument(BSON.deserialize(BSON.serialize(o)), rules, key), m)) {
        problems.push(`document ${BSON.EJSON.stringify(o._id)} is not the mask of its original`);
        if (problems.length >= limit) break;
      }
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  return problems;
}
