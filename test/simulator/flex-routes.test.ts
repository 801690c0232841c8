import assert from "node:assert/strict";
import { paths, useSimulator } from "./sim-client";

describe("simulator Flex routes (v2 only)", () => {
  const t = useSimulator();

  it("creates a PENDING restore job that names its source instanceName, with the 2024-11-13 media type", async () => {
    const r = await t.client.post(paths(t.sim).flexRestoreJobs, { snapshotId: t.sim.seed.defaultFlexSnapshotId, targetDeploymentItemName: "staging-flex" });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/vnd.atlas.2024-11-13+json");
    assert.equal(r.json.instanceName, "prod-flex");
    assert.equal(r.json.clusterName, undefined);
    assert.equal(r.json.status, "PENDING");
    assert.equal(r.json.deliveryType, "RESTORE");
    const one = await t.client.get(`${paths(t.sim).flexRestoreJobs}/${r.json.id}`);
    assert.deepEqual(one.json, r.json);
  });

  it("lists restore jobs and snapshots with pagination", async () => {
    const jobs = await t.client.get(paths(t.sim).flexRestoreJobs);
    assert.equal(jobs.json.totalCount, 1);
    assert.equal(jobs.json.results[0].deliveryType, "DOWNLOAD");
    const page = await t.client.get(`${paths(t.sim).flexSnapshots}?itemsPerPage=2&pageNum=1`);
    assert.equal(page.json.totalCount, 3);
    assert.equal(page.json.results.length, 2);
    // Oldest first, as Atlas lists Flex snapshots (TestFlexBackup/Snapshot_List/GET_…_backup_snapshots_1.snaphost).
    assert.equal(page.json.results[0].id, t.sim.seed.projects[0]!.flexClusters[0]!.snapshots[0]!.id);
    assert.deepEqual(page.json.links.map((l: { rel: string }) => l.rel), ["self", "next"]);
    const last = await t.client.get(`${paths(t.sim).flexSnapshots}?itemsPerPage=2&pageNum=2&includeCount=false`);
    assert.equal(last.json.results.length, 1);
    assert.equal(last.json.results[0].id, t.sim.seed.defaultFlexSnapshotId, "the newest is last");
    assert.equal(last.json.totalCount, undefined);
    assert.deepEqual(last.json.links.map((l: { rel: string }) => l.rel), ["self", "previous"]);
    const one = await t.client.get(`${paths(t.sim).flexSnapshots}/${t.sim.seed.defaultFlexSnapshotId}`);
    assert.equal(one.json.status, "COMPLETED");
  });

  it("does not serve Flex clusters on v1.0; tenant clusters on the Flex paths are 400 (flex-kind.test.ts)", async () => {
    const v1 = await t.client.get(paths(t.sim, "v1.0").flexSnapshots);
    assert.equal(v1.status, 404);
    assert.equal(v1.json.errorCode, "RESOURCE_NOT_FOUND");
    const tenant = await t.client.get(paths(t.sim).flexSnapshots.replace("prod-flex", "prod-m2"));
    assert.equal(tenant.status, 400);
    assert.equal(tenant.json.errorCode, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API");
  });

  it("answers 400 for a bad body and 404 for an unknown snapshot or job", async () => {
    const bad = await t.client.post(paths(t.sim).flexRestoreJobs, { snapshotId: t.sim.seed.defaultFlexSnapshotId });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.badRequestDetail.fields[0].field, "targetDeploymentItemName");
    const snap = await t.client.get(`${paths(t.sim).flexSnapshots}/0123456789abcdef01234567`);
    assert.equal(snap.json.errorCode, "SNAPSHOT_NOT_FOUND");
    const job = await t.client.get(`${paths(t.sim).flexRestoreJobs}/0123456789abcdef01234567`);
    assert.equal(job.json.errorCode, "RESTORE_JOB_NOT_FOUND");
  });
});
