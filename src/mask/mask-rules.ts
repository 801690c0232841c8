import { z } from "zod";

/**
 * The `rules` input of DataMask, as zod schemas (the one source of truth for their shape):
 * `{ namespace: "db.collection" | "db.*", fields: { "<path>": strategy } }` or `{ namespace, action: "drop" }`.
 */

export const FAKE_KINDS = ["email", "name", "phone", "address", "date", "digits"] as const;
export const FakeKind = z.enum(FAKE_KINDS, { error: `must be one of ${FAKE_KINDS.map((k) => `"${k}"`).join(", ")}` });
export type FakeKind = z.infer<typeof FakeKind>;

export const STRATEGY_NAMES = ["hash", "fake", "redact", "null", "unset"] as const;
const unknownStrategy = `must be a strategy: ${STRATEGY_NAMES.map((s) => `"${s}"`).join(", ")} (a string, or an object such as { strategy: "fake", kind: "email" })`;

const Hash = z.strictObject({ strategy: z.literal("hash") });
const Fake = z.strictObject({ strategy: z.literal("fake"), kind: FakeKind });
const Redact = z.strictObject({
  strategy: z.literal("redact"),
  /** The constant written instead of the value; default "REDACTED". */
  with: z.string().max(256).optional(),
  /** Keep this many trailing characters of a string (e.g. the last 4 digits of a card). */
  keepLast: z.number().int().min(1).max(16).optional(),
});
const Null = z.strictObject({ strategy: z.literal("null") });
const Unset = z.strictObject({ strategy: z.literal("unset") });

/** One strategy, normalized to an object. The short forms "hash", "redact", "null", "unset" and "fake:<kind>" are accepted. */
export const MaskStrategy = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    if (v.startsWith("fake:")) return { strategy: "fake", kind: v.slice(5) };
    return { strategy: v };
  },
  z.discriminatedUnion("strategy", [Hash, Fake, Redact, Null, Unset], { error: unknownStrategy }),
);
export type MaskStrategy = z.infer<typeof MaskStrategy>;
/** A strategy as a program writes it: the object form, or a short form (what MaskStrategy's preprocess accepts). */
export type MaskStrategyInput = MaskStrategy | Exclude<(typeof STRATEGY_NAMES)[number], "fake"> | `fake:${FakeKind}`;

const PATH_SEGMENT = /^(?:[^.$\s][^.\s]*|\d+)$/;
/** A dotted field path: no empty segment, no `$` operator, never `_id` (documents are matched by it). */
export const FieldPath = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(512)
  .refine((p) => p.split(".").every((s) => PATH_SEGMENT.test(s)), {
    error: "is not a field path (dot-separated names without empty parts, spaces or a leading $; e.g. \"contact.email\" or \"orders.card\")",
  })
  .refine((p) => p !== "_id" && !p.startsWith("_id."), { error: "must not be _id or under it: documents are matched by _id while masking" });

const DB_NAME = /^[^/\\. "$*<>:|?\x00]{1,63}$/;
const COLLECTION_NAME = /^(?!system\.)[^$\x00]{1,200}$/;
/** `db.collection` or `db.*` (every collection of the database, system collections excepted). */
export const Namespace = z.string().refine(
  (ns) => {
    const dot = ns.indexOf(".");
    if (dot <= 0) return false;
    const db = ns.slice(0, dot);
    const coll = ns.slice(dot + 1);
    return DB_NAME.test(db) && db !== "admin" && db !== "local" && db !== "config" && (coll === "*" || COLLECTION_NAME.test(coll));
  },
  { error: 'must be "<database>.<collection>" or "<database>.*" (not admin, local or config, not a system collection)' },
);

/**
 * One rule. One flat object (not a union), so every problem is reported at its own field:
 * exactly one of `fields` and `action` must be given.
 */
export const MaskRule = z
  .strictObject({
    namespace: Namespace,
    fields: z
      .record(z.string(), MaskStrategy)
      .superRefine((fields, ctx) => {
        if (Object.keys(fields).length === 0) ctx.addIssue({ code: "custom", path: [], message: "must name at least one field path" });
        for (const path of Object.keys(fields)) {
          const r = FieldPath.safeParse(path);
          if (!r.success) ctx.addIssue({ code: "custom", path: [path], message: `(a path) ${r.error.issues[0]!.message}` });
        }
      })
      .optional(),
    action: z.literal("drop", { error: 'must be "drop" (the only action)' }).optional(),
  })
  .superRefine((rule, ctx) => {
    if ((rule.fields === undefined) === (rule.action === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: 'must have either fields: { "<path>": strategy } or action: "drop" (one of them, not both)' });
    }
  });
export type MaskRule = z.infer<typeof MaskRule>;
export type FieldsRule = MaskRule & { fields: Record<string, MaskStrategy> };
/** A rule as a program writes it (strategies in short or object form). */
export type MaskRuleInput = Omit<MaskRule, "fields"> & { fields?: Record<string, MaskStrategyInput> };

export const MaskRules = z.array(MaskRule).min(1, { error: "must hold at least one rule" });
export type MaskRules = z.infer<typeof MaskRules>;

export const isDropRule = (r: MaskRule): boolean => r.action === "drop";

/** Splits a namespace into its database and collection ("*" for every collection). */
export function splitNamespace(ns: string): { db: string; collection: string } {
  const dot = ns.indexOf(".");
  return { db: ns.slice(0, dot), collection: ns.slice(dot + 1) };
}
