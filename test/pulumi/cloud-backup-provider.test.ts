import assert from "node:assert/strict";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { PartialStateError } from "../../src/pulumi/restore-outputs";
import { configureRequest, PROVIDER_TEXT, startHarness, type Harness } from "./provider-harness";

const HOUR_S = 3600;
const posts = (h: Harness) => h.sim.requestLog.count({ method: "POST" });
const writes = (h: Harness) => h.sim.requestLog.entries().filter((e) => e.method !== "GET").length;

/** The simulator of startHarness with a CloudBackupRestore provider configured for it. */
async function dedicatedHarness(): Promise<Harness & { cb: Required<dynamic.ResourceProvider>; dedicated(over?: Record<string, unknown>): Record<string, unknown> }> {
  const h = await startHarness();
  const cb = restoreProvider("cloudBackup") as Required<dynamic.ResourceProvider>;
  await cb.configure(configureRequest({ "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url }));
  const dedicated = (over: Record<string, unknown> = {}) => ({
    projectId: h.sim.seed.defaultProjectId,
    clusterName: "prod-m10",
    deliveryType: "automated",
    snapshotId: h.sim.seed.defaultDedicatedSnapshotId,
    targetClusterName: "staging-m10",
    pollIntervalSeconds: 0.01,
    timeoutSeconds: 60,
    __provider: PROVIDER_TEXT,
    ...over,
  });
  return Object.assign(h, { cb, dedicated });
}

const pit = (over: Record<string, unknown> = {}) => ({
  deliveryType: "pointInTime",
  snapshotId: undefined,
  pointInTimeUTCSeconds: Math.floor(Date.now() / 1000) - 2 * HOUR_S,
  ...over,
});
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("CloudBackupRestore provider against the simulator", () => {
  let h: Awaited<ReturnType<typeof dedicatedHarness>>;
  beforeEach(async () => (h = await dedicatedHarness()));
  afterEach(async () => h?.stop());

  it("automated: one POST, waits to COMPLETED; unchanged → no change; refresh keeps it; destroy forgets it with the message", async () => {
    const inputs = h.dedicated();
    const { id, outs } = await h.cb.create(inputs);
    assert.equal(outs.status, "COMPLETED");
    assert.equal(outs.restoreJobId, id);
    assert.equal(outs.targetProjectId, h.sim.seed.defaultProjectId);
    assert.equal(typeof outs.finishedAt, "string");
    assert.equal(typeof outs.snapshotTimestamp, "string");
    assert.equal(outs.adopted, false);
    assert.equal(posts(h), 1);
    assert.ok(!Object.values(outs).includes(undefined));
    assert.deepEqual(await h.cb.diff(id, outs, inputs), { changes: false });
    const read = await h.cb.read(id, outs);
    assert.equal(read.props?.status, "COMPLETED");
    await h.cb.delete(id, outs);
    assert.equal(writes(h), 1, "destroy sends nothing to Atlas for an automated restore");
    assert.ok(h.logs.some((l) => /removed from the stack only\. Atlas cannot undo a restore.*stays in place on staging-m10/.test(l)), h.logs.join("\n"));
  });

  it("pointInTime by pointInTimeUTCSeconds and by oplogTs/oplogInc: each one POST with that form", async () => {
    const a = await h.cb.create(compact(h.dedicated(pit())));
    assert.equal(a.outs.status, "COMPLETED");
    const ts = Math.floor(Date.now() / 1000) - 3 * HOUR_S;
    h.sim.state.lifecycle = { pendingMs: 0, queuedMs: 0, runningMs: 10 };
    const b = await h.cb.create(compact(h.dedicated(pit({ pointInTimeUTCSeconds: undefined, oplogTs: ts, oplogInc: 2, targetClusterName: "staging-m10" }))));
    assert.equal(b.outs.status, "COMPLETED");
    const bodies = h.sim.requestLog.entries({ method: "POST" }).map((e) => e.path);
    assert.equal(bodies.length, 2);
    assert.equal(h.sim.state.cloudBackupJobs.get(b.id)?.oplogTs, ts);
    assert.equal(h.sim.state.cloudBackupJobs.get(a.id)?.pointInTimeUTCSeconds, a.outs.pointInTimeUTCSeconds);
  });

  it("download: ready with delivery URLs (a secret output); destroy cancels it in Atlas (DELETE)", async () => {
    const { id, outs } = await h.cb.create(compact(h.dedicated({ deliveryType: "download", targetClusterName: undefined })));
    assert.equal(outs.status, "COMPLETED");
    assert.ok(Array.isArray(outs.deliveryUrls) && (outs.deliveryUrls as string[])[0]!.startsWith("https://"));
    await h.cb.delete(id, outs);
    assert.equal(h.sim.requestLog.count({ method: "DELETE" }), 1);
    assert.equal(h.sim.state.cloudBackupJobs.get(id)?.cancelled, true);
    assert.ok(h.logs.some((l) => l.includes(`CloudBackupRestore ${id}: cancelled in Atlas`)));
  });

  it("a failed job fails the update with partial state; the next update fails again without a POST", async () => {
    h.sim.failRestores({ targetDeploymentItemName: "staging-m10" });
    const err = await h.cb.create(h.dedicated()).catch((e) => e);
    assert.ok(err instanceof PartialStateError);
    assert.equal(err.properties.status, "FAILED");
    assert.match(err.message, new RegExp(`CloudBackupRestore job ${err.id} .*FAILED after`));
    const again = await h.cb.update(err.id, err.properties, h.dedicated()).catch((e) => e);
    assert.ok(again instanceof PartialStateError);
    assert.match(again.message, /FAILED \(as recorded by an earlier run\)/);
    assert.equal(posts(h), 1);
  });

  it("a cancelled and an expired job each fail the update naming the flag; no second POST", async () => {
    const started = await h.cb.create(h.dedicated({ waitForCompletion: false }));
    h.sim.state.cloudBackupJobs.get(started.id)!.cancelled = true;
    const cancelled = await h.cb.update(started.id, started.outs, h.dedicated()).catch((e) => e);
    assert.ok(cancelled instanceof PartialStateError);
    assert.match(cancelled.message, /CANCELLED after .*cancelled in Atlas/);
    assert.equal(cancelled.properties.status, "CANCELLED");

    const dl = await h.cb.create(compact(h.dedicated({ deliveryType: "download", targetClusterName: undefined, waitForCompletion: false })));
    h.sim.state.cloudBackupJobs.get(dl.id)!.expiresAt = 0;
    const expired = await h.cb.update(dl.id, dl.outs, compact(h.dedicated({ deliveryType: "download", targetClusterName: undefined }))).catch((e) => e);
    assert.ok(expired instanceof PartialStateError);
    assert.match(expired.message, /EXPIRED after .*download links expired/);
    assert.equal(posts(h), 2);
  });

  it("adopts an identical in-flight job instead of POSTing", async () => {
    const first = await h.cb.create(h.dedicated({ waitForCompletion: false }));
    const second = await h.cb.create(h.dedicated());
    assert.equal(second.id, first.id);
    assert.equal(second.outs.adopted, true);
    assert.equal(posts(h), 1);
  });

  it("check (pulumi preview) names each bad field and sends no request", async () => {
    const logBefore = h.sim.requestLog.count();
    const result = await h.cb.check({}, compact(h.dedicated({ deliveryType: "pointInTime", pointInTimeUTCSeconds: 1_700_000_000, oplogTs: 1_700_000_000, oplogInc: 1, targetClusterName: "prod-m10" })));
    const props = (result.failures ?? []).map((f) => f.property).sort();
    assert.deepEqual(props, ["pointInTimeUTCSeconds", "snapshotId", "targetClusterName"]);
    assert.equal(h.sim.requestLog.count(), logBefore);
  });

  it("check: maxPollIntervalSeconds below pollIntervalSeconds is named, with no request", async () => {
    const logBefore = h.sim.requestLog.count();
    const result = await h.cb.check({}, compact(h.dedicated({ pollIntervalSeconds: 5, maxPollIntervalSeconds: 2 })));
    assert.deepEqual((result.failures ?? []).map((f) => f.reason), [
      "maxPollIntervalSeconds must be at least pollIntervalSeconds (5): it bounds the pauses that pollIntervalSeconds starts; raise it or lower pollIntervalSeconds",
    ]);
    assert.equal(h.sim.requestLog.count(), logBefore);
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ["a Flex source", { clusterName: "prod-flex" }, /CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API.*FlexRestore/],
    ["an unknown snapshot", { snapshotId: "0123456789abcdef01234567" }, /SNAPSHOT_NOT_FOUND.*getLatestCloudBackupSnapshot/],
    ["a point in time outside the window", { deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: Math.floor(Date.now() / 1000) - 30 * 24 * HOUR_S }, /INVALID_POINT_IN_TIME.*window/],
    ["an unknown target cluster", { targetClusterName: "nope-m10" }, /CLUSTER_NOT_FOUND.*targetClusterName/],
    ["a restore already running on the target", { targetClusterName: "qa-m10" }, /CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE.*in progress.*Wait until that job finishes/],
    // Refused on the POST, after the source's jobs were listed: the message names the target, not the source.
    ["a Flex target", { targetClusterName: "staging-flex" }, /targetClusterName staging-flex is a Flex cluster.*choose a dedicated \(M10\+\) cluster as targetClusterName/],
    ["an M2 target", { targetClusterName: "staging-m2" }, /targetClusterName staging-m2 is an M0\/M2\/M5 cluster.*choose a dedicated \(M10\+\) cluster as targetClusterName/],
  ];
  for (const [name, over, message] of refusals) {
    it(`Atlas refuses ${name}: the message names the cause and what to do; at most one POST, no job`, async () => {
      const err = await h.cb.create(compact(h.dedicated(over))).catch((e) => e);
      assert.ok(err instanceof Error);
      assert.match(err.message.replace(/\n/g, " "), message);
      // The Flex name is refused already by the adoption look-up (GET), so not even one POST.
      assert.ok(posts(h) <= 1 && h.sim.state.cloudBackupJobs.size === 6, "no job was started");
    });
  }
});
