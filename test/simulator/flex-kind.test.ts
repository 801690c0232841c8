import assert from "node:assert/strict";
import { paths, useSimulator } from "./sim-client";

/**
 * Issue 14 item 4: every Flex route answers a cluster that exists but is not a Flex cluster with
 * Atlas's 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API (detail as Atlas words it), not a 404.
 */
describe("simulator Flex routes and non-Flex clusters", () => {
  const t = useSimulator();
  const body = (name: string) => ({
    error: 400, errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", reason: "Bad Request", parameters: [name], // as Atlas: TestRestores/Restores_Describe/GET_…_flexClusters_…_1.snaphost
    detail: `Cannot use non-flex cluster ${name} in the flex API.`,
  });

  for (const name of ["prod-m10", "prod-m2"]) {
    it(`answers every Flex route for ${name} (${name === "prod-m10" ? "dedicated" : "M2/M5"}) with 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API`, async () => {
      const s = t.sim.seed;
      const flex = `/api/atlas/v2/groups/${s.defaultProjectId}/flexClusters/${name}/backup`;
      const requests = [
        t.client.get(`${flex}/restoreJobs`),
        t.client.get(`${flex}/restoreJobs/0123456789abcdef01234567`),
        t.client.post(`${flex}/restoreJobs`, { snapshotId: s.defaultFlexSnapshotId, targetDeploymentItemName: "staging-flex" }),
        t.client.get(`${flex}/snapshots`),
        t.client.get(`${flex}/snapshots/${s.defaultFlexSnapshotId}`),
        t.client.post(`${flex}/download`, { snapshotId: s.defaultFlexSnapshotId }),
      ];
      for (const r of await Promise.all(requests)) {
        assert.equal(r.status, 400);
        assert.equal(r.headers.get("content-type"), "application/json");
        assert.deepEqual(r.json, body(name));
      }
      assert.equal(t.sim.state.restoreJobs.size, 2, "no job was created");
    });
  }

  it("still answers 404 CLUSTER_NOT_FOUND for a name no cluster has, and 404 GROUP_NOT_FOUND for an unknown project", async () => {
    const none = await t.client.get(paths(t.sim).flexRestoreJobs.replace("prod-flex", "nope-flex"));
    assert.deepEqual([none.status, none.json.errorCode], [404, "CLUSTER_NOT_FOUND"]);
    const group = await t.client.get(paths(t.sim).flexRestoreJobs.replace(t.sim.seed.defaultProjectId, "0123456789abcdef01234567"));
    assert.deepEqual([group.status, group.json.errorCode], [404, "GROUP_NOT_FOUND"]);
  });
});
