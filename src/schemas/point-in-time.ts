/**
 * The rule every point in time of a restore follows (CloudBackupRestore's `pointInTimeUTCSeconds`
 * and `oplogTs`, CollectionRestore's `pointInTimeUtcSeconds` and `oplogTs`): seconds since
 * 1970-01-01 UTC, not in the future. Milliseconds instead of seconds is the usual slip
 * (`Date.now()`): it is named as such, with the seconds it probably meant, rather than as year 50000.
 */
export function pointInTimeProblem(at: number, nowSeconds: number = Math.floor(Date.now() / 1000)): string | undefined {
  if (at <= nowSeconds) return undefined;
  if (at > 1e11 && Math.floor(at / 1000) <= nowSeconds) {
    const seconds = Math.floor(at / 1000);
    return `looks like milliseconds (${at}); it takes seconds since 1970-01-01 UTC: ${seconds} is ${new Date(seconds * 1000).toISOString()}`;
  }
  return `is in the future (${at > 8.64e12 ? "beyond year 275760" : new Date(at * 1000).toISOString()}); a point-in-time restore needs a moment that has passed`;
}

