import type { EnvironmentResult, FleetEvent, FleetSummary } from "./fleet-summary";

/** Where the fleet's progress goes: a live table on a terminal, one line per event elsewhere (CI logs). */
export interface FleetReporter {
  event(event: FleetEvent): void;
  /** Stops redrawing (the table stays as last drawn). */
  close(): void;
}

interface Row {
  phase: string;
  status?: string;
  restoreJobId?: string;
  startedAt?: number;
  elapsedMs: number;
  message?: string;
}

const secondsText = (ms: number) => `${Math.round(ms / 1000)}s`;

/** One line per change: `12:00:01 staging running RUNNING job 5f… (14s)`. Repeats of the same state are dropped. */
export function lineReporter(write: (text: string) => void, now: () => number = Date.now): FleetReporter {
  const last = new Map<string, string>();
  return {
    event(e) {
      const text = [e.phase, e.status, e.restoreJobId ? `job ${e.restoreJobId}` : undefined, e.message].filter(Boolean).join(" ");
      if (last.get(e.stack) === text) return;
      last.set(e.stack, text);
      write(`${new Date(now()).toISOString().slice(11, 19)} ${e.stack} ${text}${e.elapsedMs > 0 ? ` (${secondsText(e.elapsedMs)})` : ""}\n`);
    },
    close() {},
  };
}

/** A table redrawn in place (ANSI cursor movement) at most every 200 ms, ticking elapsed times each second. */
export function tableReporter(write: (text: string) => void, columns = 100, now: () => number = Date.now): FleetReporter {
  const rows = new Map<string, Row>();
  let drawnLines = 0;
  let pending: NodeJS.Timeout | undefined;
  const draw = () => {
    pending = undefined;
    const lines = [["ENVIRONMENT", "STATE", "ELAPSED", "JOB", "NOTE"]];
    for (const [stack, r] of rows) {
      const elapsed = r.startedAt !== undefined && (r.phase === "running" || r.phase === "waiting-for-lock" || r.phase === "recovering") ? now() - r.startedAt : r.elapsedMs;
      lines.push([stack, r.status ? `${r.phase}/${r.status}` : r.phase, r.phase === "queued" ? "" : secondsText(elapsed), r.restoreJobId ?? "", r.message ?? ""]);
    }
    const widths = [0, 1, 2, 3].map((c) => Math.max(...lines.map((l) => l[c]!.length)));
    const text = lines.map((l) => l.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join("  ")).map((t) => (columns > 1 ? t.slice(0, columns - 1) : t));
    write(`${drawnLines > 0 ? `\x1b[${drawnLines}F` : ""}${text.map((t) => `\x1b[2K${t}`).join("\n")}\n`);
    drawnLines = text.length;
  };
  const ticker = setInterval(draw, 1000);
  ticker.unref();
  return {
    event(e) {
      const row = rows.get(e.stack) ?? { phase: e.phase, elapsedMs: 0 };
      if (e.phase === "running" && row.startedAt === undefined) row.startedAt = now() - e.elapsedMs;
      Object.assign(row, { phase: e.phase, elapsedMs: e.elapsedMs }, e.status ? { status: e.status } : {}, e.restoreJobId ? { restoreJobId: e.restoreJobId } : {});
      row.message = e.message;
      rows.set(e.stack, row);
      pending ??= setTimeout(draw, 200);
    },
    close() {
      clearInterval(ticker);
      if (pending) clearTimeout(pending);
      draw();
    },
  };
}

const resultLine = (r: EnvironmentResult) =>
  `  ${r.ok ? "ok    " : "FAILED"} ${r.stack} → ${r.target}` +
  (r.restoreJobId ? ` job ${r.restoreJobId}` : "") +
  (r.status ? ` ${r.status}` : "") +
  (r.ageSeconds !== undefined ? `, finished ${secondsText(r.ageSeconds * 1000)} ago` : "") +
  (r.changes ? ` [${Object.entries(r.changes).map(([k, v]) => `${k} ${v}`).join(", ")}]` : "") +
  (r.recovered?.length ? ` (recovered: ${r.recovered.join("; ")})` : "") +
  ` by ${r.byAnotherRunner ? `another runner, ${r.runner}` : r.runner}` +
  (r.note ? `\n         ${r.note}` : "") +
  (r.error ? `\n         ${r.error}` : "");

/** The closing human summary: every environment, then the verdict naming the failed ones. */
export function formatSummary(s: FleetSummary): string {
  const head = `atlas-restore-fleet ${s.command}: ${s.environments.length} environment(s), --parallel ${s.parallel}, ${secondsText(s.wallMs)}` +
    (s.shard ? `, shard ${s.shard}` : "") + `, runner ${s.runner}` +
    (s.snapshotId ? `, snapshot ${s.snapshotId}` : "");
  const verdict = s.ok ? "all succeeded" : `${s.failed.length} failed: ${s.failed.join(", ")}`;
  return `${head}\n${s.environments.map(resultLine).join("\n")}\n${verdict}\n`;
}
