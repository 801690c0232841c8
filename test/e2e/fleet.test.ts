import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
// The fleet from the built package (dist): the stacks' dynamic provider runs outside ts-node.
import { parseFleetFile, runFleet, startAtlasSimulator, type AtlasSimulator, type FleetEvent, type FleetSummary } from "pulumi-atlas-restore";
import { REPO_ROOT, pulumiBinDir } from "../helpers/pulumi-cli";
import { startPostgres, type PostgresServer } from "../helpers/postgres";

// Fleet seeding end to end: the real Pulumi CLI through the Automation API, a real PostgreSQL as
// the shared state backend, the simulator rate-limiting the project to 100 requests a minute.
// Covers the "What must hold" items of issues 15 and 23 (see each test's name). The database has a
// password, so every test also runs the path that keeps it out of Pulumi's hands.
const PROJECT = "fleet-project";
const SOURCE = "fleet-src";
const MAIN = Array.from({ length: 8 }, (_, i) => `fleet-t${i}`);
const LOCKED = Array.from({ length: 6 }, (_, i) => `lock-t${i}`);
const SHARDED = Array.from({ length: 4 }, (_, i) => `shard-t${i}`);
const CRED = ["cred-t0"];
const PASSWORD = "pg-Secret-4711";
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
      startPostgres({ password: PASSWORD }),
      startAtlasSimulator({
        lifecycle: { pendingMs: 500, queuedMs: 500, runningMs: 4000 },
        rateLimit: { requestsPerMinute: 100 },
        seed: {
          projects: [
            {
              name: PROJECT,
              tenantClusters: [{ name: SOURCE, snapshots: 2 }, ...[...MAIN, ...LOCKED, ...KILLED, ...UNLOCKED, ...SHARDED, ...CRED].map((name) => ({ name }))],
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

  it("two runners on one fleet file and one PostgreSQL (race): each takes the environments nobody holds, none waits while unclaimed ones remain, exactly one restore per environment, both exit 0", async () => {
    const file = writeFleet("locked.yaml", fleetText(LOCKED));
    const [a, b] = await Promise.all([runBin(["up", "-f", file, "--parallel", "2"]), runBin(["up", "-f", file, "--parallel", "2"])]);
    assert.equal(a.code, 0, a.output);
    assert.equal(b.code, 0, b.output);
    for (const target of LOCKED) assert.equal(jobsOnto(target).length, 1, `${target} restored exactly once`);
    const stacks = LOCKED.map((t) => t.replace("-t", "-env"));
    for (const run of [a, b]) {
      const lines = run.output.split("\n");
      // A first turn of an environment: its first "running" line. No lock wait before every environment had one.
      const firstTurns = stacks.map((st) => lines.findIndex((l) => new RegExp(`^\\S+ ${st} running`).test(l)));
      const firstWait = lines.findIndex((l) => / waiting-for-lock /.test(l));
      assert.ok(firstTurns.every((i) => i >= 0), `every environment had a first turn:\n${run.output}`);
      if (firstWait >= 0) assert.ok(firstWait > Math.max(...firstTurns), `a lock wait only after every environment was claimed:\n${run.output}`);
      assert.doesNotMatch(run.output, /recovering|pending operation/, "a runner that does not hold a stack's lock never recovers it");
      assert.doesNotMatch(run.output, /MaxListenersExceededWarning/);
    }
    const doers = new Map<string, string>();
    for (const st of stacks) {
      const [ra, rb] = [a, b].map((r) => r.summary!.environments.find((e) => e.stack === st)!);
      assert.equal(ra!.restoreJobId, rb!.restoreJobId, `${st}: both report the same job`);
      const own = [ra!, rb!].filter((r) => r.byAnotherRunner !== true);
      assert.equal(own.length, [ra!, rb!].length - [ra!, rb!].filter((r) => r.byAnotherRunner).length);
      doers.set(st, own.map((r) => r.runner).join(" + "));
      for (const r of [ra!, rb!].filter((x) => x.byAnotherRunner)) assert.match(r.note ?? "", /done by another runner/);
    }
    const byA = [...doers.values()].filter((d) => d === a.summary!.runner).length;
    const byB = [...doers.values()].filter((d) => d === b.summary!.runner).length;
    console.log(`    two runners, ${LOCKED.length} environments: ${byA} done by one, ${byB} by the other; wall ${(a.summary!.wallMs / 1000).toFixed(1)} s and ${(b.summary!.wallMs / 1000).toFixed(1)} s`);
    assert.ok(byA > 0 && byB > 0, `both runners did work: ${JSON.stringify([...doers])}`);
    assert.match(a.output + b.output, /by another runner, \S+@\S+ pid \d+/, "the summary names the runner that did it");
  });

  it("preview creates no stack; --shard 1/2 and 2/2 cover every environment once; a re-seed that adopts says so, and up --fresh starts a new restore", async () => {
    const file = writeFleet("sharded.yaml", fleetText(SHARDED));
    const fleet = parseFleetFile(readFileSync(file, "utf8"));
    const preview = await runFleet(fleet, { command: "preview", env, pulumiCommand });
    assert.equal(preview.ok, true, JSON.stringify(preview.environments));
    assert.ok(preview.environments.every((e) => e.changes?.create === 1));
    const status = await runFleet(fleet, { command: "status", env, pulumiCommand });
    assert.ok(status.environments.every((e) => /not seeded: .*\(no stack\)/.test(e.error ?? "")), JSON.stringify(status.environments));

    const [one, two] = await Promise.all([runBin(["up", "-f", file, "--shard", "1/2"]), runBin(["up", "-f", file, "--shard", "2/2"])]);
    assert.equal(one.code, 0, one.output);
    assert.equal(two.code, 0, two.output);
    const covered = [...one.summary!.environments, ...two.summary!.environments].map((e) => e.stack).sort();
    assert.deepEqual(covered, SHARDED.map((t) => t.replace("-t", "-env")).sort(), "every environment exactly once");
    assert.equal(one.summary!.shard, "1/2");
    assert.doesNotMatch(one.output + two.output, / deferred | waiting-for-lock /, "shards never meet");
    for (const target of SHARDED) assert.equal(jobsOnto(target).length, 1);

    const stack = "shard-env0";
    assert.equal((await runBin(["destroy", "-f", file, "--stack", stack, "--remove"])).code, 0);
    const again = await runBin(["up", "-f", file, "--stack", stack]);
    assert.equal(again.code, 0, again.output);
    const job = jobsOnto("shard-t0")[0]!;
    assert.equal(jobsOnto("shard-t0").length, 1, "adopted: no new restore");
    assert.match(again.output, new RegExp(`adopted job ${job.id} finished at \\S+, no new restore`), again.output);
    assert.match(again.summary!.environments[0]!.note ?? "", /adopted job .* no new restore/);
    assert.equal(again.summary!.environments[0]!.adopted, true);
    assert.equal((await runBin(["destroy", "-f", file, "--stack", stack, "--remove"])).code, 0);
    const fresh = await runBin(["up", "-f", file, "--stack", stack, "--fresh"]);
    assert.equal(fresh.code, 0, fresh.output);
    assert.equal(jobsOnto("shard-t0").length, 2, "--fresh: a new restore");
    assert.equal(fresh.summary!.environments[0]!.adopted, false);
  });

  it("credentials: the PostgreSQL password never shows in output, --json, the state or Pulumi's home; setup failures (backend, Atlas) exit 2 with --json written; workspace files don't pile up", async () => {
    const file = writeFleet("cred.yaml", fleetText(CRED));
    const home = env.PULUMI_HOME!;
    const workspaces = path.join(home, "workspaces");
    const count = () => (existsSync(workspaces) ? readdirSync(workspaces).length : 0);
    const before = count();
    const secretLeaks = (text: string) => [PASSWORD, encodeURIComponent(PASSWORD), "wrong-Pass-99"].filter((p) => text.includes(p));
    const url = new URL(pg.url);
    const setupCases: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
      ["wrong password", { PULUMI_BACKEND_URL: pg.url.replace(encodeURIComponent(PASSWORD), "wrong-Pass-99") }, /state backend cannot be opened: .*password authentication failed.*check the backend URL/],
      ["database down (?password=)", { PULUMI_BACKEND_URL: `postgres://pulumi@127.0.0.1:1/postgres?sslmode=disable&password=${PASSWORD}` }, /state backend cannot be opened: .*(connection refused|connect)/],
      ["wrong Atlas key", { MONGODB_ATLAS_PRIVATE_KEY: "wrong-Pass-99" }, /snapshot cannot be resolved: /],
      ["unknown source cluster", {}, /snapshot cannot be resolved: .*no-such-src/],
    ];
    const unknownSource = writeFleet("cred-unknown-source.yaml", fleetText(CRED).replace(`clusterName: ${SOURCE}`, "clusterName: no-such-src"));
    for (const [name, overrides, expected] of setupCases) {
      const run = await runBin(["up", "-f", name === "unknown source cluster" ? unknownSource : file], undefined, overrides);
      assert.equal(run.code, 2, `${name}: exit 2\n${run.output}`);
      assert.ok(run.summary, `${name}: --json written`);
      assert.match(run.summary!.setupError ?? "", expected, name);
      assert.deepEqual(secretLeaks(run.output + JSON.stringify(run.summary)), [], `${name}: no password`);
      assert.doesNotMatch(run.output, /\n\s+at |code: -?\d+|stderr:|err\?:/, `${name}: one line, no raw dump, no stack trace:\n${run.output}`);
    }
    url.searchParams.set("password", decodeURIComponent(url.password));
    url.password = "";
    const good = await runBin(["up", "-f", file], undefined, { PULUMI_BACKEND_URL: url.toString() });
    assert.equal(good.code, 0, good.output);
    const status = await runBin(["status", "-f", file]);
    assert.equal(status.code, 0, status.output);
    assert.deepEqual(secretLeaks(good.output + JSON.stringify(good.summary) + status.output + JSON.stringify(status.summary)), []);
    assert.deepEqual(secretLeaks(pg.dump()), [], "the state holds no password");
    for (const f of filesUnder(home)) assert.deepEqual(secretLeaks(`${f}\n${readFileSync(f, "latin1")}`), [], `Pulumi's home: ${f}`);
    assert.equal(count(), before, "no workspace file is left behind by a run");
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
  - { stack: ded-missing, targetClusterName: ded-missing }
`);
    const all = await runFleet(fleet, { command: "up", parallel: 3, env, pulumiCommand });
    assert.deepEqual(all.failed, ["ded-missing"], JSON.stringify(all.environments, null, 2));
    const missing = all.environments.find((e) => e.stack === "ded-missing")!;
    assert.match(missing.error ?? "", /ded-missing/, "a missing target's error names the target");
    assert.doesNotMatch(missing.error ?? "", /(source|cluster) fleet-m10 (was not found|does not exist)/i, `and does not blame the source: ${missing.error}`);
    const up = { ...all, ok: all.environments.filter((e) => e.stack !== "ded-missing").every((e) => e.ok), environments: all.environments.filter((e) => e.stack !== "ded-missing") };
    assert.equal(up.ok, true, JSON.stringify(up.environments, null, 2));
    const jobs = [...sim.state.cloudBackupJobs.values()].filter((j) => j.projectId === projectId && j.clusterName === "fleet-m10" && j.targetClusterName?.startsWith("ded-t"));
    assert.deepEqual(jobs.map((j) => [j.targetClusterName, j.deliveryType]).sort(), [["ded-t0", "automated"], ["ded-t1", "pointInTime"]]);
    for (const e of up.environments) {
      assert.equal(e.status, "COMPLETED");
      assert.equal(e.restoreJobId, jobs.find((j) => j.targetClusterName === e.target)!.id);
    }
  });
});

/** Every file below `dir`. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Environments running after the events so far. */
function countRunning(events: FleetEvent[]): number {
  const phase = new Map<string, string>();
  for (const e of events) phase.set(e.stack, e.phase);
  return [...phase.values()].filter((p) => p !== "queued" && p !== "succeeded" && p !== "failed" && p !== "skipped").length;
}
