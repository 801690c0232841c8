import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../src/pulumi/check-and-diff";
import * as runtime from "../../src/pulumi/data-mask-runtime";
import { AtlasClient } from "../../src/atlas/client";
import { AtlasApiError } from "../../src/atlas/errors";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { databaseUsersWorld } from "../../src/simulator/routes/database-users";
import { DEFAULT_PROJECT_NAME } from "../../src/simulator/seed";
import { withCredentials, withTemporaryUser } from "../../src/mask/temporary-user";
import { ManualClock } from "../../src/util/clock";

const RULES = [{ namespace: "app.users", fields: { email: "hash" } }];
const reasons = async (news: Record<string, unknown>) => ((await runtime.check({}, news)).failures ?? []).map((f) => `${f.property}: ${f.reason}`);

describe("DataMask provider: check at preview (no request)", () => {
  it("accepts a valid connectionString target and a valid projectId/clusterName target", async () => {
    assert.deepEqual(await reasons({ connectionString: "mongodb+srv://u:p@c.example.net/", rules: RULES }), []);
    assert.deepEqual(await reasons({ projectId: "5e2211c17a3e5a48f5497de3", clusterName: "staging", rules: RULES, key: "k".repeat(16) }), []);
  });

  it("names each bad input: strategy, path, namespace, key, target", async () => {
    const r = await reasons({
      connectionString: "postgres://x",
      rules: [{ namespace: "app.users", fields: { email: "sha1", "a..b": "hash" } }, { namespace: "nodot", action: "drop" }],
      key: "tiny-k",
    });
    assert.ok(r.some((l) => l.startsWith("rules.0.fields.email.strategy")), r.join("\n"));
    assert.ok(r.some((l) => l.startsWith("rules.1.namespace")), r.join("\n"));
    assert.ok(r.some((l) => l.startsWith("connectionString")), r.join("\n"));
    assert.ok(r.some((l) => l.startsWith("key") && l.includes("16")), r.join("\n"));
    assert.ok(!r.join("\n").includes("tiny-k"), "the key's value is never echoed");
    const paths = await reasons({ connectionString: "mongodb://h/", rules: [{ namespace: "app.users", fields: { "a..b": "hash", _id: "null" } }] });
    assert.ok(paths.some((l) => l.startsWith("rules.0.fields.a..b")) && paths.some((l) => l.startsWith("rules.0.fields._id")), paths.join("\n"));
    assert.ok((await reasons({ rules: RULES })).some((l) => l.startsWith("connectionString: ")));
    assert.ok((await reasons({ clusterName: "c", rules: RULES })).some((l) => l.startsWith("projectId: ")));
    assert.ok((await reasons({ connectionString: "mongodb://h/", projectId: "5e2211c17a3e5a48f5497de3", clusterName: "c", rules: RULES })).some((l) => l.startsWith("connectionString: ") && l.includes("must not be given together")));
  });

  it("does not judge inputs not known yet (preview)", async () => {
    assert.deepEqual(await reasons({ connectionString: UNKNOWN, rules: RULES, afterRestore: UNKNOWN }), []);
  });

  it("diff: unchanged inputs of a complete run → no change; a new restore or an unfinished run → update, never replace", async () => {
    const olds = { connectionString: "mongodb://h/", rules: RULES, afterRestore: "a", complete: true };
    assert.deepEqual(await runtime.diff("id", olds, { connectionString: "mongodb://h/", rules: RULES, afterRestore: "a" }), { changes: false });
    assert.deepEqual(await runtime.diff("id", olds, { connectionString: "mongodb://h/", rules: RULES, afterRestore: "b" }), { changes: true });
    assert.deepEqual(await runtime.diff("id", { ...olds, complete: false }, { connectionString: "mongodb://h/", rules: RULES, afterRestore: "a" }), { changes: true });
  });

  it("refuses a restore that has not finished, before connecting", async () => {
    await assert.rejects(
      runtime.create({ connectionString: "mongodb://127.0.0.1:1/", rules: RULES, afterRestore: "j1", afterRestoreStatus: "RUNNING", key: "k".repeat(16) }),
      (e: { message: string; id?: string; properties?: Record<string, unknown> }) => /is RUNNING, not finished/.test(e.message) && e.properties?.complete === false,
    );
  });
});

