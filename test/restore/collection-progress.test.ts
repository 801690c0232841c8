import assert from "node:assert/strict";
import { collectionProgressLine, compactCount, describeFailedCollections } from "../../src/restore/collection-progress";

describe("collection restore progress lines", () => {
  const job = (restoredDocuments: number, totalDocuments = 4_800_000) => ({ id: "66aa00000000000000000001", restoredDocuments, totalDocuments });

  it("says documents, percent, rate and time left from two samples", () => {
    const line = collectionProgressLine("CollectionRestore", job(1_200_000), { restoredDocuments: 1_200_000, atMs: 20_000 }, { restoredDocuments: 800_000, atMs: 10_000 });
    assert.equal(line, "CollectionRestore 66aa00000000000000000001: 1.2 M / 4.8 M documents (25 %), 40 k docs/s, about 90 s left");
  });

  it("has counts only on the first look, and nothing when no document moved since the last line", () => {
    assert.equal(collectionProgressLine("CollectionRestore", job(0, 60_000), { restoredDocuments: 0, atMs: 0 }), "CollectionRestore 66aa00000000000000000001: 0 / 60 k documents (0 %)");
    assert.equal(collectionProgressLine("CollectionRestore", job(500), { restoredDocuments: 500, atMs: 2000 }, { restoredDocuments: 500, atMs: 1000 }), undefined);
    assert.equal(collectionProgressLine("CollectionRestore", { id: "x" }, { restoredDocuments: 0, atMs: 0 }), undefined, "INITIALIZING: no counts yet");
  });

  it("drops the time left once everything is copied, and uses minutes and hours for long waits", () => {
    const doneLine = collectionProgressLine("CollectionRestore", job(4_800_000), { restoredDocuments: 4_800_000, atMs: 2000 }, { restoredDocuments: 4_000_000, atMs: 1000 });
    assert.equal(doneLine, "CollectionRestore 66aa00000000000000000001: 4.8 M / 4.8 M documents (100 %), 800 k docs/s");
    const slow = collectionProgressLine("CollectionRestore", job(1000, 10_000_000), { restoredDocuments: 1000, atMs: 1000 }, { restoredDocuments: 0, atMs: 0 });
    assert.match(slow!, /1000 docs\/s|1 k docs\/s/);
    assert.match(slow!, /about 2\.8 h left/);
    assert.deepEqual([compactCount(950), compactCount(12_345), compactCount(250_000_000), compactCount(3_000_000_000)], ["950", "12.3 k", "250 M", "3 G"]);
  });

  it("names the collections that failed, with the index error when there is one", () => {
    const states = [
      { sourceNamespace: "sales.orders", state: "ROLLBACK" },
      { sourceNamespace: "sales.customers", state: "FAILED" },
      { sourceNamespace: "sales.invoices", state: "INDEX_BUILD_FAILED", indexStatus: { errorMessage: "duplicate key" } },
    ];
    assert.deepEqual(describeFailedCollections(states), ["sales.customers (FAILED)", "sales.invoices (INDEX_BUILD_FAILED: duplicate key)"]);
  });
});
