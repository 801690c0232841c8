import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { SeedInfo } from "../../src/simulator";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, type PulumiRun } from "../helpers/pulumi-cli";

/**
 * Service-account auth under the real Pulumi CLI: the fixture program holds one restore per kind
 * (test/fixtures/service-account/index.ts). A new restore kind is one line in that program and one
 * row in KINDS below; every assertion here loops over KINDS.
 */
interface KindRow {
  kind: string;
  /** The POST that starts a restore of this kind. */
  post: RegExp;
  source: (s: SeedInfo) => string;
  snapshot: (s: SeedInfo) => string;
  /** Target cluster in [the source project, the second project]: the two stacks never share a target. */
  targets: [string, string];
}
const KINDS: KindRow[] = [
  { kind: "tenant", post: /\/backup\/tenant\/restore$/, source: (s) => s.defaultSourceCluster, snapshot: (s) => s.defaultSnapshotId, targets: ["staging-m2", "qa-m5"] },
  { kind: "flex", post: /\/flexClusters\/[^/]+\/backup\/restoreJobs$/, source: (s) => s.defaultFlexSourceCluster, snapshot: (s) => s.defaultFlexSnapshotId, targets: ["staging-flex", "staging-flex"] },
  { kind: "dedicated", post: /\/clusters\/[^/]+\/backup\/restoreJobs$/, source: (s) => s.defaultDedicatedCluster, snapshot: (s) => s.defaultDedicatedSnapshotId, targets: ["staging-m10", "staging-m10"] },
];

