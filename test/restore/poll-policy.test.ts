import assert from "node:assert/strict";
import { defaultPollPolicy, pollDelay, pollPolicyFor } from "../../src/restore/poll-policy";

describe("poll policy", () => {
  const moment = { elapsedMs: 0, timeoutMs: 3_600_000 };

  it("without a forecast starts at 1.5 s and grows ×1.4 to a 30 s cap", () => {
    const delays = Array.from({ length: 11 }, (_, i) => Math.round(pollDelay(defaultPollPolicy, i, moment)!));
    assert.deepEqual(delays, [1500, 2100, 2940, 4116, 5762, 8067, 11294, 15812, 22137, 30000, 30000]);
  });

  it("uses pollIntervalSeconds as the first interval and never caps below it", () => {
    assert.equal(pollDelay(pollPolicyFor(0.01), 0, moment), 10);
    assert.equal(pollDelay(pollPolicyFor(60), 0, moment), 60_000);
    assert.equal(pollDelay(pollPolicyFor(60), 5, moment), 60_000);
  });

  it("never sleeps past the deadline, and stops at it", () => {
    assert.equal(pollDelay(defaultPollPolicy, 9, { elapsedMs: 3_590_000, timeoutMs: 3_600_000 }), 10_000);
    assert.equal(pollDelay(defaultPollPolicy, 9, { elapsedMs: 3_600_000, timeoutMs: 3_600_000 }), undefined);
  });

  it("honours a longer Retry-After hint but not past the deadline", () => {
    assert.equal(pollDelay(defaultPollPolicy, 0, { ...moment, retryAfterMs: 45_000 }), 45_000);
    assert.equal(pollDelay(defaultPollPolicy, 9, { ...moment, retryAfterMs: 1000 }), 30_000);
    assert.equal(pollDelay(defaultPollPolicy, 0, { elapsedMs: 0, timeoutMs: 5000, retryAfterMs: 45_000 }), 5000);
  });

  it("rejects nonsense", () => {
    assert.throws(() => pollPolicyFor(0), RangeError);
    assert.throws(() => pollPolicyFor(1, { growthFactor: 0.5 }), RangeError);
  });
});
