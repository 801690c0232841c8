import assert from "node:assert/strict";
import { AtlasClient } from "../../src/atlas/client";
import { AtlasConfigError } from "../../src/atlas/errors";
import { InputValidationError } from "../../src/schemas";
import { useSimulator } from "../simulator/sim-client";

describe("AtlasClient: collection restore jobs (v2, 2025-03-12)", () => {
  const t = useSimulator();
  const make = (apiVersion: "v1.0" | "v2" = "v2") =>
    new AtlasClient({ publicKey: t.sim.publicKey, privateKey: t.sim.privateKey, baseUrl: t.sim.url, apiVersion, clock: t.clock, env: {}, random: () => 0.5 });
  const source = () => ({ projectId: t.sim.seed.defaultProjectId, clusterName: t.sim.seed.defaultDedicatedCluster });
  const request = () => ({
    ...source(),
    snapshotId: t.sim.seed.defaultDedicatedSnapshotId,
    targetGroupId: t.sim.seed.defaultProjectId,
    targetClusterName: "staging-m10",
    collections: [{ sourceNamespace: "reference.countries" }],
    indexStrategy: "ALL_EXCEPT_TTL" as const,
    writeStrategy: "CREATE_NEW" as const,
  });
  afterEach(() => assert.deepEqual(t.sim.requestLog.unmatched(), [], "the client sent a request no simulator route knows"));

  it("creates (one POST with the versioned media type), gets, lists every page and reads collection states", async () => {
    const c = make();
    const job = await c.createCollectionRestoreJob(request());
    assert.equal(job.state, "INITIALIZING");
    assert.equal(job.indexStrategy, "ALL_EXCEPT_TTL");
    const post = t.sim.requestLog.entries().find((e) => e.method === "POST")!;
    assert.match(post.path, /\/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/clusters\/prod-m10\/collectionRestoreJobs$/);
    t.clock.advance(60_000);
    const done = await c.getCollectionRestoreJob({ ...source(), restoreJobId: job.id });
    assert.equal(done.state, "SUCCESSFUL");
    assert.equal(done.restoredDocuments, 250);
    for (let i = 0; i < 4; i++) {
      await c.createCollectionRestoreJob({ ...request(), collectionSuffix: `_${i}` });
      t.clock.advance(60_000);
    }
    const all = await c.listAllCollectionRestoreJobs({ ...source(), itemsPerPage: 2 });
    assert.equal(all.length, 5);
    const pages = t.sim.requestLog.entries({ method: "GET", path: /collectionRestoreJobs$/ }).filter((e) => e.status === 200);
    assert.equal(pages.length, 3, "5 jobs at 2 per page: 3 pages (the 401 digest challenge after 5 min aside)");
    const states = await c.listAllCollectionRestoreJobCollections({ ...source(), restoreJobId: job.id });
    assert.deepEqual(states.map((s) => [s.sourceNamespace, s.state, s.restoredDocuments]), [["reference.countries", "SUCCESSFUL", 250]]);
  });

  it("rejects bad parameters before any request, and refuses API v1.0", async () => {
    const c = make();
    await assert.rejects(c.createCollectionRestoreJob({ ...request(), collections: [{ sourceNamespace: "nodot" }] }), (e: unknown) => {
      assert.ok(e instanceof InputValidationError);
      assert.match(e.message, /collections\.0\.sourceNamespace must be a collection namespace "database\.collection"/);
      return true;
    });
    await assert.rejects(c.createCollectionRestoreJob({ ...request(), writeStrategy: "REPLACE" as never }), /writeStrategy must be one of CREATE_NEW, OVERWRITE_EXISTING/);
    await assert.rejects(make("v1.0").getCollectionRestoreJob({ ...source(), restoreJobId: "0".repeat(24) }), AtlasConfigError);
    assert.equal(t.sim.requestLog.entries().length, 0);
  });
});
