import type { AtlasClient } from "../src/atlas";
import type { PollPolicy } from "../src/restore/poll-policy";
import { forecastRestore, type HistoryColumns } from "../src/restore/restore-forecast";
import { waitForRestoreJob } from "../src/restore/wait-for-restore-job";
import type { CloudBackupRestoreJob } from "../src/schemas/restore-job";
import type { AtlasSimulator } from "../src/simulator";
import type { ManualClock } from "../src/util/clock";

/**
 * Dedicated (Cloud Backup) restores for the forecast benchmark. Interim adapter until the
 * CloudBackupRestore family row (issue 10) lands: the simulator has no POST route for these jobs and
 * the client no single-job GET yet, so the job is put into the simulator's state as a POST would,
 * the adoption listing is one `listCloudBackupRestoreJobs` request (as adoption would make), and each
 * poll is one request for the newest job (page 1, 1 item: the job just started). The forecast and
 * the wait are the real ones (`forecastRestore`, `waitForRestoreJob` with the family's columns).
 */
const dateMs = (v: string | number | undefined) => (typeof v === "number" ? v : v === undefined ? undefined : Date.parse(v));

export const cloudBackupHistory: HistoryColumns<CloudBackupRestoreJob> = {
  startedAt: (job) => dateMs(job.createdAt),
  finishedAt: (job) => dateMs(job.finishedAt),
  phase: (job) => (job.failed || job.cancelled ? "failed" : job.finishedAt !== undefined ? "succeeded" : "inFlight"),
};

const withStatus = (job: CloudBackupRestoreJob) => ({ ...job, status: job.failed ? "FAILED" : job.finishedAt !== undefined ? "COMPLETED" : "RUNNING" });

export async function runDedicated(
  sim: AtlasSimulator,
  client: AtlasClient,
  clock: ManualClock,
  o: { source: string; target: string; durationMs: number; timeoutMs: number; policy: Readonly<PollPolicy> },
): Promise<{ finishedAt: number; gets: number }> {
  const projectId = sim.seed.defaultProjectId;
  const listed = await client.listAllCloudBackupRestoreJobs({ projectId, clusterName: o.source });
  const id = `6${Math.floor(clock.now() / 1000).toString(16).padStart(8, "0")}${"f".repeat(15)}`;
  const createdAt = Math.floor(clock.now() / 1000) * 1000;
  sim.state.cloudBackupJobs.set(id, {
    id, projectId, clusterName: o.source, deliveryType: "automated", snapshotId: id, snapshotTakenAt: createdAt - 3_600_000,
    targetClusterName: o.target, targetGroupId: projectId, createdAt, finishedAt: createdAt + o.durationMs,
    expiresAt: createdAt + o.durationMs, cancelled: false, failed: false,
  });
  const started: CloudBackupRestoreJob = { id, deliveryType: "automated", createdAt: new Date(createdAt).toISOString() };
  const forecast = forecastRestore(cloudBackupHistory, listed, started, { nowMs: clock.now(), started: true });
  let gets = 0;
  const fetchJob = async () => {
    gets++;
    const page = await client.listCloudBackupRestoreJobs({ projectId, clusterName: o.source, pageNum: 1, itemsPerPage: 1 });
    const job = page.results[0];
    if (job?.id !== id) throw new Error(`dedicated bench: newest job is ${job?.id}, not ${id}`);
    return withStatus(job);
  };
  const done = await waitForRestoreJob({ fetchJob, timeoutMs: o.timeoutMs, policy: o.policy, clock, initialJob: withStatus(started), forecast });
  if (done.status !== "COMPLETED") throw new Error(`dedicated: job ${id} ended ${done.status}`);
  return { finishedAt: createdAt + o.durationMs, gets };
}
