import assert from "node:assert/strict";
import type { AtlasClientOptions } from "../../src/atlas/atlas-client-options";
import { AtlasClient } from "../../src/atlas/client";
import { AtlasApiError, AtlasConfigError, AtlasNetworkError, AtlasSchemaError } from "../../src/atlas/errors";
import type { AtlasApiVersion } from "../../src/atlas/settings";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { closedPortUrl } from "../helpers/stub-server";

/** Asserts nothing secret is in an error, then returns it. */
function clean<T>(sim: AtlasSimulator, e: T): T {
  const text = `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ""}`;
  assert.ok(!text.includes(sim.privateKey), "private key leaked");
  assert.ok(!/Digest username|authorization:/i.test(text), "auth header leaked");
  return e;
}
const caught = (p: Promise<unknown>) => p.then((v) => assert.fail(`expected a failure, got ${JSON.stringify(v)}`), (e: unknown) => e);

for (const apiVersion of ["v1.0", "v2"] as AtlasApiVersion[]) {
  describe(`AtlasClient against the simulator (${apiVersion})`, () => {
    let sim: AtlasSimulator;
    let clock: ManualClock;
    const make = (o: AtlasClientOptions = {}) =>
      new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, apiVersion, clock, env: {}, random: () => 0.5, ...o });
    const ref = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster });
    const create = () => ({ ...ref(), snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: sim.seed.defaultTargetCluster });
    const dedicated = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultDedicatedCluster });
    const flexRef = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultFlexSourceCluster });

    beforeEach(async () => {
      clock = new ManualClock();
      sim = await startAtlasSimulator({ now: () => clock.now() });
    });
    afterEach(async () => {
      assert.deepEqual(sim.requestLog.unmatched(), [], "the client sent a request no simulator route knows");
      await sim.stop();
    });

    it("creates, gets and lists tenant restores and snapshots", async () => {
      const c = make();
      const job = await c.createTenantRestore(create());
      assert.equal(job.targetDeploymentItemName, sim.seed.defaultTargetCluster);
      assert.equal(job.targetProjectId, sim.seed.defaultProjectId);
      assert.equal((await c.getTenantRestore({ ...ref(), restoreJobId: job.id })).id, job.id);
      assert.ok((await c.listTenantRestores(ref())).results.some((j) => j.id === job.id));
      const snaps = await c.listTenantSnapshots(ref());
      assert.ok(snaps.results.length > 0);
      assert.equal((await c.getTenantSnapshot({ ...ref(), snapshotId: sim.seed.defaultSnapshotId })).id, sim.seed.defaultSnapshotId);
    });

    it("lists cloud backup restore jobs one page at a time and iterates across several pages", async () => {
      sim.addCloudBackupRestoreJobs(dedicated().projectId, dedicated().clusterName, 25);
      const c = make();
      const page2 = await c.listCloudBackupRestoreJobs({ ...dedicated(), pageNum: 2, itemsPerPage: 10 });
      assert.equal(page2.results.length, 10);
      const total = page2.totalCount!;
      const all = await c.listAllCloudBackupRestoreJobs({ ...dedicated(), itemsPerPage: 7 });
      assert.equal(all.length, total);
      assert.equal(new Set(all.map((j) => j.id)).size, total);
      assert.deepEqual(all.slice(7, 17).map((j) => j.id), [...(await c.listCloudBackupRestoreJobs({ ...dedicated(), pageNum: 2, itemsPerPage: 7 })).results, ...(await c.listCloudBackupRestoreJobs({ ...dedicated(), pageNum: 3, itemsPerPage: 7 })).results].slice(0, 10).map((j) => j.id));
    });

    it("iterates 1,234 cloud backup restore jobs in 3 requests", async () => {
      const { projectId, clusterName } = dedicated();
      sim.addCloudBackupRestoreJobs(projectId, clusterName, 1234 - sim.seed.cloudBackupRestoreJobIds.length);
      const c = make();
      sim.requestLog.clear();
      const all = await c.listAllCloudBackupRestoreJobs(dedicated());
      const requests = sim.requestLog.count({ path: /\/backup\/restoreJobs$/, authenticated: true });
      console.log(`      [measured ${apiVersion}] 1,234 cloud-backup restore jobs: ${requests} requests, ${c.stats.exchanges} exchanges (stats.calls=${c.stats.calls})`);
      assert.equal(all.length, 1234);
      assert.equal(requests, 3);
      assert.equal(c.stats.calls, 3);
    });

    it("iterates 10,000 cloud backup restore jobs in 20 requests", async () => {
      const { projectId, clusterName } = dedicated();
      sim.addCloudBackupRestoreJobs(projectId, clusterName, 10_000 - sim.seed.cloudBackupRestoreJobIds.length);
      const c = make();
      sim.requestLog.clear();
      let n = 0;
      for await (const _ of c.iterateCloudBackupRestoreJobs(dedicated())) n++;
      const requests = sim.requestLog.count({ path: /\/backup\/restoreJobs$/, authenticated: true });
      console.log(`      [measured ${apiVersion}] 10,000 cloud-backup restore jobs: ${requests} requests`);
      assert.equal(n, 10_000);
      assert.equal(requests, 20);
    });

    it("100 sequential getTenantRestore calls cost at most 101 exchanges", async () => {
      const c = make();
      const job = await c.createTenantRestore(create());
      const before = c.stats.exchanges;
      sim.requestLog.clear();
      const fresh = make();
      for (let i = 0; i < 100; i++) await fresh.getTenantRestore({ ...ref(), restoreJobId: job.id });
      console.log(`      [measured ${apiVersion}] 100 sequential getTenantRestore: ${fresh.stats.exchanges} exchanges (server saw ${sim.requestLog.count()})`);
      assert.ok(before <= 2);
      assert.ok(fresh.stats.exchanges <= 101, `exchanges ${fresh.stats.exchanges}`);
      assert.equal(fresh.stats.exchanges, sim.requestLog.count());
      assert.equal(fresh.stats.calls, 100);
    });

    // the legacy-backup path exists in v1.0 and in v2 (media type 2023-01-01); more in legacy-download-client.test.ts
    it(`gets a legacy restore job (${apiVersion})`, async function () {
      const jobId = sim.seed.legacyRestoreJobIds[0];
      assert.equal((await make().getLegacyRestoreJob({ ...dedicated(), restoreJobId: jobId })).id, jobId);
    });

    it("serves Flex on v2 and refuses it on v1.0 with an AtlasConfigError naming apiVersion", async () => {
      const c = make();
      const p = { ...flexRef(), snapshotId: sim.seed.defaultFlexSnapshotId, targetDeploymentItemName: sim.seed.defaultFlexTargetCluster };
      if (apiVersion === "v1.0") {
        const e = await caught(c.createFlexRestoreJob(p));
        assert.ok(e instanceof AtlasConfigError && e.option === "apiVersion", String(e));
        assert.equal(sim.requestLog.count(), 0);
        return;
      }
      const job = await c.createFlexRestoreJob(p);
      assert.equal((await c.getFlexRestoreJob({ ...flexRef(), restoreJobId: job.id })).id, job.id);
      assert.ok((await c.listFlexRestoreJobs({ ...flexRef(), itemsPerPage: 1 })).results.length === 1);
      const ids: string[] = [];
      for await (const j of c.iterateFlexRestoreJobs({ ...flexRef(), itemsPerPage: 1 })) ids.push(j.id);
      assert.ok(ids.includes(job.id));
      const snaps = await c.listFlexSnapshots(flexRef());
      assert.ok(snaps.results.length > 0);
      assert.equal((await c.getFlexSnapshot({ ...flexRef(), snapshotId: sim.seed.defaultFlexSnapshotId })).id, sim.seed.defaultFlexSnapshotId);
      assert.equal(sim.requestLog.entries({ authenticated: true })[0].status, 200);
    });

    it("unwraps envelope=true answers (object, list, error) and accepts pretty output", async () => {
      const c = make({ envelope: true, pretty: true });
      const job = await c.createTenantRestore(create());
      assert.equal((await c.getTenantRestore({ ...ref(), restoreJobId: job.id })).id, job.id);
      const list = await c.listTenantRestores(ref());
      assert.ok(list.results.length > 0 && !("status" in list));
      const e = await caught(c.getTenantRestore({ ...ref(), restoreJobId: "5f0000000000000000000000" }));
      assert.ok(e instanceof AtlasApiError && e.status === 404, String(e));
      assert.ok(sim.requestLog.entries({ authenticated: true }).every((x) => x.query.envelope === "true" && x.query.pretty === "true"));
    });

    describe("errors", () => {
      it("401: a wrong key pair says which settings to check", async () => {
        const c = make({ privateKey: "wrong-private-key" });
        const e = clean(sim, await caught(c.getTenantRestore({ ...ref(), restoreJobId: sim.seed.defaultSnapshotId })));
        assert.ok(e instanceof AtlasApiError && e.status === 401, String(e));
        assert.match(e.message, /key pair.*MONGODB_ATLAS_PUBLIC_API_KEY.*mongodbatlas:publicKey/s);
        assert.ok(!e.message.includes("wrong-private-key"));
      });
      it("403: IP not on the access list, with Atlas's detail", async () => {
        sim.faults.add({ kind: "forbidden-ip" });
        const e = clean(sim, await caught(make().listTenantSnapshots(ref())));
        assert.ok(e instanceof AtlasApiError && e.status === 403 && e.errorCode === "IP_ADDRESS_NOT_ON_ACCESS_LIST");
        assert.match(e.message, /access list.*Atlas says: IP address/s);
      });
      it("404: names the job, cluster and project", async () => {
        const id = "5f0000000000000000000001";
        const e = clean(sim, await caught(make().getTenantRestore({ ...ref(), restoreJobId: id })));
        assert.ok(e instanceof AtlasApiError && e.status === 404 && !e.requestSent);
        assert.ok(e.message.includes(`restore job ${id} of cluster ${ref().clusterName} in project ${ref().projectId}`), e.message);
      });
      it("409: a restore onto a target with one already running", async () => {
        const c = make();
        await c.createTenantRestore(create());
        const e = clean(sim, await caught(c.createTenantRestore(create())));
        assert.ok(e instanceof AtlasApiError && e.status === 409, String(e));
        assert.match(e.message, /conflict/);
      });
      if (apiVersion === "v2") it("410: a sunset tenant endpoint points to Flex", async function () {
        await sim.stop();
        sim = await startAtlasSimulator({ now: () => clock.now(), sunsetTenantV2: true });
        const e = clean(sim, await caught(make().listTenantRestores(ref())));
        assert.ok(e instanceof AtlasApiError && e.status === 410, String(e));
        assert.match(e.message, /gone.*Flex/s);
      });
      it("429: gives up after the retry limit, saying so", async () => {
        sim.faults.add({ kind: "status", status: 429, times: 10 });
        const c = make({ retry: { limit: 2 } });
        const e = clean(sim, await caught(c.listTenantSnapshots(ref())));
        assert.ok(e instanceof AtlasApiError && e.status === 429 && e.retries === 2, String(e));
        assert.match(e.message, /rate limited.*after 2 retries/);
      });
      it("429 whose Retry-After exceeds the budget fails at once", async () => {
        sim.faults.add({ kind: "status", status: 429, retryAfter: "600" });
        const e = await caught(make({ retry: { maxTotalMs: 60_000 } }).listTenantSnapshots(ref()));
        assert.ok(e instanceof AtlasApiError && e.status === 429 && e.retryAfterMs === 600_000 && e.retries === 0, String(e));
      });
      it("an HTML 502 page after retries is a readable AtlasApiError", async () => {
        sim.faults.add({ kind: "html", status: 502, times: 10 });
        const e = clean(sim, await caught(make({ retry: { limit: 1 } }).listTenantSnapshots(ref())));
        assert.ok(e instanceof AtlasApiError && e.status === 502 && e.retries === 1, String(e));
        assert.match(e.message, /502 Bad Gateway/);
      });
      it("malformed JSON on 200, every time, is an AtlasSchemaError", async () => {
        sim.faults.add({ kind: "malformed", times: 10 });
        const e = await caught(make({ retry: { limit: 1 } }).listTenantSnapshots(ref()));
        assert.ok(e instanceof AtlasSchemaError && /not valid JSON/.test(e.message), String(e));
      });
    });

    describe("retries", () => {
      for (const [name, fault] of [
        ["429 with Retry-After", { kind: "status", status: 429, retryAfter: "2" }],
        ["429 without Retry-After", { kind: "status", status: 429 }],
        ["503", { kind: "status", status: 503 }],
        ["504", { kind: "status", status: 504 }],
        ["a reset mid-response", { kind: "reset-mid-response" }],
        ["a dropped connection", { kind: "drop" }],
        ["a malformed body", { kind: "malformed" }],
        ["an HTML proxy page", { kind: "html" }],
      ] as const) {
        it(`retries a GET after ${name}`, async () => {
          sim.faults.add({ ...fault, method: "GET", times: 2 });
          const delays: number[] = [];
          const c = make({ onRetry: (i) => delays.push(i.delayMs) });
          const t0 = clock.now();
          assert.ok((await c.listTenantSnapshots(ref())).results.length > 0);
          assert.equal(c.stats.retries, 2);
          // Retry-After is a floor; the jittered backoff step (pinned at 0.5 of 500, 1000) comes on top
          if (name === "429 with Retry-After") assert.deepEqual(delays, [2250, 2500]);
          else assert.deepEqual(delays, [250, 500]); // jitter pinned at 0.5 of 500, 1000
          assert.equal(clock.now() - t0, delays[0] + delays[1]);
        });
      }
      it("retries a GET that timed out (short timeoutMs)", async () => {
        sim.faults.add({ kind: "delay", ms: 300, method: "GET" });
        const c = make({ timeoutMs: 60 });
        assert.ok((await c.listTenantSnapshots(ref())).results.length > 0);
        assert.equal(c.stats.retries, 1);
      });
      it("answers a stale nonce by re-hashing, without a retry", async () => {
        const c = make();
        await c.listTenantSnapshots(ref());
        sim.faults.add({ kind: "stale-nonce" });
        await c.listTenantSnapshots(ref());
        assert.equal(c.stats.retries, 0);
        assert.equal(c.stats.exchanges, 4);
      });
      it("re-authenticates when the nonce expires (nonceTtlMs)", async () => {
        await sim.stop();
        sim = await startAtlasSimulator({ now: () => clock.now(), nonceTtlMs: 1000 });
        const c = make();
        await c.listTenantSnapshots(ref());
        clock.advance(5000);
        await c.listTenantSnapshots(ref());
        assert.equal(c.stats.exchanges, 4);
        assert.equal(sim.requestLog.count({ status: 401 }), 2);
      });
      it("waits out the simulator's rate limit by its Retry-After", async () => {
        await sim.stop();
        sim = await startAtlasSimulator({ now: () => clock.now(), rateLimit: { requestsPerMinute: 60, burst: 2 } });
        const c = make();
        for (let i = 0; i < 5; i++) await c.listTenantSnapshots(ref());
        assert.ok(c.stats.retries >= 3, `retries ${c.stats.retries}`);
      });
    });

    describe("POST safety", () => {
      const posts = () => sim.requestLog.count({ method: "POST", authenticated: true });
      it("does not re-send a POST after a 500, and flags requestSent", async () => {
        sim.faults.add({ kind: "status", status: 500, method: "POST" });
        const c = make();
        const e = clean(sim, await caught(c.createTenantRestore(create())));
        assert.ok(e instanceof AtlasApiError && e.status === 500 && e.requestSent, String(e));
        assert.match(e.message, /look the job up/);
        assert.equal(posts(), 1);
      });
      for (const kind of ["lost-response", "reset-mid-response", "drop"] as const) {
        it(`does not re-send a POST after ${kind}`, async () => {
          sim.faults.add({ kind, method: "POST" });
          const e = clean(sim, await caught(make().createTenantRestore(create())));
          assert.ok(e instanceof AtlasNetworkError && e.requestSent && !e.timedOut, String(e));
          assert.equal(posts(), 1);
        });
      }
      it("does not re-send a POST that timed out", async () => {
        sim.faults.add({ kind: "delay", ms: 300, method: "POST" });
        const c = make({ timeoutMs: 60 });
        const e = await caught(c.createTenantRestore(create()));
        assert.ok(e instanceof AtlasNetworkError && e.timedOut && e.requestSent, String(e));
        // the simulator logs the delayed exchange only when it ends, so count on the client side
        assert.equal(c.stats.retries, 0);
        assert.equal(c.stats.exchanges, 2); // digest challenge + the one POST

      });
      it("the job a lost response created can be found by listing", async () => {
        sim.faults.add({ kind: "lost-response", method: "POST" });
        const c = make();
        await caught(c.createTenantRestore(create()));
        const list = await c.listTenantRestores(ref());
        assert.ok(list.results.some((j) => j.targetDeploymentItemName === sim.seed.defaultTargetCluster && j.status !== "COMPLETED"));
      });
      it("re-sends a POST after a 429", async () => {
        sim.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "POST" });
        const c = make();
        const job = await c.createTenantRestore(create());
        assert.ok(job.id);
        assert.equal(posts(), 2);
        assert.equal(c.stats.retries, 1);
      });
      it("re-sends a POST whose connection was refused", async () => {
        const dead = await closedPortUrl();
        let first = true;
        const c = make({
          fetch: (input, init) => {
            const url = String(input);
            if (first) return (first = false), fetch(url.replace(sim.url, dead), init);
            return fetch(url, init);
          },
        });
        assert.ok((await c.createTenantRestore(create())).id);
        assert.equal(c.stats.retries, 1);
        assert.equal(posts(), 1);
      });
    });
  });
}
