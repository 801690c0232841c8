import assert from "node:assert/strict";
import { interruptWaits } from "../../src/pulumi/cancellation";
import { configure, providerHooks, resetProviderState } from "../../src/pulumi/provider-runtime";
import { PartialStateError } from "../../src/pulumi/restore-outputs";
import { RestoreOutcomeUnknownError } from "../../src/restore/errors";
import { configureRequest, PROVIDER_TEXT, startHarness, type Harness } from "./provider-harness";

// Nothing repeats or skips a restore without a line saying so, and an interruption (Ctrl-C) ends
// even a hanging request or a long retry back-off at once, keeping the job id.

const posts = (h: Harness) => h.sim.requestLog.count({ method: "POST" });
const JOB_GET = /\/restores\/[a-f0-9]{24}$/;
const jobsOf = (h: Harness) => [...h.sim.state.restoreJobs.values()].filter((j) => j.snapshotId === h.sim.seed.defaultSnapshotId);

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("no restore repeated or skipped by surprise (provider)", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("a job Atlas forgot: refresh keeps it as last seen with one notice; diff and update then send nothing", async () => {
    h = await startHarness({ lifecycle: { pendingMs: 60_000, queuedMs: 1, runningMs: 1 } });
    const { id, outs } = await h.provider.create(h.inputs({ waitForCompletion: false }));
    assert.equal(outs.status, "PENDING");
    assert.ok(h.sim.removeRestoreJob(id));
    h.logs.length = 0;
    const read = await h.provider.read(id, { ...outs, __provider: PROVIDER_TEXT });
    assert.equal(read.id, id, "still in the stack");
    assert.equal(read.props.jobVisible, false);
    assert.equal(read.props.status, "PENDING", "last known status kept");
    assert.equal(h.logs.length, 1, h.logs.join("\n"));
    assert.match(h.logs[0], new RegExp(`job ${id}.*no longer lists this job.*NOT repeated.*pulumi up --replace`));

    h.sim.requestLog.clear();
    const stored = { ...read.props, __provider: PROVIDER_TEXT };
    // waiting on it again would fail; starting a new restore would be a second restore: neither happens
    assert.deepEqual(await h.provider.diff(id, stored, h.inputs({ waitForCompletion: false })), { changes: false });
    assert.deepEqual(await h.provider.diff(id, stored, h.inputs({ waitForCompletion: true })), { changes: true });
    const updated = await h.provider.update(id, stored, h.inputs({ waitForCompletion: true, timeoutSeconds: 99 }));
    assert.equal(updated.outs.jobVisible, false);
    assert.equal(updated.outs.timeoutSeconds, 99);
    assert.equal(updated.outs.restoreJobId, id);
    assert.equal(h.sim.requestLog.count(), 0, "no request at all");
    // a changed snapshot is a replacement the user asked for
    assert.deepEqual((await h.provider.diff(id, stored, h.inputs({ snapshotId: "65a1f0c0e4b0a1b2c3d4e5f6" }))).replaces, ["snapshotId"]);
  });

  it("a job that vanishes during the wait: partial state keeps it with jobVisible false", async () => {
    h = await startHarness({ lifecycle: { pendingMs: 60_000, queuedMs: 1, runningMs: 1 } });
    const pending = h.provider.create(h.inputs({ pollIntervalSeconds: 0.05 })).catch((e: unknown) => e);
    await until(() => jobsOf(h).length > 0, "the POST");
    const [job] = jobsOf(h);
    assert.ok(h.sim.removeRestoreJob(job.id));
    const err = await pending;
    assert.ok(err instanceof PartialStateError, String(err));
    assert.equal(err.id, job.id);
    assert.equal(err.properties.jobVisible, false);
    assert.match(err.message, /answers 404[\s\S]*jobVisible: false[\s\S]*--replace/);
  });

  it("adopting a finished identical job prints one line naming it, its date and how to force a new restore; adoptionWindowSeconds 0 restores again", async () => {
    h = await startHarness();
    const first = await h.provider.create(h.inputs());
    h.logs.length = 0;
    const again = await h.provider.create(h.inputs()); // e.g. `pulumi destroy` then `pulumi up` in another process
    assert.equal(again.id, first.id);
    assert.equal(again.outs.adopted, true);
    const notices = h.logs.filter((l) => /adopted the identical restore/.test(l));
    assert.equal(notices.length, 1, h.logs.join("\n"));
    assert.ok(notices[0].includes(`job ${first.id}`));
    assert.ok(notices[0].includes(`finished ${String(first.outs.restoreFinishedDate)}`), notices[0]);
    assert.match(notices[0], /NOT restored again.*adoptionWindowSeconds: 0.*pulumi up --replace/);
    assert.equal(posts(h), 1);

    const fresh = await h.provider.create(h.inputs({ adoptionWindowSeconds: 0 }));
    assert.notEqual(fresh.id, first.id);
    assert.equal(fresh.outs.adopted, false);
    assert.equal(posts(h), 2);
  });
});

