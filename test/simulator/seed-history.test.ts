import assert from "node:assert/strict";
import { drawDurations, seededRandom } from "../../src/simulator/seed-history";
import { startAtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { paths, useSimulator } from "./sim-client";

const MIN = 60_000;

describe("simulator restore history with drawn durations", () => {
  it("draws the same durations for the same seed, others for another, inside the distribution", () => {
    const triangle = { kind: "triangular", minMs: 8 * MIN, maxMs: 12 * MIN } as const;
    const a = drawDurations(triangle, 50, seededRandom(7));
    assert.deepEqual(drawDurations(triangle, 50, seededRandom(7)), a);
    assert.notDeepEqual(drawDurations(triangle, 50, seededRandom(8)), a);
    assert.ok(a.every((d) => d >= 8 * MIN && d <= 12 * MIN));
    const middle = a.filter((d) => d > 9 * MIN && d < 11 * MIN).length;
    assert.ok(middle > 50 / 2, `a triangle puts most draws near the mode (${middle} of 50 in the middle half)`);
    const uniform = drawDurations({ kind: "uniform", minMs: MIN, maxMs: 2 * MIN }, 50, seededRandom(1));
    assert.ok(uniform.every((d) => d >= MIN && d < 2 * MIN));
    assert.deepEqual(drawDurations({ kind: "fixed", durationsMs: [1, 2] }, 3, seededRandom(1)), [1, 2, 1]);
  });

  describe("served by the routes", () => {
    const t = useSimulator();

    it("tenant and Flex: finished RESTORE jobs whose dates are the drawn durations apart, the oldest FAILED", async () => {
      const p = paths(t.sim);
      const durations = t.sim.seedRestoreHistory(t.sim.seed.defaultProjectId, t.sim.seed.defaultSourceCluster, {
        count: 4, failed: 1, durations: { kind: "fixed", durationsMs: [6 * MIN, 7 * MIN, 5 * MIN, 9 * MIN] },
      });
      assert.deepEqual(durations, [6 * MIN, 7 * MIN, 5 * MIN, 9 * MIN]);
      const jobs = (await t.client.get(p.tenantRestores)).json.results.filter((j: { deliveryType: string }) => j.deliveryType === "RESTORE");
      assert.equal(jobs.length, 4);
      const completed = jobs.filter((j: { status: string }) => j.status === "COMPLETED");
      const seen = completed.map((j: { restoreScheduledDate: string; restoreFinishedDate: string }) => Date.parse(j.restoreFinishedDate) - Date.parse(j.restoreScheduledDate));
      assert.deepEqual([...seen].sort(), [5 * MIN, 6 * MIN, 7 * MIN].sort());
      assert.equal(jobs.filter((j: { status: string }) => j.status === "FAILED").length, 1);

      t.sim.seedRestoreHistory(t.sim.seed.defaultProjectId, t.sim.seed.defaultFlexSourceCluster, { count: 3, durations: { kind: "fixed", durationsMs: [MIN] } });
      const flex = (await t.client.get(p.flexRestoreJobs)).json.results.filter((j: { deliveryType: string }) => j.deliveryType === "RESTORE");
      assert.equal(flex.length, 3);
      assert.ok(flex.every((j: { restoreScheduledDate: string; restoreFinishedDate: string }) => Date.parse(j.restoreFinishedDate) - Date.parse(j.restoreScheduledDate) === MIN));
    });

    it("dedicated: finished automated Cloud Backup jobs from their (internal) start to finishedAt", async () => {
      const list = async () => (await t.client.get(`${paths(t.sim).cloudBackupRestoreJobs}?itemsPerPage=500`)).json.results as Array<Record<string, unknown>>;
      const before = new Set((await list()).map((j) => j.id));
      t.sim.seedRestoreHistory(t.sim.seed.defaultProjectId, t.sim.seed.defaultDedicatedCluster, { count: 2, durations: { kind: "fixed", durationsMs: [20 * MIN, 30 * MIN] } });
      const added = (await list()).filter((j) => !before.has(j.id));
      // Atlas's answers carry no creation time: it is read from the simulator's state.
      const startOf = (id: unknown) => t.sim.state.cloudBackupJobs.get(String(id))!.createdAt;
      assert.ok(added.every((j) => !("createdAt" in j)));
      assert.deepEqual(added.map((j) => Date.parse(String(j.finishedAt)) - startOf(j.id)), [20 * MIN, 30 * MIN]);
      assert.ok(added.every((j) => j.deliveryType === "automated" && j.failed === false && j.cancelled === false));
    });

    it("rejects an unknown cluster and nonsense distributions", () => {
      assert.throws(() => t.sim.seedRestoreHistory(t.sim.seed.defaultProjectId, "nope", { count: 1, durations: { kind: "fixed", durationsMs: [1] } }), /no cluster nope/);
      const src = t.sim.seed.defaultSourceCluster;
      assert.throws(() => t.sim.seedRestoreHistory(t.sim.seed.defaultProjectId, src, { count: 1, durations: { kind: "uniform", minMs: 2, maxMs: 1 } }), RangeError);
      assert.throws(() => t.sim.seedRestoreHistory(t.sim.seed.defaultProjectId, src, { count: -1, durations: { kind: "fixed", durationsMs: [1] } }), RangeError);
    });
  });

  it("can be seeded at start from the seed options", async () => {
    const clock = new ManualClock();
    const sim = await startAtlasSimulator({
      now: () => clock.now(),
      seed: { projects: [{ name: "h", tenantClusters: [{ name: "src", restoreHistory: { count: 3, seed: 5, durations: { kind: "uniform", minMs: MIN, maxMs: 2 * MIN } } }] }] },
    });
    try {
      assert.equal([...sim.state.restoreJobs.values()].filter((j) => j.clusterName === "src" && j.deliveryType === "RESTORE").length, 3);
    } finally {
      await sim.stop();
    }
  });
});
