import type { ClusterRef } from "../schemas/requests";
import {
  COLLECTION_RESTORE_PENDING_STATES, type CollectionRestoreCollectionState, type CollectionRestoreJob, type CreateCollectionRestoreParams,
  type GetCollectionRestoreParams,
} from "../schemas/collection-restore";
import { CollectionRestoreArgs } from "../schemas/collection-restore-args";
import { collectionIdentity, DEFAULT_INDEX_STRATEGY, DEFAULT_WRITE_STRATEGY } from "./collection-identity";
import { collectionProgressLine, describeFailedCollections, describeUnrestoredCollections } from "./collection-progress";
import type { RestoreFamily, RestoreJobRef, RestorePhase, RestoreSource } from "./family-types";
import { isSameIdentity } from "./restore-identity";
import { effectiveTargetProjectId } from "./status-job";

/** The methods of AtlasClient a collection restore needs (API v2). */
export interface CollectionRestoreClient {
  createCollectionRestoreJob(params: CreateCollectionRestoreParams): Promise<CollectionRestoreJob>;
  getCollectionRestoreJob(params: GetCollectionRestoreParams): Promise<CollectionRestoreJob>;
  listAllCollectionRestoreJobs(params: ClusterRef): Promise<CollectionRestoreJob[]>;
  listAllCollectionRestoreJobCollections(params: GetCollectionRestoreParams): Promise<CollectionRestoreCollectionState[]>;
}

/** A collection restore job as this family reads it: Atlas's answer plus, once it failed, the collections that did not make it. */
export type CollectionJob = CollectionRestoreJob & { failedCollections?: string[] };

/** Derived status of a SUCCESSFUL job some of whose collections were not restored (NOT_FOUND, UNSUPPORTED, …). */
export const INCOMPLETE = "INCOMPLETE";
const incomplete = (job: CollectionJob) => job.state === "SUCCESSFUL" && (job.failedCollections?.length ?? 0) > 0;

/**
 * SUCCESSFUL (every collection too), FAILED / CANCELED, or pending (INITIALIZING, IN_PROGRESS,
 * FINALIZING): see COLLECTION_RESTORE_STATES. A SUCCESSFUL job with collections that are not
 * SUCCESSFUL (`failedCollections`, read by `get`) has failed: nothing was restored for them.
 */
function phase(job: CollectionJob): RestorePhase {
  if (incomplete(job)) return "failed";
  if (job.state === "SUCCESSFUL") return "succeeded";
  if (job.state === "FAILED" || job.state === "CANCELED") return "failed";
  return job.state !== undefined && COLLECTION_RESTORE_PENDING_STATES.has(job.state) ? "inFlight" : "unknown";
}

const parseDate = (value: unknown) => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : undefined);
const sample = (job: CollectionJob, atMs: number) => ({ restoredDocuments: job.restoredDocuments ?? 0, atMs });
const asNamespaces = (list: readonly string[] | undefined) => list?.map((sourceNamespace) => ({ sourceNamespace }));

/** The POST body: scope, suffixes, strategies (defaults ALL / CREATE_NEW), point in time, target (project defaults to the source's). */
function body(r: CollectionRestoreArgs): CreateCollectionRestoreParams {
  const p: CreateCollectionRestoreParams = {
    projectId: r.projectId, clusterName: r.clusterName, targetGroupId: effectiveTargetProjectId(r), targetClusterName: r.targetClusterName,
    indexStrategy: r.indexStrategy ?? DEFAULT_INDEX_STRATEGY, writeStrategy: r.writeStrategy ?? DEFAULT_WRITE_STRATEGY,
  };
  for (const key of ["snapshotId", "pointInTimeUtcSeconds", "oplogTs", "oplogInc", "databaseSuffix", "collectionSuffix"] as const) {
    if (r[key] !== undefined) (p as Record<string, unknown>)[key] = r[key];
  }
  if (r.databases) p.databases = asNamespaces(r.databases);
  if (r.collections) p.collections = asNamespaces(r.collections);
  return p;
}

/** Same restore: equal canonical identities (collectionIdentity). State and age aside. */
const isSameRestore = (job: CollectionJob, r: CollectionRestoreArgs): boolean => isSameIdentity(collectionIdentity, job, r);

