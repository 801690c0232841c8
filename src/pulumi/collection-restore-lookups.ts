import type { ClusterRef } from "../schemas/requests";
import type { CollectionRestoreCollectionState, CollectionRestoreJob, GetCollectionRestoreParams } from "../schemas/collection-restore";
import { clientFor, outputForm, type LookupOptions } from "./lookup-support";

/**
 * Lookups of collection-level restore jobs (API v2 only, whatever apiVersion is configured), in
 * Promise (`getX`) and Output (`getXOutput`) forms; see lookup-support.ts.
 */

/** One collection restore job: `state`, `restoredDocuments` / `totalDocuments`, `errorMessage`, … */
export const getCollectionRestoreJob = async (args: GetCollectionRestoreParams, opts?: LookupOptions): Promise<CollectionRestoreJob> =>
  clientFor(opts, "v2").getCollectionRestoreJob(args);
export const getCollectionRestoreJobOutput = outputForm(getCollectionRestoreJob);

/** Every collection restore job of a source cluster (all pages). */
export const getCollectionRestoreJobs = async (args: ClusterRef, opts?: LookupOptions): Promise<{ results: CollectionRestoreJob[] }> => ({
  results: await clientFor(opts, "v2").listAllCollectionRestoreJobs(args),
});
export const getCollectionRestoreJobsOutput = outputForm(getCollectionRestoreJobs);

/** The per-collection states of one job (all pages; empty while the job is INITIALIZING). */
export const getCollectionRestoreJobCollections = async (
  args: GetCollectionRestoreParams,
  opts?: LookupOptions,
): Promise<{ results: CollectionRestoreCollectionState[] }> => ({
  results: await clientFor(opts, "v2").listAllCollectionRestoreJobCollections(args),
});
export const getCollectionRestoreJobCollectionsOutput = outputForm(getCollectionRestoreJobCollections);