/** Credential environment variables blanked, so only the stack config can authenticate. */
const NO_ENV_CREDENTIALS = Object.fromEntries(
  ["MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY", "MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY",
    "MCLI_PRIVATE_API_KEY", "MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET", "MONGODB_ATLAS_ACCESS_TOKEN", "MONGODB_ATLAS_BASE_URL"].map((k) => [k, ""]),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("service accounts under the real Pulumi engine", function () {
  this.timeout(15 * 60_000);
  let sim: AtlasSimulator;
  const projects: PulumiProject[] = [];
  /** Every CLI output of this suite, checked for secrets at the end. */
  const outputs: string[] = [];
  const run = async (project: PulumiProject, label: string, args: string[]): Promise<PulumiRun> => {
    const result = await project.run(args, { timeoutMs: 8 * 60_000 });
    outputs.push(result.output);
    logSummary(label, result);
    return result;
  };
  const saConfig = (): Array<[string, string, boolean?]> => [
    ["mongodbatlas:clientId", sim.serviceAccount.clientId],
    ["mongodbatlas:clientSecret", sim.serviceAccount.clientSecret, true],
  ];
  async function stack(name: string, which: 0 | 1, credentials: Array<[string, string, boolean?]>): Promise<PulumiProject> {
    const project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "service-account"), { stack: name, env: NO_ENV_CREDENTIALS });
    projects.push(project);
    await project.init();
    const s = sim.seed;
    await project.setConfigs([
      ["mongodbatlas:baseUrl", sim.url],
      ["sourceProjectId", s.defaultProjectId],
      ["targetProjectId", which === 0 ? s.defaultProjectId : s.defaultTargetProjectId],
      ...KINDS.flatMap((k): Array<[string, string]> => [[`${k.kind}Source`, k.source(s)], [`${k.kind}Snapshot`, k.snapshot(s)], [`${k.kind}Target`, k.targets[which]]]),
      ...credentials,
    ]);
    return project;
  }
  const posts = (k: KindRow) => sim.requestLog.count({ method: "POST", path: k.post });
  /** Finished restores of this snapshot onto a target: tenant/Flex from its restoreHistory, dedicated from the Cloud Backup jobs (the simulator records no history for those). */
  const restoresOnto = (k: KindRow, projectId: string, target: string) =>
    k.kind === "dedicated"
      ? [...sim.state.cloudBackupJobs.values()].filter(
          (j) => j.snapshotId === k.snapshot(sim.seed) && j.targetGroupId === projectId && j.targetClusterName === target &&
            j.finishedAt !== undefined && j.finishedAt <= Date.now() && !j.failed && !j.cancelled,
        ).length
      : sim.restoreHistory(projectId, target).length;

  before(async () => {
    pulumiBinDir();
    sim = await startAtlasSimulator({ lifecycle: { pendingMs: 150, queuedMs: 150, runningMs: 400 } });
  });
  after(async () => {
    await sim?.stop();
    projects.forEach((p) => p.remove());
  });

  it("up with service-account config only restores each kind once; refresh and destroy work; nothing uses digest", async () => {
    const project = await stack("sa", 0, saConfig());
    sim.requestLog.clear();
    const up = await run(project, "up (service account)", ["up", "--yes", "--skip-preview"]);
    for (const k of KINDS) {
      assert.equal(posts(k), 1, `${k.kind}: exactly one restore started`);
      assert.equal(restoresOnto(k, sim.seed.defaultProjectId, k.targets[0]), 1, `${k.kind}: restored once`);
    }
    assert.match(up.output, /RUNNING → COMPLETED/);
    assert.equal(sim.requestLog.count({ auth: "digest" }), 0, "no digest request");
    assert.equal(sim.requestLog.count({ status: 401 }), 0, "no request was refused");
    const tokens = sim.requestLog.count({ route: "oauthToken", status: 200 });
    assert.ok(tokens >= 1 && tokens <= 4, `one token per process (program, provider), got ${tokens}`);
    const refresh = await run(project, "refresh (service account)", ["refresh", "--yes", "--skip-preview"]);
    assert.doesNotMatch(refresh.output, /error:/);
    await run(project, "up (unchanged)", ["up", "--yes", "--skip-preview", "--expect-no-changes"]);
    const destroy = await run(project, "destroy (service account)", ["destroy", "--yes", "--skip-preview"]);
    assert.match(destroy.output, /restored data stays in place/);
    assert.equal(sim.requestLog.count({ auth: "digest" }), 0, "no digest request in refresh or destroy");
    for (const k of KINDS) assert.equal(posts(k), 1, `${k.kind}: no second restore`);
  });

  it("a stack switched from API keys to a service account (config only) shows no diff and writes nothing", async () => {
    const project = await stack("switch", 1, [
      ["mongodbatlas:publicKey", sim.publicKey],
      ["mongodbatlas:privateKey", sim.privateKey, true],
    ]);
    sim.requestLog.clear();
    await run(project, "up (API key)", ["up", "--yes", "--skip-preview"]);
    for (const k of KINDS) assert.equal(posts(k), 1, `${k.kind}: one restore with the API key`);
    assert.ok(sim.requestLog.count({ auth: "digest" }) > 0);

    await project.run(["config", "rm", "mongodbatlas:publicKey"]);
    await project.run(["config", "rm", "mongodbatlas:privateKey"]);
    await project.setConfigs(saConfig());
    sim.requestLog.clear();
    const preview = await run(project, "preview (switched)", ["preview", "--expect-no-changes", "--diff"]);
    assert.doesNotMatch(preview.output, /[~+-] .*(TenantRestore|FlexRestore)/);
    await run(project, "up (switched)", ["up", "--yes", "--skip-preview", "--expect-no-changes"]);
    assert.deepEqual(sim.requestLog.entries({ method: "POST" }).filter((e) => e.route !== "oauthToken"), [], "no write after the switch");
    assert.equal(sim.requestLog.count({ auth: "digest" }), 0, "the switched stack authenticates with the service account only");
    assert.ok(sim.requestLog.count({ auth: "bearer" }) > 0);
    await run(project, "refresh (switched)", ["refresh", "--yes", "--skip-preview"]);
    await run(project, "destroy (switched)", ["destroy", "--yes", "--skip-preview"]);
  });

  it("no CLI output, stack export or state file holds the client secret or any issued token", async () => {
    const issued = sim.issuedTokens();
    assert.ok(issued.length >= 2, "tokens were issued");
    const secrets = [sim.serviceAccount.clientSecret, ...issued];
    for (const project of projects) {
      outputs.push((await project.run(["stack", "export"])).stdout, (await project.run(["stack", "export", "--show-secrets"])).stdout);
      outputs.push(...filesUnder(project.stateDir).map((f) => readFileSync(f, "utf8")));
    }
    for (const text of outputs) for (const s of secrets) assert.ok(!text.includes(s), `a secret (${s === secrets[0] ? "client secret" : "token"}) leaked`);
  });
});
