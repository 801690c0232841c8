import assert from "node:assert/strict";
import { UNKNOWN, checkRestoreInputs } from "../../src/pulumi/check-and-diff";
import { RESTORE_FAMILIES } from "../../src/restore";
import { parseInput, InputValidationError } from "../../src/schemas/validate";

const P = "aaaaaaaaaaaaaaaaaaaaaaaa";
const Q = "bbbbbbbbbbbbbbbbbbbbbbbb";
const S = "cccccccccccccccccccccccc";
const dedicated = RESTORE_FAMILIES.cloudBackup.args;
const collection = RESTORE_FAMILIES.collection.args;
const clone = { projectId: P, clusterName: "prod", deliveryType: "automated", snapshotId: S, targetClusterName: "prod" };
const pit = { projectId: P, clusterName: "prod", deliveryType: "pointInTime", targetClusterName: "staging" };
const coll = { projectId: P, clusterName: "prod", collections: ["sales.orders"], targetClusterName: "staging" };
const reasons = (r: { failures?: { reason: string }[] }) => (r.failures ?? []).map((f) => f.reason);

/** The rule waits at preview, and create (which parses the full inputs) applies it with the same message. */
function deferred(schema: typeof dedicated | typeof collection, preview: Record<string, unknown>, known: Record<string, unknown>, message: RegExp): void {
  assert.deepEqual(reasons(checkRestoreInputs(preview, schema)), [], "passes check while a value it depends on is unknown");
  const atPreviewWhenKnown = reasons(checkRestoreInputs(known, schema));
  assert.ok(atPreviewWhenKnown.some((r) => message.test(r)), `check names it once known: ${atPreviewWhenKnown.join("; ")}`);
  assert.throws(() => parseInput(schema, known, "restore inputs"), (e: unknown) => e instanceof InputValidationError && message.test(e.message));
}

describe("unknown at preview is deferred to create, never failed", () => {
  it("the overwrite guard waits for a targetProjectId not known yet (the clone pattern), and holds once known", () => {
    deferred(dedicated, { ...clone, targetProjectId: UNKNOWN }, { ...clone, targetProjectId: P }, /targetClusterName is the source cluster prod itself: this restore would DELETE/);
    assert.deepEqual(reasons(checkRestoreInputs({ ...clone, targetProjectId: Q }, dedicated)), [], "another project: no overwrite");
  });
  it("a target cluster not known yet is not judged against the source either", () => {
    assert.deepEqual(reasons(checkRestoreInputs({ ...clone, targetClusterName: UNKNOWN }, dedicated)), []);
  });
  it("oplogTs / oplogInc unknown: the point-in-time forms wait", () => {
    deferred(dedicated, { ...pit, oplogTs: UNKNOWN, oplogInc: UNKNOWN }, pit, /pointInTimeUTCSeconds is required for deliveryType "pointInTime"/);
    deferred(dedicated, { ...pit, oplogTs: 1_700_000_000, oplogInc: UNKNOWN }, { ...pit, oplogTs: 1_700_000_000 }, /oplogInc is required with oplogTs/);
    deferred(dedicated, { ...pit, pointInTimeUTCSeconds: UNKNOWN, oplogTs: 1_700_000_000, oplogInc: 1 }, { ...pit, pointInTimeUTCSeconds: 1_700_000_000, oplogTs: 1_700_000_000, oplogInc: 1 }, /two forms of the point in time/);
  });
  it("deliveryType unknown: none of the rules that depend on it fail", () => {
    assert.deepEqual(reasons(checkRestoreInputs({ ...pit, deliveryType: UNKNOWN }, dedicated)), []);
    assert.deepEqual(reasons(checkRestoreInputs({ projectId: P, clusterName: "prod", deliveryType: UNKNOWN, snapshotId: S }, dedicated)), []);
  });
  it("collection restores: scope, moment and overwrite confirmation wait for unknown values", () => {
    const { collections: _c, ...noScope } = coll;
    deferred(collection, { ...noScope, collections: UNKNOWN, snapshotId: S }, { ...noScope, snapshotId: S }, /collections is required \(or databases\)/);
    deferred(collection, { ...coll, oplogTs: UNKNOWN, oplogInc: UNKNOWN }, coll, /snapshotId is required \(or pointInTimeUtcSeconds/);
    deferred(collection, { ...coll, snapshotId: S, writeStrategy: "OVERWRITE_EXISTING", allowOverwrite: UNKNOWN }, { ...coll, snapshotId: S, writeStrategy: "OVERWRITE_EXISTING" }, /allowOverwrite must be true/);
  });
  it("wait settings: the bound between two of them waits while one is unknown", () => {
    deferred(dedicated, { ...pit, pointInTimeUTCSeconds: 1_700_000_000, pollIntervalSeconds: UNKNOWN, maxPollIntervalSeconds: 5 }, { ...pit, pointInTimeUTCSeconds: 1_700_000_000, pollIntervalSeconds: 10, maxPollIntervalSeconds: 5 }, /maxPollIntervalSeconds must be at least pollIntervalSeconds/);
  });
});

describe("CollectionRestore: the same point-in-time checks as CloudBackupRestore", () => {
  const future = Math.floor(Date.now() / 1000) + 86_400;
  const table: [string, Record<string, unknown>, RegExp][] = [
    ["pointInTimeUtcSeconds in milliseconds", { pointInTimeUtcSeconds: 1_700_000_000_123 }, /pointInTimeUtcSeconds looks like milliseconds \(1700000000123\); it takes seconds since 1970-01-01 UTC: 1700000000 is 2023-11-14T22:13:20\.000Z/],
    ["pointInTimeUtcSeconds in the future", { pointInTimeUtcSeconds: future }, /pointInTimeUtcSeconds is in the future/],
    ["oplogTs in milliseconds", { oplogTs: 1_700_000_000_000, oplogInc: 1 }, /oplogTs looks like milliseconds/],
    ["oplogTs in the future", { oplogTs: future, oplogInc: 1 }, /oplogTs is in the future/],
  ];
  for (const [name, change, message] of table) {
    it(`${name} fails at preview, naming the field`, () => {
      assert.ok(reasons(checkRestoreInputs({ ...coll, ...change }, collection)).some((r) => message.test(r)));
    });
  }
  it("a moment that has passed, in seconds, is accepted", () => {
    assert.deepEqual(reasons(checkRestoreInputs({ ...coll, pointInTimeUtcSeconds: 1_700_000_000 }, collection)), []);
  });
});
