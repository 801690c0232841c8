import * as assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { jobStatusAt } from "../../src/simulator/lifecycle";
import { DEFAULT_PROJECT_NAME } from "../../src/simulator/seed";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType, simulatorConfig, type PulumiRun, type StackResource } from "../helpers/pulumi-cli";

// No restore is repeated or skipped by surprise, and Ctrl-C stops at once, under the real Pulumi
// engine against the simulator. One stack of several TenantRestores (test/fixtures/restore-set);
// the tests run in order and change the set between runs, so each `pulumi up` covers several cases.

const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:TenantRestore";
const SOURCE = "ns-source";
const TARGETS = ["ns-forgotten-a", "ns-forgotten-b", "ns-adopt", "ns-fresh", "ns-hang", "ns-throttled", "ns-polling"];
const FAST_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const NOT_LISTED = /Atlas no longer lists this job \(404; last seen COMPLETED\)[^\n]*NOT repeated[^\n]*pulumi up --replace/;

interface Entry {
  snapshotId: string;
  target: string;
  adoptionWindowSeconds?: number;
}

describe("no surprise restores and prompt Ctrl-C under the real Pulumi engine", function () {
  this.timeout(15 * 60_000);
  let sim: AtlasSimulator;
  let project: PulumiProject;
  let projectId: string;
  let snapshots: string[];
  const restores: Record<string, Entry> = {};

  const posts = () => sim.requestLog.count({ method: "POST", status: 200 });
  const restoresOf = async (): Promise<Map<string, StackResource>> =>
    new Map(resourcesOfType(await project.stackExport(), TYPE).map((r) => [r.urn.split("::").pop()!, r]));
  const jobOn = (target: string) => [...sim.state.restoreJobs.values()].filter((j) => j.targetDeploymentItemName === target).at(-1);
  async function apply(label: string, args: string[] = ["up", "--yes", "--skip-preview"]): Promise<PulumiRun> {
    await project.setConfig("restores", JSON.stringify(restores));
    const run = await project.run(args);
    logSummary(label, run);
    return run;
  }
  /** Distinct lines matching `pattern` (the CLI prints a provider's line live and again under Diagnostics). */
  const lines = (text: string, pattern: RegExp) => [...new Set(text.split("\n").filter((l) => pattern.test(l)).map((l) => l.replace(/^.*?(TenantRestore job)/, "$1")))];

  before(async function () {
    pulumiBinDir();
    sim = await startAtlasSimulator({
      lifecycle: { pendingMs: 200, queuedMs: 200, runningMs: 400 },
      seed: { projects: [{ name: DEFAULT_PROJECT_NAME, tenantClusters: [{ name: SOURCE, snapshots: 3 }, ...TARGETS.map((name) => ({ name }))] }] },
    });
    const seeded = sim.seed.projects.find((p) => p.name === DEFAULT_PROJECT_NAME)!;
    projectId = seeded.id;
    snapshots = seeded.tenantClusters.find((c) => c.name === SOURCE)!.snapshots.map((s) => s.id);
    project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "restore-set"), { stack: "nosurprise", env: FAST_ENV });
    await project.init();
    await project.setConfigs([
      ...simulatorConfig(sim),
      ["projectId", projectId, false],
      ["sourceCluster", SOURCE, false],
      ["pollIntervalSeconds", "0.1", false],
    ]);
  });
  after(async () => {
    await sim?.stop();
    project?.remove();
  });

  it("1. up restores four targets (four POSTs)", async () => {
    for (const name of ["forgotten-a", "forgotten-b", "adopt", "fresh"]) restores[name] = { snapshotId: snapshots[0], target: `ns-${name}` };
    restores.fresh.adoptionWindowSeconds = 0;
    await apply("up (4 restores)");
    assert.equal(posts(), 4);
    const state = await restoresOf();
    for (const name of Object.keys(restores)) assert.equal(state.get(name)?.outputs?.status, "COMPLETED", name);
  });

  it("2. Atlas forgets a job: refresh keeps it (notice, jobVisible false), then up and `up --refresh` send zero POSTs", async () => {
    const a = (await restoresOf()).get("forgotten-a")!;
    assert.ok(sim.removeRestoreJob(a.id!));
    const refresh = await apply("refresh (job a forgotten)", ["refresh", "--yes", "--skip-preview"]);
    assert.equal(lines(refresh.output, NOT_LISTED).length, 1, refresh.output);
    assert.match(refresh.output, new RegExp(`job ${a.id}\\b[^\\n]*no longer lists`));
    let state = await restoresOf();
    assert.equal(state.get("forgotten-a")?.id, a.id, "still in the stack");
    assert.equal(state.get("forgotten-a")?.outputs?.jobVisible, false);
    assert.equal(state.get("forgotten-a")?.outputs?.status, "COMPLETED", "as last seen");
    const up = await apply("up (after refresh)");
    assert.match(up.output, /Resources:\s+5 unchanged/, "nothing created, updated or replaced");
    assert.equal(posts(), 4, "no second restore of target a");

    const b = state.get("forgotten-b")!;
    assert.ok(sim.removeRestoreJob(b.id!));
    const upRefresh = await apply("up --refresh (job b forgotten)", ["up", "--refresh", "--yes", "--skip-preview"]);
    assert.equal(lines(upRefresh.output, NOT_LISTED).length, 2, "a notice for a (again) and for b");
    assert.match(upRefresh.output, /Resources:\s+5 unchanged/);
    assert.equal(posts(), 4, "no second restore of target b");
    state = await restoresOf();
    assert.equal(state.get("forgotten-b")?.id, b.id);
    assert.equal(state.get("forgotten-b")?.outputs?.jobVisible, false);
    assert.equal(sim.restoreHistory(projectId, "ns-forgotten-a").length, 1);
    assert.equal(sim.restoreHistory(projectId, "ns-forgotten-b").length, 1);
  });

  it("3. destroy then up with the same snapshot: adopted with one line naming job and date; adoptionWindowSeconds 0 restores again", async () => {
    const before = await restoresOf();
    const urns = ["adopt", "fresh"].flatMap((name) => ["--target", before.get(name)!.urn]);
    const destroy = await project.run(["destroy", "--yes", "--skip-preview", ...urns]);
    logSummary("destroy (adopt, fresh)", destroy);
    const up = await apply("up (after destroy)");
    const adoptJob = before.get("adopt")!;
    const adoption = lines(up.output, /adopted the identical restore/);
    assert.equal(adoption.length, 1, up.output);
    assert.ok(adoption[0].includes(`job ${adoptJob.id}`) && adoption[0].includes(`finished ${String(adoptJob.outputs?.restoreFinishedDate)}`), adoption[0]);
    assert.match(adoption[0], /adoptionWindowSeconds: 0[^\n]*pulumi up --replace/);
    assert.equal(posts(), 5, "one new restore: the target with adoptionWindowSeconds 0");
    const after = await restoresOf();
    assert.equal(after.get("adopt")?.id, adoptJob.id);
    assert.equal(after.get("adopt")?.outputs?.adopted, true);
    assert.notEqual(after.get("fresh")?.id, before.get("fresh")?.id);
    assert.equal(sim.restoreHistory(projectId, "ns-adopt").length, 1);
    assert.equal(sim.restoreHistory(projectId, "ns-fresh").length, 2);
  });

  it("4. `up --replace` restores again inside the adoption window; a changed snapshot restores again", async () => {
    const before = await restoresOf();
    restores.fresh.snapshotId = snapshots[1];
    const up = await apply("up --replace adopt, new snapshot for fresh", ["up", "--yes", "--skip-preview", "--replace", before.get("adopt")!.urn]);
    assert.match(up.output, /2 replaced/);
    assert.doesNotMatch(up.output, /adopted the identical restore/);
    assert.equal(posts(), 7);
    const after = await restoresOf();
    assert.notEqual(after.get("adopt")?.id, before.get("adopt")?.id);
    assert.equal(after.get("adopt")?.outputs?.adopted, false);
    assert.equal(sim.restoreHistory(projectId, "ns-adopt").length, 2);
    assert.equal(sim.restoreHistory(projectId, "ns-fresh").length, 3);
  });

  it("5. Ctrl-C (SIGINT to the CLI) while one restore's GET hangs, one sits in a 110 s 429 back-off and one waits between polls", async () => {
    for (const name of ["hang", "throttled", "polling"]) restores[name] = { snapshotId: snapshots[2], target: `ns-${name}` };
    const held = ["ns-hang", "ns-throttled", "ns-polling"];
    sim.state.lifecycle.pendingMs = 600_000; // only an interruption ends these waits
    await project.setConfig("restores", JSON.stringify(restores));
    const postsBefore = posts();
    let cli: ChildProcess | undefined;
    let sentAt: number | undefined;
    const polled = (target: string) => {
      const job = jobOn(target);
      return job === undefined ? 0 : sim.requestLog.count({ method: "GET", path: new RegExp(`/restores/${job.id}$`), status: 200 });
    };
    const watcher = (async () => {
      while (held.some((t) => polled(t) < 1)) await new Promise((r) => setTimeout(r, 5));
      sim.faults.add({ method: "GET", path: `/restores/${jobOn("ns-hang")!.id}`, kind: "hang" });
      sim.faults.add({ method: "GET", path: `/restores/${jobOn("ns-throttled")!.id}`, kind: "status", status: 429, retryAfter: "110" });
      const polls = polled("ns-polling");
      while (sim.faults.pending().length > 0 || polled("ns-polling") < polls + 1) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 150)); // now: a GET hangs, a back-off runs, and a pause between polls
      sentAt = Date.now();
      cli!.kill("SIGINT");
    })();
    const run = await project.run(["up", "--yes", "--skip-preview"], { allowFailure: true, onOutput: (_chunk, child) => (cli ??= child) });
    const exitedAt = Date.now();
    await watcher;
    logSummary("up (Ctrl-C)", run);
    assert.ok(sentAt !== undefined);
    const stopMs = exitedAt - sentAt;
    console.log(`    Ctrl-C → CLI exit: ${stopMs} ms (a hanging GET, a 110 s 429 back-off and a pause between polls, all at once)`);
    assert.notEqual(run.code, 0);
    assert.ok(stopMs < 2000, `the CLI exited ${stopMs} ms after Ctrl-C (target: under 2 s)\n${run.output}`);
    assert.equal(posts(), postsBefore + 3);
    const state = await restoresOf();
    assert.deepEqual((await project.stackExport()).deployment.pending_operations ?? [], [], "no pending operation");
    for (const target of held) {
      const job = jobOn(target)!;
      const recorded = state.get(target.replace("ns-", ""))!;
      assert.equal(recorded.id, job.id, `${target}: job id in state`);
      assert.equal(recorded.outputs?.status, "PENDING", `${target}: last status in state`);
      assert.match(run.output, new RegExp(`${job.id}\\b[^\\n]*stopped waiting because Pulumi is cancelling the update; the job was last seen PENDING`));
    }

    // The next up resumes the same three jobs: no POST, each restored once.
    sim.faults.clear();
    for (const target of held) {
      const job = jobOn(target)!;
      job.phases.pendingMs = Date.now() + 8000 - job.createdAt; // likely still in flight when the next up looks
      assert.equal(jobStatusAt(job, Date.now()), "PENDING");
    }
    sim.state.lifecycle.pendingMs = 200;
    const resumed = await apply("up (resume)");
    assert.equal(posts(), postsBefore + 3, "no second POST");
    const after = await restoresOf();
    for (const target of held) {
      assert.equal(after.get(target.replace("ns-", ""))?.id, jobOn(target)!.id);
      assert.equal(after.get(target.replace("ns-", ""))?.outputs?.status, "COMPLETED");
      assert.equal(sim.restoreHistory(projectId, target).length, 1);
      assert.match(resumed.output, new RegExp(`${jobOn(target)!.id}\\b[^\\n]*(: | → )COMPLETED`), `the update looked at the same job:\n${resumed.output}`);
    }
  });
});
