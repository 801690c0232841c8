import assert from "node:assert/strict";
import { AtlasAbortedError } from "../../src/atlas/aborted-error";
import type { AtlasClientOptions } from "../../src/atlas/atlas-client-options";
import { AtlasClient } from "../../src/atlas/client";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";

// The client's `signal` reaches every exchange and every retry back-off. These tests use the real
// clock on purpose: without the abort they would sit in a 60 s exchange or a 110 s back-off, far
// past mocha's timeout, so a request or back-off the signal does not reach fails them.

const JOB_GET = /\/restores\/[a-f0-9]{24}$/;
const caught = (p: Promise<unknown>) => p.then((v) => assert.fail(`expected a failure, got ${JSON.stringify(v)}`), (e: unknown) => e);

describe("AtlasClient abort signal (in-flight requests and retry back-offs)", function () {
  this.timeout(10_000);
  let sim: AtlasSimulator;
  let controller: AbortController;
  const retries: string[] = [];
  const make = (o: AtlasClientOptions = {}) =>
    new AtlasClient({
      publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, env: {}, timeoutMs: 60_000, signal: controller.signal,
      onRetry: (info) => retries.push(info.reason), ...o,
    });
  const ref = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster });
  const create = () => ({ ...ref(), snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: sim.seed.defaultTargetCluster });
  /** Aborts once `ready` holds (checked every 5 ms). */
  const abortWhen = (ready: () => boolean) => {
    const timer = setInterval(() => {
      if (!ready()) return;
      clearInterval(timer);
      controller.abort(new Error("Pulumi is cancelling the update"));
    }, 5);
  };

  beforeEach(async () => {
    controller = new AbortController();
    retries.length = 0;
    sim = await startAtlasSimulator({ lifecycle: { pendingMs: 60_000, queuedMs: 1, runningMs: 1 } });
  });
  afterEach(async () => sim.stop());

  it("aborts a GET that hangs: AtlasAbortedError (sent), not retried", async () => {
    const client = make();
    const job = await client.createTenantRestore(create());
    sim.faults.add({ method: "GET", path: JOB_GET, kind: "hang" });
    abortWhen(() => sim.faults.pending().length === 0);
    const err = await caught(client.getTenantRestore({ ...ref(), restoreJobId: job.id }));
    assert.ok(err instanceof AtlasAbortedError, String(err));
    assert.equal(err.code, "ATLAS_ABORTED");
    assert.equal(err.requestSent, true);
    assert.match(err.message, /^GET \/api\/atlas\/v1\.0\/.*stopped: Pulumi is cancelling the update/);
    assert.deepEqual(retries, []);
  });

  it("aborts a 429 back-off (Retry-After 110 s): AtlasAbortedError (not sent), one request", async () => {
    const client = make();
    sim.faults.add({ method: "GET", kind: "status", status: 429, retryAfter: "110" });
    abortWhen(() => retries.length > 0);
    const err = await caught(client.listTenantRestores(ref()));
    assert.ok(err instanceof AtlasAbortedError, String(err));
    assert.equal(err.requestSent, false);
    assert.equal(sim.requestLog.count({ status: 429 }), 1);
    assert.equal(sim.requestLog.count({ authenticated: true }), 1, "no further attempt");
  });

  it("a POST aborted in flight: outcome unknown (requestSent), never re-sent", async () => {
    const client = make();
    sim.faults.add({ method: "POST", kind: "delay", ms: 300 }); // Atlas processes it after the client gave up
    abortWhen(() => sim.faults.pending().length === 0);
    const err = await caught(client.createTenantRestore(create()));
    assert.ok(err instanceof AtlasAbortedError, String(err));
    assert.equal(err.requestSent, true);
    assert.match(err.message, /may have reached Atlas/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(sim.requestLog.count({ method: "POST", authenticated: true }), 1);
  });

  it("a POST aborted in its 429 back-off: not sent again, requestSent false (Atlas refused it unprocessed)", async () => {
    const client = make();
    sim.faults.add({ method: "POST", kind: "status", status: 429, retryAfter: "110" });
    abortWhen(() => retries.length > 0);
    const err = await caught(client.createTenantRestore(create()));
    assert.ok(err instanceof AtlasAbortedError, String(err));
    assert.equal(err.requestSent, false);
    assert.equal(sim.requestLog.count({ method: "POST", authenticated: true }), 1);
  });

  it("service account: a hanging GET is aborted too (bearer auth)", async () => {
    const client = make({ publicKey: undefined, privateKey: undefined, ...sim.serviceAccount });
    sim.faults.add({ method: "GET", kind: "hang" });
    abortWhen(() => sim.faults.pending().length === 0);
    const err = await caught(client.listTenantRestores(ref()));
    assert.ok(err instanceof AtlasAbortedError, String(err));
    assert.equal(err.requestSent, true);
  });

  it("service account: the token request's 429 back-off (Retry-After 110 s) is aborted", async () => {
    const client = make({ publicKey: undefined, privateKey: undefined, ...sim.serviceAccount });
    sim.faults.add({ kind: "status", status: 429, retryAfter: "110", path: "/api/oauth/token" });
    abortWhen(() => retries.length > 0);
    const err = await caught(client.listTenantRestores(ref()));
    assert.ok(err instanceof AtlasAbortedError, String(err));
    assert.match(err.message, /^POST \/api\/oauth\/token stopped/);
    assert.equal(sim.requestLog.count({ method: "GET" }), 0, "the API request was never sent");
  });

  it("an already aborted signal sends nothing; paginated listings stop too", async () => {
    controller.abort(new Error("stop"));
    const client = make({ apiVersion: "v2" });
    assert.ok((await caught(client.listTenantRestores(ref()))) instanceof AtlasAbortedError);
    const iterating = (async () => {
      for await (const _job of client.iterateFlexRestoreJobs({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultFlexSourceCluster })) void _job;
    })();
    assert.ok((await caught(iterating)) instanceof AtlasAbortedError);
    assert.equal(sim.requestLog.count(), 0);
  });
});
