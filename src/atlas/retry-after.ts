/**
 * Parses a `Retry-After` header (delta-seconds or HTTP-date) into milliseconds from `nowMs`.
 * Pure: time is passed in. Returns undefined for a missing or unreadable value.
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return undefined; // "-1", "1.5": not a date either
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
