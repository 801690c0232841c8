import type { FieldProblem } from "../schemas/validate";

/** One broken rule of a fleet file: a field problem plus its line when known. */
export interface FleetFileProblem extends FieldProblem {
  line?: number;
}

/** A fleet file that cannot be used; raised before any stack is touched. Names every problem. */
export class FleetFileError extends Error {
  override name = "FleetFileError" as const;
  readonly code = "INVALID_FLEET_FILE" as const;
  constructor(
    readonly file: string,
    readonly problems: FleetFileProblem[],
  ) {
    super(`invalid fleet file ${file}:\n${problems.map((p) => `  ${file}${p.line === undefined ? "" : `:${p.line}`}: ${p.field} ${p.reason}`).join("\n")}`);
  }
}

/** `environments.2.stack` → `environments[2].stack`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(file)";
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i === 0 ? "" : "."}${String(k)}`)).join("");
}
