import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import type { FaultSpec } from "../../src/simulator/faults";
import { jobFinishedAt, jobStatusAt } from "../../src/simulator/lifecycle";
import type { RequestLogEntry } from "../../src/simulator/request-log";
import { DEFAULT_PROJECT_NAME } from "../../src/simulator/seed";
import type { SimRestoreJob } from "../../src/simulator/state";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType, type PulumiRun, type StackExport } from "../helpers/pulumi-cli";
import { killTree, processTree } from "../helpers/process-tree";

// `pulumi up` of the seed-environment example, killed with SIGKILL (the CLI and every process under
// it, as a CI runner or the OOM killer would) at ten moments between "about to POST" and "about to
// be COMPLETED", then recovered the way a pipeline would; and interrupted with SIGINT (Ctrl-C).
//
// Recovery after SIGKILL (what a pipeline runs before retrying `pulumi up`):
//   1. `pulumi stack export`: if `deployment.pending_operations` is not empty, the killed run left
//      a pending create (the engine had asked the provider to create the restore and never heard
//      back). `pulumi up` alone keeps it and warns; it is cleared with
//   2. `pulumi refresh --clear-pending-creates --yes` (v3.259; non-interactive). This only drops the
//      engine's record: the restore job, if Atlas took it, is not lost, because
//   3. `pulumi up` creates the resource again and the provider ADOPTS the job Atlas already has
//      (same source, snapshot and target, in flight or finished within the adoption window)
//      instead of POSTing a second restore; if no job exists (killed before the POST reached
//      Atlas) it starts one. The file backend leaves no lock behind, so `pulumi cancel` is not needed.
// SIGINT (Ctrl-C, or SIGTERM, to the CLI) needs no recovery: the provider stops waiting, the stack
// records the job id and its last status, and the next `pulumi up` resumes waiting on that job.

const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:TenantRestore";
const SOURCE = "irq-source";
const TARGET = "irq-target";
const LIFECYCLE = { pendingMs: 1000, queuedMs: 1000, runningMs: 3500 };
const POLL_INTERVAL_SECONDS = "0.2"; // polls 0.2, 0.5, 0.95, 1.6, 2.6, 4.2, 6.4 s after the POST: 3×PENDING, QUEUED, 2×RUNNING, COMPLETED

/** The program is type-checked by the build; transpiling only saves seconds per program run (3 runs a round). */
const FAST_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

interface RoundView {
  /** Request log entries since the killed `up` started. */
  entries: RequestLogEntry[];
  /** The round's restore job, once Atlas has it. */
  job?: SimRestoreJob;
  /** Simulator time (ms). */
  now: number;
}

interface Moment {
  name: string;
  /** A scripted simulator fault for the killed run. */
  fault?: FaultSpec;
  /** True when the CLI must be killed now; a number: kill that many ms from now. */
  when: (view: RoundView) => boolean | number;
  /** Whether Atlas ends up with the job from the killed run (adopted later) or not (POSTed by the recovery). */
  postReachedAtlas: boolean;
}

const isList = (e: RequestLogEntry) => e.method === "GET" && /\/backup\/tenant\/restores$/.test(e.path);
const isPost = (e: RequestLogEntry) => e.method === "POST" && /\/backup\/tenant\/restore$/.test(e.path);
/** The answered status polls of the job, with the status each one reported. */
const polls = (v: RoundView) =>
  v.job === undefined
    ? []
    : v.entries.filter((e) => e.method === "GET" && e.path.endsWith(`/restores/${v.job!.id}`) && e.status === 200).map((e) => jobStatusAt(v.job!, Date.parse(e.at)));
const nthPoll = (status: string, n: number) => (v: RoundView) => polls(v).filter((s) => s === status).length >= n;

