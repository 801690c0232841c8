import { systemClock, type Clock } from "../util/clock";
import { holderName } from "./runner-id";
import { describeLock, isLockError, lockHolders, locksAreStale } from "./stack-lock";

export interface LockPolicy {
  /** How long to wait for another run's lock before failing with its message; 0 fails at once. */
  lockWaitMs: number;
  clock?: Clock;
  /** Removes every lock of the stack (`pulumi cancel`). */
  cancel: () => Promise<void>;
  onWaiting?: (why: string) => void;
  onStaleLockRemoved?: (why: string) => void;
  isAlive?: (pid: number) => boolean;
}

export class StackLockedError extends Error {
  override name = "StackLockedError" as const;
  readonly code = "STACK_LOCKED" as const;
  constructor(
    message: string,
    /** Who holds the lock, as `user@host pid N` (comma-separated when several). */
    readonly holder: string,
  ) {
    super(message);
  }
}

/**
 * Runs `op` (a stack operation that takes Pulumi's stack lock). A lock left by a killed process of
 * this machine is removed (`pulumi cancel`, as the README documents) and `op` runs again; a live
 * lock is waited for, polling every 2–5 s, up to `lockWaitMs`, then StackLockedError. Two runs
 * never both proceed: whoever gets the lock restores, the other finds the work done.
 */
export async function withStackLock<T>(op: () => Promise<T>, policy: LockPolicy): Promise<T> {
  const clock = policy.clock ?? systemClock;
  const started = clock.now();
  let staleRemovals = 0;
  for (;;) {
    try {
      return await op();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (!isLockError(message)) throw error;
      const holders = lockHolders(message);
      if (locksAreStale(holders, policy.isAlive) && staleRemovals < 3) {
        staleRemovals++;
        await policy.cancel();
        policy.onStaleLockRemoved?.(`removed a stale lock (${holders.map((h) => `pid ${h.pid} on ${h.host} is gone`).join(", ")})`);
        continue;
      }
      const waited = clock.now() - started;
      if (waited >= policy.lockWaitMs) {
        throw new StackLockedError(
          `${describeLock(message)}; waited ${Math.round(waited / 1000)} s (--lock-wait). Nothing was started. ` +
            "If that run is gone for good, remove its lock with `pulumi cancel` on this stack, then run again.",
          holders.map(holderName).join(", ") || "another run",
        );
      }
      policy.onWaiting?.(describeLock(message));
      await clock.sleep(Math.min(2000 + Math.random() * 3000, Math.max(0, policy.lockWaitMs - waited)));
    }
  }
}
