import type { FakeKind } from "./mask-rules";

/**
 * Fake values shaped enough for applications to keep working. Pure: every choice comes from `d`,
 * the keyed digest of the original value (32 bytes), so the same value always fakes the same way.
 */
const FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Robin", "Drew", "Kai", "Noor", "Lena", "Omar"];
const LAST = ["Smith", "Garcia", "Chen", "Müller", "Novak", "Okafor", "Silva", "Kowalski", "Tanaka", "Dubois", "Rossi", "Larsen", "Haddad", "Ivanova", "Moreau", "Patel"];
const STREETS = ["Maple", "Oak", "Cedar", "Elm", "Birch", "Willow", "Pine", "Lake", "Hill", "River", "Park", "Station"];
const SUFFIXES = ["Street", "Avenue", "Road", "Lane", "Way", "Drive"];
const CITIES = ["Springfield", "Riverton", "Lakeside", "Fairview", "Greenville", "Kingston", "Ashford", "Milton"];

const pick = <T>(list: readonly T[], byte: number): T => list[byte % list.length]!;
const u32 = (d: Buffer, at: number): number => d.readUInt32BE(at);
/** `n` decimal digits from the digest (cycled), the first never 0 when `leadingNonZero`. */
function digitsFrom(d: Buffer, n: number, leadingNonZero = false): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    const b = d[i % d.length]! ^ (Math.floor(i / d.length) * 31);
    out += i === 0 && leadingNonZero ? String(1 + (b % 9)) : String(b % 10);
  }
  return out;
}

const DAY_MS = 86_400_000;
const DATE_FROM = Date.UTC(1940, 0, 1);
const DATE_DAYS = Math.floor((Date.UTC(2005, 11, 31) - DATE_FROM) / DAY_MS);

function fakeDate(d: Buffer, original: unknown): unknown {
  const at = DATE_FROM + (u32(d, 0) % DATE_DAYS) * DAY_MS;
  if (original instanceof Date) return new Date(at);
  if (typeof original === "number") return at;
  const iso = new Date(at).toISOString();
  return typeof original === "string" && original.includes("T") ? iso : iso.slice(0, 10);
}

function fakeDigits(d: Buffer, original: unknown): unknown {
  if (typeof original === "number" && Number.isInteger(original)) {
    const n = String(Math.abs(original)).length;
    return Number(digitsFrom(d, n, n > 1)) * Math.sign(original || 1);
  }
  const text = typeof original === "string" ? original : String(original);
  if (!/\d/.test(text)) return digitsFrom(d, 8);
  // Every digit replaced, everything else kept: "123-45-6789" → "804-21-3377".
  const stream = digitsFrom(d, text.replace(/\D/g, "").length);
  let i = 0;
  return text.replace(/\d/g, () => stream[i++]!);
}

export function fakeValue(kind: FakeKind, d: Buffer, original: unknown): unknown {
  switch (kind) {
    case "name":
      return `${pick(FIRST, d[0]!)} ${pick(LAST, d[1]!)}`;
    case "email":
      return `${pick(FIRST, d[0]!)}.${pick(LAST, d[1]!)}.${d.subarray(2, 6).toString("hex")}@example.com`.toLowerCase().replace("ü", "u");
    case "phone":
      return `+1-555-${digitsFrom(d.subarray(4), 3)}-${digitsFrom(d.subarray(8), 4)}`;
    case "address":
      return `${1 + (u32(d, 0) % 9999)} ${pick(STREETS, d[4]!)} ${pick(SUFFIXES, d[5]!)}, ${pick(CITIES, d[6]!)}`;
    case "date":
      return fakeDate(d, original);
    case "digits":
      return fakeDigits(d, original);
  }
}
