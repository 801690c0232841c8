import assert from "node:assert/strict";
import { paths, useSimulator } from "./sim-client";

/**
 * The requests the Atlas CLI (v1.46.x, mongodb/mongodb-atlas-cli internal/cli/backup/restores/
 * start.go) makes for `atlas backups restores start automated|pointInTime|download`: first
 * `LatestAtlasCluster`, a GET of the cluster at 2024-08-05 (a Flex cluster answers 400
 * CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, and the CLI switches to the Flex API), then the POST
 * with the body it builds (only the fields it was given; the Flex one with the read-only
 * `instanceName`). Shapes compared with Atlas's recorded answers in the CLI's e2e data
 * (test/e2e/atlas/backup/restores/backuprestores/testdata/.snapshots/TestRestores/… and
 * test/e2e/atlas/backup/flex/backupflex/testdata/.snapshots/TestFlexBackup/…).
 */
describe("simulator: the Atlas CLI's `backups restores start` requests", () => {
  const t = useSimulator();
  const V2024 = "application/vnd.atlas.2024-08-05+json";
  const V2023 = "application/vnd.atlas.2023-01-01+json";
  const FLEX = "application/vnd.atlas.2024-11-13+json";
  const cluster = (name: string) => `${paths(t.sim).base}/clusters/${name}`;

  async function clusterGet(name: string) {
    return t.client.get(cluster(name), { accept: V2024 });
  }
  async function start(body: Record<string, unknown>) {
    const look = await clusterGet(t.sim.seed.defaultDedicatedCluster);
    assert.equal(look.status, 200);
    assert.equal(look.headers.get("content-type"), V2024, "answered in the version asked for");
    return t.client.post(paths(t.sim).cloudBackupRestoreJobs, body, { accept: V2023, contentType: V2023 });
  }

  it("automated: cluster GET at 2024-08-05, then POST {deliveryType, targetGroupId, targetClusterName, snapshotId} → 200", async () => {
    const r = await start({
      deliveryType: "automated", targetGroupId: t.sim.seed.defaultProjectId, targetClusterName: "staging-m10", snapshotId: t.sim.seed.defaultDedicatedSnapshotId,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    // Restores_Create_-_Automated/POST_…_backup_restoreJobs_1.snaphost: these keys (Atlas also sends
    // targetDeploymentItemName and desiredTimestamp.time, which the spec does not define).
    assert.deepEqual(Object.keys(r.json).sort(), [
      "cancelled", "deliveryType", "deliveryUrl", "desiredTimestamp", "expired", "failed", "id", "links", "snapshotId", "targetClusterName", "targetGroupId", "timestamp",
    ]);
    assert.deepEqual([r.json.deliveryUrl, r.json.desiredTimestamp], [[], { date: null, increment: null }]);
    assert.deepEqual(r.json.links.map((l: { rel: string }) => l.rel), ["self", "https://cloud.mongodb.com/snapshot", "https://cloud.mongodb.com/cluster", "https://cloud.mongodb.com/group"]);
  });

  it("pointInTime: POST {deliveryType, targetGroupId, targetClusterName, pointInTimeUTCSeconds} → 200 with no expiresAt", async () => {
    const r = await start({
      deliveryType: "pointInTime", targetGroupId: t.sim.seed.defaultProjectId, targetClusterName: "staging-m10", pointInTimeUTCSeconds: Math.floor(t.clock.now() / 1000) - 3600,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.expiresAt, undefined);
    assert.equal(r.json.createdAt, undefined);
  });

  it("download: POST {deliveryType, snapshotId} → 200, deliveryUrl [] (Restores_Create_-_Download/POST_…_1.snaphost)", async () => {
    const r = await start({ deliveryType: "download", snapshotId: t.sim.seed.defaultDedicatedSnapshotId });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual([r.json.deliveryType, r.json.deliveryUrl, r.json.expiresAt, r.json.targetClusterName], ["download", [], undefined, undefined]);
  });

  it("Flex: the cluster GET answers 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, then the Flex POST with instanceName → 200 PENDING", async () => {
    const s = t.sim.seed;
    const look = await clusterGet(s.defaultFlexSourceCluster);
    // TestFlexBackup/Restores_Create_-_Automated/GET_…_clusters_snapshotCluster0_1.snaphost
    assert.deepEqual(look.json, {
      detail: `Flex cluster ${s.defaultFlexSourceCluster} cannot be used in the Cluster API.`, error: 400,
      errorCode: "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", parameters: [s.defaultFlexSourceCluster], reason: "Bad Request",
    });
    const body = { snapshotId: s.defaultFlexSnapshotId, targetDeploymentItemName: s.defaultFlexTargetCluster, instanceName: s.defaultFlexSourceCluster, targetProjectId: s.defaultProjectId };
    const r = await t.client.post(paths(t.sim).flexRestoreJobs, body, { accept: FLEX, contentType: FLEX });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    // TestFlexBackup/Restores_Create_-_Automated/POST_…_flexClusters_snapshotCluster0_backup_restoreJobs_1.snaphost
    assert.deepEqual(Object.keys(r.json).sort(), [
      "deliveryType", "expirationDate", "id", "instanceName", "projectId", "restoreScheduledDate", "snapshotFinishedDate", "snapshotId", "status", "targetDeploymentItemName", "targetProjectId",
    ]);
    assert.deepEqual([r.json.status, r.json.deliveryType, r.json.instanceName], ["PENDING", "RESTORE", s.defaultFlexSourceCluster]);
  });

  it("serves the cluster GET in exactly 2023-01-01, 2023-02-01 and 2024-08-05, each in its own shape", async () => {
    const name = t.sim.seed.defaultDedicatedCluster;
    const shapes: Record<string, string[]> = {};
    for (const date of ["2023-01-01", "2023-02-01", "2024-08-05"]) {
      const mediaType = `application/vnd.atlas.${date}+json`;
      const r = await t.client.get(cluster(name), { accept: mediaType });
      assert.equal(r.status, 200, date);
      assert.equal(r.headers.get("content-type"), mediaType);
      shapes[date] = Object.keys(r.json.replicationSpecs[0]).sort();
    }
    assert.deepEqual(shapes, {
      "2023-01-01": ["id", "numShards", "regionsConfig", "zoneName"],
      "2023-02-01": ["id", "numShards", "regionConfigs", "zoneId", "zoneName"],
      "2024-08-05": ["id", "regionConfigs", "zoneId", "zoneName"],
    });
    const other = await t.client.get(cluster(name), { accept: "application/vnd.atlas.2024-10-23+json" });
    assert.deepEqual([other.status, other.json.errorCode], [406, "INVALID_VERSION_DATE"]);
    const restoreJobsAt2024 = await t.client.get(paths(t.sim).cloudBackupRestoreJobs, { accept: V2024 });
    assert.equal(restoreJobsAt2024.status, 406, "restore jobs are served in 2023-01-01 only");
  });
});
