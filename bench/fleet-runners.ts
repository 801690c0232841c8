import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator, type FleetSummary } from "pulumi-atlas-restore";
import { startPostgres, type PostgresServer } from "../test/helpers/postgres";
import { pulumiBinDir } from "../test/helpers/pulumi-cli";
import { fmt, REPO_ROOT, type Row } from "./table";

/**
 * Scale-out (issue 23), real time: one fleet file, one shared PostgreSQL backend (with a password),
 * N runners (separate `atlas-restore-fleet up` processes, `--parallel 2` each, as CI runners would
 * run them) against the simulator with 20 s restores. Each configuration seeds its own fresh
 * targets; the wall time is the slowest runner's. Targets: 2 runners ≤ 0.6× one runner's wall
 * time on 8 environments, 4 runners ≤ 0.35× on 16.
 */
const LIFECYCLE = { pendingMs: 2000, queuedMs: 2000, runningMs: 16_000 };
const PARALLEL = 2;
const PASSWORD = "bench-Secret-1";
const BIN = path.join(REPO_ROOT, "dist", "fleet", "bin.js");

interface Measured {
  wallMs: number;
  summaries: FleetSummary[];
  restores: number;
  posts: number;
  tooMany: number;
  requests: number;
  /** 1-minute load average when the runners ended (all runners share this machine's CPUs). */
  load: number;
  exitCodes: Array<number | null>;
}

function runner(args: string[], env: NodeJS.ProcessEnv, json: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, `--json=${json}`], { env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
}

async function measure(sim: AtlasSimulator, pg: PostgresServer, dir: string, label: string, envs: number, runners: number): Promise<Measured> {
  const targets = Array.from({ length: envs }, (_, i) => `${label}-${String(i).padStart(2, "0")}`);
  const file = path.join(dir, `${label}.yaml`);
  writeFileSync(
    file,
    `project: fleet-runners-bench\nsource: { kind: tenant, projectId: "${sim.seed.defaultProjectId}", clusterName: ${sim.seed.defaultSourceCluster} }\n` +
      `environments:\n${targets.map((t) => `  - { stack: ${t}, targetDeploymentItemName: ${t} }\n`).join("")}`,
  );
  const env = {
    ...process.env,
    PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: pg.url,
    PULUMI_HOME: path.join(dir, ".home"),
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    MONGODB_ATLAS_BASE_URL: sim.url,
    MONGODB_ATLAS_PUBLIC_KEY: sim.publicKey,
    MONGODB_ATLAS_PRIVATE_KEY: sim.privateKey,
    NO_COLOR: "1",
  };
  const logStart = sim.requestLog.count();
  const started = Date.now();
  const jsons = Array.from({ length: runners }, (_, i) => path.join(dir, `${label}-runner-${i}.json`));
  const exitCodes = await Promise.all(jsons.map((json) => runner(["up", "-f", file, "--parallel", String(PARALLEL)], env, json)));
  const wallMs = Date.now() - started;
  const log = sim.requestLog.entries().slice(logStart);
  const summaries = jsons.map((j) => JSON.parse(readFileSync(j, "utf8")) as FleetSummary);
  for (const s of summaries) for (const e of s.environments.filter((x) => !x.ok)) console.log(`\n  ${label}: ${s.runner} ${e.stack} failed: ${e.error}`);
  const restores = targets.filter((t) => sim.restoreHistory(sim.seed.defaultProjectId, t).length === 1).length;
  return {
    wallMs, summaries, restores, exitCodes, requests: log.length, load: loadavg()[0]!,
    posts: log.filter((e) => e.method === "POST" && e.status === 200).length,
    tooMany: log.filter((e) => e.status === 429).length,
  };
}

const doneBy = (m: Measured) =>
  m.summaries.map((s) => s.environments.filter((e) => e.byAnotherRunner !== true && e.runner === s.runner).length).join("+");

export async function benchFleetRunners(): Promise<{ rows: Row[]; notes: string[] }> {
  const configs: Array<[string, number, number]> = [["a", 8, 1], ["b", 8, 2], ["c", 16, 1], ["d", 16, 4]];
  const clusters = configs.flatMap(([label, n]) => Array.from({ length: n }, (_, i) => ({ name: `${label}-${String(i).padStart(2, "0")}` })));
  const [sim, pg] = await Promise.all([
    startAtlasSimulator({ lifecycle: LIFECYCLE, rateLimit: { requestsPerMinute: 100 }, seed: { projects: [{ name: "seed-project", tenantClusters: clusters }] } }),
    startPostgres({ password: PASSWORD }),
  ]);
  const dir = mkdtempSync(path.join(tmpdir(), "fleet-runners-bench-"));
  const rows: Row[] = [];
  try {
    const results = new Map<string, Measured>();
    for (const [label, n, runners] of configs) results.set(label, await measure(sim, pg, dir, label, n, runners));
    const row = (label: string, baseline: string, n: number, runners: number, limit?: number): Row => {
      const m = results.get(label)!;
      const base = results.get(baseline)!;
      const ratio = m.wallMs / base.wallMs;
      const correct = m.restores === n && m.posts === n && m.exitCodes.every((c) => c === 0);
      return {
        benchmark: "fleet runners",
        variant: `${n} envs, ${runners} runner${runners > 1 ? "s" : ""} × --parallel ${PARALLEL}, one PostgreSQL`,
        requests: `${m.posts} POSTs, ${m.restores}/${n} restored once; done by ${doneBy(m)}; ${m.requests} req, ${m.tooMany} × 429`,
        time: `wall ${fmt.s(m.wallMs)}${limit !== undefined ? ` = ${ratio.toFixed(2)}× one runner (${fmt.s(base.wallMs)})` : ""}; exit ${m.exitCodes.join(",")}; load ${m.load.toFixed(1)}`,
        target: limit !== undefined ? `≤ ${limit}× one runner, one restore per env` : "one restore per env",
        pass: correct && (limit === undefined || ratio <= limit),
      };
    };
    rows.push(row("a", "a", 8, 1), row("b", "a", 8, 2, 0.6), row("c", "c", 16, 1), row("d", "c", 16, 4, 0.35));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
    await pg.stop();
  }
  const notes = [
    "**fleet runners** — real time. N `atlas-restore-fleet up` processes (`--parallel 2` each, as N CI runners) on one fleet file and one " +
      "PostgreSQL state backend with a password, against the simulator (restores of 20 s: 2 s PENDING, 2 s QUEUED, 16 s RUNNING; 100 requests/min). " +
      "Runners coordinate only through Pulumi's stack locks: a runner skips a stack another one holds, takes the next unclaimed one, and at the end " +
      "reports what the holder recorded without running it again. Each configuration seeds fresh targets; wall = the slowest runner. " +
      "*done by* = environments each runner restored itself; *load* = the 1-minute load average as the runners ended. All runners share this " +
      "machine's CPUs (real CI runners would each have their own): each environment costs a Pulumi engine run (CLI, language host, program, " +
      "provider process, ~10 CPU-seconds here), so 8 at once (4 runners × 2) are CPU-bound on 2 cores, and each runner spreads its polls only " +
      "over its own environments in flight (the per-project request budget is shared by all runners: see the 429 count).",
  ];
  return { rows, notes };
}

if (require.main === module) {
  benchFleetRunners().then(({ rows, notes }) => {
    const { renderTable } = require("./table") as typeof import("./table");
    console.log(renderTable(rows));
    console.log(notes.join("\n"));
  });
}
