import assert from "node:assert/strict";
import { loadAtlasApiSpecs } from "../helpers/atlas-api-specs";
import { checkResponse, type CapturedResponse, type OpenApiDoc } from "../helpers/openapi-check";
import { notAtlasQuirk } from "./atlas-quirks";
import { paths, useSimulator, type SimResponse } from "./sim-client";

const SPEC_FILE = "cloud-backup-restores.openapi.2026-08-18.json";
const MIN = 60_000;

describe("simulator dedicated-cluster restores: POST / DELETE restoreJobs, snapshots, cluster", () => {
  const t = useSimulator();
  const captured: CapturedResponse[] = [];
  const p = () => paths(t.sim);
  const snap = () => t.sim.seed.defaultDedicatedSnapshotId;
  const record = async (method: string, url: string, run: Promise<SimResponse>) => {
    const r = await run;
    captured.push({ method, path: url.split("?")[0]!, status: r.status, contentType: r.headers.get("content-type") ?? "", body: r.json });
    return r;
  };
  const post = (body: unknown, url = p().cloudBackupRestoreJobs) => record("POST", url, t.client.post(url, body));
  const get = (url: string) => record("GET", url, t.client.get(url));
  const del = (url: string) => record("DELETE", url, t.client.request("DELETE", url));
  const automated = (over: Record<string, unknown> = {}) => ({ deliveryType: "automated", snapshotId: snap(), targetClusterName: "staging-m10", targetGroupId: t.sim.seed.defaultProjectId, ...over });

  it("an automated job has no status: finishedAt appears after the lifecycle; a second one onto the target is 400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE", async () => {
    const created = await post(automated());
    assert.equal(created.status, 200);
    assert.equal(created.json.status, undefined);
    assert.equal(created.json.finishedAt, undefined);
    const second = await post(automated());
    assert.deepEqual([second.status, second.json.errorCode, second.json.detail], [
      400, "CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE", "The update can not succeed because cluster restore is in progress. Please try again once the restore is finished.",
    ]);
    const cancel = await del(`${p().cloudBackupRestoreJobs}/${created.json.id}`);
    assert.deepEqual([cancel.status, cancel.json.errorCode, cancel.json.detail], [400, "CANNOT_CANCEL_AUTOMATED_RESTORE", "Automated restore cannot be cancelled."]);
    t.clock.advance(10 * MIN);
    const done = await get(`${p().cloudBackupRestoreJobs}/${created.json.id}`);
    assert.equal(typeof done.json.finishedAt, "string");
    assert.equal(done.json.failed, false);
  });

  it("a download gets its deliveryUrl once ready, expires after 4 h, and is cancelled by DELETE (204)", async () => {
    const created = await post({ deliveryType: "download", snapshotId: snap() });
    const url = `${p().cloudBackupRestoreJobs}/${created.json.id}`;
    // As Atlas (TestRestores/Restores_Create_-_Download/POST_…_backup_restoreJobs_1.snaphost and
    // Restores_Watch_-_Download/GET_…_2.snaphost): [] and no expiresAt until the links are ready.
    assert.deepEqual([created.json.deliveryUrl, created.json.expiresAt, created.json.createdAt], [[], undefined, undefined]);
    t.clock.advance(10 * MIN);
    const ready = (await get(url)).json;
    assert.equal(ready.deliveryUrl.length, 1);
    assert.equal(typeof ready.expiresAt, "string");
    const cancelled = await del(url);
    assert.equal(cancelled.status, 204);
    assert.equal(cancelled.text, "");
    assert.equal((await get(url)).json.cancelled, true);
    const other = await post({ deliveryType: "download", snapshotId: snap() });
    t.clock.advance(5 * 60 * MIN);
    assert.equal((await get(`${p().cloudBackupRestoreJobs}/${other.json.id}`)).json.expired, true);
    const ended = await del(`${p().cloudBackupRestoreJobs}/${other.json.id}`);
    assert.deepEqual([ended.status, ended.json.errorCode], [400, "CANNOT_CANCEL_RESTORE_JOB"]);
  });

  it("point in time: by seconds or oplog inside the window; outside it 400 INVALID_POINT_IN_TIME", async () => {
    const now = Math.floor(t.clock.now() / 1000);
    assert.equal((await post(automated({ deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: now - 3600 }))).status, 200);
    t.clock.advance(10 * MIN);
    const oplog = await post(automated({ deliveryType: "pointInTime", snapshotId: undefined, oplogTs: now - 7200, oplogInc: 1 }));
    assert.equal(oplog.json.oplogTs, now - 7200);
    const outside = await post(automated({ deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: now - 30 * 86400, targetClusterName: "qa-m10" }));
    assert.equal(outside.json.errorCode, "INVALID_POINT_IN_TIME");
  });

  it("refuses with Atlas-style bodies: bad body, unknown or missing snapshot, unknown target or project, Flex and M2 names", async () => {
    const flexName = `${p().base}/clusters/${t.sim.seed.defaultFlexSourceCluster}`;
    const group = t.sim.seed.defaultProjectId;
    const cases: [Promise<SimResponse>, number, string][] = [
      [post({ deliveryType: "automated" }), 400, "VALIDATION_ERROR"],
      [post(automated({ snapshotId: "0123456789abcdef01234567" })), 404, "SNAPSHOT_NOT_FOUND"],
      [post({ deliveryType: "download" }), 404, "SNAPSHOT_NOT_FOUND"],
      [post(automated({ targetClusterName: "nope-m10" })), 404, "CLUSTER_NOT_FOUND"],
      [post(automated({ targetGroupId: "0123456789abcdef01234567" })), 404, "GROUP_NOT_FOUND"],
      [post(automated({ targetClusterName: "staging-m2" })), 400, "CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API"],
      [post(automated({ targetClusterName: "staging-flex" })), 400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API"],
      [post(automated(), `${flexName}/backup/restoreJobs`), 400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API"],
      [get(flexName), 400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API"],
    ];
    for (const [run, status, code] of cases) {
      const r = await run;
      assert.equal(r.status, status, code);
      assert.equal(r.json.errorCode, code);
      assert.equal(r.json.error, status);
    }
    assert.match((await get(flexName)).json.detail, /Flex cluster prod-flex cannot be used in the Cluster API/);
    // Atlas's wording (its error-code table; the Atlas CLI's recorded answers for the last two).
    const details = [
      [automated({ snapshotId: "0123456789abcdef01234567" }), "No snapshot with ID 0123456789abcdef01234567 exists for cluster prod-m10."],
      [automated({ targetClusterName: "nope-m10" }), `No cluster named nope-m10 exists in group ${group}.`],
      [automated({ targetGroupId: "0123456789abcdef01234567" }), "No group with ID 0123456789abcdef01234567 exists."],
    ] as const;
    for (const [body, detail] of details) assert.equal((await post(body)).json.detail, detail);
  });

  it("lists snapshots newest first, gets one, and describes the dedicated cluster", async () => {
    const list = await get(`${p().base}/clusters/prod-m10/backup/snapshots`);
    assert.equal(list.json.results.length, 3);
    assert.equal(list.json.results[0].id, snap());
    assert.equal(list.json.results[0].status, "completed");
    assert.equal((await get(`${p().base}/clusters/prod-m10/backup/snapshots/${snap()}`)).json.id, snap());
    const cluster = await get(`${p().base}/clusters/prod-m10`);
    assert.equal(cluster.json.name, "prod-m10");
    assert.equal(cluster.json.clusterType, "REPLICASET");
  });

  it("seeds the mix: in flight, ready download, finished, expired, failed, cancelled", async () => {
    const list = (await get(p().cloudBackupRestoreJobs)).json.results as Record<string, unknown>[];
    const kinds = list.map((j) =>
      j.failed ? "failed" : j.cancelled ? "cancelled" : j.deliveryType === "download" ? (j.expired ? "expired download" : "download") : j.finishedAt ? "finished" : "in flight",
    );
    assert.deepEqual(kinds, ["in flight", "download", "finished", "failed", "cancelled", "expired download"]);
  });

  it("every answer captured above validates against the 2026-08-18 cloud-backup extract", function () {
    const [spec] = loadAtlasApiSpecs(this, [SPEC_FILE]) as [OpenApiDoc];
      assert.ok(captured.length > 20);
      // The extract holds the backup paths; the cluster description (GET …/clusters/{name}) is not in it.
      const issues = captured.filter((r) => r.status !== 204 && r.path.includes("/backup/")).flatMap((r) => checkResponse(spec, r));
      assert.ok(issues.some((i) => i.includes("desiredTimestamp")), "Atlas's null desiredTimestamp values are seen");
      assert.deepEqual(issues.filter(notAtlasQuirk), []);
      for (const op of ["POST", "DELETE", "GET"]) assert.ok(captured.some((r) => r.method === op && r.status < 300), op);
  });
});
