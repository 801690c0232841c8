/**
 * `npm run bench`: runs every benchmark in sequence, prints one results table and writes it, with
 * the command, date and machine, to BENCHMARKS.md. Loopback only; every loop is bounded.
 *
 *   waiting          requests and completion lag for 10 s … 1 h restores (simulated time)
 *   waiting (dedicated)  the same for CloudBackupRestore: 5 min, 30 min, 2 h vs fixed 4 s and no wait
 *   forecast         the same with the source cluster's history (accurate, misleading) vs none; economy mode
 *   auth             HTTP exchanges per call with and without reusing the digest challenge
 *   auth (service account)  exchanges per call with one token; token requests per hour of polling
 *   listing          10,000 Cloud Backup restore jobs at 50 ms per round trip (real time)
 *   engine overhead  `pulumi up` of 20 TenantRestores vs 20 no-op dynamic resources (real CLI)
 *   memory           peak RSS of the dynamic-provider process during those runs
 *   fleet polling    20 providers' polls on one rate-limited project, spread or not (real time, ~3 min)
 *   fleet            atlas-restore-fleet: 8 and 32 environments of 60 s restores vs one after another (real time, ~20 min)
 *   mask             DataMask docs/s vs a plain read-and-rewrite copy on FerretDB, round trips per 1,000 docs, verify's cost
 *   fleet runners    1, 2 and 4 runners on one fleet file and one PostgreSQL: 8 and 16 environments of 20 s restores (real time, ~8 min)
 *
 * `npm run bench -- forecast "waiting (dedicated)"` runs only the named ones and updates their rows
 * and notes in BENCHMARKS.md, leaving the rest as it was (see partial-report.ts).
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { benchAuth } from "./auth";
import { benchEngineOverhead, pulumiVersion } from "./engine-overhead";
import { benchForecast } from "./forecast";
import { benchFleet } from "./fleet";
import { benchFleetPolling } from "./fleet-polling";
import { benchFleetRunners } from "./fleet-runners";
import { benchListing } from "./listing";
import { benchMask } from "./mask";
import { updateReport } from "./partial-report";
import { benchServiceAccount } from "./service-account";
import { machineInfo, renderTable, REPO_ROOT, writeReport, type Row } from "./table";
import { benchWaiting } from "./waiting";
import { benchWaitingDedicated } from "./waiting-dedicated";

type Bench = () => Promise<{ rows: Row[]; notes: string[] }>;

const BENCHES: Array<[string, Bench]> = [
  ["waiting", benchWaiting],
  ["waiting (dedicated)", benchWaitingDedicated],
  ["forecast", benchForecast],
  ["auth", benchAuth],
  ["auth (service account)", benchServiceAccount],
  ["listing", benchListing],
  ["engine overhead + memory", benchEngineOverhead],
  ["fleet polling", benchFleetPolling],
  ["fleet", benchFleet],
  ["mask", benchMask],
  ["fleet runners", benchFleetRunners],
];

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const notes: string[] = [];
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !BENCHES.some(([name]) => name === n));
  if (unknown.length > 0) {
    console.error(`npm run bench: no benchmark named ${unknown.map((n) => `"${n}"`).join(", ")}; the names: ${BENCHES.map(([n]) => `"${n}"`).join(", ")}`);
    process.exitCode = 2;
    return;
  }
  for (const [name, bench] of BENCHES.filter(([n]) => only.length === 0 || only.includes(n))) {
    const t0 = performance.now();
    process.stdout.write(`bench: ${name} …`);
    try {
      const result = await bench();
      rows.push(...result.rows);
      notes.push(...result.notes);
      process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      // One broken benchmark must not hide the others: it gets a "not run" row with the reason.
      const reason = (error as Error).message.split("\n")[0]!.slice(0, 200);
      process.stdout.write(` failed: ${reason}\n`);
      rows.push({ benchmark: name, variant: "—", requests: "—", time: `not run: ${reason}`, target: "—", pass: "not run" });
    }
  }
  const totalMs = performance.now() - started;
  const machine = machineInfo(await pulumiVersion());
  console.log(`\n${renderTable(rows)}\n`);
  console.log(`${machine.date} · ${machine.nproc} CPUs · node ${machine.node} · total ${(totalMs / 1000).toFixed(1)} s`);
  const file = path.join(REPO_ROOT, "BENCHMARKS.md");
  if (only.length > 0) updateReport(file, only, rows, notes, machine, `npm run bench -- ${only.map((n) => (n.includes(" ") ? `"${n}"` : n)).join(" ")}`);
  else writeReport(file, rows, machine, notes, totalMs);
  console.log(`written to ${path.relative(process.cwd(), file) || file}`);
  // A missed target is a result, not a failure; a benchmark that could not run is.
  if (rows.some((r) => r.pass === "not run")) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