describe("interrupting the provider (Cancel RPC or a signal) ends any request or back-off at once", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  async function interruptedCreate(setUp: (h: Harness) => void, ready: (h: Harness) => boolean): Promise<{ err: unknown; ms: number }> {
    h = await startHarness({ lifecycle: { pendingMs: 60_000, queuedMs: 1, runningMs: 1 } });
    setUp(h);
    const pending = h.provider.create(h.inputs({ pollIntervalSeconds: 0.05, timeoutSeconds: 3600 })).catch((e: unknown) => e);
    await until(() => ready(h), "the moment to interrupt");
    const t = Date.now();
    interruptWaits("Pulumi is cancelling the update");
    const err = await pending;
    return { err, ms: Date.now() - t };
  }

  function assertStoppedWithJob(err: unknown): void {
    assert.ok(err instanceof PartialStateError, String(err));
    assert.equal(err.properties.status, "PENDING");
    assert.equal(err.properties.restoreJobId, err.id);
    assert.match(err.message, /stopped waiting because Pulumi is cancelling the update; the job was last seen PENDING/);
  }

  it("during a GET that hangs (30 s exchange timeout): aborted, partial state", async () => {
    const { err, ms } = await interruptedCreate(
      (x) => x.sim.faults.add({ method: "GET", path: JOB_GET, kind: "hang" }),
      (x) => x.sim.faults.pending().length === 0,
    );
    assertStoppedWithJob(err);
    console.log(`    hanging GET: create rejected ${ms} ms after the interruption`);
  });

  it("during a 429 back-off (Retry-After 110 s): the sleep ends, partial state", async () => {
    let retried = false;
    const { err, ms } = await interruptedCreate(
      (x) => {
        providerHooks.clientOptions = { env: {}, onRetry: () => (retried = true) }; // the default retry policy: honours 110 s
        x.sim.faults.add({ method: "GET", path: JOB_GET, kind: "status", status: 429, retryAfter: "110" });
      },
      () => retried,
    );
    assertStoppedWithJob(err);
    console.log(`    429 back-off: create rejected ${ms} ms after the interruption`);
  });

  it("with the POST in flight: not re-sent, the outcome reported unknown; the next run adopts the job Atlas took", async () => {
    h = await startHarness({ lifecycle: { pendingMs: 60_000, queuedMs: 1, runningMs: 1 } });
    h.sim.faults.add({ method: "POST", kind: "delay", ms: 400 }); // Atlas processes it after the client gave up
    const pending = h.provider.create(h.inputs()).catch((e: unknown) => e);
    await until(() => h.sim.faults.pending().length === 0, "the POST");
    interruptWaits("Pulumi is cancelling the update");
    const err = await pending;
    assert.ok(err instanceof RestoreOutcomeUnknownError, String(err));
    assert.match(err.message, /may have reached Atlas[\s\S]*interrupted before it could look[\s\S]*NOT sent again/);
    await until(() => jobsOf(h).length === 1, "Atlas to take the POST");
    assert.equal(posts(h), 1);

    // The next run (a new provider process): adopts the in-flight job, no second POST.
    resetProviderState();
    await configure(configureRequest({ "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url }));
    const next = await h.provider.create(h.inputs({ waitForCompletion: false }));
    assert.equal(next.outs.adopted, true);
    assert.equal(posts(h), 1);
  });
});
