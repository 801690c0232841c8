import { fakeValue } from "./fake-values";
import { keyedDigest } from "./keyed-hash";
import type { MaskStrategy } from "./mask-rules";

/** What masking a present value gives: a new value, or `UNSET` (the field is removed). */
export const UNSET: unique symbol = Symbol("unset");
export type Masked = unknown | typeof UNSET;

const HASH_HEX_CHARS = 32;

function redact(value: unknown, s: Extract<MaskStrategy, { strategy: "redact" }>): string {
  if (s.keepLast === undefined) return s.with ?? "REDACTED";
  const text = typeof value === "string" ? value : String(value);
  const constant = s.with ?? "****";
  return text.length > s.keepLast ? `${constant}${text.slice(-s.keepLast)}` : constant;
}

/**
 * Masks one leaf value. Pure and deterministic under `key`. A null (or missing) value is left as
 * it is by every strategy but `unset`: there is nothing to hide, and a null must stay a null.
 */
export function maskValue(value: unknown, s: MaskStrategy, key: string): Masked {
  if (s.strategy === "unset") return UNSET;
  if (value === null || value === undefined) return value;
  switch (s.strategy) {
    case "hash":
      return keyedDigest(key, "hash", value).toString("hex").slice(0, HASH_HEX_CHARS);
    case "fake":
      return fakeValue(s.kind, keyedDigest(key, `fake:${s.kind}`, value), value);
    case "redact":
      return redact(value, s);
    case "null":
      return null;
  }
}
