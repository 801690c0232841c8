import type { Db, Document } from "mongodb";
import { maskDocument, type FieldRules } from "./mask-document";

/** What copying needs: the rules and key, the batch size, and a hook after each batch written. */
export interface CopyOptions {
  key: string;
  rules: FieldRules;
  batchSize: number;
  /** Called after each batch written (tests and progress). */
  onBatch?: (namespace: string, written: number) => void | Promise<void>;
}

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * Copies the masked originals after the documents already copied. Reading the next batch overlaps
 * the insert of the previous one, but inserts run one at a time and in order, so the copy is always
 * a prefix of the originals in `_id` order (what the resume relies on).
 */
export async function copyMasked(db: Db, from: string, to: string, o: CopyOptions, fresh: boolean): Promise<number> {
  const namespace = `${db.databaseName}.${from}`;
  for (let attempt = 0; ; attempt++) {
    const done = fresh && attempt === 0 ? 0 : await db.collection(to).countDocuments();
    const cursor = db.collection(from).find({}).sort({ _id: 1 }).skip(done).batchSize(o.batchSize);
    let written = done;
    let failure: unknown;
    let pending: Promise<void> = Promise.resolve();
    const insert = (batch: Document[]) => {
      pending = db
        .collection(to)
        .insertMany(batch, { ordered: true })
        .then(async () => {
          written += batch.length;
          await o.onBatch?.(namespace, written);
        })
        .catch((e: unknown) => {
          failure = e;
        });
    };
    try {
      let batch: Document[] = [];
      for await (const doc of cursor) {
        batch.push(maskDocument(doc, o.rules, o.key));
        if (batch.length >= o.batchSize) {
          await pending;
          if (failure !== undefined) throw failure;
          insert(batch);
          batch = [];
        }
      }
      await pending;
      if (failure !== undefined) throw failure;
      if (batch.length > 0) insert(batch);
      await pending;
      if (failure !== undefined) throw failure;
      return written;
    } catch (error) {
      await pending;
      // A write of an earlier run still landing: the same masked documents. Recount and go on.
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    } finally {
      await cursor.close();
    }
  }
}

