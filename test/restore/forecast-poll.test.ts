import assert from "node:assert/strict";
import { defaultForecastPollOptions, forecastDelay, forecastPlan } from "../../src/restore/forecast-poll";
import { defaultPollPolicy, pollDelay, pollPolicyFor } from "../../src/restore/poll-policy";

const MIN = 60_000;
const HOUR = 60 * MIN;
const near = (actual: number, expected: number, what = "") => assert.ok(Math.abs(actual - expected) < 1e-6, `${what} ${actual} ≠ ${expected}`);
/** The job times at which a policy polls until `untilMs` (job started at 0, waiting too). */
function pollTimes(delayAt: (t: number, attempt: number) => number | undefined, untilMs: number): number[] {
  const times: number[] = [];
  for (let t = 0, attempt = 0; t < untilMs; attempt++) {
    const d = delayAt(t, attempt);
    if (d === undefined) break;
    t += d;
    times.push(t);
  }
  return times;
}

describe("forecast poll policy", () => {
  const estimate = { expectedMs: HOUR, spreadMs: 0.02 * HOUR };
  const plan = forecastPlan(estimate, 30_000);

  it("plans a window of ±4–6 % around the expected finish, polled every 2 % of its start", () => {
    near(plan.windowStartMs, 0.96 * HOUR);
    near(plan.windowEndMs, 1.04 * HOUR);
    near(plan.denseMs, 0.02 * 0.96 * HOUR);
    const wide = forecastPlan({ expectedMs: HOUR, spreadMs: 0.3 * HOUR }, 30_000);
    near(wide.windowStartMs, 0.94 * HOUR, "a wide spread is capped at 6 %");
    assert.equal(forecastPlan({ expectedMs: 20_000, spreadMs: 400 }, 30_000).denseMs, 2000, "never denser than every 2 s");
  });

  it("polls sparsely (two even steps) until the window, densely in it", () => {
    const times = pollTimes((t) => forecastDelay(plan, t), HOUR);
    [0.48, 0.96].forEach((share, i) => near(times[i]!, share * HOUR, `sparse poll ${i}`));
    assert.equal(times.length, 5, "two sparse polls, then dense ones up to the expected finish");
    assert.ok(times.at(-1)! - HOUR < 0.02 * HOUR, "a job finishing on time is seen within 2 % of its duration");
  });

  it("backs off past the window: the pause doubles with the overrun, up to the maximum interval", () => {
    const short = forecastPlan({ expectedMs: 20_000, spreadMs: 400 }, 30_000);
    assert.equal(forecastDelay(short, short.windowEndMs), 2000);
    assert.equal(forecastDelay(short, short.windowEndMs + 5000), 5000);
    assert.equal(forecastDelay(short, short.windowEndMs + 10 * MIN), 30_000);
    const overrun = pollTimes((t) => forecastDelay(short, t), 10 * MIN);
    const before = pollTimes((_t, a) => pollDelay(pollPolicyFor({}, { firstIntervalMs: 2000, growthFactor: 1.5, forecast: false }), a, { elapsedMs: 0, timeoutMs: HOUR }), 10 * MIN);
    assert.ok(overrun.length <= 1.2 * before.length, `a job 30× longer than forecast: ${overrun.length} polls vs ${before.length} without a forecast`);
  });

  it("is what pollDelay does with an estimate, in job time: economy alone, the default only shortening the plain schedule", () => {
    const economy = pollPolicyFor({ maxPollIntervalSeconds: 3600 });
    const economyPlan = forecastPlan(estimate, HOUR, economy.forecast || undefined, { capMs: HOUR, economy: true });
    near(pollDelay(economy, 0, { elapsedMs: 0, timeoutMs: 2 * HOUR, estimate })!, forecastDelay(economyPlan, 0));
    near(forecastDelay(economyPlan, 0), 0.96 * HOUR, "economy: one sparse pause to the window's start");
    // An adopted job already 0.9 h old: the next poll is at the window's start.
    near(pollDelay(economy, 0, { elapsedMs: 0, jobElapsedMs: 0.9 * HOUR, timeoutMs: 2 * HOUR, estimate })!, 0.06 * HOUR);
    const bounded = forecastPlan(estimate, 30_000, undefined, { capMs: 30_000, economy: false });
    assert.equal(pollDelay(defaultPollPolicy, 0, { elapsedMs: 0, timeoutMs: 2 * HOUR, estimate }), 1500, "the plain first pause is shorter");
    near(pollDelay(defaultPollPolicy, 20, { elapsedMs: 0, jobElapsedMs: 0.9 * HOUR, timeoutMs: 2 * HOUR, estimate })!, Math.min(30_000, forecastDelay(bounded, 0.9 * HOUR)));
    near(pollDelay(defaultPollPolicy, 20, { elapsedMs: HOUR, timeoutMs: 2 * HOUR, estimate })!, bounded.denseMs, "in the window: the dense pause");
  });

  it("default mode: the window costs at most windowExtraPolls polls more than one every 30 s would, and is polled more densely", () => {
    for (const expectedMs of [MIN, 10 * MIN, HOUR, 2 * HOUR]) {
      const p = forecastPlan({ expectedMs, spreadMs: 0.1 * expectedMs }, 30_000, undefined, { capMs: 30_000, economy: false });
      const width = p.windowEndMs - p.windowStartMs;
      assert.ok(p.denseMs < 30_000, `${expectedMs}: dense ${p.denseMs}`);
      assert.ok(width / p.denseMs <= width / 30_000 + defaultForecastPollOptions.windowExtraPolls + 1e-9 || p.denseMs === 2000, `${expectedMs}: ${width / p.denseMs} polls across the window`);
    }
    near(forecastPlan(estimate, 30_000, undefined, { capMs: 30_000, economy: false }).denseMs, (0.08 * HOUR) / ((0.08 * HOUR) / 30_000 + defaultForecastPollOptions.windowExtraPolls));
  });

  it("lets an explicit pollIntervalSeconds, Retry-After and the deadline win over the forecast", () => {
    assert.equal(pollDelay(pollPolicyFor({ pollIntervalSeconds: 5 }), 0, { elapsedMs: 0, timeoutMs: 2 * HOUR, estimate }), 5000);
    const inWindow = { elapsedMs: HOUR, timeoutMs: 2 * HOUR, estimate };
    const dense = forecastPlan(estimate, 30_000, undefined, { capMs: 30_000, economy: false }).denseMs;
    assert.equal(pollDelay(defaultPollPolicy, 9, inWindow), dense);
    assert.equal(pollDelay(defaultPollPolicy, 9, { ...inWindow, retryAfterMs: 2 * MIN }), 2 * MIN);
    assert.equal(pollDelay(defaultPollPolicy, 0, { elapsedMs: 0, timeoutMs: 1000, estimate }), 1000);
    assert.equal(pollDelay(defaultPollPolicy, 0, { elapsedMs: 10 * MIN, timeoutMs: 10 * MIN, estimate }), undefined);
  });

  it("by default no pause is longer than 30 s: a job 3× shorter than its history is seen within 30 s", () => {
    const history3h = { expectedMs: 3 * HOUR, spreadMs: 0.02 * 3 * HOUR };
    const times = pollTimes((t, a) => pollDelay(defaultPollPolicy, a, { elapsedMs: t, timeoutMs: 4 * HOUR, estimate: history3h }), 3.2 * HOUR);
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]!));
    assert.ok(Math.max(...gaps) <= 30_000 + 1e-6, `longest pause ${Math.max(...gaps)} ms`);
    const seenAt = times.find((t) => t >= HOUR)!;
    assert.ok(seenAt - HOUR <= 30_000, `a 1 h job with a 3 h history is seen ${(seenAt - HOUR) / 1000} s late`);
    const economy = pollPolicyFor({ maxPollIntervalSeconds: 3600 });
    const sparse = pollTimes((t, a) => pollDelay(economy, a, { elapsedMs: t, timeoutMs: 4 * HOUR, estimate: history3h }), 3.2 * HOUR);
    assert.ok(sparse.find((t) => t >= HOUR)! - HOUR > 10 * MIN, "in economy mode the same job is seen late (the trade-off it opts into)");
    assert.ok(times.length <= (3.2 * HOUR) / 30_000 + 20, `${times.length} polls in 3.2 h: about one per 30 s, as without a forecast`);
  });
});