const MOMENTS: Moment[] = [
  {
    name: "during the adoption look-up (before the POST)",
    fault: { method: "GET", path: /\/backup\/tenant\/restores$/, kind: "delay", ms: 3000 },
    // the provider's first request is answered 401 (digest challenge); the authenticated one is then held 3 s
    when: (v) => (v.entries.some((e) => isList(e) && e.status === 401) ? 300 : false),
    postReachedAtlas: false,
  },
  {
    name: "POST sent but never processed by Atlas",
    fault: { method: "POST", kind: "hang" },
    when: (v) => (v.entries.some((e) => isList(e) && e.status === 200) ? 300 : false),
    postReachedAtlas: false,
  },
  {
    name: "POST in flight, processed by Atlas after the client died",
    fault: { method: "POST", kind: "delay", ms: 1500 },
    when: (v) => (v.entries.some((e) => isList(e) && e.status === 200) ? 300 : false),
    postReachedAtlas: true,
  },
  { name: "right after the POST was answered", when: (v) => v.entries.some((e) => isPost(e) && e.status >= 200 && e.status < 300), postReachedAtlas: true },
  { name: "at the first PENDING poll", when: nthPoll("PENDING", 1), postReachedAtlas: true },
  { name: "at the second PENDING poll", when: nthPoll("PENDING", 2), postReachedAtlas: true },
  { name: "at the QUEUED poll", when: nthPoll("QUEUED", 1), postReachedAtlas: true },
  { name: "at the first RUNNING poll", when: nthPoll("RUNNING", 1), postReachedAtlas: true },
  { name: "at the second RUNNING poll", when: nthPoll("RUNNING", 2), postReachedAtlas: true },
  {
    name: "150 ms before Atlas reports COMPLETED (between polls)",
    when: (v) => v.job !== undefined && polls(v).length > 0 && v.now >= jobFinishedAt(v.job) - 150,
    postReachedAtlas: true,
  },
];



