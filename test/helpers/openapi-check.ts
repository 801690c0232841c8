import { readFileSync } from "node:fs";

/**
 * A small OpenAPI 3.0 schema checker for contract tests: resolves local `$ref`s and checks
 * `type` (with `nullable`), `required`, `enum`, `pattern` (compiled with the `u` flag, as the
 * spec's `\p{L}` patterns need), `format: date-time`, `minimum` / `maximum`, `items`,
 * `properties`, `allOf` / `anyOf` / `oneOf`. `readOnly` / `writeOnly` are ignored and
 * additional properties are allowed unless `additionalProperties: false`.
 */
export type OpenApiSchema = { [key: string]: unknown };
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
}
export interface OpenApiOperation {
  operationId?: string;
  responses: Record<string, unknown>;
}
export interface SchemaIssue {
  path: string;
  message: string;
}

export function loadOpenApi(file: string): OpenApiDoc {
  return JSON.parse(readFileSync(file, "utf8")) as OpenApiDoc;
}

/** Follows `#/components/...` references until a non-reference object. */
export function resolveRef<T = OpenApiSchema>(doc: OpenApiDoc, node: unknown): T {
  let current = node as { $ref?: string };
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`cannot resolve $ref ${current.$ref}`);
    let target: unknown = doc;
    for (const part of current.$ref.slice(2).split("/")) target = (target as Record<string, unknown>)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
    current = target as { $ref?: string };
  }
  return current as T;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Every way `value` breaks `schema`; [] when it conforms. */
export function checkSchema(doc: OpenApiDoc, schemaOrRef: unknown, value: unknown, path = "$"): SchemaIssue[] {
  const schema = resolveRef(doc, schemaOrRef);
  const issues: SchemaIssue[] = [];
  const fail = (message: string) => issues.push({ path, message });
  for (const sub of (schema.allOf as unknown[] | undefined) ?? []) issues.push(...checkSchema(doc, sub, value, path));
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key] as unknown[] | undefined;
    if (options === undefined) continue;
    const passing = options.filter((o) => checkSchema(doc, o, value, path).length === 0).length;
    if (key === "anyOf" ? passing === 0 : passing !== 1) fail(`matches ${passing} of the ${key} schemas`);
  }
  if (value === null) {
    if (schema.nullable !== true && schema.type !== undefined) fail("is null but the schema is not nullable");
    return issues;
  }
  const type = schema.type as string | undefined;
  const actual = typeOf(value);
  if (type !== undefined && !(actual === type || (type === "number" && actual === "integer"))) {
    fail(`expected ${type}, got ${actual}`);
    return issues;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) fail(`${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.format === "date-time" && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) fail(`${JSON.stringify(value)} is not a date-time`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) fail(`${value} < minimum ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) fail(`${value} > maximum ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => issues.push(...checkSchema(doc, schema.items, item, `${path}[${i}]`)));
  }
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) fail(`missing required property ${key}`);
    const props = (schema.properties as Record<string, unknown> | undefined) ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) issues.push(...checkSchema(doc, props[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected property ${key}`);
      else if (typeof schema.additionalProperties === "object") issues.push(...checkSchema(doc, schema.additionalProperties, v, `${path}.${key}`));
    }
  }
  return issues;
}

/** The spec's path template matching a concrete path (e.g. `/api/atlas/v2/groups/{groupId}/…`). */
export function findPathTemplate(doc: OpenApiDoc, concretePath: string): string | undefined {
  return Object.keys(doc.paths).find((template) => {
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return re.test(concretePath);
  });
}

export interface CapturedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Checks one response against the operation the spec declares for its method and path: the
 * documented content type and schema for that status (an undocumented error status is checked
 * against `ApiError` as `application/json`). Returns the issues, each prefixed with the request.
 */
export function checkResponse(doc: OpenApiDoc, r: CapturedResponse): string[] {
  const label = `${r.method} ${r.path} → ${r.status}`;
  const template = findPathTemplate(doc, r.path);
  if (template === undefined) return [`${label}: no such path in the spec`];
  const op = doc.paths[template]![r.method.toLowerCase()];
  if (op === undefined) return [`${label}: no ${r.method} operation in the spec`];
  const declared = op.responses[String(r.status)];
  let content: Record<string, { schema?: unknown }>;
  if (declared !== undefined) content = (resolveRef<{ content?: Record<string, { schema?: unknown }> }>(doc, declared).content ?? {});
  else if (r.status >= 400) content = { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } };
  else return [`${label}: status not documented`];
  const mediaType = r.contentType.split(";")[0]!.trim();
  const entry = content[mediaType];
  if (entry === undefined) return [`${label}: content type ${mediaType} not documented (${Object.keys(content).join(", ")})`];
  if (entry.schema === undefined) return [];
  return checkSchema(doc, entry.schema, r.body).map((i) => `${label}: ${i.path} ${i.message}`);
}
