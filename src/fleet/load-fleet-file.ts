import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { z } from "zod";
import { fieldProblems } from "../schemas/validate";
import { FleetFile } from "./fleet-file";
import { fieldPath, FleetFileError, type FleetFileProblem } from "./fleet-file-error";
import { fleetRuleProblems } from "./fleet-rules";

/**
 * Parses and checks a fleet file. YAML and JSON both go through the `yaml` package (JSON is YAML
 * 1.2), which keeps each node's position, so every problem names its line. Throws FleetFileError
 * listing every problem; nothing is sent anywhere.
 */
export function parseFleetFile(text: string, file = "fleet file", nowMs = Date.now()): FleetFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // A position at the very end (an unclosed bracket) is reported on the last line that exists.
  const lastLine = Math.max(1, text.replace(/\n+$/, "").split("\n").length);
  const lc = (offset: number) => Math.min(lineCounter.linePos(offset).line, lastLine);
  if (doc.errors.length > 0) {
    throw new FleetFileError(
      file,
      doc.errors.map((e) => ({ field: "(syntax)", line: lc(e.pos[0]), reason: e.message.split("\n")[0] })),
    );
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>) => nodeLine(doc, lineCounter, path);
  const raw: unknown = doc.toJS() ?? {};
  const parsed = FleetFile.safeParse(raw, { reportInput: true });
  const problems: FleetFileProblem[] = parsed.success ? [] : fieldIssues(parsed.error, lineOf);
  // The rules between fields run on what could be read, so every problem is named at once.
  const rules = fleetRuleProblems(parsed.success ? parsed.data : (raw as Record<string, unknown>), nowMs);
  for (const p of rules) {
    const field = fieldPath(p.path);
    const overlaps = (q: FleetFileProblem) => q.field === field || q.field.startsWith(`${field}.`) || field.startsWith(`${q.field}.`);
    if (!problems.some(overlaps)) problems.push({ field, line: lineOf(p.path), reason: p.reason });
  }
  if (problems.length > 0 || !parsed.success) {
    throw new FleetFileError(file, problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  return parsed.data;
}

/** Zod's issues as problems: one per unknown key, each at its own line. */
function fieldIssues(error: z.ZodError, lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined): FleetFileProblem[] {
  const reasonOf = (issue: z.core.$ZodIssue) => fieldProblems(new z.ZodError([issue]))[0]?.reason ?? issue.message;
  return error.issues.flatMap((issue) =>
    issue.code !== "unrecognized_keys"
      ? [{ field: fieldPath(issue.path), line: lineOf(issue.path), reason: reasonOf(issue) }]
      : issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), line: lineOf([...issue.path, key]), reason: reasonOf({ ...issue, keys: [key] }) })),
  );
}

/** Reads and checks a fleet file from disk (see parseFleetFile). */
export function loadFleetFile(file: string, nowMs = Date.now()): FleetFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new FleetFileError(file, [{ field: "(file)", reason: `cannot be read: ${(error as Error).message}` }]);
  }
  return parseFleetFile(text, file, nowMs);
}

/** Line of the deepest node on `path` that exists (the parent's line for a missing key). */
function nodeLine(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}
