import { checkSchema, findPathTemplate, resolveRef, type OpenApiDoc } from "./openapi-check";

// Where the official extracts are found (and what happens without them): atlas-api-specs.ts.

/** One request as a client sent it. */
export interface CapturedRequest {
  method: string;
  /** Path without the query, e.g. `/api/atlas/v2/groups/…`. */
  path: string;
  query: URLSearchParams;
  accept: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

interface Parameter {
  name: string;
  in: string;
  schema?: unknown;
}

/** Presentation parameters the full spec declares on every operation (some extracts leave them out). */
const PRESENTATION = new Set(["envelope", "pretty"]);

/**
 * Checks a request against the operation the spec declares for its method and path: every query
 * parameter declared (values checked against their schemas), `Accept` the documented 200 media
 * type, and a body sent as the documented request media type and valid against its schema.
 */
export function checkRequest(doc: OpenApiDoc, r: CapturedRequest): string[] {
  const label = `${r.method} ${r.path}`;
  const template = findPathTemplate(doc, r.path);
  if (template === undefined) return [`${label}: no such path in the spec`];
  const op = doc.paths[template]![r.method.toLowerCase()] as unknown as
    | { parameters?: unknown[]; responses: Record<string, unknown>; requestBody?: { content: Record<string, { schema?: unknown }> } }
    | undefined;
  if (op === undefined) return [`${label}: no ${r.method} operation in the spec`];
  const issues: string[] = [];
  const params = (op.parameters ?? []).map((p) => resolveRef<Parameter>(doc, p));
  for (const [name, value] of r.query) {
    if (PRESENTATION.has(name)) continue;
    const declared = params.find((p) => p.in === "query" && p.name === name);
    if (declared === undefined) {
      issues.push(`${label}: query parameter ${name} is not declared`);
      continue;
    }
    const type = resolveRef<{ type?: string }>(doc, declared.schema).type;
    const typed = type === "integer" ? Number(value) : type === "boolean" ? (value === "true" ? true : value === "false" ? false : value) : value;
    issues.push(...checkSchema(doc, declared.schema, typed, `query.${name}`).map((i) => `${label}: ${i.path} ${i.message}`));
  }
  const ok = resolveRef<{ content?: Record<string, unknown> }>(doc, op.responses["200"]).content ?? {};
  if (r.accept === undefined || !(r.accept in ok)) issues.push(`${label}: Accept ${r.accept} is not the documented ${Object.keys(ok).join(", ")}`);
  if (op.requestBody !== undefined) {
    const entry = r.contentType === undefined ? undefined : op.requestBody.content[r.contentType.split(";")[0]!.trim()];
    if (entry === undefined) issues.push(`${label}: Content-Type ${r.contentType} is not the documented ${Object.keys(op.requestBody.content).join(", ")}`);
    else issues.push(...checkSchema(doc, entry.schema, r.body, "body").map((i) => `${label}: ${i.path} ${i.message}`));
  } else if (r.body !== undefined) {
    issues.push(`${label}: sends a body the spec does not declare`);
  }
  return issues;
}
