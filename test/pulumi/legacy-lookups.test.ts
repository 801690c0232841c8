import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  getAllLegacyRestoreJobs,
  getAllLegacyRestoreJobsOutput,
  getLegacyRestoreJob,
  getLegacyRestoreJobOutput,
  getLegacyRestoreJobs,
  getLegacyRestoreJobsOutput,
  type LookupOptions,
} from "../../src/pulumi";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { settle } from "../helpers/settle-output";


/** Issue 14 items 1 and 2: legacy lookups follow the configured apiVersion and list jobs, Promise and Output forms. */
describe("legacy restore-job lookups", () => {
  let sim: AtlasSimulator;
  const clock = new ManualClock();
  const optsFor = (apiVersion: "v1.0" | "v2"): LookupOptions => ({
    clientOptions: {
      apiVersion,
      env: { MONGODB_ATLAS_PUBLIC_API_KEY: sim.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.privateKey, MONGODB_ATLAS_BASE_URL: sim.url },
    },
  });
  const ref = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultDedicatedCluster });
  before(async () => {
    sim = await startAtlasSimulator({ now: () => clock.now() });
  });
  after(() => sim.stop());
  beforeEach(() => sim.requestLog.clear());

  for (const apiVersion of ["v1.0", "v2"] as const) {
    it(`getLegacyRestoreJob uses the configured apiVersion (${apiVersion}), and its Output is secret (delivery.url)`, async () => {
      const jobId = sim.seed.legacyRestoreJobIds[0]!;
      const job = await getLegacyRestoreJob({ ...ref(), restoreJobId: jobId }, optsFor(apiVersion));
      assert.equal(job.id, jobId);
      const out = await settle(getLegacyRestoreJobOutput({ ...ref(), restoreJobId: jobId }, optsFor(apiVersion)));
      assert.deepEqual([out.value.id, out.secret], [jobId, true]);
      const used = sim.requestLog.entries({ authenticated: true }).map((e) => e.path.split("/")[3]);
      assert.deepEqual(used, [apiVersion, apiVersion]);
    });
  }

  it("getLegacyRestoreJobs: one page (pageNum / itemsPerPage / includeCount / batchId), Promise and Output forms", async () => {
    const page = await getLegacyRestoreJobs({ ...ref(), pageNum: 1, itemsPerPage: 1, includeCount: true }, optsFor("v2"));
    assert.deepEqual(page.results.map((j) => j.id), [sim.seed.legacyRestoreJobIds[0]]);
    assert.equal(page.totalCount, 2);
    const out = await settle(getLegacyRestoreJobsOutput({ ...ref(), itemsPerPage: pulumi.output(1), pageNum: 2 }, optsFor("v2")));
    assert.deepEqual(out.value.results.map((j) => j.id), [sim.seed.legacyRestoreJobIds[1]]);
    assert.equal(out.secret, true);
    const none = await getLegacyRestoreJobs({ ...ref(), batchId: "0123456789abcdef01234567" }, optsFor("v1.0"));
    assert.deepEqual([none.results, none.totalCount], [[], 0]);
  });

  it("getAllLegacyRestoreJobs: every page, Promise and Output forms", async () => {
    const all = await getAllLegacyRestoreJobs({ ...ref(), itemsPerPage: 1 }, optsFor("v1.0"));
    assert.deepEqual(all.results.map((j) => j.id), sim.seed.legacyRestoreJobIds);
    const out = await settle(getAllLegacyRestoreJobsOutput(ref(), optsFor("v2")));
    assert.deepEqual([out.value.results.length, out.secret], [2, true]);
  });

  it("rejects a bad input before any request, naming the field", async () => {
    await assert.rejects(getLegacyRestoreJobs({ ...ref(), itemsPerPage: 0 }, optsFor("v2")), /itemsPerPage must be at least 1/);
    assert.equal(sim.requestLog.count(), 0);
  });
});
