import assert from "node:assert/strict";
import { AtlasClient } from "../../src/atlas";
import {
  getCloudBackupRestoreJob,
  getCloudBackupSnapshot,
  getCloudBackupSnapshots,
  getLatestCloudBackupSnapshot,
  waitForCloudBackupRestoreJob,
} from "../../src/pulumi";
import { RestoreJobFailedError } from "../../src/restore";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";

describe("Cloud Backup lookups against the simulator", () => {
  let sim: AtlasSimulator;
  let opts: { client: AtlasClient; clock: ManualClock };
  const clock = new ManualClock(Date.parse("2026-11-23T12:00:00Z"));
  const ref = () => ({ projectId: sim.seed.defaultProjectId, clusterName: "prod-m10" });
  before(async () => {
    sim = await startAtlasSimulator({ now: () => clock.now(), lifecycle: { pendingMs: 1000, queuedMs: 1000, runningMs: 8000 } });
    opts = { client: new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, env: {}, clock }), clock };
  });
  after(() => sim.stop());

  it("getCloudBackupSnapshots (every page), getCloudBackupSnapshot, getLatestCloudBackupSnapshot", async () => {
    const { results } = await getCloudBackupSnapshots(ref(), opts);
    assert.equal(results.length, 3);
    assert.equal((await getCloudBackupSnapshot({ ...ref(), snapshotId: results[2]!.id }, opts)).id, results[2]!.id);
    assert.equal((await getLatestCloudBackupSnapshot(ref(), opts)).id, sim.seed.defaultDedicatedSnapshotId);
  });

  it("getLatestCloudBackupSnapshot: clear errors for too old and for none", async () => {
    await assert.rejects(getLatestCloudBackupSnapshot({ ...ref(), maxAgeHours: 1 }, opts), /hours old, older than maxAgeHours 1/);
    await assert.rejects(getLatestCloudBackupSnapshot({ ...ref(), clusterName: "staging-m10" }, opts), /staging-m10 .* has no completed snapshot/);
  });

  it("getCloudBackupRestoreJob and waitForCloudBackupRestoreJob (resolves when finished, rejects a failed job)", async () => {
    const created = await opts.client.createCloudBackupRestoreJob({ ...ref(), deliveryType: "automated", snapshotId: sim.seed.defaultDedicatedSnapshotId, targetClusterName: "staging-m10" });
    assert.equal((await getCloudBackupRestoreJob({ ...ref(), restoreJobId: created.id }, opts)).id, created.id);
    const done = await waitForCloudBackupRestoreJob({ ...ref(), restoreJobId: created.id }, opts);
    assert.equal(typeof done.finishedAt, "string");
    const failedId = sim.seed.cloudBackupRestoreJobIds[3]!; // the seeded failed job
    await assert.rejects(waitForCloudBackupRestoreJob({ ...ref(), restoreJobId: failedId }, opts), (e) => e instanceof RestoreJobFailedError && /FAILED after/.test(e.message));
  });
});
