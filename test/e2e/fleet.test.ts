import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
// The fleet from the built package (dist): the stacks' dynamic provider runs outside ts-node.
import { parseFleetFile, runFleet, startAtlasSimulator, type AtlasSimulator, type FleetEvent, type FleetSummary } from "pulumi-atlas-restore";
import { REPO_ROOT, pulumiBinDir } from "../helpers/pulumi-cli";
import { startPostgres, type PostgresServer } from "../helpers/postgres";

// Fleet seeding end to end: the real Pulumi CLI through the Automation API, a real PostgreSQL as
// the shared state backend, the simulator rate-limiting the project to 100 requests a minute.
// Covers the "What must hold" items of issue 15 (see each test's name).
const PROJECT = "fleet-project";
const SOURCE = "fleet-src";
const MAIN = Array.from({ length: 8 }, (_, i) => `fleet-t${i}`);
const LOCKED = ["lock-t0", "lock-t1"];
const KILLED = ["kill-t0", "kill-t1", "kill-t2"];
const UNLOCKED = ["race-t0", "race-t1"];
const BIN = path.join(REPO_ROOT, "dist", "fleet", "bin.js");

describe("atlas-restore-fleet: 8 environments on a PostgreSQL backend (real Pulumi engine)", function () {
  this.timeout(15 * 60_000);
  let sim: AtlasSimulator;
  let pg: PostgresServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let pulumiCommand: PulumiCommand;
  let projectId: string;
  let snapshots: string[];

  const fleetText = (stacks: string[], extra: (stack: string) => string = () => "") =>
    `project: fleet-e2e
source: { kind: tenant, projectId: "${projectId}", clusterName: ${SOURCE} }
snapshot: latest
wait: { timeoutSeconds: 600 }
environments:
${stacks.map((t) => `  - stack: ${t.replace("-t", "-env")}\n    targetDeploymentItemName: ${t}\n${extra(t)}`).join("")}`;
  const jobsOnto = (target: string) => [...sim.state.restoreJobs.values()].filter((j) => j.projectId === projectId && j.targetDeploymentItemName === target && j.deliveryType === "RESTORE");
  const writeFleet = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  /** Runs the bin as its own process group; resolves with exit code, output and the --json summary. */
  function runBin(args: string[], onOutput?: (text: string, pid: number) => void, envOverrides: NodeJS.ProcessEnv = {}) {
    const summaryFile = path.join(dir, `summary-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; summary?: FleetSummary }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args, `--json=${summaryFile}`], { env: { ...env, ...envOverrides }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      const take = (b: Buffer) => {
        output += b;
        onOutput?.(b.toString(), child.pid!);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.on("error", reject);
      child.on("close", (code, signal) => {
        let summary: FleetSummary | undefined;
        try {
          summary = JSON.parse(readFileSync(summaryFile, "utf8")) as FleetSummary;
        } catch {
          summary = undefined;
        }
        resolve({ code, signal, output, ...(summary ? { summary } : {}) });
      });
    });
  }

  before(async function () {
    const binDir = pulumiBinDir();
    pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir) });
    [pg, sim] = await Promise.all([
      startPostgres(),
      startAtlasSimulator({
        lifecycle: { pendingMs: 500, queuedMs: 500, runningMs: 4000 },
        rateLimit: { requestsPerMinute: 100 },
        seed: {
          projects: [
            {
              name: PROJECT,
              tenantClusters: [{ name: SOURCE, snapshots: 2 }, ...[...MAIN, ...LOCKED, ...KILLED, ...UNLOCKED].map((name) => ({ name }))],
              dedicatedClusters: [{ name: "fleet-m10", snapshots: 2 }, { name: "ded-t0" }, { name: "ded-t1" }],
            },
          ],
        },
      }),
    ]);
    const seeded = sim.seed.projects.find((p) => p.name === PROJECT)!;
    projectId = seeded.id;
    snapshots = seeded.tenantClusters.find((c) => c.name === SOURCE)!.snapshots.map((s) => s.id);
    dir = mkdtempSync(path.join(tmpdir(), "fleet-e2e-"));
    env = {
      ...process.env,
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_BACKEND_URL: pg.url,
      PULUMI_HOME: path.join(dir, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: "fleet-e2e",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      MONGODB_ATLAS_BASE_URL: sim.url,
      MONGODB_ATLAS_PUBLIC_KEY: sim.publicKey,
      MONGODB_ATLAS_PRIVATE_KEY: sim.privateKey,
      NO_COLOR: "1",
    };
  });
  after(async () => {
    await sim?.stop();
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("8 environments, --parallel 4: all COMPLETED, each target restored once, no 429 reaches the user; a second up makes zero POSTs; status agrees with the simulator", async () => {
    const fleet = parseFleetFile(fleetText(MAIN));
    const logStart = sim.requestLog.count();
    const events: FleetEvent[] = [];
    const up = await runFleet(fleet, { command: "up", parallel: 4, env, pulumiCommand, onEvent: (e) => events.push(e) });
    const log = sim.requestLog.entries().slice(logStart);
    const tooMany = log.filter((e) => e.status === 429).length;
    console.log(
      `    fleet up: 8 environments in ${(up.wallMs / 1000).toFixed(1)} s with --parallel 4; ${log.length} requests ` +
        `(${(log.length / 8).toFixed(1)} per environment, ${log.filter((e) => e.method === "POST").length} POSTs), ` +
        `429s: ${tooMany} (${((100 * tooMany) / Math.max(1, log.length)).toFixed(1)} %)`,
    );
    assert.equal(up.ok, true, JSON.stringify(up.failed.map((s) => up.environments.find((e) => e.stack === s)), null, 2));
    assert.equal(up.snapshotId, snapshots[snapshots.length - 1], "latest = the newest snapshot");
    for (const target of MAIN) {
      const jobs = jobsOnto(target);
      assert.equal(jobs.length, 1, `${target} restored exactly once`);
      assert.equal(sim.restoreHistory(projectId, target).length, 1);
      const result = up.environments.find((e) => e.target === target)!;
      assert.equal(result.restoreJobId, jobs[0]!.id);
      assert.equal(result.status, "COMPLETED");
      assert.ok(!(result.error ?? "").match(/429|rate limit|Too Many/i));
    }
    assert.ok(tooMany <= 0.1 * log.length, `at most 10 % of requests answered 429 (${tooMany}/${log.length})`);
    const maxInFlight = Math.max(...events.map((_, i) => countRunning(events.slice(0, i + 1))));
    assert.ok(maxInFlight <= 4, `never more than 4 environments at once (saw ${maxInFlight})`);
    assert.ok(events.some((e) => e.phase === "running" && e.status !== undefined && e.restoreJobId !== undefined), "progress events carry the job and its status");

    const again = sim.requestLog.count();
    const second = await runFleet(fleet, { command: "up", parallel: 8, env, pulumiCommand });
    const secondLog = sim.requestLog.entries().slice(again);
    console.log(`    fleet up again (--parallel 8): ${(second.wallMs / 1000).toFixed(1)} s, ${secondLog.length} requests (snapshot listing only), 0 POSTs expected`);
    assert.equal(second.ok, true);
    assert.equal(secondLog.filter((e) => e.method === "POST").length, 0, "a second up makes zero POSTs");
    assert.ok(second.environments.every((e) => e.changes?.create === undefined && e.changes?.update === undefined && e.changes?.replace === undefined), JSON.stringify(second.environments.map((e) => e.changes)));

    const beforeStatus = sim.requestLog.count();
    const status = await runFleet(fleet, { command: "status", env, pulumiCommand });
    assert.equal(sim.requestLog.count(), beforeStatus, "status sends no request to Atlas");
    assert.equal(status.ok, true);
    for (const e of status.environments) {
      const job = sim.state.restoreJobs.get(e.restoreJobId!)!;
      assert.equal(job.targetDeploymentItemName, e.target, "status names the simulator's job for the target");
      assert.equal(e.status, "COMPLETED");
      assert.ok(e.ageSeconds !== undefined && e.ageSeconds >= 0 && e.ageSeconds < 600);
    }
  });

  it("one environment's snapshot fails: exit 1, the summary names it and its job, the other seven complete", async () => {
    const failing = "fleet-t3";
    sim.failRestores({ targetDeploymentItemName: failing, snapshotId: snapshots[0]! });
    const file = writeFleet("failing.yaml", fleetText(MAIN, (t) => (t === failing ? `    snapshot: { snapshotId: "${snapshots[0]}" }\n` : "")));
    const run = await runBin(["up", "-f", file, "--parallel", "4"]);
    assert.equal(run.code, 1, run.output);
    const summary = run.summary!;
    assert.deepEqual(summary.failed, ["fleet-env3"]);
    const failed = summary.environments.find((e) => e.stack === "fleet-env3")!;
    const failedJob = jobsOnto(failing).find((j) => j.snapshotId === snapshots[0])!;
    assert.equal(failed.restoreJobId, failedJob.id, "the summary names the failed job");
    assert.equal(failed.status, "FAILED");
    assert.match(failed.error ?? "", new RegExp(failedJob.id));
    assert.match(run.output, /1 failed: fleet-env3/);
    const others = summary.environments.filter((e) => e.stack !== "fleet-env3");
    assert.equal(others.length, 7);
    assert.ok(others.every((e) => e.ok && e.status === "COMPLETED"));
  });

  it("two fleet runs started at the same moment on the same environments (two processes, one PostgreSQL): exactly one restore per target", async () => {
    const file = writeFleet("locked.yaml", fleetText(LOCKED));
    const [a, b] = await Promise.all([runBin(["up", "-f", file, "--parallel", "2"]), runBin(["up", "-f", file, "--parallel", "2"])]);
    for (const target of LOCKED) assert.equal(jobsOnto(target).length, 1, `${target} restored exactly once`);
    assert.equal(a.code, 0, a.output);
    assert.equal(b.code, 0, b.output);
    const waited = `${a.output}\n${b.output}`.match(/waiting-for-lock.*/g) ?? [];
    console.log(`    two runners: ${waited.length} lock wait(s) seen, e.g. ${waited[0] ?? "(none)"}`);
    const restoreIds = [a, b].flatMap((r) => r.summary!.environments.map((e) => e.restoreJobId));
    assert.equal(new Set(restoreIds).size, LOCKED.length, "both runs report the same job per environment");
  });

  it("two runners that share no lock (each its own state backend) on the same targets: both pass, Atlas's 409 or the listing is adopted, exactly one restore per target", async () => {
    const file = writeFleet("race.yaml", fleetText(UNLOCKED));
    const otherBackend = path.join(dir, "other-backend");
    mkdirSync(otherBackend, { recursive: true });
    const posts = () => sim.requestLog.entries().filter((e) => e.method === "POST" && e.status === 200).length;
    const conflicts = () => sim.requestLog.entries().filter((e) => e.method === "POST" && e.status === 409).length;
    const [posted, refused] = [posts(), conflicts()];
    const [a, b] = await Promise.all([
      runBin(["up", "-f", file, "--parallel", "2"]),
      runBin(["up", "-f", file, "--parallel", "2"], undefined, { PULUMI_BACKEND_URL: `file://${otherBackend}` }),
    ]);
    assert.equal(a.code, 0, a.output);
    assert.equal(b.code, 0, b.output);
    for (const target of UNLOCKED) assert.equal(jobsOnto(target).length, 1, `${target} restored exactly once`);
    assert.equal(posts() - posted, UNLOCKED.length, "one accepted POST per target");
    const restoreIds = [a, b].flatMap((r) => r.summary!.environments.map((e) => e.restoreJobId));
    assert.equal(new Set(restoreIds).size, UNLOCKED.length, "both runs record the same job per environment");
    const adopted = [a, b].flatMap((r) => r.summary!.environments.filter((e) => e.adopted === true)).length;
    assert.equal(adopted, UNLOCKED.length, "the runner that lost each race adopted the winner's job");
    console.log(`    two unlocked runners: ${posts() - posted} accepted POSTs, ${conflicts() - refused} answered 409 and adopted, ${adopted} adoptions`);
  });

  it("SIGKILL of the fleet process mid-run, then up again: every environment restored exactly once (stale lock and pending creates cleared automatically)", async () => {
    const file = writeFleet("killed.yaml", fleetText(KILLED));
    const killed = await runBin(["up", "-f", file, "--parallel", "3"], (_text, pid) => {
      const inFlight = KILLED.every((t) => jobsOnto(t).length === 1) && KILLED.some((t) => sim.restoreHistory(projectId, t).length === 0);
      if (inFlight) {
        try {
          process.kill(-pid, "SIGKILL"); // the whole process group: fleet, Pulumi CLIs, providers (a lost CI runner)
        } catch {
          // already gone
        }
      }
    });
    assert.equal(killed.signal, "SIGKILL", `the run was killed mid-way:\n${killed.output}`);
    const again = await runBin(["up", "-f", file, "--parallel", "3", "--lock-wait", "120"]);
    assert.equal(again.code, 0, again.output);
    for (const target of KILLED) {
      assert.equal(jobsOnto(target).length, 1, `${target}: no second restore`);
      assert.equal(sim.restoreHistory(projectId, target).length, 1, `${target} restored exactly once`);
    }
    const recovered = again.summary!.environments.flatMap((e) => e.recovered ?? []);
    console.log(`    after SIGKILL: ${recovered.length} recovery step(s): ${[...new Set(recovered.map((r) => r.replace(/\d+/g, "N")))].join(" | ")}`);
    assert.ok(recovered.some((r) => /pending operation/.test(r)), "pending creates were cleared");
    assert.ok(again.summary!.environments.every((e) => e.adopted === true || jobsOnto(e.target)[0]!.id === e.restoreJobId));
  });

  it("kind dedicated (CloudBackupRestore): the latest snapshot onto one cluster, a point in time onto another", async () => {
    const pointInTime = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
    const fleet = parseFleetFile(`project: fleet-e2e-dedicated
source: { kind: dedicated, projectId: "${projectId}", clusterName: fleet-m10 }
environments:
  - { stack: ded-latest, targetClusterName: ded-t0 }
  - { stack: ded-pit, targetClusterName: ded-t1, snapshot: { pointInTime: "${pointInTime}" } }
`);
    const up = await runFleet(fleet, { command: "up", parallel: 2, env, pulumiCommand });
    assert.equal(up.ok, true, JSON.stringify(up.environments, null, 2));
    const jobs = [...sim.state.cloudBackupJobs.values()].filter((j) => j.projectId === projectId && j.clusterName === "fleet-m10" && j.targetClusterName?.startsWith("ded-t"));
    assert.deepEqual(jobs.map((j) => [j.targetClusterName, j.deliveryType]).sort(), [["ded-t0", "automated"], ["ded-t1", "pointInTime"]]);
    for (const e of up.environments) {
      assert.equal(e.status, "COMPLETED");
      assert.equal(e.restoreJobId, jobs.find((j) => j.targetClusterName === e.target)!.id);
    }
  });
});

/** Environments running after the events so far. */
function countRunning(events: FleetEvent[]): number {
  const phase = new Map<string, string>();
  for (const e of events) phase.set(e.stack, e.phase);
  return [...phase.values()].filter((p) => p !== "queued" && p !== "succeeded" && p !== "failed" && p !== "skipped").length;
}
