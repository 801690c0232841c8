import assert from "node:assert/strict";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { SimClient, paths } from "./sim-client";

describe("simulator API versions, media types, envelope and pretty", () => {
  let sim: AtlasSimulator;
  let client: SimClient;
  before(async () => {
    sim = await startAtlasSimulator();
    client = new SimClient(sim);
  });
  after(() => sim.stop());
  beforeEach(() => sim.requestLog.clear());

  it("refuses v2 requests without the resource's versioned Accept with 406 INVALID_VERSION_DATE", async () => {
    for (const accept of [null, "application/json", "*/*", "application/vnd.atlas.2024-11-13+json"]) {
      const r = await client.get(paths(sim).tenantSnapshots, { accept });
      assert.equal(r.status, 406, String(accept));
      assert.equal(r.headers.get("content-type"), "application/json");
      assert.equal(r.json.errorCode, "INVALID_VERSION_DATE");
    }
    const flex = await client.get(paths(sim).flexSnapshots, { accept: "application/vnd.atlas.2023-01-01+json" });
    assert.equal(flex.status, 406);
    const listed = await client.get(paths(sim).tenantSnapshots, { accept: "application/json, application/vnd.atlas.2023-01-01+json;q=0.9" });
    assert.equal(listed.status, 200);
  });

  it("refuses a v2 POST whose Content-Type is not the versioned type with 415", async () => {
    const body = { snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m5" };
    const r = await client.post(paths(sim).tenantRestore, body, { contentType: "application/json" });
    assert.equal(r.status, 415);
    assert.equal(r.json.errorCode, "INVALID_VERSION_DATE");
  });

  it("serves v1.0 with application/json whatever the Accept", async () => {
    const r = await client.get(paths(sim, "v1.0").tenantSnapshots, { accept: null });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/json");
  });

  it("indents like Atlas with pretty=true", async () => {
    const r = await client.get(`${paths(sim).tenantSnapshots}/${sim.seed.defaultSnapshotId}?pretty=true`);
    assert.match(r.text, /^\{\n {2}"expiration" : "/);
    assert.equal(r.json.id, sim.seed.defaultSnapshotId);
  });

  it("wraps one result as {status, content} and adds status to a list with envelope=true, always HTTP 200", async () => {
    const one = await client.get(`${paths(sim).tenantSnapshots}/${sim.seed.defaultSnapshotId}?envelope=true`);
    assert.equal(one.status, 200);
    assert.equal(one.json.status, 200);
    assert.equal(one.json.content.id, sim.seed.defaultSnapshotId);
    const list = await client.get(`${paths(sim).tenantSnapshots}?envelope=true`);
    assert.equal(list.json.status, 200);
    assert.equal(list.json.results.length, 3);
    const missing = await client.get(`${paths(sim).tenantSnapshots}/0123456789abcdef01234567?envelope=true`);
    assert.equal(missing.status, 200);
    assert.equal(missing.json.status, 404);
    assert.equal(missing.json.content.errorCode, "SNAPSHOT_NOT_FOUND");
  });

  it("answers an unknown route with 404 RESOURCE_NOT_FOUND and logs it as unmatched", async () => {
    const r = await client.get(`/api/atlas/v2/groups/${sim.seed.defaultProjectId}/clusters/prod-m2/backup/tenant/nothing`);
    assert.equal(r.status, 404);
    assert.equal(r.json.errorCode, "RESOURCE_NOT_FOUND");
    const unmatched = sim.requestLog.unmatched();
    assert.ok(unmatched.length >= 1);
    assert.ok(unmatched.every((e) => e.path.endsWith("/backup/tenant/nothing")));
    assert.equal((await client.request("DELETE", paths(sim).tenantRestores)).status, 404);
    assert.equal((await client.get("/api/atlas/v3/groups")).status, 404);
  });
});

describe("simulator with sunsetTenantV2", () => {
  let sim: AtlasSimulator;
  before(async () => {
    sim = await startAtlasSimulator({ sunsetTenantV2: true });
  });
  after(() => sim.stop());

  it("answers the v2 tenant paths with 410 VERSION_GONE and keeps v1.0 and Flex working", async () => {
    const client = new SimClient(sim);
    const gone = await client.get(paths(sim).tenantSnapshots);
    assert.equal(gone.status, 410);
    assert.equal(gone.json.errorCode, "VERSION_GONE");
    assert.equal(gone.json.reason, "Gone");
    const post = await client.post(paths(sim).tenantRestore, { snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m2" });
    assert.equal(post.status, 410);
    assert.equal((await client.get(paths(sim, "v1.0").tenantSnapshots)).status, 200);
    assert.equal((await client.get(paths(sim).flexSnapshots)).status, 200);
    assert.equal((await client.get(paths(sim).cloudBackupRestoreJobs)).status, 200);
  });
});
