import assert from "node:assert/strict";
import { ATLAS_2025_03_12 } from "../../src/simulator";
import { catalogKey } from "../../src/simulator/collection-restore-state";
import { useSimulator, type SimRequestOptions } from "./sim-client";

const opts: SimRequestOptions = { accept: ATLAS_2025_03_12 };

describe("simulator collection restore routes (v2, 2025-03-12)", () => {
  const t = useSimulator();
  const base = () => `/api/atlas/v2/groups/${t.sim.seed.defaultProjectId}/clusters/${t.sim.seed.defaultDedicatedCluster}/collectionRestoreJobs`;
  const body = (extra: Record<string, unknown> = {}) => ({
    snapshotId: t.sim.seed.defaultDedicatedSnapshotId,
    targetGroupId: t.sim.seed.defaultProjectId,
    targetClusterName: "staging-m10",
    collections: [{ sourceNamespace: "sales.orders" }, { sourceNamespace: "sales.customers" }],
    indexStrategy: "ALL",
    writeStrategy: "CREATE_NEW",
    ...extra,
  });
  const post = (b: unknown) => t.client.post(base(), b, opts);
  const get = (path: string) => t.client.get(path, opts);

  it("creates an INITIALIZING job (201) that advances restoredDocuments per collection to SUCCESSFUL", async () => {
    const created = await post(body({ collectionSuffix: "_copy" }));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("content-type"), ATLAS_2025_03_12);
    assert.equal(created.json.state, "INITIALIZING");
    assert.equal(created.json.totalDocuments, 60_000);
    assert.equal(created.json.restoredDocuments, 0);
    const job = `${base()}/${created.json.id}`;
    assert.deepEqual((await get(`${job}/collections`)).json.results, [], "no collection states while INITIALIZING");

    t.clock.advance(400 + 1000); // 1 s of copying at 40,000 docs/s
    const running = await get(job);
    assert.equal(running.json.state, "IN_PROGRESS");
    assert.equal(running.json.restoredDocuments, 40_000);
    const states = (await get(`${job}/collections`)).json.results;
    assert.deepEqual(states.map((s: any) => [s.sourceNamespace, s.state, s.restoredDocuments, s.effectiveTargetNamespace]), [
      ["sales.orders", "IN_PROGRESS", 40_000, "sales.orders_copy"],
      ["sales.customers", "NOT_STARTED", 0, "sales.customers_copy"],
    ]);

    t.clock.advance(600); // copying done at 1.5 s, then FINALIZING
    assert.equal((await get(job)).json.state, "FINALIZING");
    t.clock.advance(400);
    const done = await get(job);
    assert.equal(done.json.state, "SUCCESSFUL");
    assert.equal(done.json.restoredDocuments, 60_000);
    assert.ok(done.json.finishedAt);
    const target = t.sim.state.collectionRestore.catalogs.get(catalogKey(t.sim.seed.defaultProjectId, "staging-m10"))!;
    assert.equal(target.namespaces.get("sales")?.get("orders_copy"), 48_000, "the restored collection lands on the target");
    const list = await get(base());
    assert.equal(list.json.totalCount, 1);
    assert.equal(list.json.results[0].id, created.json.id);
  });

  it("CREATE_NEW renames a collection that exists on the target; databases expand into their collections", async () => {
    const r = await post(body({ collections: undefined, databases: [{ sourceNamespace: "sales" }] }));
    assert.equal(r.status, 201);
    t.clock.advance(10_000);
    const states = (await get(`${base()}/${r.json.id}/collections`)).json.results;
    assert.deepEqual(states.map((s: any) => [s.sourceNamespace, s.effectiveTargetNamespace]), [
      ["sales.orders", "sales.orders_1"],
      ["sales.customers", "sales.customers"],
      ["sales.invoices", "sales.invoices"],
    ]);
  });

  it("fails the whole job when one collection fails: that one FAILED, earlier ones ROLLBACK, errorMessage names it", async () => {
    t.sim.state.collectionRestore.failRules.push({ sourceNamespace: "sales.customers", message: "disk full on the target", remaining: 1 });
    const r = await post(body({ collections: [{ sourceNamespace: "sales.orders" }, { sourceNamespace: "sales.customers" }, { sourceNamespace: "reference.countries" }] }));
    t.clock.advance(10_000);
    const job = await get(`${base()}/${r.json.id}`);
    assert.equal(job.json.state, "FAILED");
    assert.match(job.json.errorMessage, /sales\.customers failed: disk full on the target/);
    assert.equal(job.json.restoredDocuments, 48_000 + 6_000);
    const states = (await get(`${base()}/${r.json.id}/collections?state=FAILED`)).json.results;
    assert.deepEqual(states.map((s: any) => s.sourceNamespace), ["sales.customers"]);
    const all = (await get(`${base()}/${r.json.id}/collections`)).json.results.map((s: any) => s.state);
    assert.deepEqual(all, ["ROLLBACK", "FAILED", "NOT_RESTORED"]);
    const again = await post(body());
    t.clock.advance(10_000);
    assert.equal((await get(`${base()}/${again.json.id}`)).json.state, "SUCCESSFUL", "the rule fired once");
  });

  it("refuses unknown namespaces, more than 100 items, both or neither scope, and a bad namespace (400, nothing created)", async () => {
    const unknown = await post(body({ collections: [{ sourceNamespace: "sales.nope" }, { sourceNamespace: "ghost.x" }] }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.errorCode, "NAMESPACE_NOT_FOUND");
    assert.match(unknown.json.detail, /"sales\.nope", "ghost\.x"/);
    const many = await post(body({ collections: Array.from({ length: 101 }, (_, i) => ({ sourceNamespace: `sales.c${i}` })) }));
    assert.equal(many.json.errorCode, "VALIDATION_ERROR");
    assert.match(many.json.detail, /collections must list at most 100 items/);
    assert.equal((await post(body({ databases: [{ sourceNamespace: "sales" }] }))).json.errorCode, "INVALID_RESTORE_SCOPE");
    assert.equal((await post(body({ collections: undefined }))).json.errorCode, "INVALID_RESTORE_SCOPE");
    const bad = await post(body({ collections: [{ sourceNamespace: "no-dot" }] }));
    assert.equal(bad.json.badRequestDetail.fields[0].field, "collections.0.sourceNamespace");
    const dup = await post(body({ collections: [{ sourceNamespace: "sales.orders" }, { sourceNamespace: "sales.customers", targetNamespace: "sales.orders" }] }));
    assert.equal(dup.json.errorCode, "DUPLICATE_TARGET_NAMESPACE");
    assert.equal((await post(body({ snapshotId: "0123456789abcdef01234567" }))).json.errorCode, "SNAPSHOT_NOT_FOUND");
    const future = await post(body({ snapshotId: undefined, pointInTimeUtcSeconds: Math.floor(t.clock.now() / 1000) + 3600 }));
    assert.equal(future.json.errorCode, "INVALID_POINT_IN_TIME");
    assert.equal(t.sim.state.collectionRestore.jobs.size, 0);
  });

  it("refuses a second restore onto a cluster while one runs (409), and accepts point-in-time requests", async () => {
    const first = await post(body({ snapshotId: undefined, oplogTs: Math.floor(t.clock.now() / 1000) - 3600, oplogInc: 1 }));
    assert.equal(first.status, 201);
    const second = await post(body({ writeStrategy: "OVERWRITE_EXISTING" }));
    assert.equal(second.status, 409);
    assert.equal(second.json.errorCode, "COLLECTION_RESTORE_IN_PROGRESS");
    assert.match(second.json.detail, new RegExp(first.json.id));
    t.clock.advance(10_000);
    const third = await post(body({ snapshotId: undefined, pointInTimeUtcSeconds: Math.floor(t.clock.now() / 1000) - 60, writeStrategy: "OVERWRITE_EXISTING" }));
    assert.equal(third.status, 201);
    assert.equal(third.json.writeStrategy, "OVERWRITE_EXISTING");
  });

  it("needs the 2025-03-12 media type and a dedicated cluster", async () => {
    const wrong = await t.client.get(base(), { accept: "application/vnd.atlas.2023-01-01+json" });
    assert.equal(wrong.status, 406);
    const flex = await get(base().replace(t.sim.seed.defaultDedicatedCluster, "prod-m2"));
    assert.equal(flex.json.errorCode, "CLUSTER_NOT_FOUND");
    assert.equal((await get(`${base()}/0123456789abcdef01234567`)).json.errorCode, "RESTORE_JOB_NOT_FOUND");
  });
});
