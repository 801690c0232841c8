import { badRequest, type FieldViolation } from "./errors";

/**
 * The simulator's own request rules, written from Atlas's spec (each body's schema in the v2
 * OpenAPI document): never the client's zod schemas, so a test of the client against the
 * simulator checks the client against Atlas's rules, not against itself. Only id and name
 * patterns are shared with the client (src/schemas/ids.ts).
 *
 * What Atlas does with each kind of field, as far as it is known:
 * - a field the schema marks `readOnly` is ignored (the Atlas CLI sends the read-only
 *   `instanceName` with a Flex restore, and Atlas answers 200 PENDING: its e2e recording
 *   test/e2e/atlas/backup/flex/backupflex/…/Restores_Create_-_Automated/POST_…_flexClusters_snapshotCluster0_backup_restoreJobs_1.snaphost);
 * - a field the schema does not define, a missing required field, a wrong type, a value outside
 *   an enum, a pattern or a range is 400 VALIDATION_ERROR with `badRequestDetail.fields` naming
 *   each (code not confirmed: see cloud-backup-create.ts; whether Atlas refuses or ignores a field
 *   its schema lacks is not confirmed either: its error-code table has INVALID_ATTRIBUTE for it).
 */
export type FieldRule =
  | { type: "string"; required?: boolean; pattern?: RegExp; enum?: readonly string[]; check?: (v: string) => string | undefined }
  | { type: "integer"; required?: boolean; minimum?: number; maximum?: number }
  | { type: "boolean"; required?: boolean }
  | { type: "array"; required?: boolean; maxItems?: number; items: BodyRules }
  | { type: "readOnly" };

/** One request body: its fields by name (as the spec's schema lists them). */
export type BodyRules = Readonly<Record<string, FieldRule>>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function violationsOf(value: unknown, rule: FieldRule, field: string): FieldViolation[] {
  const fail = (description: string) => [{ field, description }];
  switch (rule.type) {
    case "readOnly":
      return [];
    case "string":
      if (typeof value !== "string") return fail("must be a string");
      if (rule.enum !== undefined && !rule.enum.includes(value)) return fail(`must be one of ${rule.enum.join(", ")}`);
      if (rule.pattern !== undefined && !rule.pattern.test(value)) return fail(`must match ${rule.pattern.source}`);
      return rule.check?.(value) === undefined ? [] : fail(rule.check(value)!);
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return fail("must be an integer");
      if (rule.minimum !== undefined && value < rule.minimum) return fail(`must be at least ${rule.minimum}`);
      if (rule.maximum !== undefined && value > rule.maximum) return fail(`must be at most ${rule.maximum}`);
      return [];
    case "boolean":
      return typeof value === "boolean" ? [] : fail("must be true or false");
    case "array": {
      if (!Array.isArray(value)) return fail("must be an array");
      if (rule.maxItems !== undefined && value.length > rule.maxItems) return fail(`must list at most ${rule.maxItems} items`);
      return value.flatMap((item, i) => objectViolations(item, rule.items, `${field}.${i}`));
    }
  }
}

function objectViolations(value: unknown, rules: BodyRules, prefix: string): FieldViolation[] {
  const name = (key: string) => (prefix === "" ? key : `${prefix}.${key}`);
  if (!isObject(value)) return [{ field: prefix === "" ? "body" : prefix, description: "must be a JSON object" }];
  const violations: FieldViolation[] = Object.keys(value)
    .filter((key) => !(key in rules))
    .map((key) => ({ field: name(key), description: "is not a field of this request" }));
  for (const [key, rule] of Object.entries(rules)) {
    const v = value[key];
    if (v === undefined || v === null) {
      if (rule.type !== "readOnly" && rule.required) violations.push({ field: name(key), description: "is required" });
      continue;
    }
    violations.push(...violationsOf(v, rule, name(key)));
  }
  return violations;
}

/**
 * The body with its read-only fields dropped, or 400 VALIDATION_ERROR naming every broken rule.
 * `what` names the request in the detail (e.g. "restore request").
 */
export function checkRequestBody(body: unknown, rules: BodyRules, what: string): Record<string, unknown> {
  const violations = objectViolations(body ?? {}, rules, "");
  if (violations.length > 0) throw validationError(what, violations);
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
    if (rules[key]?.type !== "readOnly" && v !== null && v !== undefined) kept[key] = v;
  }
  return kept;
}

/** 400 VALIDATION_ERROR naming each field and rule (in `badRequestDetail.fields` and `parameters`). */
export function validationError(what: string, violations: FieldViolation[]) {
  const detail = `Invalid ${what}: ${violations.map((f) => `${f.field} ${f.description}`).join("; ")}.`;
  return badRequest("VALIDATION_ERROR", detail, violations, violations.map((f) => f.field));
}
