import assert from "node:assert/strict";
import { ManualClock } from "../../src/util/clock";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { SimClient, paths } from "./sim-client";

describe("simulator restore job lifecycle", () => {
  let sim: AtlasSimulator;
  let client: SimClient;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startAtlasSimulator({ now: () => clock.now(), lifecycle: { pendingMs: 100, queuedMs: 200, runningMs: 300 } });
    client = new SimClient(sim);
  });
  afterEach(() => sim.stop());

  const restore = (target = "staging-m2", snapshotId = sim.seed.defaultSnapshotId) =>
    client.post(paths(sim).tenantRestore, { snapshotId, targetDeploymentItemName: target });
  const status = async (id: string) => (await client.get(`${paths(sim).tenantRestores}/${id}`)).json;

  it("moves PENDING → QUEUED → RUNNING → COMPLETED by the injected clock alone", async () => {
    const { id } = (await restore()).json;
    const seen: string[] = [];
    for (const step of [0, 100, 200, 300]) {
      clock.advance(step);
      seen.push((await status(id)).status);
    }
    assert.deepEqual(seen, ["PENDING", "QUEUED", "RUNNING", "COMPLETED"]);
    const done = await status(id);
    assert.equal(done.restoreFinishedDate, new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z"));
  });

  it("appends a completed RESTORE to the target's restore history exactly once", async () => {
    const { id } = (await restore()).json;
    assert.deepEqual(sim.restoreHistory(sim.seed.defaultProjectId, "staging-m2"), []);
    clock.advance(600);
    for (let i = 0; i < 3; i++) await status(id);
    const history = sim.restoreHistory(sim.seed.defaultProjectId, "staging-m2");
    assert.equal(history.length, 1);
    assert.deepEqual(history[0], {
      restoreJobId: id, snapshotId: sim.seed.defaultSnapshotId, sourceProjectId: sim.seed.defaultProjectId,
      sourceClusterName: "prod-m2", at: new Date(clock.now()).toISOString(),
    });
    assert.equal(sim.restoreHistory(sim.seed.defaultProjectId, "staging-m2").length, 1);
    assert.deepEqual(sim.restoreHistory(sim.seed.defaultProjectId, "prod-m2"), [], "DOWNLOAD jobs and sources are not restored");
  });

  it("records completion even when nobody polls (restoreHistory evaluates lazily)", async () => {
    await restore();
    clock.advance(10_000);
    assert.equal(sim.restoreHistory(sim.seed.defaultProjectId, "staging-m2").length, 1);
  });

  it("ends jobs matched by failRestores in FAILED, without touching the target's history", async () => {
    sim.failRestores({ targetDeploymentItemName: "staging-m2", times: 1 });
    const failing = (await restore()).json;
    clock.advance(600);
    const failed = await status(failing.id);
    assert.equal(failed.status, "FAILED");
    assert.equal(failed.restoreFinishedDate, undefined);
    assert.deepEqual(sim.restoreHistory(sim.seed.defaultProjectId, "staging-m2"), []);
    const next = (await restore()).json;
    clock.advance(600);
    assert.equal((await status(next.id)).status, "COMPLETED", "times: 1 fails only one job");
  });

  it("matches failRestores by snapshot id, for every matching job by default", async () => {
    sim.failRestores({ snapshotId: sim.seed.defaultSnapshotId });
    const a = (await restore("staging-m2")).json;
    const b = (await restore("staging-m5")).json;
    clock.advance(600);
    assert.equal((await status(a.id)).status, "FAILED");
    assert.equal((await status(b.id)).status, "FAILED");
  });

  it("refuses a second restore onto a target whose restore is unfinished with 409 naming the running job", async () => {
    const first = (await restore()).json;
    clock.advance(150);
    const second = await restore();
    assert.equal(second.status, 409);
    assert.equal(second.json.errorCode, "RESTORE_IN_PROGRESS");
    assert.match(second.json.detail, new RegExp(first.id));
    assert.match(second.json.detail, /QUEUED/);
    assert.equal((await restore("staging-m5")).status, 200, "another target is free");
    clock.advance(1000);
    assert.equal((await restore()).status, 200, "free again once COMPLETED");
  });

  it("applies state.lifecycle changes to jobs created afterwards", async () => {
    sim.state.lifecycle = { pendingMs: 0, queuedMs: 0, runningMs: 0 };
    const r = await restore();
    assert.equal(r.json.status, "COMPLETED");
    assert.equal(sim.restoreHistory(sim.seed.defaultProjectId, "staging-m2").length, 1);
  });
  it("appends a finished dedicated automated restore to its target's history once, never a download, a failed or a cancelled one", async () => {
    const jobs = paths(sim).cloudBackupRestoreJobs;
    const projectId = sim.seed.defaultProjectId;
    const snapshotId = sim.seed.defaultDedicatedSnapshotId;
    const automated = async () => {
      const r = await client.post(jobs, { deliveryType: "automated", snapshotId, targetClusterName: "staging-m10", targetGroupId: projectId });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json;
    };
    const history = () => sim.restoreHistory(projectId, "staging-m10");
    const before = history().length;
    sim.failRestores({ targetDeploymentItemName: "staging-m10", times: 1 });
    await automated();
    clock.advance(600);
    assert.equal(history().length, before, "a failed restore restored nothing");
    const cancelled = await automated();
    // Atlas refuses to cancel an automated restore over the API (400); one cancelled by other means still restored nothing.
    assert.equal((await client.request("DELETE", `${jobs}/${cancelled.id}`)).status, 400);
    sim.state.cloudBackupJobs.get(cancelled.id)!.cancelled = true;
    clock.advance(600);
    assert.equal(history().length, before, "a cancelled restore is not counted");
    const done = await automated();
    await client.post(jobs, { deliveryType: "download", snapshotId });
    assert.equal(history().length, before, "nothing before finishedAt");
    clock.advance(600);
    for (let i = 0; i < 2; i++) await client.get(`${jobs}/${done.id}`);
    assert.deepEqual(history().slice(before), [
      { restoreJobId: done.id, snapshotId, sourceProjectId: projectId, sourceClusterName: sim.seed.defaultDedicatedCluster, at: new Date(clock.now()).toISOString() },
    ]);
    assert.deepEqual(sim.restoreHistory(projectId, sim.seed.defaultDedicatedCluster), [], "a download restores nothing");
  });
});
