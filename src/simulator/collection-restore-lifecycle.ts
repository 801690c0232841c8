import type { SimCollectionRestoreJob } from "./collection-restore-state";
import { catalogKey } from "./collection-restore-state";
import type { SimulatorState } from "./state";

/**
 * A collection restore job at a moment, purely from elapsed time: INITIALIZING (no collection
 * states yet), IN_PROGRESS while documents are copied at `pace.docsPerSecond` one collection after
 * the other, FINALIZING, then SUCCESSFUL. A collection with a `failure` fails half-way: the job is
 * FAILED from then on, that collection FAILED, those done before it ROLLBACK (Atlas undoes the whole
 * job when one collection fails) and those after it NOT_RESTORED.
 */
export interface CollectionProgress {
  state: "INITIALIZING" | "IN_PROGRESS" | "FINALIZING" | "SUCCESSFUL" | "FAILED";
  restoredDocuments: number;
  totalDocuments: number;
  /** Empty while INITIALIZING. */
  collections: Array<{ index: number; state: string; restoredDocuments: number }>;
  finishedAt?: number;
  errorMessage?: string;
}

export function collectionJobAt(job: SimCollectionRestoreJob, now: number): CollectionProgress {
  const total = job.items.reduce((sum, item) => sum + item.totalDocuments, 0);
  const copyStart = job.createdAt + job.pace.initializingMs;
  if (now < copyStart) return { state: "INITIALIZING", restoredDocuments: 0, totalDocuments: total, collections: [] };
  const rate = job.pace.docsPerSecond / 1000;
  const docsAt = (t: number) => Math.floor((t - copyStart) * rate);
  // Where (in documents copied) the first failing collection breaks off.
  let failAtDocs: number | undefined;
  let failIndex = -1;
  let before = 0;
  job.items.forEach((item, i) => {
    if (failAtDocs === undefined && item.failure !== undefined) {
      failAtDocs = before + Math.floor(item.totalDocuments / 2);
      failIndex = i;
    }
    before += item.totalDocuments;
  });
  const failTime = failAtDocs === undefined ? undefined : copyStart + Math.ceil(failAtDocs / rate);
  const failed = failTime !== undefined && now >= failTime;
  const copied = Math.min(failed ? failAtDocs! : total, Math.max(0, docsAt(now)));
  let offset = 0;
  const collections = job.items.map((item, index) => {
    const end = offset + item.totalDocuments;
    const restored = Math.max(0, Math.min(item.totalDocuments, copied - offset));
    let state = copied >= end ? "SUCCESSFUL" : copied >= offset ? "IN_PROGRESS" : "NOT_STARTED";
    offset = end;
    if (failed) state = index === failIndex ? "FAILED" : index < failIndex ? "ROLLBACK" : "NOT_RESTORED";
    return { index, state, restoredDocuments: restored };
  });
  if (failed) {
    const item = job.items[failIndex]!;
    const errorMessage = `Restore of collection ${item.sourceNamespace} failed: ${item.failure}. The job was rolled back.`;
    return { state: "FAILED", restoredDocuments: copied, totalDocuments: total, collections, finishedAt: failTime, errorMessage };
  }
  const copyEnd = copyStart + Math.ceil(total / rate);
  if (now < copyEnd) return { state: "IN_PROGRESS", restoredDocuments: copied, totalDocuments: total, collections };
  const finishedAt = copyEnd + job.pace.finalizingMs;
  const state = now < finishedAt ? "FINALIZING" : "SUCCESSFUL";
  return { state, restoredDocuments: total, totalDocuments: total, collections, ...(state === "SUCCESSFUL" ? { finishedAt } : {}) };
}

export const isCollectionJobRunning = (job: SimCollectionRestoreJob, now: number) => {
  const s = collectionJobAt(job, now).state;
  return s !== "SUCCESSFUL" && s !== "FAILED";
};

/** Lazily applies time: each SUCCESSFUL job's collections appear on its target cluster, once. */
export function advanceCollectionRestores(state: SimulatorState, now: number): void {
  for (const job of state.collectionRestore.jobs.values()) {
    if (job.applied || collectionJobAt(job, now).state !== "SUCCESSFUL") continue;
    job.applied = true;
    const target = state.collectionRestore.catalogs.get(catalogKey(job.targetProjectId, job.targetClusterName));
    if (target === undefined) continue;
    for (const item of job.items) {
      const [db, coll] = splitNamespace(item.effectiveTargetNamespace);
      if (!target.namespaces.has(db)) target.namespaces.set(db, new Map());
      target.namespaces.get(db)!.set(coll, item.totalDocuments);
    }
  }
}

/** `db.collection` → [db, collection] (the collection part may itself contain dots). */
export function splitNamespace(ns: string): [string, string] {
  const dot = ns.indexOf(".");
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}
