/** 24-hexadecimal-digit ids in the shape of MongoDB ObjectIds (4-byte seconds + 8 bytes). */

const SEED_PREFIX = "65a1f0c0e4b0a1b2";

/** Deterministic id of the n-th seeded object: docs and examples can show these ids. */
export function seedObjectId(n: number): string {
  return SEED_PREFIX + n.toString(16).padStart(8, "0");
}

/** Ids of objects created while running: the creation second, then a per-simulator counter. */
export class ObjectIdFactory {
  private counter = 0;
  next(nowMs: number): string {
    this.counter += 1;
    const seconds = Math.floor(nowMs / 1000) >>> 0;
    return seconds.toString(16).padStart(8, "0") + "5e" + this.counter.toString(16).padStart(14, "0");
  }
}
