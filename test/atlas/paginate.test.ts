import assert from "node:assert/strict";
import { AtlasPaginationError } from "../../src/atlas/errors";
import { listComplete, paginate, plannedPages } from "../../src/atlas/paginate";
import type { Page } from "../../src/schemas/paginated";

/** A fake list of `actual` items whose totalCount reports `reported` (an estimate). */
function fakeList(actual: number, reported: number | null = actual, perPage = 500) {
  const calls: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const getPage = async (pageNum: number, includeCount: boolean): Promise<Page<number>> => {
    calls.push(pageNum);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((r) => setTimeout(r, (pageNum * 7) % 5)); // out-of-order completion
    inFlight--;
    const start = (pageNum - 1) * perPage;
    const results = Array.from({ length: Math.max(0, Math.min(perPage, actual - start)) }, (_, i) => start + i);
    // Like Atlas: a `next` link when more items exist.
    const links = [{ rel: "self", href: "x" }, ...(start + perPage < actual ? [{ rel: "next", href: "y" }] : [])];
    return includeCount && reported !== null ? { results, totalCount: reported, links } : { results, links };
  };
  return { getPage, calls, maxInFlight: () => maxInFlight };
}
const opts = { itemsPerPage: 500, maxPages: 200, concurrency: 4, path: "/x" };
async function collect(it: AsyncIterable<number>): Promise<number[]> {
  const out: number[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("paginate", () => {
  it("plans pages from totalCount", () => {
    assert.equal(plannedPages(1234, 500, 200), 3);
    assert.equal(plannedPages(10_000, 500, 200), 20);
    assert.equal(plannedPages(0, 500, 200), 1);
    assert.equal(plannedPages(undefined, 500, 200), 1);
    assert.equal(plannedPages(1e9, 500, 200), 200);
    assert.ok(listComplete(500, 500) && !listComplete(500, undefined) && !listComplete(500, 400) && !listComplete(500, 600));
    assert.ok(!listComplete(500, 500, [{ rel: "next", href: "x" }]));
  });
  for (const [n, requests] of [[0, 1], [1, 1], [499, 1], [500, 1], [501, 2], [1234, 3], [10_000, 20]] as const) {
    it(`gets ${n} items in ${requests} request(s), in order`, async () => {
      const f = fakeList(n);
      assert.deepEqual(await collect(paginate(f.getPage, opts)), range(n));
      assert.equal(f.calls.length, requests);
    });
  }
  it("fetches planned pages concurrently but never more than `concurrency` at once", async () => {
    const f = fakeList(10_000);
    await collect(paginate(f.getPage, { ...opts, concurrency: 3 }));
    assert.equal(f.maxInFlight(), 3);
  });
  it("keeps going one page at a time when totalCount was low", async () => {
    const f = fakeList(1600, 1000);
    assert.deepEqual(await collect(paginate(f.getPage, opts)), range(1600));
    assert.deepEqual(f.calls, [1, 2, 3, 4]);
  });
  it("stops on a short page when totalCount was high", async () => {
    const f = fakeList(700, 5000);
    assert.deepEqual(await collect(paginate(f.getPage, opts)), range(700));
    assert.ok(f.calls.length <= 5);
  });
  it("stops on a short page when Atlas omits totalCount", async () => {
    const f = fakeList(1100, null);
    assert.deepEqual(await collect(paginate(f.getPage, opts)), range(1100));
    assert.deepEqual(f.calls, [1, 2, 3]);
  });
  it("throws AtlasPaginationError past the page cap", async () => {
    const f = fakeList(5000, null, 10);
    await assert.rejects(collect(paginate(f.getPage, { ...opts, itemsPerPage: 10, maxPages: 5 })), AtlasPaginationError);
    assert.equal(f.calls.length, 5);
  });
  it("propagates a page failure and leaves no unhandled rejection behind", async () => {
    const f = fakeList(10_000);
    const failing = (n: number, c: boolean) => (n === 3 ? Promise.reject(new Error("boom")) : f.getPage(n, c));
    await assert.rejects(collect(paginate(failing, opts)), /boom/);
  });
});
