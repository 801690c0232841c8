import assert from "node:assert/strict";
import { paths, useSimulator } from "./sim-client";

/**
 * The simulator's own request rules (src/simulator/request-rules.ts, request-bodies.ts), written
 * from the spec's request schemas: read-only fields ignored, required fields, enums, patterns and
 * minimums refused with 400 VALIDATION_ERROR naming each field (in badRequestDetail and parameters).
 */
describe("simulator request rules (from Atlas's spec, not the client's schemas)", () => {
  const t = useSimulator();
  const post = (body: unknown) => t.client.post(paths(t.sim).cloudBackupRestoreJobs, body);
  const automated = (over: Record<string, unknown> = {}) => ({
    deliveryType: "automated", snapshotId: t.sim.seed.defaultDedicatedSnapshotId, targetGroupId: t.sim.seed.defaultProjectId, targetClusterName: "staging-m10", ...over,
  });

  it("ignores the fields DiskBackupSnapshotRestoreJob marks read-only", async () => {
    const fake = "0123456789abcdef01234567";
    const r = await post(automated({ id: fake, cancelled: true, failed: true, finishedAt: "2020-01-01T00:00:00Z", links: [], deliveryUrl: ["x"], desiredTimestamp: { date: null } }));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.notEqual(r.json.id, fake);
    assert.deepEqual([r.json.cancelled, r.json.failed, r.json.finishedAt, r.json.deliveryUrl], [false, false, undefined, []]);
  });

  it("refuses an unknown deliveryType, an id off the pattern and a point in time under the spec's minimum, naming each field", async () => {
    const r = await post(automated({ deliveryType: "later", snapshotId: "abc", pointInTimeUTCSeconds: 12 }));
    assert.equal(r.status, 400);
    assert.equal(r.json.errorCode, "VALIDATION_ERROR");
    assert.deepEqual(r.json.parameters, ["deliveryType", "pointInTimeUTCSeconds", "snapshotId"]);
    assert.deepEqual(r.json.badRequestDetail.fields.map((f: { description: string }) => f.description), [
      "must be one of automated, download, pointInTime", "must be at least 1199145600", "must match ^([a-f0-9]{24})$",
    ]);
    assert.equal(t.sim.state.cloudBackupJobs.size, 6, "nothing was created (the seeded mix only)");
  });

  it("Flex: the read-only instanceName (as the Atlas CLI sends it) is accepted, whatever its value; snapshotId stays required", async () => {
    const s = t.sim.seed;
    const body = { snapshotId: s.defaultFlexSnapshotId, targetDeploymentItemName: s.defaultFlexTargetCluster, instanceName: "anything" };
    const ok = await t.client.post(paths(t.sim).flexRestoreJobs, body);
    assert.deepEqual([ok.status, ok.json.instanceName, ok.json.status], [200, s.defaultFlexSourceCluster, "PENDING"]);
    const missing = await t.client.post(paths(t.sim).flexRestoreJobs, { targetDeploymentItemName: "x", instanceName: "y" });
    assert.deepEqual([missing.status, missing.json.parameters], [400, ["snapshotId"]]);
  });
});
