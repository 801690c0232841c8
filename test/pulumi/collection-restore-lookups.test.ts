import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  getCollectionRestoreJob, getCollectionRestoreJobCollections, getCollectionRestoreJobCollectionsOutput, getCollectionRestoreJobOutput,
  getCollectionRestoreJobs, getCollectionRestoreJobsOutput, type LookupOptions,
} from "../../src/pulumi";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { AtlasClient } from "../../src/atlas";

const value = <T>(o: pulumi.Output<T>) => (o as unknown as { promise(): Promise<T> }).promise();

describe("collection restore lookups (Promise and Output forms)", () => {
  let sim: AtlasSimulator;
  let clock: ManualClock;
  let opts: LookupOptions;
  let jobId: string;
  const source = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultDedicatedCluster });
  before(async () => {
    clock = new ManualClock(Date.now());
    sim = await startAtlasSimulator({ now: () => clock.now() });
    // apiVersion v1.0 configured: collection restore lookups use v2 anyway.
    const env = { MONGODB_ATLAS_PUBLIC_API_KEY: sim.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.privateKey, MONGODB_ATLAS_BASE_URL: sim.url };
    opts = { clientOptions: { env, apiVersion: "v1.0" } };
    const snapshotId = sim.seed.defaultDedicatedSnapshotId;
    const job = await new AtlasClient({ env, apiVersion: "v2" }).createCollectionRestoreJob({
      ...source(), snapshotId, targetGroupId: source().projectId, targetClusterName: "staging-m10",
      databases: [{ sourceNamespace: "reference" }], indexStrategy: "ALL", writeStrategy: "CREATE_NEW",
    });
    jobId = job.id;
    clock.advance(60_000);
  });
  after(() => sim.stop());

  it("getCollectionRestoreJob(s) read the job and every job of the cluster, over v2", async () => {
    const job = await getCollectionRestoreJob({ ...source(), restoreJobId: jobId }, opts);
    assert.equal(job.state, "SUCCESSFUL");
    assert.equal(job.totalDocuments, 430);
    assert.equal((await value(getCollectionRestoreJobOutput({ ...source(), restoreJobId: pulumi.output(jobId) }, opts))).id, jobId);
    assert.deepEqual((await getCollectionRestoreJobs(source(), opts)).results.map((j) => j.id), [jobId]);
    assert.equal((await value(getCollectionRestoreJobsOutput(source(), opts))).results.length, 1);
    assert.ok(sim.requestLog.entries().every((e) => e.path.startsWith("/api/atlas/v2/")));
  });

  it("getCollectionRestoreJobCollections gives each collection's state and documents", async () => {
    const { results } = await getCollectionRestoreJobCollections({ ...source(), restoreJobId: jobId }, opts);
    assert.deepEqual(results.map((s) => [s.sourceNamespace, s.state, s.restoredDocuments]), [
      ["reference.countries", "SUCCESSFUL", 250],
      ["reference.currencies", "SUCCESSFUL", 180],
    ]);
    const out = await value(getCollectionRestoreJobCollectionsOutput({ ...source(), restoreJobId: jobId }, opts));
    assert.equal(out.results.length, 2);
    await assert.rejects(getCollectionRestoreJob({ ...source(), restoreJobId: "bad" }, opts), /restoreJobId must be 24 lowercase hexadecimal digits/);
  });
});
