import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { Document } from "mongodb";
import { CONTROL_DB, WORK_PREFIX } from "../../src/mask/mask-control";
import { maskDocument, orderFieldRules } from "../../src/mask/mask-document";
import { MaskStrategy } from "../../src/mask/mask-rules";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { databaseUsersWorld, setClusterConnectionString } from "../../src/simulator/routes/database-users";
import { DEFAULT_PROJECT_NAME } from "../../src/simulator/seed";
import { startFerretDb, type FerretDb } from "../helpers/ferretdb";
import { killTree } from "../helpers/process-tree";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType, simulatorConfig } from "../helpers/pulumi-cli";

// examples/masked-staging under the real Pulumi engine, against the simulator (restore, cluster
// connection string, temporary database user) and a FerretDB started here (the restored data).
// The simulator's restore moves no data: the test writes the "restored" originals into FerretDB
// before each restore, as Atlas would.

const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:DataMask";
const SOURCE = "mask-source";
const TARGET = "mask-target";
const KEY = "e2e-mask-key-7c1f0b2a9d";
const FAST_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const USERS = 400;
const ORDERS = 60;

const S = (v: unknown) => MaskStrategy.parse(v);
/** The example's rules (examples/masked-staging/index.ts), to compute the expected masked documents. */
const USER_RULES = orderFieldRules({
  email: S("hash"), name: S("fake:name"), phone: S("fake:phone"), birthDate: S("fake:date"),
  "addresses.street": S("fake:address"), ssn: S("unset"), "cards.number": S({ strategy: "redact", keepLast: 4 }),
});
const ORDER_RULES = orderFieldRules({ customerEmail: S("hash"), notes: S("null") });

const users = (): Document[] =>
  Array.from({ length: USERS }, (_, i) => ({
    _id: i,
    email: `person${i}@corp.example`,
    name: `Real Person ${i}`,
    phone: `+44 20 7946 ${String(i).padStart(4, "0")}`,
    birthDate: new Date(Date.UTC(1970 + (i % 30), i % 12, 1 + (i % 28))),
    ssn: `123-45-${String(i).padStart(4, "0")}`,
    addresses: [{ street: `${i} Real Street`, city: "London" }],
    cards: [{ number: `41111111111${String(i).padStart(5, "0")}` }],
    plan: i % 2 ? "pro" : "free",
  }));
const orders = (): Document[] => Array.from({ length: ORDERS }, (_, i) => ({ _id: i, customerEmail: `person${i}@corp.example`, notes: `call ${i}`, total: i * 3 }));

