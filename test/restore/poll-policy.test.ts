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

  describe("with a forecast", () => {
    const HOUR = 3_600_000;
    const estimates = [20_000, 60_000, 600_000, HOUR, 2 * HOUR, 10 * HOUR].flatMap((expectedMs) => [0.02, 0.1, 0.5].map((s) => ({ expectedMs, spreadMs: s * expectedMs })));
    const jobTimes = (e: number) => [0, 0.1, 0.33, 0.5, 0.9, 0.95, 0.97, 1, 1.03, 1.06, 1.2, 3, 10].map((f) => f * e);

    it("by default only makes polling denser: no pause is longer than without history, nor than 30 s", () => {
      let shorter = 0;
      for (const estimate of estimates) {
        for (const jobElapsedMs of jobTimes(estimate.expectedMs)) {
          for (const attempt of [0, 3, 9, 30]) {
            const m = { elapsedMs: 0, timeoutMs: 100 * HOUR, jobElapsedMs };
            const withHistory = pollDelay(defaultPollPolicy, attempt, { ...m, estimate })!;
            const without = pollDelay(defaultPollPolicy, attempt, m)!;
            assert.ok(withHistory <= without && withHistory <= 30_000, `${JSON.stringify(estimate)} at ${jobElapsedMs} ms, attempt ${attempt}: ${withHistory} > ${without}`);
            if (withHistory < without) shorter++;
          }
        }
      }
      assert.ok(shorter > 50, `the forecast shortened ${shorter} pauses`);
    });

    it("polls densely near the expected finish of a 1 h restore, every 30 s far from it", () => {
      const estimate = { expectedMs: HOUR, spreadMs: 0.05 * HOUR };
      const at = (jobElapsedMs: number) => pollDelay(defaultPollPolicy, 30, { elapsedMs: 0, timeoutMs: 100 * HOUR, jobElapsedMs, estimate })!;
      assert.equal(at(0.5 * HOUR), 30_000);
      assert.ok(at(HOUR) < 25_000, `in the window: ${at(HOUR)} ms`);
      assert.equal(at(2 * HOUR), 30_000, "a job running long: back to 30 s");
    });

    it("maxPollIntervalSeconds 30 is the default; a lower bound is not economy", () => {
      assert.deepEqual(pollPolicyFor({ maxPollIntervalSeconds: 30 }), defaultPollPolicy);
      const tight = pollPolicyFor({ maxPollIntervalSeconds: 10 });
      assert.equal(tight.economy, false);
      assert.equal(pollDelay(tight, 30, { elapsedMs: 0, timeoutMs: 100 * HOUR, jobElapsedMs: 0.3 * HOUR, estimate: { expectedMs: HOUR, spreadMs: 0.05 * HOUR } }), 10_000);
    });

    it("economy mode (a bound above 30 s) lets the forecast space polls out, up to the bound, and keeps them dense near the finish", () => {
      const estimate = { expectedMs: HOUR, spreadMs: 0.05 * HOUR };
      const economy = pollPolicyFor({ maxPollIntervalSeconds: 3600 });
      assert.equal(economy.economy, true);
      const times: number[] = [];
      for (let t = 0, a = 0; t < HOUR; a++) times.push((t += pollDelay(economy, a, { elapsedMs: t, timeoutMs: 100 * HOUR, estimate })!));
      assert.ok(times.length <= 10, `${times.length} polls until the expected finish`);
      assert.ok(times.at(-1)! - HOUR <= 0.02 * HOUR, `seen ${(times.at(-1)! - HOUR) / 1000} s late`);
      const tenMin = pollPolicyFor({ maxPollIntervalSeconds: 600 });
      const first = pollDelay(tenMin, 0, { elapsedMs: 0, timeoutMs: 100 * HOUR, estimate })!;
      assert.ok(first > 30_000 && first <= 600_000, `first pause ${first} ms: longer than 30 s, never beyond the bound`);
      assert.equal(pollDelay(pollPolicyFor({ pollIntervalSeconds: 5, maxPollIntervalSeconds: 3600 }), 0, { elapsedMs: 0, timeoutMs: HOUR, estimate }), 5000, "pollIntervalSeconds still wins");
    });
  });

  it("rejects nonsense", () => {
    assert.throws(() => pollPolicyFor({ maxPollIntervalSeconds: 0 }), RangeError);
    assert.throws(() => pollPolicyFor({ pollIntervalSeconds: 0 }), RangeError);
    assert.throws(() => pollPolicyFor({ pollIntervalSeconds: 1 }, { growthFactor: 0.5 }), RangeError);
  });
});