describe("interrupted `pulumi up` (SIGKILL at 10 moments, SIGINT, SIGTERM) under the real Pulumi engine", function () {
  this.timeout(10 * 60_000);
  let sim: AtlasSimulator;
  let project: PulumiProject;
  let projectId: string;
  let snapshots: string[];
  let round = 0;

  const history = () => sim.restoreHistory(projectId, TARGET);
  /** POSTs Atlas answered with a new job. */
  const acceptedPosts = () => sim.requestLog.entries().filter((e) => isPost(e) && e.status >= 200 && e.status < 300).length;
  const jobsOf = (snapshotId: string) => [...sim.state.restoreJobs.values()].filter((j) => j.targetDeploymentItemName === TARGET && j.snapshotId === snapshotId);
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PULUMI_BIN_DIR: pulumiBinDir(),
    PULUMI_LOCAL_DIR: project.stateDir,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    NO_COLOR: "1",
    ...FAST_ENV,
  });

  /** Starts `pulumi <args>` (bash execs pulumi: the child's pid is the CLI's) in a process group of its own. */
  function start(args: string[]) {
    const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "pulumi-local.sh"), ...args, "--non-interactive"], {
      cwd: project.dir,
      env: env(),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b));
    child.stderr.on("data", (b: Buffer) => (output += b));
    const done = new Promise<PulumiRun & { endedAt: number }>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal, stdout: output, stderr: "", output, endedAt: Date.now() }));
    });
    return { child, done, output: () => output };
  }

  /** How long each step of the current round took (printed with the round). */
  let steps: string[] = [];
  async function timed<T>(label: string, work: Promise<T>): Promise<T> {
    const t = Date.now();
    const result = await work;
    steps.push(`${label} ${((Date.now() - t) / 1000).toFixed(1)}`);
    return result;
  }

  /** Lock files of the stack in the file backend (`pulumi up` refuses to run while one exists). */
  const locks = () => {
    const dir = path.join(project.stateDir, "backend", ".pulumi", "locks", "organization", "seed-environment", project.stack);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
  };

  async function exportState(): Promise<StackExport> {
    return project.stackExport();
  }

  /** The pipeline's recovery: release the killed run's lock, clear a pending create if it left one, then `pulumi up`. */
  async function recover(label: string): Promise<{ cleared: number; up: PulumiRun }> {
    assert.equal(locks().length, 1, "a killed run leaves the file backend's stack lock behind");
    await timed("cancel", project.run(["cancel", "--yes"]));
    assert.deepEqual(locks(), [], "pulumi cancel removed the lock");
    const pending = (await timed("export", exportState())).deployment.pending_operations ?? [];
    if (pending.length > 0) {
      const refresh = await timed("refresh", project.run(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]));
      logSummary(`${label}: refresh --clear-pending-creates`, refresh);
      assert.deepEqual((await exportState()).deployment.pending_operations ?? [], [], "refresh cleared the pending create");
    }
    const up = await timed("up", project.run(["up", "--yes", "--skip-preview"]));
    logSummary(`${label}: up`, up);
    return { cleared: pending.length, up };
  }

  /** The stack is clean: no pending operations, the restore present with this job and COMPLETED, nothing to change. */
  async function assertClean(jobId: string): Promise<void> {
    const state = await timed("export", exportState());
    assert.deepEqual(state.deployment.pending_operations ?? [], [], "no pending operations");
    const restores = resourcesOfType(state, TYPE);
    assert.equal(restores.length, 1);
    assert.equal(restores[0].id, jobId);
    assert.equal(restores[0].outputs?.status, "COMPLETED");
    await timed("preview", project.run(["preview", "--expect-no-changes"]));
  }

  before(async function () {
    pulumiBinDir();
    sim = await startAtlasSimulator({
      lifecycle: LIFECYCLE,
      seed: { projects: [{ name: DEFAULT_PROJECT_NAME, tenantClusters: [{ name: SOURCE, snapshots: MOMENTS.length + 2 }, { name: TARGET }] }] },
    });
    const seeded = sim.seed.projects.find((p) => p.name === DEFAULT_PROJECT_NAME)!;
    projectId = seeded.id;
    snapshots = seeded.tenantClusters.find((c) => c.name === SOURCE)!.snapshots.map((s) => s.id);
    project = PulumiProject.create(path.join(REPO_ROOT, "examples", "seed-environment"), { stack: "interrupt", env: FAST_ENV });
    await project.init();
    await project.setConfigs([
      ["mongodbatlas:publicKey", sim.publicKey, true],
      ["mongodbatlas:privateKey", sim.privateKey, true],
      ["mongodbatlas:baseUrl", sim.url, false],
      ["sourceProjectId", projectId, false],
      ["sourceClusterName", SOURCE, false],
      ["targetClusterName", TARGET, false],
      ["pollIntervalSeconds", POLL_INTERVAL_SECONDS, false],
      ["timeoutSeconds", "120", false],
    ]);
  });
  after(async () => {
    await sim?.stop();
    project?.remove();
  });

  for (const [index, moment] of MOMENTS.entries()) {
    it(`SIGKILL ${index + 1}/${MOMENTS.length} ${moment.name}: recovered, restored exactly once, stack clean`, async () => {
      const t0 = Date.now();
      steps = [];
      const snapshotId = snapshots[round++];
      await timed("config", project.setConfig("snapshotId", snapshotId)); // a new restore each round (replaces the previous one)
      const restoredBefore = history().length;
      if (moment.fault) sim.faults.add(moment.fault);

      const logStart = sim.requestLog.count();
      const run = start(["up", "--yes", "--skip-preview"]);
      let killedAt: number | undefined;
      let killAt: number | undefined;
      let killedPids: number[] = [];
      let exited = false;
      void run.done.then(() => (exited = true));
      // Watch the simulator from this process (the event loop stays free: the CLI runs asynchronously).
      while (!exited && killedAt === undefined) {
        const view: RoundView = { entries: sim.requestLog.entries().slice(logStart), job: jobsOf(snapshotId)[0], now: Date.now() };
        if (killAt === undefined) {
          const decision = moment.when(view);
          if (decision !== false) killAt = Date.now() + (decision === true ? 0 : decision);
        }
        if (killAt !== undefined && Date.now() >= killAt) {
          killedPids = killTree(run.child.pid!);
          killedAt = Date.now();
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      const killed = await run.done;
      steps.push(`killed up ${((killed.endedAt - t0) / 1000).toFixed(1)}`);
      assert.ok(killedAt !== undefined, `the moment "${moment.name}" never came; the run ended first:\n${killed.output}`);
      assert.equal(killed.signal, "SIGKILL");
      const atKill = jobsOf(snapshotId)[0];
      const jobAtKill = atKill ? `${atKill.id} ${jobStatusAt(atKill, killedAt)}` : "none";
      sim.faults.clear();

      if (moment.postReachedAtlas) {
        // A POST held by the simulator is processed after the client died: wait for Atlas to have the job.
        for (let i = 0; i < 100 && jobsOf(snapshotId).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        assert.equal(jobsOf(snapshotId).length, 1, "Atlas took the killed run's POST");
      } else {
        assert.equal(jobsOf(snapshotId).length, 0, "the killed run's POST never reached Atlas");
      }
      const postsBefore = acceptedPosts();

      const { cleared, up } = await recover(`round ${index + 1}`);
      const jobs = jobsOf(snapshotId);
      assert.equal(jobs.length, 1, "exactly one restore job for this round");
      assert.equal(history().length, restoredBefore + 1, "the target was restored exactly once this round");
      assert.equal(history().at(-1)!.restoreJobId, jobs[0].id);
      assert.equal(acceptedPosts() - postsBefore, moment.postReachedAtlas ? 0 : 1, "the recovery POSTs only when Atlas has no job");
      if (moment.postReachedAtlas) assert.match(up.output, /adopted an existing job/);
      await assertClean(jobs[0].id);
      console.log(
        `    round ${index + 1} (${moment.name}): killed ${killedPids.length} processes, job at kill: ${jobAtKill}; ` +
          `pending operations cleared: ${cleared}; recovery ${moment.postReachedAtlas ? "adopted" : "POSTed"} ${jobs[0].id}; ` +
          `restores of the target: ${history().length}; ${((Date.now() - t0) / 1000).toFixed(1)} s (${steps.join(", ")})`,
      );
    });
  }

  /**
   * Interrupts `pulumi up` at the first RUNNING poll with `interrupt`; the CLI must stop within 15 s,
   * say which job it left in which state, record it (no pending operation, no lock), and the next
   * `pulumi up` must resume waiting on that same job.
   */
  async function interruptDuringWait(label: string, interrupt: (cli: ChildProcess) => void, reason: RegExp): Promise<void> {
    const snapshotId = snapshots[round++];
    await project.setConfig("snapshotId", snapshotId);
    const restoredBefore = history().length;
    sim.state.lifecycle.runningMs = 20_000; // long enough that only an interrupted wait ends early
    try {
      const logStart = sim.requestLog.count();
      const run = start(["up", "--yes", "--skip-preview"]);
      let sentAt: number | undefined;
      let exited = false;
      void run.done.then(() => (exited = true));
      while (!exited && sentAt === undefined) {
        if (nthPoll("RUNNING", 1)({ entries: sim.requestLog.entries().slice(logStart), job: jobsOf(snapshotId)[0], now: Date.now() })) {
          interrupt(run.child);
          sentAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      const stopped = await run.done;
      assert.ok(sentAt !== undefined, `the wait ended before ${label} could be sent:\n${stopped.output}`);
      const stopMs = stopped.endedAt - sentAt;
      const [job] = jobsOf(snapshotId);
      assert.ok(stopMs < 15_000, `the CLI stopped ${stopMs} ms after ${label}`);
      assert.notEqual(stopped.code, 0);
      assert.equal(jobStatusAt(job, Date.now()), "RUNNING", "the CLI stopped while the restore was still running");
      assert.match(stopped.output, new RegExp(`${job.id}\\b[^\\n]*stopped waiting because ${reason.source}; the job was last seen RUNNING`));
      let state = await exportState();
      assert.deepEqual(state.deployment.pending_operations ?? [], [], "an interrupted wait leaves no pending operation");
      assert.deepEqual(locks(), [], "and no lock: nothing to recover");
      const [recorded] = resourcesOfType(state, TYPE);
      assert.equal(recorded?.id, job.id, "the job id is in the stack");
      assert.equal(recorded.outputs?.status, "RUNNING");
      const because = /stopped waiting because ([^;]*);/.exec(stopped.output)?.[1];
      console.log(`    ${label}: CLI exited ${stopMs} ms later (code ${stopped.code}); provider: "stopped waiting because ${because}"; job ${job.id} recorded as RUNNING`);

      // Let the restore finish 8 s from now (not 20 s): still RUNNING when the next up resumes waiting on it.
      job.phases.runningMs = Date.now() + 8000 - job.createdAt - job.phases.pendingMs - job.phases.queuedMs;
      const posts = sim.requestLog.count({ method: "POST" });
      const up = await project.run(["up", "--yes", "--skip-preview"]);
      logSummary(`up after ${label}`, up);
      assert.equal(sim.requestLog.count({ method: "POST" }), posts, "no second POST");
      assert.match(up.output, new RegExp(`${job.id}: RUNNING → COMPLETED`), "the update resumed waiting on the same job");
      assert.equal(jobsOf(snapshotId).length, 1);
      assert.equal(history().length, restoredBefore + 1, "restored exactly once");
      state = await exportState();
      assert.equal(resourcesOfType(state, TYPE)[0].id, job.id);
      await assertClean(job.id);
    } finally {
      sim.state.lifecycle.runningMs = LIFECYCLE.runningMs;
    }
  }

  it("SIGINT to the CLI during the wait: stops promptly naming the job and its last status; the next up finishes the same job", async () => {
    // The CLI only, like Ctrl-C reaching `pulumi` (plugins run in process groups of their own). The
    // engine sends the Cancel RPC to the provider, which ends its wait with the job in partial state.
    await interruptDuringWait("SIGINT to the CLI", (cli) => cli.kill("SIGINT"), /Pulumi is cancelling the update/);
  });

  it("SIGTERM to every process (a CI runner cancelling the job): the same, the provider answers before it exits", async () => {
    await interruptDuringWait(
      "SIGTERM to every process",
      (cli) => {
        for (const pid of processTree(cli.pid!)) process.kill(pid, "SIGTERM");
      },
      /(Pulumi is cancelling the update|the provider process received SIGTERM)/,
    );
  });
});
