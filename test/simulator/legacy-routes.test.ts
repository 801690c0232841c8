import assert from "node:assert/strict";
import { startAtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { SimClient, paths, useSimulator } from "./sim-client";

/** Legacy Backup restore jobs (issue 14, items 1 and 2): served on v1.0 and v2, one job and the paged list. */
describe("simulator legacy restore jobs (v1.0 and v2)", () => {
  const t = useSimulator();

  /** The exact body of the newest seeded legacy job, as served under `base`. */
  function expectedNewest(base: string) {
    const s = t.sim.seed;
    const id = s.legacyRestoreJobIds[0]!;
    const job = t.sim.state.legacyJobs.get(id)!;
    const cluster = `${base}/groups/${s.defaultProjectId}/clusters/prod-m10`;
    const file = `prod-m10-1795341600-${id}.tar.gz`;
    return {
      clusterId: job.clusterId,
      clusterName: "prod-m10",
      created: "2026-11-22T12:00:00Z",
      delivery: {
        expirationHours: 48,
        expires: "2026-11-24T12:00:00Z",
        maxDownloads: 2147483647,
        methodName: "HTTP",
        statusName: "READY",
        url: `https://api-backup.example.com/backup/restore/v2/pull/${id}/${file}`,
      },
      encryptionEnabled: false,
      groupId: s.defaultProjectId,
      hashes: [{ fileName: file, hash: id.padEnd(40, "0"), typeName: "SHA1" }],
      id,
      links: [
        { href: `${cluster}/restoreJobs/${id}`, rel: "self" },
        { href: cluster, rel: "http://mms.mongodb.com/cluster" },
        { href: `${cluster}/snapshots/${job.snapshotId}`, rel: "http://mms.mongodb.com/snapshot" },
        { href: `${base}/groups/${s.defaultProjectId}`, rel: "http://mms.mongodb.com/group" },
      ],
      ...(base.endsWith("/v1.0") ? { pointInTime: false } : {}), // v1.0 documented answers only (v2 BackupRestoreJob lacks it)
      snapshotId: job.snapshotId,
      statusName: "FINISHED",
      timestamp: { date: "2026-11-22T10:00:00Z", increment: 1 },
    };
  }

  it("answers GET …/clusters/{c}/restoreJobs/{id} on v2 with media type 2023-01-01, the same job as on v1.0", async () => {
    const id = t.sim.seed.legacyRestoreJobIds[0]!;
    const v2 = await t.client.get(`${paths(t.sim, "v2").legacyRestoreJobs}/${id}`, { accept: "application/vnd.atlas.2023-01-01+json" });
    assert.equal(v2.status, 200);
    assert.equal(v2.headers.get("content-type"), "application/vnd.atlas.2023-01-01+json");
    assert.deepEqual(v2.json, expectedNewest(`${t.sim.url}/api/atlas/v2`));
    const v1 = await t.client.get(`${paths(t.sim, "v1.0").legacyRestoreJobs}/${id}`);
    assert.equal(v1.status, 200);
    assert.equal(v1.headers.get("content-type"), "application/json");
    assert.deepEqual(v1.json, expectedNewest(`${t.sim.url}/api/atlas/v1.0`));
    assert.deepEqual(t.sim.requestLog.unmatched(), []);
  });

  it("on v2, refuses another media type with 406 and names the one it needs", async () => {
    const r = await t.client.get(`${paths(t.sim, "v2").legacyRestoreJobs}/${t.sim.seed.legacyRestoreJobIds[0]}`, { accept: "application/json" });
    assert.equal(r.status, 406);
    assert.deepEqual(r.json, {
      error: 406, errorCode: "INVALID_VERSION_DATE", reason: "Not Acceptable", parameters: [],
      detail: "Invalid accept header or version date. This resource requires application/vnd.atlas.2023-01-01+json.",
    });
  });

  it("answers 404 RESTORE_JOB_NOT_FOUND for another cluster's or an unknown job, and 400 for a malformed id", async () => {
    const unknown = await t.client.get(`${paths(t.sim).legacyRestoreJobs}/0123456789abcdef01234567`);
    assert.deepEqual([unknown.status, unknown.json.errorCode, unknown.json.detail], [
      404, "RESTORE_JOB_NOT_FOUND", "No restore job with ID 0123456789abcdef01234567 exists for cluster prod-m10.",
    ]);
    const bad = await t.client.get(`${paths(t.sim).legacyRestoreJobs}/nope`);
    assert.deepEqual([bad.status, bad.json.errorCode], [400, "INVALID_PARAMETER"]);
  });

  for (const version of ["v1.0", "v2"] as const) {
    it(`lists a cluster's legacy restore jobs newest first, with totalCount and a self link naming the page (${version})`, async () => {
      const base = paths(t.sim, version).legacyRestoreJobs;
      const r = await t.client.get(base);
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.json).sort(), ["links", "results", "totalCount"]);
      assert.equal(r.json.totalCount, 2);
      assert.deepEqual(r.json.links, [{ href: `${t.sim.url}${base}?pageNum=1&itemsPerPage=100`, rel: "self" }]);
      assert.deepEqual(r.json.results.map((j: { id: string }) => j.id), t.sim.seed.legacyRestoreJobIds);
      assert.deepEqual(r.json.results[0], expectedNewest(`${t.sim.url}/api/atlas/${version}`));
    });
  }

  it("pages the list like the other lists: pageNum / itemsPerPage / includeCount and next / previous links", async () => {
    const clock = new ManualClock();
    const sim = await startAtlasSimulator({
      now: () => clock.now(),
      seed: { projects: [{ name: "legacy-heavy", dedicatedClusters: [{ name: "old-m30", legacyRestoreJobs: 7 }] }] },
    });
    try {
      const project = sim.seed.projects.find((p) => p.name === "legacy-heavy")!;
      const ids = project.dedicatedClusters[0]!.legacyRestoreJobIds;
      const base = `/api/atlas/v2/groups/${project.id}/clusters/old-m30/restoreJobs`;
      const c = new SimClient(sim);
      const page2 = await c.get(`${base}?pageNum=2&itemsPerPage=3`);
      assert.deepEqual(page2.json.results.map((j: { id: string }) => j.id), ids.slice(3, 6));
      assert.equal(page2.json.totalCount, 7);
      assert.deepEqual(page2.json.links, [
        { href: `${sim.url}${base}?pageNum=2&itemsPerPage=3`, rel: "self" },
        { href: `${sim.url}${base}?pageNum=1&itemsPerPage=3`, rel: "previous" },
        { href: `${sim.url}${base}?pageNum=3&itemsPerPage=3`, rel: "next" },
      ]);
      const last = await c.get(`${base}?pageNum=3&itemsPerPage=3&includeCount=false`);
      assert.deepEqual(last.json.results.map((j: { id: string }) => j.id), ids.slice(6));
      assert.equal(last.json.totalCount, undefined);
      assert.deepEqual(last.json.links.map((l: { rel: string }) => l.rel), ["self", "previous"]);
      const tooBig = await c.get(`${base}?itemsPerPage=501`);
      assert.deepEqual([tooBig.status, tooBig.json.errorCode], [400, "INVALID_PARAMETER"]);
    } finally {
      await sim.stop();
    }
  });

  it("filters by batchId (a sharded cluster's batch) and refuses a malformed batchId", async () => {
    const [first, second] = t.sim.seed.legacyRestoreJobIds;
    const batchId = "5e2211c17a3e5a48f5497de3";
    t.sim.state.legacyJobs.get(second!)!.batchId = batchId;
    const base = paths(t.sim).legacyRestoreJobs;
    const batch = await t.client.get(`${base}?batchId=${batchId}`);
    assert.deepEqual(batch.json.results.map((j: { id: string }) => j.id), [second]);
    assert.equal(batch.json.results[0].batchId, batchId);
    assert.equal(batch.json.totalCount, 1);
    assert.deepEqual(batch.json.links, [{ href: `${t.sim.url}${base}?pageNum=1&itemsPerPage=100&batchId=${batchId}`, rel: "self" }]);
    const all = await t.client.get(base);
    assert.deepEqual(all.json.results.map((j: { id: string }) => j.id), [first, second]);
    assert.equal("batchId" in all.json.results[0], false, "a replica-set job has no batchId");
    const bad = await t.client.get(`${base}?batchId=xyz`);
    assert.deepEqual(bad.json, {
      error: 400, errorCode: "INVALID_PARAMETER", reason: "Bad Request", parameters: ["xyz", "batchId"],
      detail: "Invalid value xyz for query parameter batchId: must be a 24-hexadecimal digit string.",
      badRequestDetail: { fields: [{ field: "batchId", description: "must be a 24-hexadecimal digit string" }] },
    });
  });

  it("lists only dedicated clusters' jobs: a Flex or unknown cluster name is 404 CLUSTER_NOT_FOUND", async () => {
    const flex = await t.client.get(paths(t.sim).legacyRestoreJobs.replace("prod-m10", "prod-flex"));
    assert.deepEqual([flex.status, flex.json.errorCode], [404, "CLUSTER_NOT_FOUND"]);
    const none = await t.client.get(paths(t.sim).legacyRestoreJobs.replace("prod-m10", "nope-m10"));
    assert.deepEqual([none.status, none.json.errorCode], [404, "CLUSTER_NOT_FOUND"]);
  });
});
