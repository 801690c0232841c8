import type { Collection, MongoClient } from "mongodb";

/**
 * The checkpoint of a masking run, kept in the target cluster itself (so a run killed at any point,
 * even before Pulumi recorded anything, is found by the next one): one record per namespace and run.
 *   copying  → the masked copy is being written into the namespace's work collection; originals untouched
 *   swapping → the copy is complete (and verified): the original is being replaced by it
 *   done     → the namespace holds masked data; never masked again by this run
 *   dropped  → a drop rule removed the namespace
 * A restore replaces the whole cluster, this database included; a collection-level restore leaves
 * it, which is why the run id includes the restore job id.
 */
export const CONTROL_DB = "__pulumi_atlas_mask";
export const CONTROL_COLLECTION = "runs";
/** Work collections are `${WORK_PREFIX}<collection>` in the namespace's own database. */
export const WORK_PREFIX = "__mask_work_";

export type Phase = "copying" | "swapping" | "done" | "dropped";

export interface ControlRecord {
  _id: string;
  runId: string;
  /** The restore job id the run belongs to ("none" without afterRestore). */
  restore: string;
  namespace: string;
  phase: Phase;
  originalCount: number;
  maskedCount?: number;
  verified?: boolean;
  /** The masked collection's UUID once swapped: a restore recreates the collection (a new UUID), so an equal UUID means already masked. */
  maskedUuid?: string;
  /** Keyed fingerprint of the namespace's rules and key (never the key). */
  rulesId?: string;
  updatedAt: Date;
}

export class MaskControl {
  readonly records: Collection<ControlRecord>;
  constructor(
    client: MongoClient,
    readonly runId: string,
    readonly restore: string,
  ) {
    this.records = client.db(CONTROL_DB).collection<ControlRecord>(CONTROL_COLLECTION);
  }

  get(namespace: string): Promise<ControlRecord | null> {
    return this.records.findOne({ _id: `${this.runId}:${namespace}` });
  }

  async set(namespace: string, fields: Partial<ControlRecord> & { phase: Phase }): Promise<void> {
    const _id = `${this.runId}:${namespace}`;
    const record = { runId: this.runId, restore: this.restore, namespace, updatedAt: new Date(), ...fields };
    await this.records.updateOne({ _id }, { $set: record }, { upsert: true });
  }

  /** Forgets the namespace's record (a failed verify: the next run starts its copy afresh). */
  async clear(namespace: string): Promise<void> {
    await this.records.deleteOne({ _id: `${this.runId}:${namespace}` });
  }

  /** The record of any run that masked this very collection (same UUID), e.g. one a collection-level restore left alone. */
  maskedEarlier(namespace: string, uuid: string): Promise<ControlRecord | null> {
    return this.records.findOne({ namespace, phase: "done", maskedUuid: uuid });
  }

  /** Namespaces another run (other rules or key) already masked since the same restore. */
  async maskedByOtherRuns(): Promise<string[]> {
    const others = await this.records.find({ restore: this.restore, runId: { $ne: this.runId }, phase: { $in: ["swapping", "done"] } }).toArray();
    return others.map((r) => r.namespace);
  }
}
