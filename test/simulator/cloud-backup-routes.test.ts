import assert from "node:assert/strict";
import { paths, useSimulator } from "./sim-client";

describe("simulator Cloud Backup and legacy restore jobs", () => {
  const t = useSimulator();

  for (const version of ["v1.0", "v2"] as const) {
    it(`lists the seeded jobs newest first with totalCount and gets one (${version})`, async () => {
      const list = await t.client.get(paths(t.sim, version).cloudBackupRestoreJobs);
      assert.equal(list.status, 200);
      assert.equal(list.json.totalCount, 6);
      assert.deepEqual(list.json.results.map((j: { id: string }) => j.id), t.sim.seed.cloudBackupRestoreJobIds);
      const created = list.json.results.map((j: { createdAt: string }) => Date.parse(j.createdAt));
      assert.deepEqual(created, [...created].sort((a: number, b: number) => b - a));
      const [automated, download] = list.json.results;
      assert.equal(automated.deliveryType, "automated");
      assert.equal(automated.targetClusterName, "qa-m10");
      assert.equal(automated.status, undefined, "Cloud Backup jobs have no status");
      assert.equal(typeof automated.failed, "boolean");
      assert.equal(download.deliveryType, "download");
      assert.ok(Array.isArray(download.deliveryUrl));
      const one = await t.client.get(`${paths(t.sim, version).cloudBackupRestoreJobs}/${automated.id}`);
      assert.deepEqual(one.json, automated);
    });
  }

  it("pages with pageNum / itemsPerPage / includeCount and absolute next / previous links", async () => {
    t.sim.addCloudBackupRestoreJobs(t.sim.seed.defaultProjectId, "prod-m10", 245);
    const base = paths(t.sim).cloudBackupRestoreJobs;
    const first = await t.client.get(base);
    assert.equal(first.json.results.length, 100);
    assert.equal(first.json.totalCount, 251);
    assert.deepEqual(first.json.links, [
      { href: `${t.sim.url}${base}`, rel: "self" },
      { href: `${t.sim.url}${base}?pageNum=2`, rel: "next" },
    ]);
    const seen = new Set<string>();
    let url: string | undefined = `${t.sim.url}${base}?itemsPerPage=100&includeCount=false`;
    let pages = 0;
    while (url !== undefined) {
      const page = await t.client.get(url.slice(t.sim.url.length));
      pages++;
      assert.equal(page.json.totalCount, undefined);
      for (const j of page.json.results) seen.add(j.id);
      url = page.json.links.find((l: { rel: string }) => l.rel === "next")?.href;
    }
    assert.equal(pages, 3);
    assert.equal(seen.size, 251);
    const middle = await t.client.get(`${base}?pageNum=2&itemsPerPage=100`);
    assert.deepEqual(middle.json.links.map((l: { rel: string }) => l.rel), ["self", "previous", "next"]);
    const beyond = await t.client.get(`${base}?pageNum=9`);
    assert.deepEqual(beyond.json.results, []);
    const max = await t.client.get(`${base}?itemsPerPage=500`);
    assert.equal(max.json.results.length, 251);
  });

  it("refuses out-of-range paging parameters with 400 INVALID_PARAMETER", async () => {
    for (const q of ["pageNum=0", "itemsPerPage=0", "itemsPerPage=501", "pageNum=x", "includeCount=maybe"]) {
      const r = await t.client.get(`${paths(t.sim).cloudBackupRestoreJobs}?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.json.errorCode, "INVALID_PARAMETER");
    }
  });

  it("serves legacy restore jobs on v1.0 in the documented shape, and not on v2", async () => {
    const id = t.sim.seed.legacyRestoreJobIds[0]!;
    const r = await t.client.get(`${paths(t.sim, "v1.0").legacyRestoreJobs}/${id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.id, id);
    assert.equal(r.json.statusName, "FINISHED");
    assert.equal(r.json.groupId, t.sim.seed.defaultProjectId);
    assert.equal(r.json.delivery.methodName, "HTTP");
    assert.equal(typeof r.json.timestamp.increment, "number");
    assert.equal(r.json.links[0].rel, "self");
    const v2 = await t.client.get(`${paths(t.sim, "v2").legacyRestoreJobs}/${id}`);
    assert.equal(v2.status, 404);
    assert.equal(t.sim.requestLog.unmatched().length, 1);
    const missing = await t.client.get(`${paths(t.sim, "v1.0").legacyRestoreJobs}/0123456789abcdef01234567`);
    assert.equal(missing.json.errorCode, "RESTORE_JOB_NOT_FOUND");
  });

  it("forgets a removed job: later GETs answer 404", async () => {
    const id = t.sim.seed.cloudBackupRestoreJobIds[0]!;
    assert.equal(t.sim.removeRestoreJob(id), true);
    assert.equal(t.sim.removeRestoreJob(id), false);
    const r = await t.client.get(`${paths(t.sim).cloudBackupRestoreJobs}/${id}`);
    assert.equal(r.status, 404);
  });
});
