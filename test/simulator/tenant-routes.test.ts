import assert from "node:assert/strict";
import { paths, useSimulator } from "./sim-client";

for (const version of ["v1.0", "v2"] as const) {
  describe(`simulator tenant routes (${version})`, () => {
    const t = useSimulator();
    const p = () => paths(t.sim, version);
    const contentType = version === "v2" ? "application/vnd.atlas.2023-01-01+json" : "application/json";

    it("creates a PENDING RESTORE job with the documented fields and answers 200", async () => {
      const r = await t.client.post(p().tenantRestore, { snapshotId: t.sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m2" });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("content-type"), contentType);
      assert.match(r.json.id, /^[a-f0-9]{24}$/);
      assert.equal(r.json.status, "PENDING");
      assert.equal(r.json.deliveryType, "RESTORE");
      assert.equal(r.json.clusterName, "prod-m2");
      assert.equal(r.json.projectId, t.sim.seed.defaultProjectId);
      assert.equal(r.json.targetProjectId, t.sim.seed.defaultProjectId, "targetProjectId defaults to the source project");
      assert.equal(r.json.targetDeploymentItemName, "staging-m2");
      assert.equal(r.json.snapshotId, t.sim.seed.defaultSnapshotId);
      for (const field of ["restoreScheduledDate", "snapshotFinishedDate", "expirationDate"]) assert.ok(r.json[field], field);
      for (const field of ["submittedAt", "timestamp", "finishedDate"]) assert.equal(r.json[field], undefined, `${field}: not a field of TenantRestore`);
      assert.equal(r.json.restoreFinishedDate, undefined);
      assert.deepEqual(r.json.links, [{ href: `${t.sim.url}${p().tenantRestores}/${r.json.id}`, rel: "self" }]);
    });

    it("restores into another project's cluster", async () => {
      const target = t.sim.seed.defaultTargetProjectId;
      const r = await t.client.post(p().tenantRestore, { snapshotId: t.sim.seed.defaultSnapshotId, targetProjectId: target, targetDeploymentItemName: "qa-m5" });
      assert.equal(r.status, 200);
      assert.equal(r.json.targetProjectId, target);
    });

    it("lists and gets restore jobs, newest first, including seeded DOWNLOAD jobs with snapshotUrl", async () => {
      const created = await t.client.post(p().tenantRestore, { snapshotId: t.sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m2" });
      const list = await t.client.get(p().tenantRestores);
      assert.equal(list.status, 200);
      assert.equal(list.json.totalCount, 2);
      assert.equal(list.json.results[0].id, created.json.id);
      const download = list.json.results[1];
      assert.equal(download.deliveryType, "DOWNLOAD");
      assert.equal(download.status, "COMPLETED");
      assert.match(download.snapshotUrl, /^https:\/\//);
      assert.ok(download.expirationDate);
      assert.deepEqual(list.json.links, [{ href: `${t.sim.url}${p().tenantRestores}?pageNum=1&itemsPerPage=100`, rel: "self" }]);
      const one = await t.client.get(`${p().tenantRestores}/${created.json.id}`);
      assert.equal(one.status, 200);
      assert.deepEqual(one.json, created.json);
    });

    it("lists snapshots newest first and gets one", async () => {
      const list = await t.client.get(p().tenantSnapshots);
      assert.equal(list.status, 200);
      assert.equal(list.json.totalCount, 3);
      assert.equal(list.json.results[0].id, t.sim.seed.defaultSnapshotId);
      const s = list.json.results[0];
      assert.equal(s.status, "COMPLETED");
      for (const field of ["expiration", "finishTime", "scheduledTime", "startTime", "mongoDBVersion"]) assert.ok(s[field], field);
      const one = await t.client.get(`${p().tenantSnapshots}/${s.id}`);
      assert.deepEqual(one.json, s);
    });

    it("answers 404 for unknown project, cluster, snapshot and restore job", async () => {
      const other = "0123456789abcdef01234567";
      const cases: Array<[Promise<{ status: number; json: any }>, string]> = [
        [t.client.get(p().tenantSnapshots.replace(t.sim.seed.defaultProjectId, other)), "GROUP_NOT_FOUND"],
        [t.client.get(p().tenantSnapshots.replace("prod-m2", "nope-m2")), "CLUSTER_NOT_FOUND"],
        [t.client.get(p().tenantSnapshots.replace("prod-m2", "prod-m10")), "CLUSTER_NOT_FOUND"],
        [t.client.get(`${p().tenantSnapshots}/${other}`), "SNAPSHOT_NOT_FOUND"],
        [t.client.get(`${p().tenantRestores}/${other}`), "RESTORE_JOB_NOT_FOUND"],
        [t.client.post(p().tenantRestore, { snapshotId: other, targetDeploymentItemName: "staging-m2" }), "SNAPSHOT_NOT_FOUND"],
        [t.client.post(p().tenantRestore, { snapshotId: t.sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m9" }), "CLUSTER_NOT_FOUND"],
        [t.client.post(p().tenantRestore, { snapshotId: t.sim.seed.defaultSnapshotId, targetProjectId: other, targetDeploymentItemName: "staging-m2" }), "GROUP_NOT_FOUND"],
      ];
      for (const [pending, code] of cases) {
        const r = await pending;
        assert.equal(r.status, 404, code);
        assert.equal(r.json.errorCode, code);
        assert.equal(r.json.error, 404);
        assert.equal(r.json.reason, "Not Found");
      }
    });

    it("answers 400 for bad ids and names in the path and the body, naming each field", async () => {
      const badGroup = await t.client.get(p().tenantSnapshots.replace(t.sim.seed.defaultProjectId, "not-an-id"));
      assert.equal(badGroup.status, 400);
      assert.equal(badGroup.json.errorCode, "INVALID_PARAMETER");
      assert.equal(badGroup.json.badRequestDetail.fields[0].field, "groupId");
      const badSnapshotParam = await t.client.get(`${p().tenantSnapshots}/XYZ`);
      assert.equal(badSnapshotParam.json.badRequestDetail.fields[0].field, "snapshotId");
      const badName = await t.client.get(p().tenantSnapshots.replace("prod-m2", "-bad"));
      assert.equal(badName.json.badRequestDetail.fields[0].field, "clusterName");
      const badBody = await t.client.post(p().tenantRestore, { snapshotId: "nope", targetDeploymentItemName: "bad name!", extra: 1 });
      assert.equal(badBody.status, 400);
      assert.equal(badBody.json.errorCode, "VALIDATION_ERROR");
      const fields = badBody.json.badRequestDetail.fields.map((f: { field: string }) => f.field).sort();
      assert.deepEqual(fields, ["extra", "snapshotId", "targetDeploymentItemName"]);
      const missing = await t.client.post(p().tenantRestore, {});
      assert.deepEqual(missing.json.badRequestDetail.fields.map((f: { description: string }) => f.description), ["is required", "is required"]);
      const notJson = await t.client.post(p().tenantRestore, "{not json");
      assert.equal(notJson.status, 400);
      assert.equal(notJson.json.errorCode, "INVALID_JSON");
    });
  });
}
