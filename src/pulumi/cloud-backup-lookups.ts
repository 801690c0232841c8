import { cloudBackupRestoreFamily } from "../restore/cloud-backup-family";
import { epochMs } from "../restore/cloud-backup-job";
import { pollPolicyFor } from "../restore/poll-policy";
import { waitForRestoreJob } from "../restore/wait-for-restore-job";
import type { CloudBackupSnapshot, GetCloudBackupRestoreParams } from "../schemas/cloud-backup";
import type { ClusterRef, GetSnapshotParams } from "../schemas/requests";
import { RESTORE_TIMEOUT_SECONDS } from "../schemas/restore-args";
import type { CloudBackupRestoreJob } from "../schemas/restore-job";
import { clientFor, outputForm, type LookupOptions } from "./lookup-support";

/** Lookups of dedicated (M10+) clusters' Cloud Backup restore jobs and snapshots; see lookup-support.ts for the forms. */

export const getCloudBackupRestoreJob = async (args: GetCloudBackupRestoreParams, opts?: LookupOptions): Promise<CloudBackupRestoreJob> =>
  clientFor(opts).getCloudBackupRestoreJob(args);
export const getCloudBackupRestoreJobOutput = outputForm(getCloudBackupRestoreJob);

/** Every snapshot of a dedicated cluster (all pages), newest first as Atlas lists them. */
export const getCloudBackupSnapshots = async (args: ClusterRef, opts?: LookupOptions): Promise<{ results: CloudBackupSnapshot[] }> => {
  const results: CloudBackupSnapshot[] = [];
  for await (const s of clientFor(opts).iterateCloudBackupSnapshots(args)) results.push(s);
  return { results };
};
export const getCloudBackupSnapshotsOutput = outputForm(getCloudBackupSnapshots);

export const getCloudBackupSnapshot = async (args: GetSnapshotParams, opts?: LookupOptions): Promise<CloudBackupSnapshot> =>
  clientFor(opts).getCloudBackupSnapshot(args);
export const getCloudBackupSnapshotOutput = outputForm(getCloudBackupSnapshot);

export interface GetLatestCloudBackupSnapshotArgs extends ClusterRef {
  /** Refuse a newest snapshot older than this many hours. */
  maxAgeHours?: number;
}

/** The newest completed snapshot; an error naming the cluster when there is none or it is older than `maxAgeHours`. */
export async function getLatestCloudBackupSnapshot(args: GetLatestCloudBackupSnapshotArgs, opts?: LookupOptions): Promise<CloudBackupSnapshot> {
  const { maxAgeHours, ...ref } = args;
  if (maxAgeHours !== undefined && !(maxAgeHours > 0)) throw new RangeError(`getLatestCloudBackupSnapshot: maxAgeHours must be > 0, got ${maxAgeHours}`);
  const { results } = await getCloudBackupSnapshots(ref, opts);
  const completed = results.filter((s) => s.status?.toLowerCase() === "completed" && epochMs(s.createdAt) !== undefined);
  const newest = completed.sort((a, b) => epochMs(b.createdAt)! - epochMs(a.createdAt)!)[0];
  const where = `cluster ${ref.clusterName} in project ${ref.projectId}`;
  if (newest === undefined) throw new Error(`${where} has no completed snapshot (${results.length} snapshots in all): enable Cloud Backup or take an on-demand snapshot first.`);
  const ageHours = ((opts?.clock?.now() ?? Date.now()) - epochMs(newest.createdAt)!) / 3_600_000;
  if (maxAgeHours !== undefined && ageHours > maxAgeHours) {
    throw new Error(
      `the newest completed snapshot of ${where} (${newest.id}, taken ${newest.createdAt}) is ${ageHours.toFixed(1)} hours old, ` +
        `older than maxAgeHours ${maxAgeHours}: check the cluster's backup policy, or raise maxAgeHours.`,
    );
  }
  return newest;
}
export const getLatestCloudBackupSnapshotOutput = outputForm(getLatestCloudBackupSnapshot);

export interface WaitForCloudBackupRestoreJobArgs extends GetCloudBackupRestoreParams {
  /** Default 3600. */
  timeoutSeconds?: number;
  /** First pause between checks (grows ×1.4 to 30 s); default 1.5. */
  pollIntervalSeconds?: number;
  /** The longest pause between checks; default 30 (with or without history; above 30: economy mode). */
  maxPollIntervalSeconds?: number;
}

/** Resolves with the finished job (a download: once it has its links); rejects when it failed, was cancelled or expired, or on timeout. */
export async function waitForCloudBackupRestoreJob(args: WaitForCloudBackupRestoreJobArgs, opts?: LookupOptions): Promise<CloudBackupRestoreJob> {
  const { timeoutSeconds = RESTORE_TIMEOUT_SECONDS.default, pollIntervalSeconds, maxPollIntervalSeconds, ...ref } = args;
  const client = clientFor(opts);
  return waitForRestoreJob({
    fetchJob: () => client.getCloudBackupRestoreJob(ref),
    reader: cloudBackupRestoreFamily,
    timeoutMs: timeoutSeconds * 1000,
    policy: pollPolicyFor({ pollIntervalSeconds, maxPollIntervalSeconds }),
    clock: opts?.clock,
    label: cloudBackupRestoreFamily.label,
    request: { projectId: ref.projectId, clusterName: ref.clusterName },
  });
}
export const waitForCloudBackupRestoreJobOutput = outputForm(waitForCloudBackupRestoreJob);
