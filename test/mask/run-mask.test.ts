import * as assert from "node:assert/strict";
import type { Document } from "mongodb";
import { CONTROL_DB } from "../../src/mask/mask-control";
import { maskDocument, orderFieldRules } from "../../src/mask/mask-document";
import { MaskError } from "../../src/mask/mask-errors";
import { MaskRules } from "../../src/mask/mask-rules";
import { runMask } from "../../src/mask/run-mask";
import { verifyCopy } from "../../src/mask/verify-collection";
import { ManualClock } from "../../src/util/clock";
import { startFerretDb, type FerretDb } from "../helpers/ferretdb";

// runMask against a real MongoDB-wire server (FerretDB started by the test). Small data on purpose.
const KEY = "run-mask-test-key-0123456789";
const RULES = MaskRules.parse([
  { namespace: "app.users", fields: { email: "hash", name: "fake:name", "addresses.street": "fake:address", ssn: "unset" } },
  { namespace: "app.*", fields: { phone: "fake:phone" } },
  { namespace: "logs.access", action: "drop" },
]);

function users(n: number): Document[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: i,
    email: `user${i}@corp.example`,
    name: `Person ${i}`,
    phone: `+44 20 7946 ${String(i).padStart(4, "0")}`,
    ssn: `123-45-${String(i).padStart(4, "0")}`,
    addresses: [{ street: `${i} High St`, city: "London" }],
  }));
}
const orders = (n: number) => Array.from({ length: n }, (_, i) => ({ _id: `o${String(i).padStart(4, "0")}`, userEmail: `user${i}@corp.example`, phone: `555-${i}` }));

