import { createHmac } from "node:crypto";
import { BSON } from "mongodb";

/**
 * The one keyed function every strategy derives from: HMAC-SHA256 under the mask key. A value is
 * encoded canonically first, with its type: the string "42" and the number 42 mask differently, and
 * the same value masks the same way in every collection (joins on masked fields keep working).
 */
export function canonical(value: unknown): string {
  if (typeof value === "string") return `s:${value}`;
  return `e:${BSON.EJSON.stringify({ v: value }, { relaxed: false })}`;
}

/** HMAC-SHA256(key, purpose ‖ canonical(value)); `purpose` separates strategies and fake kinds. */
export function keyedDigest(key: string, purpose: string, value: unknown): Buffer {
  return createHmac("sha256", key).update(`${purpose}\u0000${canonical(value)}`).digest();
}

/** Minimum length of a `key` input: a short key makes the hashes guessable by trying values. */
export const MIN_KEY_LENGTH = 16;
