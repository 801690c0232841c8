import assert from "node:assert/strict";
import { ManualClock } from "../../src/util/clock";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { RateLimiter } from "../../src/simulator/rate-limit";
import { SimClient, paths } from "./sim-client";

describe("simulator rate limit", () => {
  let sim: AtlasSimulator;
  let client: SimClient;
  const clock = new ManualClock();
  before(async () => {
    sim = await startAtlasSimulator({ now: () => clock.now(), rateLimit: { requestsPerMinute: 60, burst: 3 } });
    client = new SimClient(sim);
  });
  after(() => sim.stop());

  it("answers 429 RATE_LIMITED with Retry-After and RateLimit headers once a project's bucket is empty", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.get(paths(sim).tenantSnapshots);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("ratelimit-limit"), "60");
      remaining.push(r.headers.get("ratelimit-remaining")!);
    }
    assert.deepEqual(remaining, ["2", "1", "0"]);
    const limited = await client.get(paths(sim).tenantSnapshots);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.errorCode, "RATE_LIMITED");
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal(limited.headers.get("ratelimit-remaining"), "0");
    assert.equal(limited.headers.get("ratelimit-limit"), "60");

    const other = `/api/atlas/v2/groups/${sim.seed.defaultTargetProjectId}/clusters/staging-m2/backup/tenant/snapshots`;
    assert.equal((await client.get(other)).status, 200, "buckets are per project");

    clock.advance(1000);
    assert.equal((await client.get(paths(sim).tenantSnapshots)).status, 200, "one token back after a second");
  });

  it("does not process a rate-limited POST", async () => {
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) await client.get(paths(sim).tenantSnapshots);
    const r = await client.post(paths(sim).tenantRestore, { snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m2" });
    assert.equal(r.status, 429);
    assert.equal([...sim.state.restoreJobs.values()].filter((j) => j.deliveryType === "RESTORE").length, 0);
  });

  it("computes Retry-After in whole seconds from the refill rate", () => {
    const t = new ManualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 6 }, () => t.now());
    for (let i = 0; i < 6; i++) assert.equal(limiter.take("p").allowed, true);
    const refused = limiter.take("p");
    assert.deepEqual(refused, { allowed: false, limit: 6, remaining: 0, retryAfterSeconds: 10 });
    t.advance(10_000);
    assert.equal(limiter.take("p").allowed, true);
  });
});
