import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** One line of the results table. `pass` is undefined for rows without a target. */
export interface Row {
  benchmark: string;
  variant: string;
  requests: string;
  time: string;
  target: string;
  pass?: boolean | "not run";
}

export const REPO_ROOT = path.resolve(__dirname, "..");

const HEADER = ["benchmark", "variant", "requests", "lag / wall time", "target", "pass?"];

function passCell(pass: Row["pass"]): string {
  if (pass === undefined) return "—";
  if (pass === "not run") return "not run";
  return pass ? "yes" : "**no**";
}

/** The rows as a markdown table with aligned columns (readable on a terminal as well). */
export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.benchmark, r.variant, r.requests, r.time, r.target, passCell(r.pass)]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(HEADER), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

export interface MachineInfo {
  date: string;
  nproc: number;
  node: string;
  cpu: string;
  os: string;
  /** 1-minute load average when the report was written (other work on the machine skews real-time rows). */
  load: number;
  pulumi?: string;
}

export function machineInfo(pulumiVersion?: string): MachineInfo {
  let nproc = os.cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    // nproc is not everywhere; os.cpus() is close enough
  }
  return {
    date: new Date().toISOString(),
    nproc,
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg()[0] ?? 0,
    pulumi: pulumiVersion,
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const fmt = {
  s,
  ms: (ms: number) => `${Math.round(ms)} ms`,
  /** A simulated duration in seconds, without trailing zeros: 4.34 s, 30 s. */
  simS: (ms: number) => `${Number((ms / 1000).toFixed(2))} s`,
  mib: (kib: number) => `${(kib / 1024).toFixed(1)} MiB`,
};

/** Writes BENCHMARKS.md: how it was produced, on what, the table, and the notes. */
export function writeReport(file: string, rows: readonly Row[], machine: MachineInfo, notes: readonly string[], totalMs: number): void {
  const md = [
    "# Benchmarks",
    "",
    "Produced by `npm run bench` (`ts-node bench/index.ts`; sources in `bench/`). Regenerate with the same",
    "command; this file is overwritten.",
    "",
    `- date: ${machine.date}`,
    `- machine: ${machine.nproc} CPUs (nproc), ${machine.cpu}, ${machine.os}`,
    `- node: ${machine.node}${machine.pulumi ? `, Pulumi CLI ${machine.pulumi}` : ""}`,
    `- total bench run time: ${s(totalMs)}; 1-minute load average at the end: ${machine.load.toFixed(2)} ` +
      "(the real-time rows — auth wall, listing, engine overhead — are sensitive to other work on the machine)",
    "",
    renderTable(rows),
    "",
    "## How each row is measured",
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
  writeFileSync(file, md);
}
