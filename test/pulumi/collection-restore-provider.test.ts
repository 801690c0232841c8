import assert from "node:assert/strict";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { UNKNOWN } from "../../src/pulumi/check-and-diff";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { resetProviderState } from "../../src/pulumi/provider-runtime";
import { PartialStateError } from "../../src/pulumi/restore-outputs";
import { collectionRestoreFamily } from "../../src/restore/collection-restore-family";
import { PROVIDER_TEXT, configureRequest, startHarness, type Harness } from "./provider-harness";

describe("CollectionRestore provider against the simulator", () => {
  let h: Harness;
  let provider: Required<dynamic.ResourceProvider>;
  let inputs: (over?: Record<string, unknown>) => Record<string, unknown>;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.state.collectionRestore.pace = { initializingMs: 20, docsPerSecond: 300_000, finalizingMs: 20 };
    provider = restoreProvider("collection") as Required<dynamic.ResourceProvider>;
    await provider.configure(configureRequest({ "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url }));
    const projectId = h.sim.seed.defaultProjectId;
    const snapshotId = h.sim.seed.defaultDedicatedSnapshotId;
    inputs = (over = {}) => ({
      projectId, clusterName: "prod-m10", snapshotId, collections: ["sales.orders", "sales.customers"], collectionSuffix: "_copy",
      targetClusterName: "staging-m10", pollIntervalSeconds: 0.05, timeoutSeconds: 60, __provider: PROVIDER_TEXT, ...over,
    });
  });
  afterEach(() => h.stop());

  it("create POSTs once over v2, waits for SUCCESSFUL, prints progress lines (one per poll at most) and returns the outputs", async () => {
    h.sim.state.collectionRestore.pace = { initializingMs: 20, docsPerSecond: 60_000, finalizingMs: 20 };
    const { id, outs } = await provider.create(inputs());
    assert.equal(outs.restoreJobId, id);
    assert.equal(outs.state, "SUCCESSFUL");
    assert.equal(outs.restoredDocuments, 60_000);
    assert.equal(outs.totalDocuments, 60_000);
    assert.equal(outs.targetProjectId, h.sim.seed.defaultProjectId);
    assert.equal(outs.adopted, false);
    assert.ok(!Object.values(outs).includes(undefined));
    const post = h.sim.requestLog.entries({ method: "POST" });
    assert.equal(post.length, 1);
    assert.match(post[0]!.path, /^\/api\/atlas\/v2\/.*\/collectionRestoreJobs$/);
    const gets = h.sim.requestLog.count({ method: "GET", path: /collectionRestoreJobs\/[0-9a-f]{24}$/ });
    assert.ok(h.logs.length <= gets + 2, `at most one line per poll (${h.logs.length} lines, ${gets} polls)`);
    assert.ok(h.logs.some((l) => /: \d+(\.\d)? k \/ 60 k documents \(\d+ %\)/.test(l)), h.logs.join("\n"));
    assert.ok(h.logs.some((l) => /→ SUCCESSFUL after/.test(l)), h.logs.join("\n"));
  });

  it("a SUCCESSFUL job with a collection NOT_FOUND (Atlas's per-collection state) fails create naming it, keeping the job id", async () => {
    const states = {
      results: [
        { sourceNamespace: "sales.orders", targetNamespace: "sales.orders_copy", state: "SUCCESSFUL", restoredDocuments: 48_000, totalDocuments: 48_000 },
        { sourceNamespace: "sales.customers", targetNamespace: "sales.customers_copy", state: "NOT_FOUND", restoredDocuments: 0, totalDocuments: 0 },
      ],
      totalCount: 2,
    };
    h.sim.faults.add({ method: "GET", path: /collectionRestoreJobs\/[0-9a-f]{24}\/collections$/, kind: "status", status: 200, body: states, times: 20 });
    const err = await provider.create(inputs()).catch((e) => e);
    assert.ok(err instanceof PartialStateError, String(err));
    assert.ok(err.id);
    assert.equal(err.properties.restoreJobId, err.id);
    assert.equal(err.properties.state, "SUCCESSFUL", "Atlas's state is kept as Atlas said it");
    assert.deepEqual(err.properties.failedCollections, ["sales.customers (NOT_FOUND)"]);
    assert.match(err.message, /CollectionRestore job [0-9a-f]{24}.* INCOMPLETE/);
    assert.match(err.message, /Atlas reported the job SUCCESSFUL, but these collections were not restored \(Atlas's state in brackets\): sales\.customers \(NOT_FOUND\)/);
    assert.equal(h.sim.requestLog.count({ method: "POST" }), 1);
    // The next up fails again from state: no new restore, no request.
    const before = h.sim.requestLog.count();
    const again = await provider.update(err.id, { ...err.properties, ...inputs() }, inputs()).catch((e) => e);
    assert.ok(again instanceof PartialStateError);
    assert.match(again.message, /INCOMPLETE/);
    assert.equal(h.sim.requestLog.count(), before);
  });

  it("an adopted SUCCESSFUL job is read once more: a NOT_FOUND collection is not reported as success", async () => {
    const first = await provider.create(inputs());
    await provider.delete(first.id, first.outs);
    const states = { results: [{ sourceNamespace: "sales.orders", state: "SUCCESSFUL" }, { sourceNamespace: "sales.customers", state: "UNSUPPORTED" }], totalCount: 2 };
    h.sim.faults.add({ method: "GET", path: /collectionRestoreJobs\/[0-9a-f]{24}\/collections$/, kind: "status", status: 200, body: states, times: 20 });
    // A new provider process (the released-ids memory of delete is per process).
    resetProviderState();
    await provider.configure(configureRequest({ "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url }));
    const err = await provider.create(inputs()).catch((e) => e);
    assert.ok(err instanceof PartialStateError, String(err));
    assert.equal(err.id, first.id, "the identical finished job was adopted, not restored again");
    assert.match(err.message, /sales\.customers \(UNSUPPORTED\)/);
    assert.equal(h.sim.requestLog.count({ method: "POST" }), 1);
  });

  it("one failed collection fails create with partial state naming Atlas's errorMessage and the collection", async () => {
    h.sim.state.collectionRestore.failRules.push({ sourceNamespace: "sales.customers", message: "index build ran out of disk", remaining: 1 });
    const err = await provider.create(inputs()).catch((e) => e);
    assert.ok(err instanceof PartialStateError);
    assert.equal(err.properties.state, "FAILED");
    assert.deepEqual(err.properties.failedCollections, ["sales.customers (FAILED)"]);
    assert.equal(err.properties.__provider, PROVIDER_TEXT);
    assert.match(err.message, /CollectionRestore job [0-9a-f]{24}.* FAILED/);
    assert.match(err.message, /index build ran out of disk/);
    assert.match(err.message, /Not restored: sales\.customers \(FAILED\)/);
    // The next up: update fails again from state, without a request.
    const before = h.sim.requestLog.count();
    const again = await provider.update(err.id, { ...err.properties, ...inputs() }, inputs()).catch((e) => e);
    assert.ok(again instanceof PartialStateError);
    assert.equal(h.sim.requestLog.count(), before);
  });

  it("adopts an identical in-flight job instead of POSTing again, but not a different one", async () => {
    h.sim.state.collectionRestore.pace = { initializingMs: 20, docsPerSecond: 1_000_000, finalizingMs: 20 };
    const first = await provider.create({ ...inputs(), waitForCompletion: false });
    const second = await provider.create(inputs());
    assert.equal(second.id, first.id);
    assert.equal(second.outs.adopted, true);
    assert.equal(h.sim.requestLog.count({ method: "POST" }), 1);
    const other = await provider.create(inputs({ collectionSuffix: "_other" }));
    assert.notEqual(other.id, first.id);
    assert.equal(h.sim.requestLog.count({ method: "POST" }), 2);
  });

  it("check names each bad input and rule with no request; unknown values (preview) are not judged", async () => {
    const failures = async (over: Record<string, unknown>) => ((await provider.check({}, inputs(over))).failures ?? []).map((f) => f.reason);
    assert.deepEqual(await failures({ databases: ["sales"] }), [
      "collections cannot be given together with databases: restore either whole databases or single collections (use two CollectionRestore resources for both)",
    ]);
    assert.match((await failures({ collections: undefined }))[0]!, /^collections is required \(or databases\)/);
    assert.match((await failures({ collections: Array.from({ length: 101 }, (_, i) => `a.c${i}`) }))[0]!, /^collections must list at most 100 items/);
    assert.match((await failures({ collections: ["sales"] }))[0]!, /^collections\.0 must be a collection namespace "database\.collection"/);
    assert.match((await failures({ writeStrategy: "OVERWRITE_EXISTING" }))[0]!, /^allowOverwrite must be true when writeStrategy is OVERWRITE_EXISTING/);
    assert.deepEqual(await failures({ writeStrategy: "OVERWRITE_EXISTING", allowOverwrite: true }), []);
    assert.match((await failures({ pointInTimeUtcSeconds: 1_700_000_000 }))[0]!, /^snapshotId name exactly one of/);
    assert.match((await failures({ oplogTs: 1_700_000_000, snapshotId: undefined }))[0]!, /^oplogInc is required: oplogTs and oplogInc go together/);
    assert.match((await failures({ indexStrategy: "SOME" }))[0]!, /^indexStrategy must be one of ALL, NONE, ALL_EXCEPT_TTL/);
    assert.match((await failures({ maxPollIntervalSeconds: 0.01 }))[0]!, /^maxPollIntervalSeconds must be at least pollIntervalSeconds \(0\.05\)/);
    assert.deepEqual(await failures({ collections: UNKNOWN }), [], "a scope not known yet is not 'missing'");
    assert.deepEqual(await failures({ collections: [UNKNOWN, "sales.orders"] }), []);
    assert.deepEqual(await failures({ writeStrategy: UNKNOWN }), []);
    assert.equal(h.sim.requestLog.count(), 0);
  });

  it("diff: same lists are no change, another collection or suffix is a replacement, wait settings an update", async () => {
    const { outs } = await provider.create(inputs());
    const olds = { ...outs };
    assert.equal((await provider.diff("x", olds, inputs())).changes, false);
    assert.deepEqual((await provider.diff("x", olds, inputs({ collections: ["sales.orders"] }))).replaces, ["collections"]);
    assert.deepEqual((await provider.diff("x", olds, inputs({ collectionSuffix: "_b" }))).replaces, ["collectionSuffix"]);
    const wait = await provider.diff("x", olds, inputs({ timeoutSeconds: 120 }));
    assert.equal(wait.changes, true);
    assert.equal(wait.replaces, undefined);
    assert.deepEqual(Object.keys(collectionRestoreFamily.identity.ofInputs({})).includes("writeStrategy"), true);
  });
});
