import { hostname } from "node:os";

/** A lock on a stack as the DIY backends (file, PostgreSQL, S3, …) describe it in their error. */
export interface StackLockHolder {
  user: string;
  host: string;
  pid: number;
  at: string;
}

const LOCKED = "the stack is currently locked by";

export const isLockError = (message: string): boolean => message.includes(LOCKED);

/** The holders named by "…: created by user@host (pid N) at <time>" lines. */
export function lockHolders(message: string): StackLockHolder[] {
  const holders = new Map<string, StackLockHolder>();
  for (const m of message.matchAll(/created by (.*?)@(\S+) \(pid (\d+)\) at (\S+)/g)) {
    holders.set(`${m[2]}/${m[3]}`, { user: m[1]!, host: m[2]!, pid: Number(m[3]), at: m[4]! });
  }
  return [...holders.values()];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when every holder is a process of this machine that no longer exists: a run that was
 * killed (SIGKILL, OOM) before it could unlock. Locks of other machines are never called stale:
 * their runner may be alive, so the fleet waits for them instead.
 */
export function locksAreStale(holders: StackLockHolder[], isAlive: (pid: number) => boolean = processAlive, host = hostname()): boolean {
  return holders.length > 0 && holders.every((h) => h.host === host && !isAlive(h.pid));
}

/** The lock error's first line plus its holders, for the summary. */
export function describeLock(message: string): string {
  const holders = lockHolders(message);
  const who = holders.map((h) => `${h.user}@${h.host} pid ${h.pid} since ${h.at}`).join(", ");
  return `the stack is locked by another run (${who || "unknown holder"})`;
}