describe("temporary database user (simulator databaseUsers routes)", () => {
  let sim: AtlasSimulator;
  let projectId: string;
  let client: AtlasClient;
  before(async () => {
    sim = await startAtlasSimulator({ seed: { projects: [{ name: DEFAULT_PROJECT_NAME, tenantClusters: [{ name: "tgt" }] }] } });
    projectId = sim.seed.projects.find((p) => p.name === DEFAULT_PROJECT_NAME)!.id;
    client = new AtlasClient({ baseUrl: sim.url, publicKey: sim.publicKey, privateKey: sim.privateKey, apiVersion: "v2" });
  });
  after(async () => sim?.stop());

  it("creates a user scoped to the cluster with deleteAfterDate under 1 h, hands work the credentials, and deletes it", async () => {
    const clock = new ManualClock(Date.now());
    const seen: string[] = [];
    const uri = await withTemporaryUser(client, { projectId, clusterName: "tgt" }, clock, (l) => seen.push(l), async (u) => u);
    const [user] = databaseUsersWorld(sim.state).users;
    assert.ok(user && user.deletedAt !== undefined);
    assert.deepEqual(user.scopes, [{ name: "tgt", type: "CLUSTER" }]);
    assert.ok(Date.parse(user.deleteAfterDate!) - clock.now() <= 3600_000);
    assert.ok(uri.startsWith(`mongodb+srv://${user.username}:`) && uri.includes("authSource=admin"));
    assert.ok(!seen.join("\n").includes(user.password));
  });

  it("the simulator refuses a deleteAfterDate more than a week ahead and answers 404 for a deleted user", async () => {
    const far = new Date(Date.now() + 8 * 24 * 3600_000).toISOString();
    await assert.rejects(
      client.createDatabaseUser({ projectId, databaseName: "admin", username: "x", password: "long-enough", roles: [{ roleName: "read", databaseName: "admin" }], scopes: [{ name: "tgt", type: "CLUSTER" }], deleteAfterDate: far }),
      (e: unknown) => e instanceof AtlasApiError && e.status === 400,
    );
    await assert.rejects(client.deleteDatabaseUser({ projectId, databaseName: "admin", username: "nobody" }), (e: unknown) => e instanceof AtlasApiError && e.status === 404);
  });

  it("withCredentials puts user and password into either URI form", () => {
    assert.equal(withCredentials("mongodb://h:1/", "u", "p/w"), "mongodb://u:p%2Fw@h:1/?authSource=admin");
    assert.equal(withCredentials("mongodb+srv://c.x.net/?retryWrites=true", "u", "p"), "mongodb+srv://u:p@c.x.net/?retryWrites=true&authSource=admin");
  });
});

describe("DataMask provider serialization (what Pulumi writes into the stack as __provider)", () => {
  it("holds only the runtime module's location: no key, no connection string, small", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi: typeof import("@pulumi/pulumi") = require("@pulumi/pulumi");
    const { dataMaskProvider } = await import("../../src/pulumi/data-mask-provider");
    const provider = dataMaskProvider();
    await runtime.check({}, { connectionString: "mongodb://user:pw-SECRET-91@h/", rules: RULES, key: "KEY-serialization-0123456789" });
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    assert.equal(sf.containsSecrets, false);
    assert.ok(!sf.text.includes("pw-SECRET-91") && !sf.text.includes("KEY-serialization"));
    assert.ok(sf.text.length < 5000, `small (${sf.text.length} chars)`);
  });
});
