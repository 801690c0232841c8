import assert from "node:assert/strict";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { ManualClock } from "../../src/util/clock";
import { configureRequest, startHarness, type Harness } from "./provider-harness";

describe("cost of one create-and-wait (shared ManualClock: simulator time = waiter time)", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("a 60 s restore with default poll settings: 9 API calls, completion seen 4.3 s late", async () => {
    const clock = new ManualClock();
    h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 10_000, queuedMs: 10_000, runningMs: 40_000 } });
    const start = clock.now();
    const { pollIntervalSeconds: _p, timeoutSeconds: _t, ...defaults } = h.inputs();
    const { outs } = await h.provider.create(defaults);
    const elapsed = clock.now() - start;
    const log = h.sim.requestLog.entries();
    const authenticated = log.filter((e) => e.authenticated);
    assert.equal(outs.status, "COMPLETED");
    // 1 list (adoption check) + 1 POST + 7 GETs at 2, 5, 9.5, 16.25, 26.4, 41.6, 64.3 s.
    assert.equal(authenticated.length, 9);
    assert.equal(authenticated.filter((e) => e.method === "GET" && /restores\/[a-f0-9]{24}$/.test(e.path)).length, 7);
    assert.equal(elapsed, 64_343.75);
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
});
