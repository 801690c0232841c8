import { waitForRestoreJob } from "../restore/wait-for-restore-job";
import { pollPolicyFor } from "../restore/poll-policy";
import { RESTORE_TIMEOUT_SECONDS, WaitForTenantRestoreJobArgs } from "../schemas/restore-args";
import type { Page } from "../schemas/paginated";
import type { ClusterRef, GetRestoreParams, PageParams } from "../schemas/requests";
import { parseInput } from "../schemas/validate";
import type { CloudBackupRestoreJob, TenantRestoreJob, TenantSnapshot } from "../schemas/restore-job";
import { clientFor, outputForm, type LookupOptions } from "./lookup-support";

/** Lookups of tenant (M2/M5) and Cloud Backup restore jobs (legacy ones: legacy-lookups.ts); see lookup-support.ts for the forms. */

export const getTenantRestoreJob = async (args: GetRestoreParams, opts?: LookupOptions): Promise<TenantRestoreJob> =>
  clientFor(opts).getTenantRestore(args);
export const getTenantRestoreJobOutput = outputForm(getTenantRestoreJob);

export const getTenantRestoreJobs = async (args: ClusterRef, opts?: LookupOptions): Promise<Page<TenantRestoreJob>> =>
  clientFor(opts).listTenantRestores(args);
export const getTenantRestoreJobsOutput = outputForm(getTenantRestoreJobs);

/** The snapshots of an M2/M5 cluster (to pick the one to restore). */
export const getTenantSnapshots = async (args: ClusterRef, opts?: LookupOptions): Promise<Page<TenantSnapshot>> =>
  clientFor(opts).listTenantSnapshots(args);
export const getTenantSnapshotsOutput = outputForm(getTenantSnapshots);

/** One page of a dedicated cluster's Cloud Backup restore jobs. */
export const getCloudBackupRestoreJobs = async (args: PageParams, opts?: LookupOptions): Promise<Page<CloudBackupRestoreJob>> =>
  clientFor(opts).listCloudBackupRestoreJobs(args);
export const getCloudBackupRestoreJobsOutput = outputForm(getCloudBackupRestoreJobs);

/** Every page of a dedicated cluster's Cloud Backup restore jobs. */
export const getAllCloudBackupRestoreJobs = async (args: ClusterRef, opts?: LookupOptions): Promise<{ results: CloudBackupRestoreJob[] }> => ({
  results: await clientFor(opts).listAllCloudBackupRestoreJobs(args),
});
export const getAllCloudBackupRestoreJobsOutput = outputForm(getAllCloudBackupRestoreJobs);

/**
 * Resolves with the COMPLETED job; rejects with RestoreJobFailedError / RestoreTimeoutError /
 * RestoreJobVanishedError. Bad arguments are rejected (InputValidationError) before any request.
 */
export async function waitForTenantRestoreJob(args: WaitForTenantRestoreJobArgs, opts?: LookupOptions): Promise<TenantRestoreJob> {
  const checked = parseInput(WaitForTenantRestoreJobArgs, args, "waitForTenantRestoreJob arguments");
  const { timeoutSeconds = RESTORE_TIMEOUT_SECONDS.default, pollIntervalSeconds, maxPollIntervalSeconds, ...ref } = checked;
  const client = clientFor(opts);
  return waitForRestoreJob({
    fetchJob: () => client.getTenantRestore(ref),
    timeoutMs: timeoutSeconds * 1000,
    policy: pollPolicyFor({ pollIntervalSeconds, maxPollIntervalSeconds }),
    clock: opts?.clock,
    label: "TenantRestore",
    request: { projectId: ref.projectId, clusterName: ref.clusterName },
  });
}
export const waitForTenantRestoreJobOutput = outputForm(waitForTenantRestoreJob);
