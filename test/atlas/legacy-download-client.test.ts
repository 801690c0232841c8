import assert from "node:assert/strict";
import type { AtlasClientOptions } from "../../src/atlas/atlas-client-options";
import { AtlasClient } from "../../src/atlas/client";
import { AtlasApiError, AtlasConfigError } from "../../src/atlas/errors";
import type { AtlasApiVersion } from "../../src/atlas/settings";
import { InputValidationError } from "../../src/schemas";
import { startAtlasSimulator, type AtlasSimulator, type SimulatorOptions } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";

const caught = (p: Promise<unknown>) => p.then((v) => assert.fail(`expected a failure, got ${JSON.stringify(v)}`), (e: unknown) => e);

/** Issue 14: the client's legacy restore-job reads (items 1, 2) and snapshot download requests (item 6). */
for (const apiVersion of ["v1.0", "v2"] as AtlasApiVersion[]) {
  describe(`AtlasClient legacy restore jobs and snapshot downloads (${apiVersion})`, () => {
    let sim: AtlasSimulator;
    let clock: ManualClock;
    const start = async (options: SimulatorOptions = {}) => {
      await sim?.stop();
      sim = await startAtlasSimulator({ now: () => clock.now(), ...options });
    };
    const make = (o: AtlasClientOptions = {}) =>
      new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, apiVersion, clock, env: {}, random: () => 0.5, ...o });
    const dedicated = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultDedicatedCluster });
    const posts = () => sim.requestLog.count({ method: "POST", authenticated: true });

    beforeEach(async () => {
      clock = new ManualClock();
      await start();
    });
    afterEach(async () => {
      assert.deepEqual(sim.requestLog.unmatched(), [], "the client sent a request no simulator route knows");
      await sim.stop();
    });

    it(`gets a legacy restore job on ${apiVersion}${apiVersion === "v2" ? " with media type 2023-01-01" : ""}`, async () => {
      const jobId = sim.seed.legacyRestoreJobIds[0]!;
      const job = await make().getLegacyRestoreJob({ ...dedicated(), restoreJobId: jobId });
      assert.equal(job.id, jobId);
      assert.equal(job.statusName, "FINISHED");
      assert.equal(job.delivery?.methodName, "HTTP");
      const [entry] = sim.requestLog.entries({ authenticated: true });
      assert.equal(entry!.path, `/api/atlas/${apiVersion}/groups/${dedicated().projectId}/clusters/prod-m10/restoreJobs/${jobId}`);
      assert.equal(entry!.status, 200);
    });

    it("lists one page of legacy restore jobs, optionally of one batch", async () => {
      const c = make();
      const page = await c.listLegacyRestoreJobs({ ...dedicated(), itemsPerPage: 1, pageNum: 2 });
      assert.deepEqual(page.results.map((j) => j.id), [sim.seed.legacyRestoreJobIds[1]]);
      assert.equal(page.totalCount, 2);
      assert.deepEqual(page.links?.map((l) => l.rel), ["self", "previous"]);
      const batchId = "5e2211c17a3e5a48f5497de3";
      sim.state.legacyJobs.get(sim.seed.legacyRestoreJobIds[0]!)!.batchId = batchId;
      const batch = await c.listLegacyRestoreJobs({ ...dedicated(), batchId });
      assert.deepEqual(batch.results.map((j) => [j.id, j.batchId]), [[sim.seed.legacyRestoreJobIds[0], batchId]]);
      assert.deepEqual(sim.requestLog.entries({ authenticated: true }).at(-1)!.query, { batchId }, "only what was asked for");
    });

    it("iterates 1,234 legacy restore jobs in 3 requests", async () => {
      await start({ seed: { projects: [{ name: "legacy-heavy", dedicatedClusters: [{ name: "old-m30", legacyRestoreJobs: 1234 }] }] } });
      const project = sim.seed.projects.find((p) => p.name === "legacy-heavy")!;
      const ids: string[] = [];
      for await (const job of make().iterateLegacyRestoreJobs({ projectId: project.id, clusterName: "old-m30" })) ids.push(job.id);
      assert.deepEqual(ids, project.dedicatedClusters[0]!.legacyRestoreJobIds);
      assert.equal(sim.requestLog.count({ path: /\/restoreJobs$/, authenticated: true }), 3);
    });

    it("rejects bad list parameters before any request, naming the field", async () => {
      const e = await caught(make().listLegacyRestoreJobs({ ...dedicated(), batchId: "batch-1" }));
      assert.ok(e instanceof InputValidationError && e.problems[0]!.field === "batchId", String(e));
      const typo = await caught(make().listLegacyRestoreJobs({ ...dedicated(), itemsPerPag: 5 } as never));
      assert.ok(typo instanceof InputValidationError && /itemsPerPag is not a known option/.test(typo.message), String(typo));
      assert.equal(sim.requestLog.count(), 0);
    });

    it(apiVersion === "v2" ? "requests a Flex snapshot download: a DOWNLOAD job the Flex reads then see" : "refuses a Flex snapshot download on v1.0 before any request", async () => {
      const ref = { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultFlexSourceCluster, snapshotId: sim.seed.defaultFlexSnapshotId };
      const c = make();
      if (apiVersion === "v1.0") {
        const e = await caught(c.downloadFlexSnapshot(ref));
        assert.ok(e instanceof AtlasConfigError && e.option === "apiVersion", String(e));
        assert.equal(sim.requestLog.count(), 0);
        return;
      }
      const job = await c.downloadFlexSnapshot(ref);
      assert.deepEqual([job.deliveryType, job.status, job.instanceName, job.snapshotId], ["DOWNLOAD", "PENDING", "prod-flex", ref.snapshotId]);
      assert.match(job.snapshotUrl ?? "", /^https:\/\//);
      const seen = await c.getFlexRestoreJob({ projectId: ref.projectId, clusterName: ref.clusterName, restoreJobId: job.id });
      assert.equal(seen.deliveryType, "DOWNLOAD");
    });

    it("requests an M2/M5 snapshot download: a DOWNLOAD job the tenant reads then see", async () => {
      const ref = { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster, snapshotId: sim.seed.defaultSnapshotId };
      const c = make();
      const job = await c.downloadTenantSnapshot(ref);
      assert.deepEqual([job.deliveryType, job.clusterName, job.targetDeploymentItemName], ["DOWNLOAD", "prod-m2", "prod-m2"]);
      const list = await c.listTenantRestores({ projectId: ref.projectId, clusterName: ref.clusterName });
      assert.equal(list.results[0]!.id, job.id);
    });

    it("never re-sends a download POST that Atlas may have processed (503), and checks the snapshotId first", async () => {
      const ref = { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster, snapshotId: sim.seed.defaultSnapshotId };
      const bad = await caught(make().downloadTenantSnapshot({ ...ref, snapshotId: "latest" }));
      assert.ok(bad instanceof InputValidationError && bad.problems[0]!.field === "snapshotId", String(bad));
      assert.equal(sim.requestLog.count(), 0);
      sim.faults.add({ kind: "status", status: 503, retryAfter: "1" });
      const e = await caught(make().downloadTenantSnapshot(ref));
      assert.ok(e instanceof AtlasApiError && e.status === 503, String(e));
      assert.equal(posts(), 1);
    });
  });
}
