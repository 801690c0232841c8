import assert from "node:assert/strict";
import { pageHref } from "../../src/simulator/pagination";
import { paths, useSimulator } from "./sim-client";

/**
 * What `go.mongodb.org/atlas` (the client under the Terraform provider) reads from a list answer:
 * `Response.CurrentPage()` is `strconv.Atoi` of `pageNum` in the `self` link's query, and
 * `IsLastPage()` is "no `next` link". This mirrors both, strictly (Atoi of "" fails).
 */
function currentPage(links: Array<{ href: string; rel: string }>): number {
  const self = links.find((l) => l.rel === "self");
  if (self === undefined) throw new Error("no self link found");
  const raw = new URL(self.href).searchParams.get("pageNum") ?? "";
  if (!/^[+-]?\d+$/.test(raw)) throw new Error(`error getting current page: strconv.Atoi: parsing ${JSON.stringify(raw)}: invalid syntax`);
  return Number(raw);
}
const isLastPage = (links: Array<{ rel: string }>) => !links.some((l) => l.rel === "next");

/** Issue 14 item 3: list answers carry the page they describe in their links, as Atlas writes them. */
describe("simulator page links (self / next / previous)", () => {
  const t = useSimulator();

  it("every list answer requested without query parameters has self = …?pageNum=1&itemsPerPage=100", async () => {
    const p = paths(t.sim);
    const lists = [
      p.cloudBackupRestoreJobs, p.flexRestoreJobs, p.flexSnapshots, p.legacyRestoreJobs, p.tenantRestores, p.tenantSnapshots,
      paths(t.sim, "v1.0").cloudBackupRestoreJobs, paths(t.sim, "v1.0").legacyRestoreJobs, paths(t.sim, "v1.0").tenantRestores,
    ];
    for (const list of lists) {
      const r = await t.client.get(list);
      assert.equal(r.status, 200, list);
      assert.deepEqual(r.json.links, [{ href: `${t.sim.url}${list}?pageNum=1&itemsPerPage=100`, rel: "self" }], list);
      assert.equal(currentPage(r.json.links), 1, list);
      assert.equal(isLastPage(r.json.links), true, list);
    }
  });

  it("a go.mongodb.org/atlas-style walk reads the current page from self and stops where there is no next link", async () => {
    t.sim.addCloudBackupRestoreJobs(t.sim.seed.defaultProjectId, "prod-m10", 20); // 25 jobs
    const base = paths(t.sim).cloudBackupRestoreJobs;
    const seen: string[] = [];
    const pagesRead: number[] = [];
    for (let pageNum = 1; ; pageNum++) {
      const r = await t.client.get(`${base}?pageNum=${pageNum}&itemsPerPage=10`);
      pagesRead.push(currentPage(r.json.links));
      seen.push(...r.json.results.map((j: { id: string }) => j.id));
      if (isLastPage(r.json.links)) break;
    }
    assert.deepEqual(pagesRead, [1, 2, 3]);
    assert.equal(new Set(seen).size, 25);
  });

  it("writes pageNum and itemsPerPage first, keeps includeCount and filters, and drops pretty and envelope", async () => {
    const base = paths(t.sim).flexSnapshots;
    const r = await t.client.get(`${base}?pretty=true&includeCount=false&itemsPerPage=1&pageNum=2`);
    assert.deepEqual(JSON.parse(r.text).links, [
      { href: `${t.sim.url}${base}?pageNum=2&itemsPerPage=1&includeCount=false`, rel: "self" },
      { href: `${t.sim.url}${base}?pageNum=1&itemsPerPage=1&includeCount=false`, rel: "previous" },
      { href: `${t.sim.url}${base}?pageNum=3&itemsPerPage=1&includeCount=false`, rel: "next" },
    ]);
    const enveloped = await t.client.get(`${base}?envelope=true`);
    assert.equal(enveloped.json.status, 200);
    assert.deepEqual(enveloped.json.links, [{ href: `${t.sim.url}${base}?pageNum=1&itemsPerPage=100`, rel: "self" }]);
  });

  it("pageHref: the path with pageNum and itemsPerPage, other parameters after them", () => {
    assert.equal(pageHref("http://127.0.0.1:1/a/b", 3, 7), "http://127.0.0.1:1/a/b?pageNum=3&itemsPerPage=7");
    assert.equal(
      pageHref("http://127.0.0.1:1/a/b?batchId=5e2211c17a3e5a48f5497de3&pageNum=9&pretty=true", 1, 100),
      "http://127.0.0.1:1/a/b?pageNum=1&itemsPerPage=100&batchId=5e2211c17a3e5a48f5497de3",
    );
  });
});
