import { setTimeout as delay } from "node:timers/promises";

/**
 * Time as the waiting and retrying code sees it. Production uses `systemClock`; tests and
 * benchmarks pass a fake whose `sleep` advances `now` at once, so nothing waits for real.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(Math.max(0, ms), undefined, { signal }),
};

/** A clock for tests and benchmarks: `sleep` returns immediately after moving time forward. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start = Date.parse("2026-11-23T12:00:00Z")) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.current += Math.max(0, ms);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
