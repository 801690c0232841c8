import assert from "node:assert/strict";
import { AtlasApiError, AtlasNetworkError } from "../../src/atlas/errors";
import {
  RestoreJobFailedError,
  RestoreJobVanishedError,
  RestoreTimeoutError,
  RestoreWaitInterruptedError,
  pollPolicyFor,
  waitForRestoreJob,
  type RestoreJob,
} from "../../src/restore";
import { ManualClock } from "../../src/util/clock";
import { apiError, request } from "./fake-tenant-client";

/** A job whose GETs answer the scripted statuses (or throw the scripted errors) in order; the last repeats. */
function scripted(steps: (string | Error)[]) {
  let i = 0;
  const fetchJob = async (): Promise<RestoreJob> => {
    const step = steps[Math.min(i++, steps.length - 1)];
    if (step instanceof Error) throw step;
    return { id: "666666666666666666666666", status: step };
  };
  return { fetchJob, calls: () => i };
}

describe("waitForRestoreJob", () => {
  it("resolves with the COMPLETED job and reports each status change once, not each poll", async () => {
    const clock = new ManualClock();
    const changes: string[] = [];
    const job = scripted(["PENDING", "PENDING", "QUEUED", "QUEUED", "QUEUED", "RUNNING", "RUNNING", "COMPLETED"]);
    const done = await waitForRestoreJob({
      fetchJob: job.fetchJob,
      timeoutMs: 3_600_000,
      clock,
      onStatusChange: (j, prev, ms) => changes.push(`${prev ?? "-"}→${j.status}@${Math.round(ms)}`),
    });
    assert.equal(done.status, "COMPLETED");
    assert.equal(job.calls(), 8);
    // Polls at 0, then 1.5 s growing ×1.4: 1.5, 3.6, 6.54, 10.66, 16.42, 24.49, 35.78 s.
    assert.deepEqual(changes, ["-→PENDING@0", "PENDING→QUEUED@3600", "QUEUED→RUNNING@16418", "RUNNING→COMPLETED@35780"]);
  });

  it("starts from a known job with a pause instead of a GET", async () => {
    const clock = new ManualClock();
    const job = scripted(["COMPLETED"]);
    const changes: string[] = [];
    await waitForRestoreJob({
      fetchJob: job.fetchJob,
      initialJob: { id: "1", status: "PENDING" },
      timeoutMs: 60_000,
      clock,
      onStatusChange: (j) => changes.push(j.status!),
    });
    assert.equal(job.calls(), 1);
    assert.deepEqual(changes, ["PENDING", "COMPLETED"]);
  });

  it("rejects FAILED with RestoreJobFailedError naming job, cluster, status and what to do", async () => {
    const err = await waitForRestoreJob({
      fetchJob: scripted(["RUNNING", "FAILED"]).fetchJob,
      timeoutMs: 60_000,
      clock: new ManualClock(),
      label: "TenantRestore",
      request,
    }).catch((e) => e);
    assert.ok(err instanceof RestoreJobFailedError);
    assert.match(err.message, /TenantRestore job 666666666666666666666666/);
    assert.match(err.message, /prod-m2/);
    assert.match(err.message, /FAILED/);
    assert.match(err.message, /--replace/);
    assert.equal(err.job?.status, "FAILED");
  });

  it("times out at the deadline naming job, last status and elapsed time", async () => {
    const clock = new ManualClock();
    const job = scripted(["QUEUED", "RUNNING"]);
    const err = await waitForRestoreJob({ fetchJob: job.fetchJob, timeoutMs: 100_000, clock, label: "TenantRestore" }).catch((e) => e);
    assert.ok(err instanceof RestoreTimeoutError);
    assert.equal(err.elapsedMs, 100_000);
    assert.match(err.message, /666666666666666666666666 is still RUNNING after 100 s/);
    assert.match(err.message, /pulumi up` again/);
  });

  it("turns a 404 during the wait into RestoreJobVanishedError", async () => {
    const err = await waitForRestoreJob({
      fetchJob: scripted(["RUNNING", apiError(404)]).fetchJob,
      timeoutMs: 60_000,
      clock: new ManualClock(),
    }).catch((e) => e);
    assert.ok(err instanceof RestoreJobVanishedError);
    assert.equal(err.job?.status, "RUNNING");
  });

  it("keeps polling through transient errors and completes", async () => {
    const net = new AtlasNetworkError({ method: "GET", path: "/j", errno: "ECONNRESET", requestSent: true, timedOut: false });
    const job = scripted(["RUNNING", apiError(503), net, "COMPLETED"]);
    const done = await waitForRestoreJob({ fetchJob: job.fetchJob, timeoutMs: 60_000, clock: new ManualClock() });
    assert.equal(done.status, "COMPLETED");
    assert.equal(job.calls(), 4);
  });

  it("times out naming the last transient error when Atlas stays unreachable", async () => {
    const err = await waitForRestoreJob({
      fetchJob: scripted(["RUNNING", apiError(502)]).fetchJob,
      timeoutMs: 30_000,
      clock: new ManualClock(),
    }).catch((e) => e);
    assert.ok(err instanceof RestoreTimeoutError);
    assert.match(err.message, /last status check failed: GET \/x → 502/);
  });

  it("honours a Retry-After of a throttled GET", async () => {
    const clock = new ManualClock();
    const throttled = new AtlasApiError({ status: 429, method: "GET", path: "/j", retryAfterMs: 20_000 }, "429");
    const start = clock.now();
    await waitForRestoreJob({ fetchJob: scripted(["RUNNING", throttled, "COMPLETED"]).fetchJob, timeoutMs: 60_000, clock, policy: pollPolicyFor({ pollIntervalSeconds: 1 }) });
    assert.equal(clock.now() - start, 1000 + 20_000);
  });

  it("stops at once on a non-transient error, keeping the job", async () => {
    const err = await waitForRestoreJob({
      fetchJob: scripted(["RUNNING", apiError(401)]).fetchJob,
      timeoutMs: 60_000,
      clock: new ManualClock(),
    }).catch((e) => e);
    assert.ok(err instanceof RestoreWaitInterruptedError);
    assert.equal(err.job?.id, "666666666666666666666666");
  });
});
