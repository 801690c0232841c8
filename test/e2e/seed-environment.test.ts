import * as assert from "node:assert/strict";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType, type StackExport } from "../helpers/pulumi-cli";

// The seed-environment example under the real Pulumi CLI, against the simulator, on a file backend.
// The tests run in order and share one stack, as a pipeline would across runs.
const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:TenantRestore";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("seed-environment example under the real Pulumi engine", function () {
  this.timeout(10 * 60_000);
  let sim: AtlasSimulator;
  let project: PulumiProject;
  let projectId: string;
  let target: string;
  let snapshots: string[];

  const posts = () => sim.requestLog.count({ method: "POST" });
  const history = () => sim.restoreHistory(projectId, target);
  const restoreOf = (state: StackExport) => resourcesOfType(state, TYPE);
  async function up(label: string, extra: string[] = [], allowFailure = false) {
    const run = await project.run(["up", "--yes", "--skip-preview", ...extra], { allowFailure });
    logSummary(label, run);
    return run;
  }

  before(async function () {
    pulumiBinDir();
    sim = await startAtlasSimulator({ lifecycle: { pendingMs: 150, queuedMs: 150, runningMs: 500 } });
    projectId = sim.seed.defaultProjectId;
    target = sim.seed.defaultTargetCluster;
    const source = sim.seed.projects.find((p) => p.id === projectId)!.tenantClusters.find((c) => c.name === sim.seed.defaultSourceCluster)!;
    snapshots = source.snapshots.map((s) => s.id);
    assert.ok(snapshots.length >= 3, "the simulator seeds several snapshots");
    project = PulumiProject.create(path.join(REPO_ROOT, "examples", "seed-environment"), { stack: "e2e" });
    await project.init();
    await project.setConfigs([
      ["mongodbatlas:publicKey", sim.publicKey, true],
      ["mongodbatlas:privateKey", sim.privateKey, true],
      ["mongodbatlas:baseUrl", sim.url, false],
      ["sourceProjectId", projectId, false],
      ["sourceClusterName", sim.seed.defaultSourceCluster, false],
      ["targetClusterName", target, false],
      ["snapshotId", snapshots[0], false],
      ["pollIntervalSeconds", "0.1", false],
    ]);
  });
  after(async () => {
    await sim?.stop();
    project?.remove();
  });

  it("1. up creates exactly one restore job, waits for COMPLETED, and the target is restored once", async () => {
    const run = await up("up");
    assert.match(run.output, /RUNNING → COMPLETED after/);
    assert.equal(posts(), 1);
    assert.equal(history().length, 1);
    const outputs = await project.outputs();
    assert.equal(outputs.status, "COMPLETED");
    assert.equal(outputs.restoredSnapshotId, snapshots[0]);
    const [restore] = restoreOf(await project.stackExport());
    assert.equal(restore.id, history()[0].restoreJobId);
  });

  it("2. a second up with no change reports no changes and sends zero POSTs", async () => {
    const before = sim.requestLog.count();
    await up("up (unchanged)", ["--expect-no-changes"]);
    assert.equal(posts(), 1);
    assert.equal(sim.requestLog.count({ method: "POST" }), 1);
    assert.ok(sim.requestLog.count() - before <= 4, "only lookups, no polling of a finished job");
  });

  it("3. changing only timeoutSeconds updates in place; changing the snapshot replaces (one new job)", async () => {
    const [old] = restoreOf(await project.stackExport());
    await project.setConfig("timeoutSeconds", "900");
    const update = await up("up (timeoutSeconds)");
    assert.doesNotMatch(update.output, /replaced/);
    assert.equal(posts(), 1);
    assert.equal(restoreOf(await project.stackExport())[0].id, old.id);

    await project.setConfig("snapshotId", snapshots[1]);
    const replace = await up("up (snapshotId)");
    assert.match(replace.output, /1 replaced/);
    assert.equal(posts(), 2);
    assert.equal(history().length, 2);
    const [now] = restoreOf(await project.stackExport());
    assert.notEqual(now.id, old.id);
    assert.equal(now.outputs?.snapshotId, snapshots[1]);
  });

  it("4. refresh updates the status; a job Atlas no longer knows stays in state as last seen (jobVisible false)", async () => {
    await project.setConfig("waitForCompletion", "false");
    await project.setConfig("snapshotId", snapshots[2]);
    await up("up (no wait)");
    let [restore] = restoreOf(await project.stackExport());
    assert.notEqual(restore.outputs?.status, "COMPLETED");
    await new Promise((r) => setTimeout(r, 1000)); // the simulated restore takes 0.8 s
    logSummary("refresh", await project.run(["refresh", "--yes", "--skip-preview"]));
    [restore] = restoreOf(await project.stackExport());
    assert.equal(restore.outputs?.status, "COMPLETED");

    assert.ok(sim.removeRestoreJob(restore.id!));
    const gone = await project.run(["refresh", "--yes", "--skip-preview"]);
    logSummary("refresh (job gone)", gone);
    assert.match(gone.output, /Atlas no longer lists this job/);
    const [kept] = restoreOf(await project.stackExport());
    assert.equal(kept?.id, restore.id);
    assert.equal(kept.outputs?.jobVisible, false);
    assert.equal(kept.outputs?.status, "COMPLETED");
    await project.setConfig("waitForCompletion", "true");
  });

  it("5. a restore Atlas fails: up exits non-zero naming the job, keeps its id, and the next up starts no second restore", async () => {
    sim.failRestores({ targetDeploymentItemName: target, times: 1 });
    await project.setConfig("snapshotId", snapshots[0]);
    await project.setConfig("adoptionWindowSeconds", "0");
    const postsBefore = posts();
    const failed = await up("up (restore fails)", [], true);
    assert.notEqual(failed.code, 0, failed.output);
    assert.equal(posts(), postsBefore + 1);
    const [restore] = restoreOf(await project.stackExport());
    assert.ok(restore?.id, "the failed job is recorded in state");
    assert.match(failed.output, new RegExp(`${restore.id}[\\s\\S]*FAILED|FAILED[\\s\\S]*${restore.id}`));
    const again = await up("up (after failure)", [], true);
    assert.equal(posts(), postsBefore + 1, "no second restore");
    assert.notEqual(again.code, 0);
    assert.match(again.output, /--replace|replace/);
  });

  it("6. neither the state nor the CLI output holds the private key; snapshotUrl is stored only encrypted", async () => {
    // Make the recorded job a DOWNLOAD job so Atlas returns a download URL, then refresh it in.
    const [restore] = restoreOf(await project.stackExport());
    const job = (sim.state as unknown as { restoreJobs: Map<string, { deliveryType: string }> }).restoreJobs.get(restore.id!);
    assert.ok(job, "the simulator holds the job");
    job.deliveryType = "DOWNLOAD";
    const refresh = await project.run(["refresh", "--yes", "--skip-preview"]);
    const exported = await project.run(["stack", "export"]);
    const outputs = await project.run(["stack", "output", "--json"]);
    for (const text of [refresh.output, exported.stdout, outputs.stdout]) {
      assert.ok(!text.includes(sim.privateKey), "private key leaked");
      assert.ok(!text.includes("restore.example.com"), "download URL leaked in clear text");
    }
    const state = JSON.parse(exported.stdout) as StackExport;
    const url = restoreOf(state)[0].outputs?.snapshotUrl as Record<string, unknown> | undefined;
    assert.ok(url && url[SECRET_SIG], `snapshotUrl is a secret in state: ${JSON.stringify(url)}`);
    const plain = JSON.parse((await project.run(["stack", "export", "--show-secrets"])).stdout) as StackExport;
    // --show-secrets keeps the secret envelope and adds the plaintext beside the ciphertext
    assert.match(JSON.stringify(restoreOf(plain)[0].outputs?.snapshotUrl), /https:\/\/restore\.example\.com\//);
  });

  it("7. destroy succeeds and says the restored data stays", async () => {
    const destroy = await project.run(["destroy", "--yes", "--skip-preview"]);
    logSummary("destroy", destroy);
    assert.match(destroy.output, /restored data stays in place/);
    assert.deepEqual(restoreOf(await project.stackExport()), []);
    assert.equal(history().length >= 3, true);
  });
});
