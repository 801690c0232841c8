import type { Page } from "../schemas/paginated";
import type { GetLegacyRestoreJobParams, IterateLegacyRestoreJobsParams, ListLegacyRestoreJobsParams } from "../schemas/requests";
import type { LegacyRestoreJob } from "../schemas/restore-job";
import { clientFor, outputForm, type LookupOptions } from "./lookup-support";

/**
 * Lookups of Legacy Backup restore jobs of dedicated clusters, on the configured apiVersion (v1.0,
 * or v2 with media type 2023-01-01). Results hold `delivery.url`, so the Output forms are secret.
 */

export const getLegacyRestoreJob = async (args: GetLegacyRestoreJobParams, opts?: LookupOptions): Promise<LegacyRestoreJob> =>
  clientFor(opts).getLegacyRestoreJob(args);
export const getLegacyRestoreJobOutput = outputForm(getLegacyRestoreJob);

/** One page of a dedicated cluster's legacy restore jobs (`batchId`: only that sharded-cluster batch). */
export const getLegacyRestoreJobs = async (args: ListLegacyRestoreJobsParams, opts?: LookupOptions): Promise<Page<LegacyRestoreJob>> =>
  clientFor(opts).listLegacyRestoreJobs(args);
export const getLegacyRestoreJobsOutput = outputForm(getLegacyRestoreJobs);

/** Every page of a dedicated cluster's legacy restore jobs, in the fewest requests. */
export const getAllLegacyRestoreJobs = async (args: IterateLegacyRestoreJobsParams, opts?: LookupOptions): Promise<{ results: LegacyRestoreJob[] }> => {
  const results: LegacyRestoreJob[] = [];
  for await (const job of clientFor(opts).iterateLegacyRestoreJobs(args)) results.push(job);
  return { results };
};
export const getAllLegacyRestoreJobsOutput = outputForm(getAllLegacyRestoreJobs);
