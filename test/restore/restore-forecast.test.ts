import assert from "node:assert/strict";
import { adoptOrCreateRestore, runRestore, tenantRestoreFamily } from "../../src/restore";
import { pollPolicyFor, type PollPolicy } from "../../src/restore/poll-policy";
import { approxDuration, describeProgress, forecastRestore } from "../../src/restore/restore-forecast";
import type { TenantRestoreJob } from "../../src/schemas";
import { ManualClock } from "../../src/util/clock";
import { FakeTenantClient, request } from "./fake-tenant-client";

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Finished RESTORE jobs of prod-m2 with these durations, one a day back from `now`. */
function history(now: number, durationsMs: number[], extra: Partial<TenantRestoreJob> = {}): TenantRestoreJob[] {
  return durationsMs.map((d, i) => ({
    id: `${i}`.padStart(24, "a"),
    clusterName: "prod-m2",
    deliveryType: "RESTORE",
    status: "COMPLETED",
    restoreScheduledDate: iso(now - (i + 1) * 86_400_000 - d),
    restoreFinishedDate: iso(now - (i + 1) * 86_400_000),
    ...extra,
  }));
}

describe("forecastRestore", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  const job = { id: "f".repeat(24), deliveryType: "RESTORE", status: "PENDING", restoreScheduledDate: iso(now - 4 * MIN) };

  it("forecasts from finished jobs of the same delivery type only; a new job is 0 old whatever its date says", () => {
    const jobs = [...history(now, [6 * MIN, 6 * MIN, 6 * MIN]), ...history(now, [60 * MIN, 60 * MIN, 60 * MIN], { deliveryType: "DOWNLOAD" })];
    const f = forecastRestore(tenantRestoreFamily, jobs, job, { nowMs: now, started: true });
    assert.equal(f?.estimate.expectedMs, 6 * MIN);
    assert.equal(f?.estimate.samples, 3);
    assert.equal(f?.jobAgeAtStartMs, 0);
  });

  it("an adopted job's age comes from its start date", () => {
    const f = forecastRestore(tenantRestoreFamily, history(now, [6 * MIN, 6 * MIN, 6 * MIN]), job, { nowMs: now, started: false });
    assert.equal(f?.jobAgeAtStartMs, 4 * MIN);
  });

  it("reads the job's age and delivery type from the listed copy (a job read back from state may lack them)", () => {
    const stored = { id: job.id };
    const f = forecastRestore(tenantRestoreFamily, [...history(now, [6 * MIN, 6 * MIN, 6 * MIN]), job], stored, { nowMs: now, started: false });
    assert.equal(f?.jobAgeAtStartMs, 4 * MIN);
    assert.equal(f?.estimate.samples, 3);
  });

  it("has no forecast with too little or only failed history", () => {
    assert.equal(forecastRestore(tenantRestoreFamily, history(now, [6 * MIN, 6 * MIN]), job, { nowMs: now, started: true }), undefined);
    const failed = history(now, [6 * MIN, 6 * MIN, 6 * MIN], { status: "FAILED" });
    assert.equal(forecastRestore(tenantRestoreFamily, failed, job, { nowMs: now, started: true }), undefined);
  });

  it("says durations the way a person would", () => {
    assert.equal(approxDuration(45_000), "~45 s");
    assert.equal(approxDuration(6 * MIN + 10_000), "~6 min");
    assert.equal(approxDuration(80 * MIN), "~80 min");
    assert.equal(approxDuration(120 * MIN), "~2 h");
    assert.equal(approxDuration(150 * MIN), "~2 h 30 min");
    const f = { estimate: { expectedMs: 6 * MIN, spreadMs: 0.5 * MIN, samples: 5, outliers: 0, atlasAheadMs: 0 }, jobAgeAtStartMs: MIN };
    assert.equal(describeProgress("RUNNING", f, 3 * MIN), "RUNNING for 4 min, usually done in ~6 min");
    assert.equal(describeProgress("RUNNING", f, 9 * MIN), "RUNNING for 10 min, longer than usual (~6 min)");
  });
});

describe("adopt-or-create with history", () => {
  /** A fake tenant API whose jobs take 6 min (3 steps of 2 min), with `finished` earlier 6-minute RESTOREs of prod-m2. */
  function withHistory(finished: number) {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock, 2 * MIN);
    for (let i = 0; i < finished; i++) {
      const finishedAt = clock.now() - (i + 1) * 86_400_000;
      client.add({ ...request, snapshotId: `${i}`.padStart(24, "b"), restoreScheduledDate: iso(finishedAt - 6 * MIN), restoreFinishedDate: iso(finishedAt) });
    }
    client.jobs.forEach((j) => (j.createdAt -= 10 * 86_400_000)); // long finished
    return { clock, client };
  }

  /** A 6-minute restore with `finished` earlier ones, waited for with `policy` (default if unset): polls and lag. */
  async function waitWith(finished: number, policy?: Readonly<PollPolicy>) {
    const { clock, client } = withHistory(finished);
    const start = clock.now();
    const done = await runRestore({ family: tenantRestoreFamily, client, request, clock, wait: { timeoutMs: 3_600_000, ...(policy ? { policy } : {}) } });
    assert.equal(done.job.status, "COMPLETED");
    return { done, client, polls: client.calls.get, lagMs: clock.now() - start - 6 * MIN };
  }

  it("forecasts from the adoption listing (no extra request); by default it only makes polling denser near the expected finish", async () => {
    const withForecast = await waitWith(5);
    assert.equal(withForecast.done.forecast?.estimate.expectedMs, 6 * MIN);
    assert.equal(withForecast.client.calls.list, 1, "the adoption listing only");
    const without = await waitWith(0);
    assert.equal(without.done.forecast, undefined);
    assert.ok(withForecast.lagMs <= 0.5 * without.lagMs, `seen ${withForecast.lagMs} ms late, ${without.lagMs} ms without history`);
    assert.ok(withForecast.polls <= without.polls + 10, `${withForecast.polls} polls, ${without.polls} without history`);
  });

  it("economy mode (maxPollIntervalSeconds above 30 s) polls the 6-minute restore a few times", async () => {
    const economy = await waitWith(5, pollPolicyFor({ maxPollIntervalSeconds: 3600 }));
    assert.ok(economy.polls <= 6, `${economy.polls} polls`);
    assert.ok(economy.lagMs <= 0.02 * 6 * MIN + 2000, `seen ${economy.lagMs} ms late`);
    assert.ok(economy.polls < (await waitWith(5)).polls, "fewer polls than the default");
  });

  it("gives an adopted in-flight job its age", async () => {
    const { clock, client } = withHistory(3);
    client.add({ ...request, targetProjectId: request.projectId, createdAt: clock.now() - 3 * MIN, restoreScheduledDate: iso(clock.now() - 3 * MIN) });
    client.jobs.at(-1)!.createdAt = clock.now() - 3 * MIN;
    const started = await adoptOrCreateRestore({ family: tenantRestoreFamily, client, request, clock });
    assert.equal(started.adopted, true);
    assert.equal(started.forecast?.jobAgeAtStartMs, 3 * MIN);
  });
});
