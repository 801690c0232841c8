import assert from "node:assert/strict";
import { PartialStateError } from "../../src/pulumi/restore-outputs";
import { ManualClock } from "../../src/util/clock";
import { PROVIDER_TEXT, startHarness, type Harness } from "./provider-harness";

const posts = (h: Harness) => h.sim.requestLog.count({ method: "POST" });
const writes = (h: Harness) => h.sim.requestLog.entries().filter((e) => e.method !== "GET").length;
const historyOf = (h: Harness) => h.sim.restoreHistory(h.sim.seed.defaultProjectId, h.sim.seed.defaultTargetCluster);

describe("TenantRestore provider against the simulator", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("create restores, waits for COMPLETED and returns every output", async () => {
    h = await startHarness();
    const { id, outs } = await h.provider.create(h.inputs());
    assert.match(id, /^[a-f0-9]{24}$/);
    assert.equal(outs.restoreJobId, id);
    assert.equal(outs.status, "COMPLETED");
    assert.equal(outs.adopted, false);
    assert.equal(outs.projectId, h.sim.seed.defaultProjectId);
    assert.equal(outs.clusterName, "prod-m2");
    assert.equal(outs.snapshotId, h.sim.seed.defaultSnapshotId);
    assert.equal(outs.targetProjectId, h.sim.seed.defaultProjectId);
    assert.equal(outs.targetDeploymentItemName, "staging-m2");
    for (const f of ["deliveryType", "restoreScheduledDate", "restoreFinishedDate"]) assert.equal(typeof outs[f], "string", f);
    assert.ok(!Object.values(outs).includes(undefined), "no undefined values (protobuf Structs reject them)");
    assert.equal(posts(h), 1);
    assert.equal(historyOf(h).length, 1);
    assert.ok(h.logs.some((l) => /→ COMPLETED after \d+ s/.test(l)), h.logs.join("\n"));
    assert.ok(h.logs.length <= 4, "one line per status change, not per poll");
  });

  it("FAILED rejects with partial state: id, outputs, __provider and reasons", async () => {
    h = await startHarness();
    h.sim.failRestores({ targetDeploymentItemName: "staging-m2" });
    const err = await h.provider.create(h.inputs()).catch((e) => e);
    assert.ok(err instanceof PartialStateError);
    assert.match(err.id, /^[a-f0-9]{24}$/);
    assert.equal(err.properties.status, "FAILED");
    assert.equal(err.properties.restoreJobId, err.id);
    assert.equal(err.properties.__provider, PROVIDER_TEXT);
    assert.deepEqual(err.reasons, [err.message]);
    assert.match(err.message, /FAILED/);
    assert.match(err.message, new RegExp(err.id));
  });

  it("a later update of a FAILED job fails again with advice and makes no request", async () => {
    h = await startHarness();
    const olds = { ...h.inputs(), restoreJobId: "6651f0c2e4b0a1b2c3d4e5f6", status: "FAILED" };
    const err = await h.provider.update("6651f0c2e4b0a1b2c3d4e5f6", olds, h.inputs()).catch((e) => e);
    assert.ok(err instanceof PartialStateError);
    assert.match(err.message, /--replace/);
    assert.equal(err.properties.__provider, PROVIDER_TEXT);
    assert.equal(h.sim.requestLog.count(), 0);
  });

  it("timeout rejects with partial state; a later update resumes the same job (one job in Atlas)", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 1000, queuedMs: 1000, runningMs: 3000 } });
    const err = await h.provider.create(h.inputs({ timeoutSeconds: 1, pollIntervalSeconds: 0.5 })).catch((e) => e);
    assert.ok(err instanceof PartialStateError, String(err));
    assert.match(err.message, /still (PENDING|QUEUED) after 1 s/);
    assert.match(err.message, /pulumi up` again/);
    assert.equal(err.properties.__provider, PROVIDER_TEXT);
    // The engine recorded the resource with init errors; the next `up` calls update with these outputs.
    const diff = await h.provider.diff(err.id, err.properties, h.inputs());
    assert.equal(diff.changes, true);
    assert.equal(diff.replaces, undefined);
    const { outs } = await h.provider.update(err.id, err.properties, h.inputs({ timeoutSeconds: 600 }));
    assert.equal(outs.status, "COMPLETED");
    assert.equal(outs.restoreJobId, err.id);
    assert.equal(posts(h), 1);
    assert.equal(historyOf(h).length, 1);
  });

  it("a response lost after the POST is adopted: exactly one job", async () => {
    h = await startHarness();
    h.sim.faults.add({ method: "POST", kind: "lost-response" });
    const { id, outs } = await h.provider.create(h.inputs());
    assert.equal(outs.adopted, true);
    assert.equal(outs.status, "COMPLETED");
    assert.equal(posts(h), 1);
    assert.equal(historyOf(h).length, 1);
    assert.equal(historyOf(h)[0].restoreJobId, id);
  });

  it("a second create for the same restore (interrupted run) adopts the finished job", async () => {
    h = await startHarness();
    const first = await h.provider.create(h.inputs());
    const second = await h.provider.create(h.inputs());
    assert.equal(second.id, first.id);
    assert.equal(second.outs.adopted, true);
    assert.equal(posts(h), 1);
  });

  it("after delete, a replacement in the same process starts a new restore instead of adopting", async () => {
    h = await startHarness();
    const first = await h.provider.create(h.inputs());
    await h.provider.delete(first.id, first.outs);
    assert.ok(h.logs.some((l) => /stays in place on staging-m2/.test(l)));
    const second = await h.provider.create(h.inputs());
    assert.notEqual(second.id, first.id);
    assert.equal(posts(h), 2);
  });

  it("waitForCompletion false returns as soon as Atlas accepted the job", async () => {
    h = await startHarness({ lifecycle: { pendingMs: 60_000, queuedMs: 1, runningMs: 1 } });
    const { outs } = await h.provider.create(h.inputs({ waitForCompletion: false }));
    assert.equal(outs.status, "PENDING");
    assert.equal(h.sim.requestLog.count({ method: "GET", path: /restores\/[a-f0-9]{24}$/ }), 0);
  });

  it("read refreshes the job, and keeps it as last seen (jobVisible: false) when Atlas answers 404", async () => {
    h = await startHarness();
    const { id, outs } = await h.provider.create(h.inputs());
    const fresh = await h.provider.read(id, { ...outs, __provider: PROVIDER_TEXT });
    assert.equal(fresh.id, id);
    assert.equal(fresh.props.status, "COMPLETED");
    assert.equal(fresh.props.jobVisible, true);
    assert.ok(h.sim.removeRestoreJob(id));
    const gone = await h.provider.read(id, { ...outs, __provider: PROVIDER_TEXT });
    assert.equal(gone.id, id);
    assert.deepEqual(gone.props, { ...outs, jobVisible: false });
  });

  it("an unchanged program: diff says no changes and nothing is sent", async () => {
    h = await startHarness();
    const { id, outs } = await h.provider.create(h.inputs());
    h.sim.requestLog.clear();
    assert.deepEqual(await h.provider.check(outs, h.inputs()), { inputs: h.inputs() });
    assert.deepEqual(await h.provider.diff(id, outs, h.inputs()), { changes: false });
    const updated = await h.provider.update(id, outs, h.inputs({ timeoutSeconds: 90 }));
    assert.equal(updated.outs.timeoutSeconds, 90);
    assert.equal(updated.outs.status, "COMPLETED");
    assert.equal(h.sim.requestLog.count(), 0);
    assert.equal(writes(h), 0);
  });

  it("create without credentials fails before any request, naming config keys and env vars", async () => {
    h = await startHarness();
    await h.provider.configure({ config: { get: () => undefined, require: () => "" } });
    const err = await h.provider.create(h.inputs()).catch((e) => e);
    assert.match(err.message, /mongodbatlas:publicKey/);
    assert.match(err.message, /MONGODB_ATLAS_PUBLIC_API_KEY/);
    assert.equal(h.sim.requestLog.count(), 0);
  });
});
