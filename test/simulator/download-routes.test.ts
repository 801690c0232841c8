import assert from "node:assert/strict";
import { startAtlasSimulator } from "../../src/simulator";
import { SimClient, paths, useSimulator } from "./sim-client";

/**
 * Issue 14 item 6: snapshot download requests create DOWNLOAD jobs that the restore-job routes
 * (and so the existing lookups) then see: Flex (`…/flexClusters/{name}/backup/download`, v2,
 * 2024-11-13) and M2/M5 (`…/clusters/{name}/backup/tenant/download`, v1.0 and v2 until the sunset).
 */
describe("simulator snapshot download requests", () => {
  const t = useSimulator();
  const flexDownload = () => `${paths(t.sim).base}/flexClusters/prod-flex/backup/download`;
  const tenantDownload = (version: "v1.0" | "v2" = "v2") => `${paths(t.sim, version).base}/clusters/prod-m2/backup/tenant/download`;

  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  /**
   * The exact answer for a new download job of `snapshotId` (the newest seeded one) requested now,
   * as the simulator started. Flex: no links, expiration 6 h after the request (as Atlas's recorded
   * Flex jobs, TestFlexBackup/Restores_Create_-_Automated/POST_…_restoreJobs_1.snaphost); tenant: a
   * self link, 4 h (the v1.0 documented download, seed 000); only the spec's fields.
   */
  function expectedJob(id: string, source: Record<string, string>, selfPath: string, snapshotId: string) {
    const now = t.clock.now();
    const flex = source.instanceName !== undefined;
    return {
      ...source,
      deliveryType: "DOWNLOAD",
      expirationDate: iso(now + (flex ? 6 : 4) * 3_600_000),
      id,
      ...(flex ? {} : { links: [{ href: `${t.sim.url}${selfPath}/${id}`, rel: "self" }] }),
      projectId: t.sim.seed.defaultProjectId,
      restoreScheduledDate: iso(now),
      snapshotFinishedDate: iso(now - 86_400_000),
      snapshotId,
      snapshotUrl: `https://restore.example.com/restore-${id}.tar.gz`,
      status: "PENDING",
      targetDeploymentItemName: source.instanceName ?? source.clusterName,
      targetProjectId: t.sim.seed.defaultProjectId,
    };
  }

  it("Flex: answers 200 with a PENDING DOWNLOAD job (snapshotUrl valid six hours) that the list and GET then show", async () => {
    const snapshotId = t.sim.seed.defaultFlexSnapshotId;
    const r = await t.client.post(flexDownload(), { snapshotId });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/vnd.atlas.2024-11-13+json");
    assert.deepEqual(r.json, expectedJob(r.json.id, { instanceName: "prod-flex" }, paths(t.sim).flexRestoreJobs, snapshotId));
    const list = await t.client.get(paths(t.sim).flexRestoreJobs);
    assert.equal(list.json.totalCount, 2);
    assert.deepEqual(list.json.results[0], r.json, "newest first");
    t.clock.advance(5_000); // the default lifecycle: 1 s PENDING, 1 s QUEUED, 3 s RUNNING
    const one = await t.client.get(`${paths(t.sim).flexRestoreJobs}/${r.json.id}`);
    assert.equal(one.json.status, "COMPLETED");
    assert.equal(one.json.restoreFinishedDate, iso(t.clock.now()));
    assert.deepEqual(t.sim.restoreHistory(t.sim.seed.defaultProjectId, "prod-flex"), [], "a download replaces no data");
  });

  it("Flex: refuses a bad body (400 VALIDATION_ERROR naming the field), an unknown snapshot (404), v1.0 (404) and a wrong Content-Type (415)", async () => {
    const missing = await t.client.post(flexDownload(), {});
    assert.deepEqual(missing.json, {
      error: 400, errorCode: "VALIDATION_ERROR", reason: "Bad Request", parameters: ["snapshotId"],
      detail: "Invalid download request: snapshotId is required.",
      badRequestDetail: { fields: [{ field: "snapshotId", description: "is required" }] },
    });
    const extra = await t.client.post(flexDownload(), { snapshotId: t.sim.seed.defaultFlexSnapshotId, targetDeploymentItemName: "x" });
    assert.deepEqual([extra.status, extra.json.badRequestDetail.fields[0].field], [400, "targetDeploymentItemName"]);
    const unknown = await t.client.post(flexDownload(), { snapshotId: "0123456789abcdef01234567" });
    assert.deepEqual([unknown.status, unknown.json.errorCode, unknown.json.detail], [
      404, "SNAPSHOT_NOT_FOUND", "No snapshot with ID 0123456789abcdef01234567 exists for cluster prod-flex.",
    ]);
    const v1 = await t.client.post(flexDownload().replace("/v2/", "/v1.0/"), { snapshotId: t.sim.seed.defaultFlexSnapshotId });
    assert.deepEqual([v1.status, v1.json.errorCode], [404, "RESOURCE_NOT_FOUND"]);
    const json = await t.client.post(flexDownload(), { snapshotId: t.sim.seed.defaultFlexSnapshotId }, { contentType: "application/json" });
    assert.deepEqual([json.status, json.json.errorCode], [415, "INVALID_VERSION_DATE"]);
    assert.equal(t.sim.state.restoreJobs.size, 2, "no job was created");
  });

  for (const version of ["v1.0", "v2"] as const) {
    it(`M2/M5 (${version}): answers 200 with a PENDING DOWNLOAD job that the tenant list then shows`, async () => {
      const snapshotId = t.sim.seed.defaultSnapshotId;
      // atlas-sdk-go sends a whole TenantRestore body (targetDeploymentItemName is required there)
      const r = await t.client.post(tenantDownload(version), { snapshotId, targetDeploymentItemName: "prod-m2" });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("content-type"), version === "v2" ? "application/vnd.atlas.2023-01-01+json" : "application/json");
      assert.deepEqual(r.json, expectedJob(r.json.id, { clusterName: "prod-m2" }, paths(t.sim, version).tenantRestores, snapshotId));
      const list = await t.client.get(paths(t.sim, version).tenantRestores);
      assert.deepEqual(list.json.results[0], r.json);
      const bare = await t.client.post(tenantDownload(version), { snapshotId });
      assert.equal(bare.status, 200, "snapshotId alone is enough for a download");
    });
  }

  it("M2/M5: refuses a Flex cluster name (404), a bad body (400), and is gone (410) on v2 after the tenant sunset", async () => {
    const flexName = await t.client.post(tenantDownload().replace("prod-m2", "prod-flex"), { snapshotId: t.sim.seed.defaultSnapshotId });
    assert.deepEqual([flexName.status, flexName.json.errorCode], [404, "CLUSTER_NOT_FOUND"]);
    const bad = await t.client.post(tenantDownload(), { snapshotId: "nope" });
    assert.deepEqual([bad.status, bad.json.errorCode, bad.json.badRequestDetail.fields[0].field], [400, "VALIDATION_ERROR", "snapshotId"]);
    const sunset = await startAtlasSimulator({ sunsetTenantV2: true });
    try {
      const c = new SimClient(sunset);
      const gone = await c.post(`${paths(sunset).base}/clusters/prod-m2/backup/tenant/download`, { snapshotId: sunset.seed.defaultSnapshotId });
      assert.deepEqual([gone.status, gone.json.errorCode], [410, "VERSION_GONE"]);
      const v1 = await c.post(`${paths(sunset, "v1.0").base}/clusters/prod-m2/backup/tenant/download`, { snapshotId: sunset.seed.defaultSnapshotId });
      assert.equal(v1.status, 200, "v1.0 is not sunset");
    } finally {
      await sunset.stop();
    }
  });
});
