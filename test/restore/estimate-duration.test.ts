import assert from "node:assert/strict";
import { estimateDuration, jobAgeMs, type PastRestore } from "../../src/restore/estimate-duration";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const MIN = 60_000;
/** Finished jobs, one every 6 h back from NOW, with these durations (newest first). */
const jobs = (durationsMs: number[], shiftMs = 0): PastRestore[] =>
  durationsMs.map((d, i) => {
    const finishedAtMs = NOW - (i + 1) * 6 * 3_600_000 + shiftMs;
    return { startedAtMs: finishedAtMs - d, finishedAtMs, succeeded: true };
  });

describe("estimateDuration", () => {
  it("has no estimate without history", () => {
    assert.equal(estimateDuration([], { nowMs: NOW }), undefined);
  });

  it("has no estimate from one or two jobs by default, and one from a single job when asked", () => {
    assert.equal(estimateDuration(jobs([6 * MIN]), { nowMs: NOW }), undefined);
    assert.equal(estimateDuration(jobs([6 * MIN, 7 * MIN]), { nowMs: NOW }), undefined);
    const one = estimateDuration(jobs([6 * MIN]), { nowMs: NOW, minSamples: 1 });
    assert.equal(one?.expectedMs, 6 * MIN);
    assert.equal(one?.samples, 1);
    assert.equal(one?.spreadMs, 0.02 * 6 * MIN, "a single job gets the minimum spread, not zero");
  });

  it("takes the median and a MAD-based spread", () => {
    const e = estimateDuration(jobs([5, 6, 7, 6, 6].map((m) => m * MIN)), { nowMs: NOW });
    assert.equal(e?.expectedMs, 6 * MIN);
    assert.equal(e?.samples, 5);
    assert.equal(e?.outliers, 0);
    // |d − 6 min| = 1, 0, 1, 0, 0 min → MAD 0 → the 2 % floor
    assert.equal(e?.spreadMs, 0.02 * 6 * MIN);
    const wide = estimateDuration(jobs([4, 5, 6, 7, 8].map((m) => m * MIN)), { nowMs: NOW });
    assert.equal(wide?.spreadMs, 1.4826 * MIN);
  });

  it("drops outliers (a 3-hour and a 10-second job among 6-minute ones)", () => {
    const e = estimateDuration(jobs([6 * MIN, 180 * MIN, 6.2 * MIN, 10_000, 5.8 * MIN, 6.1 * MIN]), { nowMs: NOW });
    assert.equal(e?.outliers, 2);
    assert.equal(e?.samples, 4);
    assert.equal(e?.expectedMs, 6.05 * MIN);
  });

  it("ignores failed jobs, jobs without both dates and jobs that end before they start", () => {
    const history: PastRestore[] = [
      ...jobs([6 * MIN, 6 * MIN, 6 * MIN]),
      { startedAtMs: NOW - 3 * 3_600_000, finishedAtMs: NOW - 2 * 3_600_000, succeeded: false },
      { startedAtMs: NOW - 3 * 3_600_000, succeeded: true },
      { finishedAtMs: NOW - 3 * 3_600_000, succeeded: true },
      { startedAtMs: NOW - 3 * 3_600_000, finishedAtMs: NOW - 4 * 3_600_000, succeeded: true },
    ];
    const e = estimateDuration(history, { nowMs: NOW });
    assert.equal(e?.expectedMs, 6 * MIN);
    assert.equal(e?.samples, 3);
    assert.equal(estimateDuration(history.slice(3), { nowMs: NOW }), undefined, "failed and undated jobs alone give no estimate");
  });

  it("uses only the newest maxSamples jobs (restores change as data grows)", () => {
    const e = estimateDuration(jobs([...Array(5).fill(10 * MIN), ...Array(10).fill(2 * MIN)]), { nowMs: NOW, maxSamples: 5 });
    assert.equal(e?.expectedMs, 10 * MIN);
  });

  it("is not fooled by clock skew: durations are the same with Atlas's clock 2 h ahead or behind", () => {
    const d = [5, 6, 7, 6, 6].map((m) => m * MIN);
    const plain = estimateDuration(jobs(d), { nowMs: NOW })!;
    for (const skew of [2 * 3_600_000, -2 * 3_600_000]) {
      const skewed = estimateDuration(jobs(d, skew), { nowMs: NOW })!;
      assert.equal(skewed.expectedMs, plain.expectedMs);
      assert.equal(skewed.spreadMs, plain.spreadMs);
    }
    // The newest job finished 6 h ago: 2 h of skew does not show; 8 h ahead puts its finish 2 h "in the future".
    assert.equal(estimateDuration(jobs(d, 2 * 3_600_000), { nowMs: NOW })!.atlasAheadMs, 0);
    assert.equal(estimateDuration(jobs(d, 8 * 3_600_000), { nowMs: NOW })!.atlasAheadMs, 2 * 3_600_000);
  });
});

describe("jobAgeMs", () => {
  it("is now minus the start, never negative, corrected for Atlas running ahead", () => {
    assert.equal(jobAgeMs(NOW - 4 * MIN, NOW), 4 * MIN);
    assert.equal(jobAgeMs(NOW + 30_000, NOW), 0, "a start in the future is skew, not a negative age");
    assert.equal(jobAgeMs(NOW + 30_000, NOW, { atlasAheadMs: 90_000 }), 60_000);
    assert.equal(jobAgeMs(undefined, NOW), 0);
  });
});
