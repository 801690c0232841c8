import assert from "node:assert/strict";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { ManualClock } from "../../src/util/clock";
import { configureRequest, startHarness, type Harness } from "./provider-harness";

describe("cost of one create-and-wait (shared ManualClock: simulator time = waiter time)", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("a 60 s restore with default poll settings (no history): 11 API calls, completion seen 13.7 s late", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 10_000, queuedMs: 10_000, runningMs: 40_000 } });
    const start = clock.now();
    const { pollIntervalSeconds: _p, timeoutSeconds: _t, ...defaults } = h.inputs();
    const { outs } = await h.provider.create(defaults);
    const elapsed = clock.now() - start;
    const log = h.sim.requestLog.entries();
    const authenticated = log.filter((e) => e.authenticated);
    assert.equal(outs.status, "COMPLETED");
    // 1 list (adoption check) + 1 POST + 9 GETs at 1.5, 3.6, 6.54, 10.66, 16.42, 24.49, 35.78, 51.59, 73.73 s.
    assert.equal(authenticated.length, 11);
    assert.equal(authenticated.filter((e) => e.method === "GET" && /restores\/[a-f0-9]{24}$/.test(e.path)).length, 9);
    assert.equal(Math.round(elapsed), 73_729);
    console.log(
      `      60 s restore: ${authenticated.length} authenticated requests (${log.length} exchanges incl. digest challenges), ` +
        `finished after ${elapsed / 1000} s → noticed ${(elapsed - 60_000) / 1000} s late`,
    );
  });

  it("FlexRestore shares all of it (API v2 Flex paths)", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock });
    const flex = restoreProvider("flex");
    await flex.configure!(
      configureRequest({ "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url }),
    );
    const inputs = h.inputs({
      clusterName: h.sim.seed.defaultFlexSourceCluster,
      snapshotId: h.sim.seed.defaultFlexSnapshotId,
      targetDeploymentItemName: h.sim.seed.defaultFlexTargetCluster,
    });
    h.sim.faults.add({ method: "POST", kind: "lost-response" });
    const { id, outs } = await flex.create(inputs);
    assert.equal(outs.status, "COMPLETED");
    assert.equal(outs.adopted, true);
    assert.equal(outs.clusterName, h.sim.seed.defaultFlexSourceCluster);
    assert.ok(h.sim.requestLog.entries().every((e) => e.path.startsWith("/api/atlas/v2/") && e.path.includes("/flexClusters/")));
    assert.equal(h.sim.requestLog.count({ method: "POST" }), 1);
    const history = h.sim.restoreHistory(h.sim.seed.defaultProjectId, h.sim.seed.defaultFlexTargetCluster);
    assert.deepEqual(history.map((e) => e.restoreJobId), [id]);
  });

  it("a 10 min restore of a cluster with history: denser polls near the expected finish (seen sooner than without), progress lines with the estimate", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 30_000, queuedMs: 30_000, runningMs: 540_000 } });
    h.sim.seedRestoreHistory(h.sim.seed.defaultProjectId, h.sim.seed.defaultSourceCluster, {
      count: 10, seed: 3, durations: { kind: "triangular", minMs: 540_000, maxMs: 660_000 },
    });
    const start = clock.now();
    const { pollIntervalSeconds: _p, timeoutSeconds: _t, ...defaults } = h.inputs();
    const { outs } = await h.provider.create(defaults);
    assert.equal(outs.status, "COMPLETED");
    const polls = h.sim.requestLog.entries().filter((e) => e.authenticated && e.method === "GET" && /restores\/[a-f0-9]{24}$/.test(e.path));
    const lagMs = clock.now() - start - 600_000;
    // Without history: 27 polls, seen 13.7 s late (BENCHMARKS.md, waiting). With it, at most 10 more polls and half the lag.
    assert.ok(polls.length <= 27 + 10 && lagMs <= 13_730 / 2, `${polls.length} polls, lag ${lagMs} ms`);
    assert.match(h.logs[0]!, /: PENDING, usually done in ~10 min$/);
    assert.ok(h.logs.some((l) => /: RUNNING for \d+ min, usually done in ~10 min$/.test(l)), h.logs.join("\n"));
  });

  it("an explicit pollIntervalSeconds wins over the history", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 0, queuedMs: 0, runningMs: 600_000 } });
    h.sim.seedRestoreHistory(h.sim.seed.defaultProjectId, h.sim.seed.defaultSourceCluster, { count: 5, durations: { kind: "fixed", durationsMs: [600_000] } });
    const { timeoutSeconds: _t, ...inputs } = h.inputs({ pollIntervalSeconds: 60 });
    await h.provider.create(inputs);
    const polls = h.sim.requestLog.entries().filter((e) => e.authenticated && e.method === "GET" && /restores\/[a-f0-9]{24}$/.test(e.path));
    assert.equal(polls.length, 10, "every 60 s, as asked");
  });

  it("a wait resumed after a timeout lists the history once and keeps polling by the forecast (economy mode: a few polls)", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 30_000, queuedMs: 30_000, runningMs: 540_000 } });
    h.sim.seedRestoreHistory(h.sim.seed.defaultProjectId, h.sim.seed.defaultSourceCluster, { count: 5, durations: { kind: "fixed", durationsMs: [600_000] } });
    const { pollIntervalSeconds: _p, ...inputs } = h.inputs({ timeoutSeconds: 120, maxPollIntervalSeconds: 3600 });
    const err = (await h.provider.create(inputs).then(
      () => assert.fail("a 10 min restore cannot finish within a 120 s timeout"),
      (e: unknown) => e,
    )) as { id: string; properties: Record<string, unknown> };
    assert.ok(err.id, String(err));
    h.sim.requestLog.clear();
    h.logs.length = 0;
    const { outs } = await h.provider.update(err.id, err.properties, { ...inputs, timeoutSeconds: 3600 });
    assert.equal(outs.status, "COMPLETED");
    const log = h.sim.requestLog.entries().filter((e) => e.authenticated);
    assert.equal(log.filter((e) => /restores$/.test(e.path)).length, 1, "one listing for the forecast");
    assert.ok(log.length <= 8, `${log.length} requests to resume a 10 min restore 2 min in`);
    assert.match(h.logs[0]!, /usually done in ~10 min/);
  });

  /**
   * A 1 h restore of dedicated cluster hist-m10 onto hist-target, whose 8 earlier restores took
   * `historyMs` (triangular on [min, max]), created with `extra` inputs on a shared ManualClock.
   */
  async function dedicatedRestoreWithHistory(historyMs: { minMs: number; maxMs: number }, extra: Record<string, unknown>) {
    const clock = new ManualClock();
    const history = { count: 8, seed: 4, durations: { kind: "triangular", ...historyMs } } as const;
    h = await startHarness({
      now: () => clock.now(), clock, lifecycle: { pendingMs: 0, queuedMs: 0, runningMs: 3_600_000 },
      seed: { projects: [{ name: "seed-project", dedicatedClusters: [{ name: "hist-m10", snapshots: 1, restoreHistory: history }, { name: "hist-target" }] }] },
    });
    const cb = restoreProvider("cloudBackup");
    await cb.configure!(configureRequest({ "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url }));
    const source = h.sim.seed.projects.flatMap((p) => p.dedicatedClusters).find((c) => c.name === "hist-m10")!;
    const started = clock.now();
    const { outs } = await cb.create!({
      projectId: h.sim.seed.defaultProjectId, clusterName: "hist-m10", deliveryType: "automated", snapshotId: source.snapshots[0]!.id,
      targetClusterName: "hist-target", ...extra, __provider: "<serialized provider>",
    });
    const polls = h.sim.requestLog.entries().filter((e) => e.authenticated && e.route === "getCloudBackupRestoreJob");
    return { outs, polls: polls.length, lagMs: clock.now() - (started + 3_600_000) };
  }

  it("CloudBackupRestore (dedicated) has no history (Atlas sends no start date): it says so and checks on the plain schedule", async () => {
    const { outs, polls } = await dedicatedRestoreWithHistory({ minMs: 48 * 60_000, maxMs: 72 * 60_000 }, { timeoutSeconds: 7200 });
    assert.equal(outs.status, "COMPLETED");
    assert.match(h.logs.join("\n"), /no duration forecast \(no history\): Atlas does not report when a dedicated-cluster restore started/);
    assert.ok(!h.logs.some((l) => /usually done in/.test(l)), "no forecast is made from a field Atlas does not send");
    // The plain schedule: 1.5 s ×1.4 up to 30 s, so about one poll per 30 s for an hour.
    assert.ok(polls >= 3_600_000 / 30_000 && polls <= 3_600_000 / 30_000 + 15, `${polls} polls for a 1 h dedicated restore`);
  });

  it("by default no pause of a forecast wait is longer than 30 s: a job 3× shorter than its history is seen within 30 s", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 0, queuedMs: 0, runningMs: 3_600_000 } });
    h.sim.seedRestoreHistory(h.sim.seed.defaultProjectId, h.sim.seed.defaultSourceCluster, {
      count: 8, seed: 4, durations: { kind: "triangular", minMs: 2.7 * 3_600_000, maxMs: 3.3 * 3_600_000 },
    });
    const { pollIntervalSeconds: _p, ...inputs } = h.inputs({ timeoutSeconds: 14_400 });
    const started = clock.now();
    const { outs } = await h.provider.create(inputs);
    const polls = h.sim.requestLog.entries().filter((e) => e.authenticated && e.method === "GET" && /restores\/[a-f0-9]{24}$/.test(e.path)).length;
    const lagMs = clock.now() - (started + 3_600_000);
    assert.equal(outs.status, "COMPLETED");
    assert.match(h.logs[0]!, /usually done in ~(2 h 5\d min|3 h( \d+ min)?)$/, `the forecast is still made (and shown): ${h.logs[0]}`);
    assert.ok(lagMs >= 0 && lagMs <= 30_000, `a 1 h restore with a 3 h history seen ${lagMs / 1000} s after it finished`);
    assert.ok(polls <= 127 + 10, `${polls} polls: about one per 30 s, as without history (127)`);
  });
});
