import { createHash } from "node:crypto";
import { hostname, userInfo } from "node:os";
import type { StackLockHolder } from "./stack-lock";

/** This runner as the backend's locks name it: `user@host pid N` (what another runner's summary shows for it). */
export function thisRunner(): string {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers)
  }
  return `${user}@${hostname()} pid ${process.pid}`;
}

/** The runner holding a lock, named the same way. */
export const holderName = (h: StackLockHolder): string => `${h.user}@${h.host} pid ${h.pid}`;

/** Where in a list of `n` this runner starts: a hash of its name, so concurrent runners start apart. */
export const startOffset = (runner: string, n: number): number => (n <= 1 ? 0 : createHash("sha256").update(runner).digest().readUInt32BE(0) % n);
