import assert from "node:assert/strict";
import { defaultPollPolicy, pollDelay, pollPolicyFor } from "../../src/restore/poll-policy";

describe("poll policy", () => {
  const moment = { elapsedMs: 0, timeoutMs: 3_600_000 };

  it("without a forecast starts at 1.5 s and grows ×1.4 to a 30 s cap", () => {
    const delays = Array.from({ length: 11 }, (_, i) => Math.round(pollDelay(defaultPollPolicy, i, moment)!));
    assert.deepEqual(delays, [1500, 2100, 2940, 4116, 5762, 8067, 11294, 15812, 22137, 30000, 30000]);
  });

  it("uses pollIntervalSeconds as the first interval and never caps below it", () => {
    assert.equal(pollDelay(pollPolicyFor({ pollIntervalSeconds: 0.01 }), 0, moment), 10);
    assert.equal(pollDelay(pollPolicyFor({ pollIntervalSeconds: 60 }), 0, moment), 60_000);
    assert.equal(pollDelay(pollPolicyFor({ pollIntervalSeconds: 60 }), 5, moment), 60_000);
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

  it("maxPollIntervalSeconds bounds every pause: below 30 s it caps the growth, above it the growth goes on to it", () => {
    const capped = Array.from({ length: 8 }, (_, i) => Math.round(pollDelay(pollPolicyFor({ maxPollIntervalSeconds: 5 }), i, moment)!));
    assert.deepEqual(capped, [1500, 2100, 2940, 4116, 5000, 5000, 5000, 5000]);
    const wider = pollPolicyFor({ maxPollIntervalSeconds: 120 });
    assert.equal(Math.round(pollDelay(wider, 10, moment)!), Math.round(1500 * 1.4 ** 10), "past 30 s the ×1.4 growth continues");
    assert.equal(pollDelay(wider, 30, moment), 120_000);
    assert.equal(pollDelay(pollPolicyFor({ maxPollIntervalSeconds: 1 }), 0, moment), 1000, "a cap below the first pause lowers it");
    assert.equal(pollDelay(pollPolicyFor({ pollIntervalSeconds: 10, maxPollIntervalSeconds: 10 }), 7, moment), 10_000, "first = max: a fixed pause");
  });

  it("lets Retry-After exceed maxPollIntervalSeconds, and a first pause above it (a fleet's floor) win", () => {
    assert.equal(pollDelay(pollPolicyFor({ maxPollIntervalSeconds: 5 }), 9, { ...moment, retryAfterMs: 45_000 }), 45_000);
    const floored = pollPolicyFor({ pollIntervalSeconds: 24, maxPollIntervalSeconds: 10 });
    assert.equal(pollDelay(floored, 0, moment), 24_000);
    assert.equal(pollDelay(floored, 5, moment), 24_000);
  });

  it("rejects nonsense", () => {
    assert.throws(() => pollPolicyFor({ maxPollIntervalSeconds: 0 }), RangeError);
    assert.throws(() => pollPolicyFor({ pollIntervalSeconds: 0 }), RangeError);
    assert.throws(() => pollPolicyFor({ pollIntervalSeconds: 1 }, { growthFactor: 0.5 }), RangeError);
  });
});
