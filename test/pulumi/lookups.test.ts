import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AtlasClient } from "../../src/atlas";
import {
  getAllCloudBackupRestoreJobs,
  getAllCloudBackupRestoreJobsOutput,
  getCloudBackupRestoreJobs,
  getCloudBackupRestoreJobsOutput,
  getLegacyRestoreJob,
  getLegacyRestoreJobOutput,
  getTenantRestoreJob,
  getTenantRestoreJobOutput,
  getTenantRestoreJobs,
  getTenantRestoreJobsOutput,
  getTenantSnapshots,
  getTenantSnapshotsOutput,
  getFlexRestoreJob,
  getFlexRestoreJobOutput,
  getFlexRestoreJobs,
  getFlexRestoreJobsOutput,
  getFlexSnapshots,
  getFlexSnapshotsOutput,
  waitForTenantRestoreJob,
  waitForTenantRestoreJobOutput,
  type LookupOptions,
} from "../../src/pulumi";
import { RestoreJobFailedError, RestoreTimeoutError } from "../../src/restore";
import { InputValidationError } from "../../src/schemas/validate";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { settle } from "../helpers/settle-output";


describe("lookups (Promise and Output forms)", () => {
  let sim: AtlasSimulator;
  let clock: ManualClock;
  let opts: LookupOptions;
  let project: string;
  let downloadJob: string;
  let dedicated: string;
  before(async () => {
    clock = new ManualClock(Date.now());
    sim = await startAtlasSimulator({ now: () => clock.now() });
    project = sim.seed.defaultProjectId;
    dedicated = sim.seed.defaultDedicatedCluster;
    downloadJob = sim.seed.projects.find((p) => p.id === project)!.tenantClusters.find((c) => c.name === sim.seed.defaultSourceCluster)!
      .downloadRestoreJobIds[0];
    // Outside a Pulumi program: credentials from the environment only.
    opts = {
      clientOptions: {
        env: { MONGODB_ATLAS_PUBLIC_API_KEY: sim.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.privateKey, MONGODB_ATLAS_BASE_URL: sim.url },
      },
      clock,
    };
  });
  after(async () => sim.stop());
  const ref = () => ({ projectId: project, clusterName: sim.seed.defaultSourceCluster });

  it("getTenantRestoreJob: a DOWNLOAD job; the Output form is secret (snapshotUrl)", async () => {
    const job = await getTenantRestoreJob({ ...ref(), restoreJobId: downloadJob }, opts);
    assert.equal(job.id, downloadJob);
    assert.match(job.snapshotUrl ?? "", /^https:/);
    const out = await settle(getTenantRestoreJobOutput({ ...ref(), restoreJobId: pulumi.output(downloadJob) }, opts));
    assert.deepEqual(out.value, job);
    assert.equal(out.secret, true);
  });

  it("getTenantRestoreJobs: every job of the cluster", async () => {
    const page = await getTenantRestoreJobs(ref(), opts);
    assert.ok(page.results.some((j) => j.id === downloadJob));
    const out = await settle(getTenantRestoreJobsOutput({ projectId: pulumi.output(project), clusterName: sim.seed.defaultSourceCluster }, opts));
    assert.equal(out.value.results.length, page.results.length);
    assert.equal(out.secret, true);
  });

  it("getCloudBackupRestoreJobs: one page; getAllCloudBackupRestoreJobs: every page", async () => {
    sim.addCloudBackupRestoreJobs(project, dedicated, 7);
    const page = await getCloudBackupRestoreJobs({ projectId: project, clusterName: dedicated, itemsPerPage: 3, pageNum: 2, includeCount: true }, opts);
    assert.equal(page.results.length, 3);
    const all = await getAllCloudBackupRestoreJobs({ projectId: project, clusterName: dedicated }, opts);
    assert.equal(all.results.length, page.totalCount);
    assert.ok(all.results.length >= 7);
    const pageOut = await settle(getCloudBackupRestoreJobsOutput({ projectId: project, clusterName: dedicated, itemsPerPage: 3 }, opts));
    assert.equal(pageOut.value.results.length, 3);
    const allOut = await settle(getAllCloudBackupRestoreJobsOutput({ projectId: project, clusterName: dedicated }, opts));
    assert.equal(allOut.value.results.length, all.results.length);
    assert.equal(allOut.secret, all.results.some((j) => j.deliveryUrl !== undefined));
  });

  it("getTenantSnapshots: the source cluster's snapshots, to pick one to restore", async () => {
    const page = await getTenantSnapshots(ref(), opts);
    assert.ok(page.results.some((s) => s.id === sim.seed.defaultSnapshotId));
    const out = await settle(getTenantSnapshotsOutput({ projectId: pulumi.output(project), clusterName: sim.seed.defaultSourceCluster }, opts));
    assert.deepEqual(out.value.results.map((s) => s.id), page.results.map((s) => s.id));
  });

  it("Flex lookups use API v2 even when v1.0 is configured: snapshots, one job, every job", async () => {
    const flexRef = { projectId: project, clusterName: sim.seed.defaultFlexSourceCluster };
    const snapshots = await getFlexSnapshots(flexRef, opts);
    assert.ok(snapshots.results.some((s) => s.id === sim.seed.defaultFlexSnapshotId));
    assert.equal((await settle(getFlexSnapshotsOutput(flexRef, opts))).value.results.length, snapshots.results.length);
    const client = new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, apiVersion: "v2", env: {} });
    const created = await client.createFlexRestoreJob({
      ...flexRef,
      snapshotId: sim.seed.defaultFlexSnapshotId,
      targetDeploymentItemName: sim.seed.defaultFlexTargetCluster,
    });
    const job = await getFlexRestoreJob({ ...flexRef, restoreJobId: created.id }, opts);
    assert.equal(job.id, created.id);
    assert.equal(job.instanceName, sim.seed.defaultFlexSourceCluster);
    assert.equal((await settle(getFlexRestoreJobOutput({ ...flexRef, restoreJobId: created.id }, opts))).value.id, created.id);
    const all = await getFlexRestoreJobs(flexRef, opts);
    assert.ok(all.results.some((j) => j.id === created.id));
    assert.equal((await settle(getFlexRestoreJobsOutput(flexRef, opts))).value.results.length, all.results.length);
  });

  it("getLegacyRestoreJob (more in legacy-lookups.test.ts)", async () => {
    const jobId = sim.seed.legacyRestoreJobIds[0];
    const job = await getLegacyRestoreJob({ projectId: project, clusterName: dedicated, restoreJobId: jobId }, opts);
    assert.equal(job.id, jobId);
    const out = await settle(getLegacyRestoreJobOutput({ projectId: project, clusterName: dedicated, restoreJobId: jobId }, opts));
    assert.equal(out.value.id, jobId);
  });

  it("waitForTenantRestoreJob: resolves with the finished job (Promise and Output forms)", async () => {
    const client = new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, env: {} });
    const started = await client.createTenantRestore({ ...ref(), snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: sim.seed.defaultTargetCluster });
    const done = await waitForTenantRestoreJob({ ...ref(), restoreJobId: started.id }, opts);
    assert.equal(done.status, "COMPLETED");
    const out = await settle(waitForTenantRestoreJobOutput({ ...ref(), restoreJobId: started.id }, opts));
    assert.equal(out.value.status, "COMPLETED");
  });

  it("waitForTenantRestoreJob: rejects on FAILED and on timeout", async () => {
    const client = new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, env: {} });
    sim.failRestores({ targetDeploymentItemName: sim.seed.defaultTargetCluster, times: 1 });
    const params = { ...ref(), snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: sim.seed.defaultTargetCluster };
    const failing = await client.createTenantRestore(params);
    const failed = await waitForTenantRestoreJob({ ...ref(), restoreJobId: failing.id }, opts).catch((e) => e);
    assert.ok(failed instanceof RestoreJobFailedError, String(failed));
    assert.match(failed.message, new RegExp(`${failing.id}.*prod-m2`));
    const slow = await client.createTenantRestore(params);
    const timedOut = await waitForTenantRestoreJob({ ...ref(), restoreJobId: slow.id, timeoutSeconds: 1, pollIntervalSeconds: 0.5 }, opts).catch((e) => e);
    assert.ok(timedOut instanceof RestoreTimeoutError, String(timedOut));
  });

  it("rejects bad arguments before any request, naming the field and the rule (and the new name of a renamed one)", async () => {
    const before = sim.requestLog.count();
    const id = "65a1f0c0e4b0a1b200000104";
    const bad = await waitForTenantRestoreJob({ ...ref(), restoreJobId: id, timeoutSeconds: 0, pollIntervalSeconds: 9999 }, opts).catch((e) => e);
    assert.ok(bad instanceof InputValidationError, String(bad));
    assert.match(bad.message, /timeoutSeconds must be at least 1; pollIntervalSeconds must be at most 600/);
    const typo = await waitForTenantRestoreJob({ ...ref(), restoreJobId: id, timeoutSecs: 5 } as never, opts).catch((e) => e);
    assert.match(String(typo), /timeoutSecs is not a known option/);
    const renamed = await getTenantRestoreJob({ ...ref(), restoreId: id } as never, opts).catch((e) => e);
    assert.match(String(renamed), /restoreJobId is required; restoreId is now called restoreJobId/);
    const legacy = await getLegacyRestoreJob({ ...ref(), jobId: id } as never, opts).catch((e) => e);
    assert.match(String(legacy), /jobId is now called restoreJobId/);
    assert.equal(sim.requestLog.count(), before);
  });

  it("lookups with the same settings share one client: one digest challenge for several calls", async () => {
    const vars = { MONGODB_ATLAS_PUBLIC_API_KEY: sim.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.privateKey, MONGODB_ATLAS_BASE_URL: sim.url };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    try {
      sim.requestLog.clear();
      await getTenantRestoreJobs(ref());
      await getTenantSnapshots(ref());
      await getTenantRestoreJobs(ref());
      assert.equal(sim.requestLog.count({ status: 401 }), 1, "one challenge, then the nonce is reused");
      assert.equal(sim.requestLog.count(), 4);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("without credentials, rejects (never throws synchronously) naming the settings", async () => {
    const none: LookupOptions = { clientOptions: { env: {} } };
    const p = getTenantRestoreJobs(ref(), none);
    await assert.rejects(p, /mongodbatlas:publicKey/);
  });
});
