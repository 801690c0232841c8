import * as assert from "node:assert/strict";
import * as path from "node:path";
import { CONTROL_DB } from "../../src/mask/mask-control";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { databaseUsersWorld } from "../../src/simulator/routes/database-users";
import { DEFAULT_PROJECT_NAME } from "../../src/simulator/seed";
import { startFerretDb, type FerretDb } from "../helpers/ferretdb";
import { PulumiProject, REPO_ROOT, pulumiBinDir, simulatorConfig } from "../helpers/pulumi-cli";

// Bad DataMask inputs under the real Pulumi CLI: each gives one clear error naming the field or the
// server's answer, and nothing is written (the target's data and checkpoint untouched; at preview,
// zero requests to Atlas).
const FAST_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const RULES = [{ namespace: "app.users", fields: { email: "hash" } }];

describe("DataMask bad input under the real Pulumi engine: one clear error, nothing written", function () {
  this.timeout(5 * 60_000);
  let sim: AtlasSimulator;
  let ferret: FerretDb;
  let project: PulumiProject;
  let projectId: string;

  async function attempt(command: "preview" | "up", maskArgs: Record<string, unknown>, connectionString?: string): Promise<string> {
    await project.setConfig("maskArgs", JSON.stringify(maskArgs));
    if (connectionString) await project.setConfig("connectionString", connectionString, true);
    else await project.run(["config", "rm", "connectionString"], { allowFailure: true });
    const run = await project.run(command === "up" ? ["up", "--yes", "--skip-preview"] : ["preview"], { allowFailure: true });
    assert.notEqual(run.code, 0, `${command} must fail:\n${run.output}`);
    return run.output;
  }
  async function assertNothingWritten(): Promise<void> {
    assert.equal(await ferret.root.db("app").collection("users").countDocuments({ email: "a@corp.example" }), 1);
    assert.equal(await ferret.root.db(CONTROL_DB).collection("runs").countDocuments(), 0);
  }

  before(async () => {
    pulumiBinDir();
    ferret = await startFerretDb();
    await ferret.root.db("app").collection("users").insertOne({ email: "a@corp.example" });
    sim = await startAtlasSimulator({ seed: { projects: [{ name: DEFAULT_PROJECT_NAME, tenantClusters: [{ name: "tgt" }] }] } });
    projectId = sim.seed.projects.find((p) => p.name === DEFAULT_PROJECT_NAME)!.id;
    project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "data-mask-input"), { stack: "bad", env: FAST_ENV });
    await project.init();
    await project.setConfigs(simulatorConfig(sim));
  });
  after(async () => {
    await sim?.stop();
    await ferret?.stop();
    project?.remove();
  });

  it("an unknown strategy and a bad path fail at preview, naming them, with zero requests to Atlas", async () => {
    const before = sim.requestLog.count();
    const out = await attempt("preview", { projectId, clusterName: "tgt", rules: [{ namespace: "app.users", fields: { email: "sha1", "a..b": "hash" } }] });
    assert.match(out, /rules\.0\.fields\.email\.strategy must be a strategy: "hash", "fake", "redact", "null", "unset"/);
    const out2 = await attempt("preview", { projectId, clusterName: "tgt", rules: [{ namespace: "app.users", fields: { "a..b": "hash" } }] });
    assert.match(out2, /rules\.0\.fields\.a\.\.b \(a path\) is not a field path/);
    assert.equal(sim.requestLog.count(), before, "no request to Atlas at preview");
    await assertNothingWritten();
  });

  it("a namespace that does not exist: refused before anything is written", async () => {
    const out = await attempt("up", { rules: [...RULES, { namespace: "app.nope", fields: { a: "hash" } }], key: "k".repeat(20) }, ferret.rootUri);
    assert.match(out, /rules name namespaces that do not exist on the target: app\.nope\. Nothing was written/);
    await assertNothingWritten();
  });

  it("a refused authentication names the server's answer, never the password", async () => {
    const bad = ferret.rootUri.replace(/:[^:@]+@/, ":not-the-password-42@");
    const out = await attempt("up", { rules: RULES, key: "k".repeat(20) }, bad);
    assert.match(out, /authentication to mongodb:\/\/root:\*\*\*@127\.0\.0\.1:\d+\/.* was refused: Authentication failed/);
    assert.ok(!out.includes("not-the-password-42"));
    await assertNothingWritten();
  });

  it("a refused connection names the host", async () => {
    const out = await attempt("up", { rules: RULES, key: "k".repeat(20) }, "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1500");
    assert.match(out, /DataMask: cannot connect to (\[secret\]|mongodb:\/\/127\.0\.0\.1:1\/\S*): connect ECONNREFUSED 127\.0\.0\.1:1/); // Pulumi masks the secret input where it appears
    assert.equal(databaseUsersWorld(sim.state).users.length, 0);
  });
});
