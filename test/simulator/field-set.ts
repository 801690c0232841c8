import { checkSchema, findPathTemplate, resolveRef, type CapturedResponse, type OpenApiDoc } from "../helpers/openapi-check";

/**
 * The stricter half of a contract: every field of an answer (at every depth) is a property of the
 * spec's schema for it, and every required one is there. `checkSchema` (the test helper) accepts
 * extra fields, as a client must; the simulator must not invent any, so this one does not.
 */
type Schema = { [key: string]: unknown };

function propertiesOf(doc: OpenApiDoc, schemaOrRef: unknown): { props: Record<string, unknown>; open: boolean } {
  const schema = resolveRef<Schema>(doc, schemaOrRef);
  let props: Record<string, unknown> = { ...((schema.properties as Record<string, unknown> | undefined) ?? {}) };
  let open = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    for (const sub of (schema[key] as unknown[] | undefined) ?? []) {
      const inner = propertiesOf(doc, sub);
      props = { ...props, ...inner.props };
      open ||= inner.open;
    }
  }
  return { props, open };
}

/** Fields of `value` the schema does not define, as paths (`$.results[0].createdAt`). */
export function extraFields(doc: OpenApiDoc, schemaOrRef: unknown, value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) {
    const items = resolveRef<Schema>(doc, schemaOrRef).items;
    return items === undefined ? [] : value.flatMap((v, i) => extraFields(doc, items, v, `${path}[${i}]`));
  }
  if (value === null || typeof value !== "object") return [];
  const { props, open } = propertiesOf(doc, schemaOrRef);
  if (open && Object.keys(props).length === 0) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    key in props ? extraFields(doc, props[key], v, `${path}.${key}`) : open ? [] : [`${path}.${key}`],
  );
}

/** The schema the spec declares for this answer (status and content type), or a reason it has none. */
export function responseSchema(doc: OpenApiDoc, r: CapturedResponse): { schema: unknown } | { none: string } {
  const template = findPathTemplate(doc, r.path);
  const op = template === undefined ? undefined : doc.paths[template]![r.method.toLowerCase()];
  if (op === undefined) return { none: `${r.method} ${r.path}: not in the extract` };
  const declared = op.responses[String(r.status)];
  const content = declared === undefined ? undefined : resolveRef<{ content?: Record<string, { schema?: unknown }> }>(doc, declared).content;
  const mediaType = r.contentType.split(";")[0]!.trim();
  const schema = content?.[mediaType]?.schema ?? (r.status >= 400 ? { $ref: "#/components/schemas/ApiError" } : undefined);
  return schema === undefined ? { none: `${r.method} ${r.path} → ${r.status} ${mediaType}: no schema` } : { schema };
}

/** Extra fields and missing required ones of one answer, each prefixed with the request. */
export function fieldSetIssues(doc: OpenApiDoc, r: CapturedResponse): string[] {
  const label = `${r.method} ${r.path} → ${r.status}`;
  const found = responseSchema(doc, r);
  if ("none" in found) return [found.none];
  const missing = checkSchema(doc, found.schema, r.body).filter((i) => i.message.startsWith("missing required"));
  return [
    ...extraFields(doc, found.schema, r.body).map((f) => `${label}: ${f} is not a field of the spec's schema`),
    ...missing.map((i) => `${label}: ${i.path} ${i.message}`),
  ];
}
