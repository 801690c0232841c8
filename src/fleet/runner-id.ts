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
