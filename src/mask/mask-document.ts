import { readSlot, slotsOf, unsetSlot, writeSlot } from "./mask-path";
import type { MaskStrategy } from "./mask-rules";
import { maskValue, UNSET } from "./strategies";

/** The field rules of one collection, in a fixed order (longest path last, so a parent is masked before its children are looked at). */
export type FieldRules = ReadonlyArray<readonly [path: string, strategy: MaskStrategy]>;

export const elementwise = (s: MaskStrategy): boolean => s.strategy !== "null" && s.strategy !== "unset";

export function orderFieldRules(fields: Record<string, MaskStrategy>): FieldRules {
  return Object.entries(fields).sort(([a], [b]) => a.split(".").length - b.split(".").length || a.localeCompare(b));
}

/**
 * Masks `doc` in place and returns it. Pure apart from that: the result depends only on the
 * document, the rules and the key. It must be applied to an ORIGINAL document only (masking a
 * masked document would hash a hash); the rewrite guarantees that by reading originals only.
 */
export function maskDocument<D extends Record<string, unknown>>(doc: D, rules: FieldRules, key: string): D {
  for (const [path, strategy] of rules) {
    for (const slot of slotsOf(doc, path, elementwise(strategy))) {
      const masked = maskValue(readSlot(slot), strategy, key);
      if (masked === UNSET) unsetSlot(slot);
      else writeSlot(slot, masked);
    }
  }
  return doc;
}