describe("DataMask under the real Pulumi engine (examples/masked-staging, simulator + FerretDB)", function () {
  this.timeout(10 * 60_000);
  let sim: AtlasSimulator;
  let ferret: FerretDb;
  let project: PulumiProject;
  let projectId: string;
  let snapshots: string[];
  const logs: string[] = [];

  /** What a restore does to the target: its databases replaced by the snapshot's data. */
  async function restoreOriginals(): Promise<void> {
    for (const db of ["app", "logs", CONTROL_DB]) await ferret.root.db(db).dropDatabase();
    await ferret.root.db("app").collection("users").insertMany(users());
    await ferret.root.db("app").collection("users").createIndex({ email: 1 }, { name: "email_1" });
    await ferret.root.db("app").collection("orders").insertMany(orders());
    await ferret.root.db("logs").collection("access").insertMany([{ ip: "10.1.2.3", user: "person1@corp.example" }]);
  }
  const read = async (coll: string) => ferret.root.db("app").collection(coll).find().sort({ _id: 1 }).toArray();
  /** Every document masked exactly once: equal to the mask of its original, nothing else. */
  async function assertMaskedOnce(label: string): Promise<void> {
    assert.deepEqual(await read("users"), users().map((d) => maskDocument(d, USER_RULES, KEY)), `${label}: users`);
    assert.deepEqual(await read("orders"), orders().map((d) => maskDocument(d, ORDER_RULES, KEY)), `${label}: orders`);
    assert.deepEqual(await ferret.root.db("logs").listCollections().toArray(), [], `${label}: logs.access dropped`);
    const names = (await ferret.root.db("app").listCollections().toArray()).map((c) => c.name).sort();
    assert.deepEqual(names, ["orders", "users"], `${label}: no work collection left`);
  }
  const maskResource = async () => resourcesOfType(await project.stackExport(), TYPE);
  const usersCreated = () => databaseUsersWorld(sim.state).users;

  function assertNoSecretsIn(text: string, label: string): void {
    assert.ok(!text.includes(KEY), `${label}: the mask key appears in plaintext`);
    for (const u of usersCreated()) assert.ok(!text.includes(u.password), `${label}: a temporary user's password appears in plaintext`);
  }

  before(async function () {
    pulumiBinDir();
    ferret = await startFerretDb();
    sim = await startAtlasSimulator({
      lifecycle: { pendingMs: 200, queuedMs: 200, runningMs: 400 },
      seed: { projects: [{ name: DEFAULT_PROJECT_NAME, tenantClusters: [{ name: SOURCE, snapshots: 4 }, { name: TARGET }] }] },
    });
    const seeded = sim.seed.projects.find((p) => p.name === DEFAULT_PROJECT_NAME)!;
    projectId = seeded.id;
    snapshots = seeded.tenantClusters.find((c) => c.name === SOURCE)!.snapshots.map((s) => s.id);
    setClusterConnectionString(sim.state, projectId, TARGET, ferret.hostUri);
    // A new Atlas database user reaches the cluster a moment after the API answered: mirror it into FerretDB.
    databaseUsersWorld(sim.state).onCreate = (u) => void ferret.createUser(u.username, u.password);
    project = PulumiProject.create(path.join(REPO_ROOT, "examples", "masked-staging"), { stack: "mask", env: FAST_ENV });
    await project.init();
    await project.setConfigs([
      ...simulatorConfig(sim),
      ["sourceProjectId", projectId, false],
      ["sourceClusterName", SOURCE, false],
      ["targetClusterName", TARGET, false],
      ["pollIntervalSeconds", "0.2", false],
      ["maskKey", KEY, true],
      ["maskBatchSize", "20", false],
    ]);
  });
  after(async () => {
    await sim?.stop();
    await ferret?.stop();
    project?.remove();
  });

  it("restores, then masks: every masked path changed, counts equal, verified; the temporary user deleted, deleteAfterDate <= 1 h; no secret in state or logs", async () => {
    await restoreOriginals();
    await project.setConfig("snapshotId", snapshots[0]!);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logs.push(up.output);
    logSummary("up", up);
    await assertMaskedOnce("first up");
    const [mask] = await maskResource();
    assert.equal(mask!.outputs!.maskedDocuments, USERS + ORDERS);
    assert.deepEqual(mask!.outputs!.namespaces, { "app.orders": ORDERS, "app.users": USERS });
    assert.equal(mask!.outputs!.verified, true);
    assert.equal(mask!.outputs!.complete, true);
    const created = usersCreated();
    assert.equal(created.length, 1);
    assert.ok(created[0]!.deletedAt !== undefined, "the temporary user was deleted");
    assert.ok(Date.parse(created[0]!.deleteAfterDate!) - created[0]!.createdAt <= 3600_000, "deleteAfterDate at most 1 h ahead");
    assert.deepEqual(created[0]!.scopes, [{ name: TARGET, type: "CLUSTER" }]);
    const state = JSON.stringify(await project.stackExport());
    assertNoSecretsIn(state, "state");
    assertNoSecretsIn(up.output, "up output");
  });

  it("a second `up` writes nothing", async () => {
    const before = await read("users");
    await project.run(["preview", "--expect-no-changes"]);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logs.push(up.output);
    assert.match(up.output, /unchanged/);
    assert.deepEqual(await read("users"), before);
    assert.equal(usersCreated().length, 1, "no temporary user: nothing connected");
  });

  it("a new restore masks again (the same values: deterministic)", async () => {
    await restoreOriginals();
    await project.setConfig("snapshotId", snapshots[1]!);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logs.push(up.output);
    await assertMaskedOnce("after a new restore");
    assert.equal(usersCreated().length, 2);
    assert.ok(usersCreated().every((u) => u.deletedAt !== undefined));
  });

  it("SIGKILL mid-masking, then `up`: every document masked exactly once", async () => {
    await restoreOriginals();
    await project.setConfig("snapshotId", snapshots[2]!);
    const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "pulumi-local.sh"), "up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: project.dir,
      env: { ...process.env, PULUMI_BIN_DIR: pulumiBinDir(), PULUMI_LOCAL_DIR: project.stateDir, PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase", NO_COLOR: "1", ...FAST_ENV },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b));
    child.stderr.on("data", (b: Buffer) => (output += b));
    const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
    const work = ferret.root.db("app").collection(`${WORK_PREFIX}users`);
    let copied = 0;
    for (let i = 0; i < 1200 && child.exitCode === null; i++) {
      copied = await work.countDocuments().catch(() => 0);
      if (copied >= 60) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(copied >= 60 && copied < USERS, `killed mid-masking (work collection held ${copied} of ${USERS}); output:\n${output}`);
    killTree(child.pid!);
    await closed;
    logs.push(output);
    assert.equal(await ferret.root.db("app").collection("users").countDocuments({ email: "person0@corp.example" }), 1, "the originals are untouched mid-copy");

    await project.run(["cancel", "--yes"]);
    const pending = (await project.stackExport()).deployment.pending_operations ?? [];
    if (pending.length > 0) await project.run(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logs.push(up.output);
    logSummary("up after SIGKILL", up);
    await assertMaskedOnce("after SIGKILL and up");
    const [mask] = await maskResource();
    assert.equal(mask!.outputs!.complete, true);
    assert.equal(mask!.outputs!.verified, true);
    // every temporary user is gone (the killed run's one: deleted by Atlas at deleteAfterDate at the latest)
    const killedRunUser = usersCreated()[2]!;
    assert.ok(Date.parse(killedRunUser.deleteAfterDate!) - killedRunUser.createdAt <= 3600_000);
    assert.ok(usersCreated().slice(3).every((u) => u.deletedAt !== undefined));
    assertNoSecretsIn(JSON.stringify(await project.stackExport()), "state after recovery");
    assertNoSecretsIn(logs.join("\n"), "logs");
  });

  it("without a key input: one is generated once and kept in state as a secret; a new restore masks with it", async () => {
    await restoreOriginals();
    await project.run(["config", "rm", "maskKey"]);
    await project.setConfig("snapshotId", snapshots[3]!);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logs.push(up.output);
    const [mask] = await maskResource();
    const generated = mask!.outputs!.generatedKey as Record<string, unknown> | undefined;
    assert.ok(generated && typeof generated === "object" && typeof generated.ciphertext === "string", `generatedKey is stored encrypted: ${JSON.stringify(generated)}`);
    assert.equal(mask!.outputs!.verified, true);
    const got = await read("users");
    const originals = users();
    assert.equal(got.length, USERS);
    got.forEach((u, i) => {
      for (const f of ["email", "name", "phone"]) assert.notEqual(u[f], originals[i]![f], `users ${i}.${f} changed`);
      assert.ok(!("ssn" in u));
    });
    // the masked values are not those of the earlier key
    assert.notDeepEqual(got, users().map((d) => maskDocument(d, USER_RULES, KEY)));
    const shown = await project.run(["stack", "export", "--show-secrets"]);
    // --show-secrets writes a secret as { <sig>: …, plaintext: "<JSON of the value>" }
    const shownKey = resourcesOfType(JSON.parse(shown.stdout), TYPE)[0]!.outputs!.generatedKey as string | { plaintext: string };
    const key = typeof shownKey === "string" ? shownKey : (JSON.parse(shownKey.plaintext) as string);
    assert.ok(key.length >= 40);
    assert.ok(!JSON.stringify(await project.stackExport()).includes(key), "the generated key is never in state in plaintext");
    assert.ok(!logs.join("\n").includes(key), "nor in the logs");
  });
});
