import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { DEFAULT_POLL_GROWTH_FACTOR, DEFAULT_POLL_INTERVAL_SECONDS } from "../src/restore/poll-policy";
import { startAtlasSimulator, seedObjectId, type AtlasSimulator } from "../src/simulator";
import { PulumiProject, pulumiBinDir } from "../test/helpers/pulumi-cli";
import { startRssSampler, type RssPeak } from "./rss";
import { fmt, REPO_ROOT, type Row } from "./table";

/**
 * Benchmark 4 (and 5): `pulumi up` of N TenantRestores whose jobs take 3 s, against the simulator
 * (real time, in this process), vs the same program with a no-op dynamic resource; plus the peak
 * RSS of the dynamic-provider process during each `up` (sampled from /proc every 100 ms).
 */

export const RESOURCES = 20;
const JOB_MS = 3000;
const LIFECYCLE = { pendingMs: 500, queuedMs: 500, runningMs: 2000 };
/** Every resource at once, so the jobs' own time is one job (3 s); the CLI default is 8. */
const PARALLEL = RESOURCES;
const TARGET_RATIO = 1.3;
/** Runs of each variant (interleaved); the table shows the mean and each run. */
export const REPS = 2;
const FIXTURES = path.join(REPO_ROOT, "bench", "fixtures");
const PROVIDER_ARG = /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/;
const run = promisify(execFile);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (and the node_modules self-link) unless it is newer than every file in src/. */
async function ensureBuilt(): Promise<string | undefined> {
  const distIndex = path.join(REPO_ROOT, "dist", "index.js");
  const linked = existsSync(path.join(REPO_ROOT, "node_modules", "pulumi-atlas-restore", "package.json"));
  const fresh = existsSync(distIndex) && statSync(distIndex).mtimeMs >= newestMtime(path.join(REPO_ROOT, "src"));
  if (!fresh || !linked) {
    process.stdout.write("  engine-overhead: npm run build …\n");
    try {
      await run("npm", ["run", "build"], { cwd: REPO_ROOT, maxBuffer: 16 << 20 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      return `npm run build failed: ${(e.stdout ?? "").split("\n").filter((l) => /error/.test(l)).slice(0, 3).join("; ") || e.message}`;
    }
  }
  const pkg = require(distIndex) as Record<string, unknown>;
  if (typeof pkg.TenantRestore !== "function") return "the built package does not export TenantRestore";
  return undefined;
}

interface UpResult {
  wallMs: number;
  requests: number;
  exchanges: number;
  rss: RssPeak;
}

const targetName = (i: number) => `bench-target-${String(i + 1).padStart(2, "0")}`;

/** One fresh simulator (with N target clusters), one fresh stack, one timed `pulumi up`. */
async function timedUp(fixture: string, extraConfig: Record<string, string>): Promise<UpResult> {
  const targets = Array.from({ length: RESOURCES }, (_, i) => targetName(i));
  const sim: AtlasSimulator = await startAtlasSimulator({
    lifecycle: LIFECYCLE,
    seed: { projects: [{ id: seedObjectId(1), name: "seed-project", tenantClusters: targets.map((name) => ({ name })) }] },
  });
  const project = PulumiProject.create(path.join(FIXTURES, fixture), { stack: "bench" });
  try {
    await project.init();
    const config: Record<string, string> = {
      "mongodbatlas:publicKey": sim.publicKey,
      "mongodbatlas:baseUrl": sim.url,
      "bench:projectId": sim.seed.defaultProjectId,
      "bench:clusterName": sim.seed.defaultSourceCluster,
      "bench:snapshotId": sim.seed.defaultSnapshotId,
      "bench:targets": JSON.stringify(targets),
      ...extraConfig,
    };
    await project.run([
      "config", "set-all",
      ...Object.entries(config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
      "--secret", `mongodbatlas:privateKey=${sim.privateKey}`,
    ]);
    sim.requestLog.clear();
    let upPid: number | undefined;
    const sampler = startRssSampler(PROVIDER_ARG, () => upPid);
    const t0 = performance.now();
    let rss: RssPeak;
    try {
      await project.run(["up", "--yes", "--skip-preview", "--parallel", String(PARALLEL)], {
        timeoutMs: 120_000,
        onOutput: (_chunk, child) => (upPid ??= child.pid),
      });
    } finally {
      rss = sampler.stop();
    }
    const wallMs = performance.now() - t0;
    if (fixture.endsWith("restore")) {
      const done = targets.filter((t) => sim.restoreHistory(sim.seed.defaultProjectId, t).length === 1).length;
      if (done !== RESOURCES) throw new Error(`${fixture}: ${done} of ${RESOURCES} target clusters were restored once`);
    }
    return { wallMs, requests: sim.requestLog.count({ authenticated: true }), exchanges: sim.requestLog.count(), rss };
  } finally {
    project.remove();
    await sim.stop();
  }
}

export async function pulumiVersion(): Promise<string | undefined> {
  try {
    return (await run(path.join(pulumiBinDir(), "pulumi"), ["version"])).stdout.trim();
  } catch {
    return undefined;
  }
}

export async function benchEngineOverhead(): Promise<{ rows: Row[]; notes: string[] }> {
  const notes = [
    `**engine overhead** — real time. \`pulumi up --yes --skip-preview --parallel ${PARALLEL}\` (real CLI, local ` +
      "file backend, via test/helpers/pulumi-cli.ts) of bench/fixtures/engine-overhead-restore " +
      `(${RESOURCES} \`TenantRestore\`s of the same snapshot onto ${RESOURCES} distinct tenant clusters seeded in ` +
      `the simulator; jobs take ${JOB_MS / 1000} s: ${LIFECYCLE.pendingMs / 1000} s PENDING, ` +
      `${LIFECYCLE.queuedMs / 1000} s QUEUED, ${LIFECYCLE.runningMs / 1000} s RUNNING) vs ` +
      "bench/fixtures/engine-overhead-noop (the same program shape and config, the same package load, a " +
      "dynamic resource whose create returns at once). Each run: fresh simulator (in the bench process, " +
      "127.0.0.1), fresh stack; only `up` is timed (CLI start, TypeScript compile of the program, provider " +
      `start, all resources, state writes). Every resource runs at once (\`--parallel ${PARALLEL}\`; the CLI ` +
      `default is 8, which would run 3 waves of jobs), so the jobs' own time is ${JOB_MS / 1000} s. ` +
      `*ratio* = (wall − ${JOB_MS / 1000} s) / no-op wall, target ≤ ${TARGET_RATIO}, judged on the ` +
      "`pollIntervalSeconds: 3` run, whose single poll lands when the job ends, so its wait equals the job's own " +
      "time, and on the default-settings run (no history: polls at 1.5 s and 3.6 s after the POST, so it also pays " +
      "about 0.6 s of polling lag; see *waiting*). " +
      "*req*/*exch* = the simulator's request log during the `up`. " +
      `Each variant runs ${REPS} times, interleaved; the wall time shown is the mean (each run in brackets).`,
    "**memory** — during each `up`, /proc is sampled every 100 ms for processes with an argument " +
      "`…/@pulumi/pulumi/cmd/dynamic-provider/index.js` (the dynamic provider; its `sh` wrapper is not counted); " +
      "only descendants of the benchmark's own `pulumi up` are counted. The peak VmRSS of one such process " +
      "over all runs of the variant is reported.",
  ];
  const notRun = (reason: string): { rows: Row[]; notes: string[] } => ({
    rows: [
      { benchmark: "engine overhead", variant: `${RESOURCES} TenantRestores vs no-op`, requests: "—", time: `not run: ${reason}`, target: `≤ ${TARGET_RATIO}`, pass: "not run" },
      { benchmark: "memory", variant: "dynamic-provider peak RSS", requests: "—", time: `not run: ${reason}`, target: "—", pass: "not run" },
    ],
    notes,
  });

  const buildProblem = await ensureBuilt();
  if (buildProblem !== undefined) return notRun(buildProblem);
  try {
    pulumiBinDir();
  } catch (error) {
    return notRun((error as Error).message.split(".")[0]!);
  }

  // Interleaved repetitions, so a slow moment of the machine hits every variant alike.
  const runs = { noop: [] as UpResult[], aligned: [] as UpResult[], defaults: [] as UpResult[] };
  for (let rep = 0; rep < REPS; rep++) {
    runs.noop.push(await timedUp("engine-overhead-noop", {}));
    runs.aligned.push(await timedUp("engine-overhead-restore", { "bench:pollIntervalSeconds": "3" }));
    runs.defaults.push(await timedUp("engine-overhead-restore", {}));
  }
  const mean = (list: UpResult[]) => list.reduce((a, r) => a + r.wallMs, 0) / list.length;
  const wall = (list: UpResult[]) =>
    `wall ${fmt.s(mean(list))} (${list.map((r) => (r.wallMs / 1000).toFixed(2)).join(", ")})`;
  const noopMs = mean(runs.noop);
  const ratio = (list: UpResult[]) => (mean(list) - JOB_MS) / noopMs;
  const reqs = (list: UpResult[]) => `${list[0]!.requests} req (${list[0]!.exchanges} exch)`;
  const rows: Row[] = [
    {
      benchmark: "engine overhead",
      variant: `${RESOURCES} no-op dynamic resources`,
      requests: `${runs.noop[0]!.requests} req`,
      time: wall(runs.noop),
      target: "—",
    },
    {
      benchmark: "engine overhead",
      variant: `${RESOURCES} TenantRestores, 3 s jobs, pollIntervalSeconds 3`,
      requests: reqs(runs.aligned),
      time: `${wall(runs.aligned)}; ratio ${ratio(runs.aligned).toFixed(2)}`,
      target: `ratio ≤ ${TARGET_RATIO}`,
      pass: ratio(runs.aligned) <= TARGET_RATIO,
    },
    {
      benchmark: "engine overhead",
      variant: `${RESOURCES} TenantRestores, 3 s jobs, default settings (poll ${DEFAULT_POLL_INTERVAL_SECONDS} s ×${DEFAULT_POLL_GROWTH_FACTOR})`,
      requests: reqs(runs.defaults),
      time: `${wall(runs.defaults)}; ratio ${ratio(runs.defaults).toFixed(2)}`,
      target: `ratio ≤ ${TARGET_RATIO}`,
      pass: ratio(runs.defaults) <= TARGET_RATIO,
    },
  ];
  const peak = (list: UpResult[]) =>
    list.every((r) => r.rss.supported && r.rss.processes > 0) ? fmt.mib(Math.max(...list.map((r) => r.rss.peakProcessKiB))) : "not measured";
  rows.push({
    benchmark: "memory",
    variant: "dynamic-provider peak RSS",
    requests: "—",
    time: `${peak(runs.aligned)} (default poll ${peak(runs.defaults)}; no-op ${peak(runs.noop)})`,
    target: "—",
  });
  return { rows, notes };
}