export const COLLECTION_JOB_OUTPUT_FIELDS = ["state", "restoredDocuments", "totalDocuments", "errorMessage", "failedCollections", "createdAt", "finishedAt"] as const;

export const collectionRestoreFamily: RestoreFamily<CollectionRestoreClient, CollectionRestoreArgs, CollectionJob> = Object.freeze({
  kind: "collection",
  label: "CollectionRestore",
  apiVersion: "v2",
  status: (job: CollectionJob) => (incomplete(job) ? INCOMPLETE : job.state),
  phase,
  failureAdvice: (job: CollectionJob) =>
    incomplete(job) ? [
      `Atlas reported the job SUCCESSFUL, but these collections were not restored (Atlas's state in brackets): ${job.failedCollections!.join(", ")}`,
      "A NOT_FOUND collection is not in the backup (check the spelling and the snapshot or point in time), an UNSUPPORTED one cannot be restored " +
        "collection by collection. The job id stays in state and no new restore is started; fix the inputs, then `pulumi up --replace <urn of this resource>`.",
    ].join(". ") : [
      job.errorMessage ? `Atlas says: ${job.errorMessage}` : undefined,
      job.failedCollections?.length ? `Not restored: ${job.failedCollections.join(", ")}` : undefined,
      "Atlas rolls the whole job back when one collection fails. Fix the cause (disk space, unsupported collection types, " +
        "index errors), then start a new restore: `pulumi up --replace <urn of this resource>`.",
    ].filter(Boolean).join(". "),
  create: (client: CollectionRestoreClient, r: CollectionRestoreArgs) => client.createCollectionRestoreJob(body(r)),
  /**
   * The job; once it ended, also its collection states: after a failure so the failure can name
   * the collections, after SUCCESSFUL because Atlas calls a job SUCCESSFUL even when some of its
   * collections ended NOT_FOUND or UNSUPPORTED (then the job counts as failed, see `phase`).
   */
  get: async (client: CollectionRestoreClient, ref: RestoreJobRef): Promise<CollectionJob> => {
    const params = { projectId: ref.projectId, clusterName: ref.clusterName, restoreJobId: ref.restoreJobId };
    const job: CollectionJob = await client.getCollectionRestoreJob(params);
    if (phase(job) === "failed") job.failedCollections = describeFailedCollections(await client.listAllCollectionRestoreJobCollections(params));
    else if (job.state === "SUCCESSFUL") {
      const notRestored = describeUnrestoredCollections(await client.listAllCollectionRestoreJobCollections(params));
      if (notRestored.length > 0) job.failedCollections = notRestored;
    }
    return job;
  },
  readBeforeAdopting: true,
  list: (client: CollectionRestoreClient, s: RestoreSource) => client.listAllCollectionRestoreJobs({ projectId: s.projectId, clusterName: s.clusterName }),
  isSameRestore,
  isOnTarget: (job: CollectionJob, r: CollectionRestoreArgs) => job.targetClusterName === r.targetClusterName && job.targetGroupId === effectiveTargetProjectId(r),
  startedAt: (job: CollectionJob) => parseDate(job.createdAt),
  finishedAt: (job: CollectionJob) => parseDate(job.finishedAt),
  progressLine: (job: CollectionJob, nowMs: number, previous?: { job: CollectionJob; atMs: number }) =>
    collectionProgressLine("CollectionRestore", job, sample(job, nowMs), previous && sample(previous.job, previous.atMs)),
  args: CollectionRestoreArgs,
  identity: collectionIdentity,
  jobOutputFields: COLLECTION_JOB_OUTPUT_FIELDS,
  secretOutputs: [],
  jobOutputs: (job: CollectionJob) => Object.fromEntries(COLLECTION_JOB_OUTPUT_FIELDS.map((f) => [f, job[f]])),
  storedJob: (id: string, stored: Record<string, unknown>): CollectionJob => {
    const job: CollectionJob = { id };
    for (const f of COLLECTION_JOB_OUTPUT_FIELDS) if (stored[f] !== undefined) (job as Record<string, unknown>)[f] = stored[f];
    return job;
  },
  targetProjectOf: (job: CollectionJob) => job.targetGroupId,
  deletion: () => "forget" as const,
  forgetReason: "Atlas has no API to cancel or delete a collection restore job",
});
