import * as assert from "node:assert/strict";
import { AtlasApiError } from "../../src/atlas";
import { flexRestoreLine, isTenantSunset, TenantEndpointGoneError } from "../../src/restore";
import { configureRequest, startHarness, type Harness } from "./provider-harness";

describe("TenantRestore after Atlas sunset the tenant endpoints", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ sunsetTenantV2: true });
    await h.provider.configure(
      configureRequest({
        "mongodbatlas:publicKey": h.sim.publicKey,
        "mongodbatlas:privateKey": h.sim.privateKey,
        "mongodbatlas:baseUrl": h.sim.url,
        "pulumi-atlas-restore:apiVersion": "v2",
      }),
    );
  });
  after(() => h.stop());

  it("create fails with an error that says to use FlexRestore and gives the equivalent line, without POSTing", async () => {
    const error = await h.provider.create(h.inputs()).then(
      () => assert.fail("create should fail"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof TenantEndpointGoneError, String(error));
    assert.match(error.message, /sunset on 2026-01-22/);
    assert.match(error.message, /import \{ FlexRestore \} from "pulumi-atlas-restore"/);
    assert.ok(error.message.includes(`new FlexRestore("<name>", { projectId: "${h.sim.seed.defaultProjectId}", clusterName: "${h.sim.seed.defaultSourceCluster}"`));
    assert.equal(h.sim.requestLog.count({ method: "POST" }), 0);
  });

  it("recognizes 410, and 404 only when Atlas says the endpoint was sunset", () => {
    const make = (status: number, errorCode: string, detail: string) =>
      new AtlasApiError({ status, errorCode, detail, method: "GET", path: "/x" }, `${status} ${errorCode}`);
    assert.equal(isTenantSunset(make(410, "VERSION_GONE", "gone")), true);
    assert.equal(isTenantSunset(make(404, "RESOURCE_NOT_FOUND", "This endpoint was sunset on 2026-01-22")), true);
    assert.equal(isTenantSunset(make(404, "CLUSTER_NOT_FOUND", "No cluster named prod-m2")), false);
    assert.equal(isTenantSunset(new Error("410")), false);
  });

  it("names a different target project in the suggested FlexRestore line", () => {
    const line = flexRestoreLine({
      projectId: "a".repeat(24),
      clusterName: "prod-m2",
      snapshotId: "b".repeat(24),
      targetProjectId: "c".repeat(24),
      targetDeploymentItemName: "staging",
    });
    assert.match(line, /targetProjectId: "c{24}"/);
  });
});