describe("runMask against FerretDB (copy and swap, checkpoint, verify)", function () {
  this.timeout(120_000);
  let db: FerretDb;
  const clock = new ManualClock();

  async function seed(nUsers = 120, nOrders = 30): Promise<void> {
    for (const name of ["app", "logs", CONTROL_DB]) await db.root.db(name).dropDatabase();
    await db.root.db("app").collection("users").insertMany(users(nUsers));
    await db.root.db("app").collection("users").createIndex({ email: 1 }, { name: "email_1" });
    await db.root.db("app").collection<{ _id: string }>("orders").insertMany(orders(nOrders));
    await db.root.db("logs").collection("access").insertMany([{ ip: "10.0.0.1" }]);
  }
  const expectedUsers = (n: number) => {
    const fields = orderFieldRules({ ...RULES[1]!.fields!, ...RULES[0]!.fields! });
    return users(n).map((u) => maskDocument(u, fields, KEY));
  };

  before(async () => {
    db = await startFerretDb();
  });
  after(async () => db?.stop());

  it("masks every rule's paths, keeps counts and indexes, drops what is dropped, verifies", async () => {
    await seed();
    const r = await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-1", batchSize: 50, clock });
    assert.deepEqual(r.namespaces, { "app.orders": 30, "app.users": 120 });
    assert.equal(r.maskedDocuments, 150);
    assert.deepEqual(r.dropped, ["logs.access"]);
    assert.equal(r.verified, true);
    const got = await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray();
    assert.deepEqual(got, expectedUsers(120));
    assert.ok(got.every((u, i) => u.email !== `user${i}@corp.example` && !("ssn" in u)));
    const idx = await db.root.db("app").collection("users").listIndexes().toArray();
    assert.ok(idx.some((i) => i.name === "email_1"), "the original's indexes are kept");
    assert.deepEqual(await db.root.db("logs").listCollections().toArray(), []);
    const cols = (await db.root.db("app").listCollections().toArray()).map((c) => c.name).sort();
    assert.deepEqual(cols, ["orders", "users"], "no work collection left");

    // the same run again: nothing is masked twice
    const again = await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-1", batchSize: 50, clock });
    assert.equal(again.maskedDocuments, 150);
    assert.deepEqual(await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray(), expectedUsers(120));
  });

  it("an interrupted run, resumed, masks every document exactly once (killed mid-copy, and between the swap's drop and rename)", async () => {
    await seed();
    await assert.rejects(
      runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-2", batchSize: 25, clock, onBatch: (ns, n) => { if (ns === "app.users" && n >= 50) throw new Error("killed"); } }),
      /killed/,
    );
    assert.equal(await db.root.db("app").collection("users").countDocuments({ email: "user0@corp.example" }), 1, "originals untouched mid-copy");
    const r = await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-2", batchSize: 25, clock });
    assert.equal(r.namespaces["app.users"], 120);
    assert.deepEqual(await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray(), expectedUsers(120));

    // killed after the original was dropped, before the rename: the next run renames the finished copy
    await seed();
    await assert.rejects(
      runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-3", clock, onSwap: (ns) => { if (ns === "app.users") throw new Error("killed in the swap"); } }),
      /killed in the swap/,
    );
    assert.equal((await db.root.db("app").listCollections({ name: "users" }).toArray()).length, 0, "the original was dropped, the copy not renamed yet");
    const r3 = await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-3", clock });
    assert.equal(r3.namespaces["app.users"], 120);
    assert.deepEqual(await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray(), expectedUsers(120));
  });

  it("refuses other rules or another key on data already masked since the same restore, writing nothing", async () => {
    await seed();
    await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-4", clock });
    const before = await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray();
    await assert.rejects(runMask({ uri: db.rootUri, rules: RULES, key: `${KEY}-other`, restore: "job-4", clock }), (e: unknown) => e instanceof MaskError && e.code === "ALREADY_MASKED" && !e.message.includes(KEY));
    assert.deepEqual(await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray(), before);
  });

  it("refuses a missing namespace, a refused authentication and a refused connection before writing anything", async () => {
    await seed();
    const missing = MaskRules.parse([{ namespace: "app.users", fields: { email: "hash" } }, { namespace: "app.nope", fields: { a: "hash" } }]);
    await assert.rejects(runMask({ uri: db.rootUri, rules: missing, key: KEY, restore: "job-5", clock }), (e: unknown) => e instanceof MaskError && e.code === "NAMESPACE" && /app\.nope/.test(e.message));
    assert.equal(await db.root.db("app").collection("users").countDocuments({ email: "user0@corp.example" }), 1);
    assert.equal(await db.root.db(CONTROL_DB).collection("runs").countDocuments({ restore: "job-5" }), 0);
    const badAuth = db.rootUri.replace(/:[^:@]+@/, ":wrong-password@");
    await assert.rejects(runMask({ uri: badAuth, rules: RULES, key: KEY, restore: "job-5", clock }), (e: unknown) => e instanceof MaskError && e.code === "AUTH" && !e.message.includes("wrong-password"));
    await assert.rejects(runMask({ uri: "mongodb://127.0.0.1:1/", rules: RULES, key: KEY, restore: "job-5", clock, serverSelectionTimeoutMS: 1000 }), (e: unknown) => e instanceof MaskError && e.code === "CONNECT");
  });

  it("verify finds a document that is not the mask of its original, and a missing one", async () => {
    await seed(5, 1);
    const fields = orderFieldRules(RULES[0]!.fields!);
    const app = db.root.db("app");
    await app.collection("checked").insertMany(users(5).map((u) => maskDocument(u, fields, KEY)));
    assert.deepEqual(await verifyCopy(app.collection("users"), app.collection("checked"), fields, KEY, 2), []);
    await app.collection("checked").updateOne({ _id: 3 as never }, { $set: { email: "user3@corp.example" } });
    const problems = await verifyCopy(app.collection("users"), app.collection("checked"), fields, KEY, 2);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /document 3 is not the mask of its original/);
    await app.collection("checked").deleteOne({ _id: 4 as never });
    assert.match((await verifyCopy(app.collection("users"), app.collection("checked"), fields, KEY, 2)).join(";"), /missing or extra/);
  });

  it("a write to the original during masking fails verify, leaves the original untouched, and the next run starts afresh", async () => {
    await seed(60, 5);
    let wrote = false;
    const write = async (ns: string) => {
      if (ns !== "app.users" || wrote) return;
      wrote = true;
      await db.root.db("app").collection<{ _id: number; email: string }>("users").insertOne({ _id: 1000, email: "late@corp.example" });
    };
    await assert.rejects(runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-6", batchSize: 20, clock, onBatch: write }), (e: unknown) => e instanceof MaskError && e.code === "VERIFY" && /NOT masked/.test(e.message));
    assert.equal(await db.root.db("app").collection("users").countDocuments({ email: "user0@corp.example" }), 1, "the original is untouched");
    await db.root.db("app").collection<{ _id: number }>("users").deleteOne({ _id: 1000 });
    const r = await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-6", batchSize: 20, clock });
    assert.equal(r.namespaces["app.users"], 60);
    assert.deepEqual(await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray(), expectedUsers(60));
  });

  it("after a restore of only some collections, the others (the same collections, by UUID) are not masked again", async () => {
    await seed(40, 10);
    await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-7", clock });
    // a collection-level restore brings back app.orders only
    await db.root.db("app").collection("orders").drop();
    await db.root.db("app").collection<{ _id: string }>("orders").insertMany(orders(10));
    await assert.rejects(runMask({ uri: db.rootUri, rules: RULES, key: `${KEY}-other`, restore: "job-8", clock }), (e: unknown) => e instanceof MaskError && e.code === "ALREADY_MASKED" && /app\.(orders|users)/.test(e.message));
    assert.equal((await db.root.db("app").collection("orders").findOne({ _id: "o0000" as never }))!.phone, "555-0", "the refused run wrote nothing");
    const r = await runMask({ uri: db.rootUri, rules: RULES, key: KEY, restore: "job-8", clock });
    assert.equal(r.namespaces["app.users"], 40);
    assert.deepEqual(await db.root.db("app").collection("users").find().sort({ _id: 1 }).toArray(), expectedUsers(40), "users masked exactly once");
    const phone = (await db.root.db("app").collection("orders").findOne({ _id: "o0000" as never }))!.phone;
    assert.notEqual(phone, "555-0");
  });
});
