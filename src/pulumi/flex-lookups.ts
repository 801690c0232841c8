import type { Page } from "../schemas/paginated";
import type { ClusterRef, GetRestoreParams, IterateParams } from "../schemas/requests";
import type { FlexRestoreJob, FlexSnapshot } from "../schemas/restore-job";
import { clientFor, outputForm, type LookupOptions } from "./lookup-support";

/** Lookups of Flex restore jobs and snapshots. Flex endpoints exist in API v2 only, so v2 is always used. */

export const getFlexRestoreJob = async (args: GetRestoreParams, opts?: LookupOptions): Promise<FlexRestoreJob> =>
  clientFor(opts, "v2").getFlexRestoreJob(args);
export const getFlexRestoreJobOutput = outputForm(getFlexRestoreJob);

/** Every restore job of a Flex cluster (all pages). */
export const getFlexRestoreJobs = async (args: IterateParams, opts?: LookupOptions): Promise<{ results: FlexRestoreJob[] }> => {
  const results: FlexRestoreJob[] = [];
  for await (const job of clientFor(opts, "v2").iterateFlexRestoreJobs(args)) results.push(job);
  return { results };
};
export const getFlexRestoreJobsOutput = outputForm(getFlexRestoreJobs);

/** One page of a Flex cluster's snapshots (to pick the one to restore). */
export const getFlexSnapshots = async (args: ClusterRef, opts?: LookupOptions): Promise<Page<FlexSnapshot>> =>
  clientFor(opts, "v2").listFlexSnapshots(args);
export const getFlexSnapshotsOutput = outputForm(getFlexSnapshots);
