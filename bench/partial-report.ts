import { readFileSync, writeFileSync } from "node:fs";
import { renderTable, type MachineInfo, type Row } from "./table";

/**
 * `npm run bench -- <name> …` runs only the named benchmarks and updates BENCHMARKS.md in place:
 * their rows in the first table (at the place of the old ones) and their notes, leaving every other
 * row, note and section as it was; one header line says which rows are newer and on what load.
 */
export function updateReport(file: string, names: readonly string[], rows: readonly Row[], notes: readonly string[], machine: MachineInfo, command: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith("| benchmark"));
  if (start < 0) throw new Error(`${file} has no results table: run the whole \`npm run bench\` first`);
  let end = start;
  while (end < lines.length && lines[end]!.startsWith("|")) end++;
  const benchmarks = new Set([...names, ...rows.map((r) => r.benchmark)]);
  const kept: Row[] = [];
  let insertAt = -1;
  for (const line of lines.slice(start + 2, end)) {
    const row = parseRow(line);
    if (benchmarks.has(row.benchmark)) {
      if (insertAt < 0) insertAt = kept.length;
    } else kept.push(row);
  }
  if (insertAt < 0) insertAt = kept.length;
  kept.splice(insertAt, 0, ...rows);
  const key = (note: string) => /^\*\*(.+?)\*\*/.exec(note)?.[1];
  const head = lines.slice(0, start).filter((l) => !l.startsWith("- rows of "));
  const dateLine = head.findIndex((l) => l.startsWith("- total bench run time"));
  head.splice(dateLine + 1, 0, `- rows of ${names.join(", ")} regenerated ${machine.date} with \`${command}\` (1-minute load average at the end: ${machine.load.toFixed(2)})`);
  const tail = lines.slice(end);
  for (const note of notes) {
    const k = key(note);
    const at = tail.findIndex((l) => l.startsWith("- **") && key(l.slice(2)) === k);
    if (at >= 0) tail[at] = `- ${note}`;
    else {
      const section = tail.findIndex((l) => l.startsWith("## How each row is measured"));
      let last = section + 1;
      while (last + 1 < tail.length && tail[last + 1]!.startsWith("- ")) last++;
      tail.splice(last + 1, 0, `- ${note}`);
    }
  }
  writeFileSync(file, [...head, renderTable(kept), ...tail].join("\n"));
}

function parseRow(line: string): Row {
  const [benchmark, variant, requests, time, target, pass] = line.split(" | ").map((c) => c.replace(/^\|\s*/, "").replace(/\s*\|$/, "").trim());
  return {
    benchmark: benchmark!, variant: variant!, requests: requests!, time: time!, target: target!,
    pass: pass === "yes" ? true : pass === "**no**" ? false : pass === "not run" ? "not run" : undefined,
  };
}
