import assert from "node:assert/strict";
import { inspect } from "node:util";
import { AtlasClient } from "../../src/atlas/client";
import type { AtlasClientOptions } from "../../src/atlas/atlas-client-options";
import { AtlasApiError } from "../../src/atlas/errors";
import { AtlasTokenError } from "../../src/atlas/token-error";
import { resetServiceAccountTokens, serviceAccountTokens } from "../../src/atlas/token-manager";
import { getTenantRestoreJob } from "../../src/pulumi/lookups";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";

/** Client-side service-account auth against the simulator's token endpoint (one simulator per suite). */
describe("service-account authentication (OAuth 2.0 client credentials)", function () {
  this.timeout(60_000);
  let sim: AtlasSimulator;
  before(async () => (sim = await startAtlasSimulator()));
  after(async () => sim.stop());
  beforeEach(() => {
    resetServiceAccountTokens();
    sim.requestLog.clear();
    sim.faults.clear();
  });
  afterEach(() => assert.deepEqual(sim.requestLog.unmatched(), [], "a request no simulator route knows"));

  const sa = (extra: Partial<AtlasClientOptions> = {}): AtlasClientOptions => ({
    baseUrl: sim.url, clientId: sim.serviceAccount.clientId, clientSecret: sim.serviceAccount.clientSecret, env: {}, ...extra,
  });
  const ref = () => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster });
  const seededJob = () => ({ ...ref(), restoreJobId: sim.seed.projects.find((p) => p.id === ref().projectId)!.tenantClusters.find((c) => c.name === ref().clusterName)!.downloadRestoreJobIds[0]! });
  const tokenRequests = () => sim.requestLog.count({ route: "oauthToken" });

  it("fetches one token for 1,000 calls: 1,000 API exchanges, all Bearer, plus one token request", async () => {
    const client = new AtlasClient(sa());
    for (let i = 0; i < 1000; i++) await client.getTenantRestore(seededJob());
    assert.equal(tokenRequests(), 1);
    assert.equal(sim.requestLog.count({ auth: "bearer", status: 200 }), 1000);
    assert.equal(sim.requestLog.count(), 1001);
    assert.equal(client.stats.exchanges, 1001);
    assert.equal(sim.requestLog.count({ auth: "digest" }), 0);
  });

  it("shares one token request among 20 concurrent lookups, each with its own client", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => getTenantRestoreJob(seededJob(), { clientOptions: sa() })));
    assert.equal(results.length, 20);
    assert.equal(tokenRequests(), 1);
    assert.equal(sim.requestLog.count({ auth: "bearer", status: 200 }), 20);
  });

  it("fails a wrong secret at once with one clear error naming clientId and the setting, and never asks again", async () => {
    const secret = "mdb_sa_sk_wrong_0123456789abcdef";
    const make = () => new AtlasClient(sa({ clientSecret: secret }));
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => make().getTenantRestore(seededJob())));
    const later = await make().getTenantRestore(seededJob()).then(() => undefined, (e: unknown) => e);
    for (const r of [...settled.map((s) => (s.status === "rejected" ? s.reason : undefined)), later]) {
      assert.ok(r instanceof AtlasTokenError, String(r));
      assert.equal(r.clientId, sim.serviceAccount.clientId);
      assert.equal(r.errorCode, "invalid_client");
      for (const w of [sim.serviceAccount.clientId, "clientSecret", "mongodbatlas:clientSecret"]) assert.ok(r.message.includes(w), `${r.message} should name ${w}`);
      assert.ok(!inspect(r, { depth: Infinity, showHidden: true }).includes(secret), "secret in the error");
    }
    assert.equal(tokenRequests(), 1, "no retry storm");
    assert.equal(sim.requestLog.count({ route: "oauthToken", status: 401 }), 1);
    assert.equal(sim.requestLog.count() - tokenRequests(), 0, "no API request without a token");
  });

  it("names MONGODB_ATLAS_CLIENT_SECRET when the wrong secret came from the environment", async () => {
    const env = { MONGODB_ATLAS_CLIENT_ID: sim.serviceAccount.clientId, MONGODB_ATLAS_CLIENT_SECRET: "nope-secret" };
    const err = await new AtlasClient({ baseUrl: sim.url, env }).getTenantRestore(seededJob()).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasTokenError && err.message.includes("MONGODB_ATLAS_CLIENT_SECRET") && !err.message.includes("nope-secret"), String(err));
  });

  it("waits per Retry-After when the token endpoint answers 429, then succeeds (5xx retried too)", async () => {
    sim.faults.add({ kind: "status", status: 503, path: "/api/oauth/token" });
    sim.faults.add({ kind: "status", status: 429, retryAfter: "7", path: "/api/oauth/token" });
    const clock = new ManualClock();
    const retries: number[] = [];
    const client = new AtlasClient(sa({ clock, random: () => 0, onRetry: (i) => retries.push(i.delayMs) }));
    const t0 = clock.now();
    assert.equal((await client.getTenantRestore(seededJob())).id, seededJob().restoreJobId);
    assert.deepEqual(sim.requestLog.entries({ route: "oauthToken" }).map((e) => e.status), [429, 503, 200]);
    assert.equal(retries[0], 7000, "Retry-After honoured (jitter pinned to 0)");
    assert.ok(clock.now() - t0 >= 7000);
    assert.equal(sim.requestLog.count({ auth: "bearer" }), 1);
  });

  it("answers a 401 on a token that should be valid with one renewal and one resend, POST included", async () => {
    const clock = new ManualClock();
    const client = new AtlasClient(sa({ apiVersion: "v1.0", clock }));
    await client.getTenantRestore(seededJob());
    clock.advance(60_000); // a token a minute old that Atlas no longer accepts (revoked)
    sim.revokeTokens();
    const job = await client.createTenantRestore({ ...ref(), snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: sim.seed.defaultTargetCluster });
    const posts = sim.requestLog.entries({ method: "POST" }).filter((e) => e.route !== "oauthToken").map((e) => e.status);
    assert.equal(posts[0], 401);
    assert.equal(posts.length, 2);
    assert.equal(tokenRequests(), 2);
    assert.equal([...sim.state.restoreJobs.values()].filter((j) => j.id === job.id).length, 1, "exactly one job created");
  });

  it("does not renew a token Atlas refuses right after issuing it (no access): one 401 error, no extra token request", async () => {
    const client = new AtlasClient(sa({ clock: new ManualClock() }));
    await client.getTenantRestore(seededJob());
    sim.revokeTokens();
    const err = await client.getTenantRestore(seededJob()).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasApiError && err.status === 401 && /service account/.test(err.message) && err.message.includes("mongodbatlas:clientId"), String(err));
    assert.equal(tokenRequests(), 1);
    assert.equal(sim.requestLog.count({ status: 401 }), 1, "not re-sent with the same token");
  });

  it("uses a given accessToken as is, and explains a 401 on it (no token request, no renewal)", async () => {
    const res = await fetch(`${sim.url}/api/oauth/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`${sim.serviceAccount.clientId}:${sim.serviceAccount.clientSecret}`).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    const { access_token: token } = (await res.json()) as { access_token: string };
    sim.requestLog.clear();
    const client = new AtlasClient({ baseUrl: sim.url, accessToken: token, env: {} });
    await client.getTenantRestore(seededJob());
    sim.revokeTokens();
    const err = await client.getTenantRestore(seededJob()).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasApiError && err.status === 401 && /access token/.test(err.message) && err.message.includes("MONGODB_ATLAS_ACCESS_TOKEN"), String(err));
    assert.ok(!err.message.includes(token));
    assert.equal(tokenRequests(), 0);
    assert.equal(sim.requestLog.count(), 2);
  });

  it("keeps the client secret and tokens out of inspect() of clients and token holders", async () => {
    const client = new AtlasClient(sa());
    await client.getTenantRestore(seededJob());
    const holder = serviceAccountTokens({ baseUrl: sim.url, clientId: sim.serviceAccount.clientId, clientSecret: sim.serviceAccount.clientSecret, source: "options" });
    assert.equal(holder.requests, 1, "the client used the process-wide holder");
    for (const shown of [inspect(client, { depth: Infinity, showHidden: true }), inspect(holder, { depth: Infinity, showHidden: true }), JSON.stringify(holder)]) {
      assert.ok(!shown.includes(sim.serviceAccount.clientSecret), "secret shown");
      for (const t of sim.issuedTokens()) assert.ok(!shown.includes(t), "token shown");
    }
  });
});

describe("service-account tokens over a simulated 3-hour wait (ManualClock)", function () {
  this.timeout(120_000);
  it("uses exactly 3 tokens across two expiries, renewing before expiry so no request fails", async () => {
    resetServiceAccountTokens();
    const clock = new ManualClock();
    const runningMs = (2 * 60 + 50) * 60_000; // the restore runs 2 h 50 min: tokens at 0, ~59 min, ~1 h 58 min
    const sim = await startAtlasSimulator({ now: () => clock.now(), lifecycle: { pendingMs: 60_000, queuedMs: 60_000, runningMs } });
    try {
      const client = new AtlasClient({ baseUrl: sim.url, clientId: sim.serviceAccount.clientId, clientSecret: sim.serviceAccount.clientSecret, env: {}, clock });
      const ref = { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster };
      const job = await client.createTenantRestore({ ...ref, snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: sim.seed.defaultTargetCluster });
      const t0 = clock.now();
      let polls = 0;
      for (let status = job.status; status !== "COMPLETED"; polls++) {
        assert.ok(clock.now() - t0 < 4 * 3_600_000, "the restore never completed");
        await clock.sleep(30_000);
        status = (await client.getTenantRestore({ ...ref, restoreJobId: job.id })).status;
      }
      const hours = (clock.now() - t0) / 3_600_000;
      assert.ok(hours > 2.5 && hours < 3, `waited ${hours.toFixed(2)} h`);
      assert.equal(sim.issuedTokens().length, 3);
      assert.equal(sim.requestLog.count({ route: "oauthToken" }), 3);
      assert.equal(sim.requestLog.count({ status: 401 }), 0, "no request met an expired token");
      assert.equal(client.stats.retries, 0);
      assert.equal(sim.requestLog.count({ auth: "bearer" }), polls + 1);
    } finally {
      await sim.stop();
    }
  });
});
