import assert from "node:assert/strict";
import { AtlasApiError, AtlasNetworkError } from "../../src/atlas/errors";
import {
  RestoreConflictError,
  RestoreJobFailedError,
  RestoreOutcomeUnknownError,
  RestoreTimeoutError,
  adoptOrCreateRestore,
  runRestore,
  tenantRestoreFamily,
  waitForRestore,
} from "../../src/restore";
import { ManualClock } from "../../src/util/clock";
import { FakeTenantClient, OTHER_SNAPSHOT, request } from "./fake-tenant-client";

const family = tenantRestoreFamily;
const wait = { timeoutMs: 3_600_000 };

describe("adopt-or-create and wait", () => {
  it("creates one job and waits for it", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    const { job, adopted } = await runRestore({ family, client, request, clock, wait });
    assert.equal(job.status, "COMPLETED");
    assert.equal(adopted, false);
    assert.deepEqual(client.calls.create, 1);
  });

  it("adopts an identical in-flight job instead of POSTing", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    const existing = client.add({ ...request, targetProjectId: request.projectId });
    const { job, adopted } = await runRestore({ family, client, request, clock, wait });
    assert.equal(job.id, existing.id);
    assert.equal(adopted, true);
    assert.equal(client.calls.create, 0);
  });

  it("after a lost POST response, adopts the job the POST created (exactly one job)", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.postFaults.push("lost-response");
    const { job, adopted } = await runRestore({ family, client, request, clock, wait });
    assert.equal(adopted, true);
    assert.equal(job.status, "COMPLETED");
    assert.equal(client.jobs.length, 1);
    assert.equal(client.calls.create, 1);
  });

  it("after a 500 on POST, adopts the job if Atlas made it", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.postFaults.push("500");
    client.add({ ...request, createdAt: clock.now() + 1 });
    const started = await adoptOrCreateRestore({ family, client, request, clock, excludeIds: new Set() });
    assert.equal(started.adopted, true);
    assert.equal(client.calls.create, 1);
  });

  it("after a lost POST with no job to be found, says the outcome is unknown and never POSTs again", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.postFaults.push("500");
    const err = await adoptOrCreateRestore({ family, client, request, clock }).catch((e) => e);
    assert.ok(err instanceof RestoreOutcomeUnknownError);
    assert.match(err.message, /NOT sent again/);
    assert.equal(client.calls.create, 1);
    assert.equal(client.calls.list, 3);
  });

  it("when the look-up after a lost POST fails too, still says the outcome is unknown", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.postFaults.push("500");
    const original = client.createTenantRestore.bind(client);
    client.createTenantRestore = async (p) => {
      client.listFaults.push(new AtlasNetworkError({ method: "GET", path: "/l", errno: "ECONNREFUSED", requestSent: false, timedOut: false }));
      return original(p);
    };
    const err = await adoptOrCreateRestore({ family, client, request, clock }).catch((e) => e);
    assert.ok(err instanceof RestoreOutcomeUnknownError);
    assert.match(err.message, /the look-up failed too/);
    assert.equal(client.calls.create, 1);
  });

  it("does not treat a 4xx or an unsent POST as unknown: the error passes through", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.postFaults.push("400");
    const err = await adoptOrCreateRestore({ family, client, request, clock }).catch((e) => e);
    assert.ok(err instanceof AtlasApiError && err.status === 400);
    client.postFaults.push("network-before-send");
    const err2 = await adoptOrCreateRestore({ family, client, request, clock }).catch((e) => e);
    assert.ok(err2 instanceof AtlasNetworkError);
  });

  it("on 409 adopts a matching running job (appeared after the first look)", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.postFaults.push("409");
    const original = client.listTenantRestores.bind(client);
    let first = true;
    client.listTenantRestores = async (s) => {
      if (first) {
        first = false;
        const r = await original(s);
        client.add({ ...request });
        return r;
      }
      return original(s);
    };
    const started = await adoptOrCreateRestore({ family, client, request, clock });
    assert.equal(started.adopted, true);
  });

  it("on 409 with another restore to the target running, names the conflicting job", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    const other = client.add({ ...request, snapshotId: OTHER_SNAPSHOT });
    client.postFaults.push("409");
    const err = await adoptOrCreateRestore({ family, client, request, clock }).catch((e) => e);
    assert.ok(err instanceof RestoreConflictError);
    assert.match(err.message, new RegExp(`restore job ${other.id}`));
    assert.match(err.message, /Wait until that job finishes/);
  });

  it("a FAILED restore rejects with the job attached (for partial state)", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    client.failNext = true;
    const err = await runRestore({ family, client, request, clock, wait }).catch((e) => e);
    assert.ok(err instanceof RestoreJobFailedError);
    assert.equal(err.job?.status, "FAILED");
  });

  it("a timeout keeps the job; waiting again resumes the same job", async () => {
    const clock = new ManualClock();
    const client = new FakeTenantClient(clock);
    const err = await runRestore({ family, client, request, clock, wait: { timeoutMs: 15_000 } }).catch((e) => e);
    assert.ok(err instanceof RestoreTimeoutError);
    const done = await waitForRestore({ family, client, request, clock, timeoutMs: 60_000, job: err.job!, refetchFirst: true });
    assert.equal(done.id, err.job!.id);
    assert.equal(done.status, "COMPLETED");
    assert.equal(client.calls.create, 1);
  });
});
