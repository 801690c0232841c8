import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
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
  const lc = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    throw new FleetFileError(
      file,
      doc.errors.map((e) => ({ field: "(syntax)", line: lc(e.pos[0]), reason: e.message.split("\n")[0] })),
    );
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>) => nodeLine(doc, lineCounter, path);
  const parsed = FleetFile.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) {
    const problems: FleetFileProblem[] = parsed.error.issues.map((issue, i) => {
      const { field, reason } = fieldProblems(parsed.error)[i]!;
      const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
      const prefix = issue.path.length > 0 && issue.code === "unrecognized_keys" ? `${fieldPath(issue.path)}.` : "";
      return { field: issue.code === "unrecognized_keys" ? `${prefix}${field}` : fieldPath(issue.path), line: lineOf(path), reason };
    });
    throw new FleetFileError(file, problems);
  }
  const rules = fleetRuleProblems(parsed.data, nowMs);
  if (rules.length > 0) {
    throw new FleetFileError(
      file,
      rules.map((p) => ({ field: fieldPath(p.path), line: lineOf(p.path), reason: p.reason })),
    );
  }
  return parsed.data;
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
