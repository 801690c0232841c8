import assert from "node:assert/strict";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { SimClient, paths, rawRequest } from "./sim-client";

describe("simulator faults", () => {
  let sim: AtlasSimulator;
  let client: SimClient;
  before(async () => {
    sim = await startAtlasSimulator();
    client = new SimClient(sim);
    await client.get(paths(sim).tenantSnapshots); // take the challenge once
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requestLog.clear();
    sim.state.restoreJobs.forEach((j, id) => j.deliveryType === "RESTORE" && sim.state.restoreJobs.delete(id));
  });
  const restoreBody = () => ({ snapshotId: sim.seed.defaultSnapshotId, targetDeploymentItemName: "staging-m2" });
  const restoreJobs = () => [...sim.state.restoreJobs.values()].filter((j) => j.deliveryType === "RESTORE").length;

  it("status: answers the scripted status once, with Retry-After and an Atlas body, then normally", async () => {
    sim.faults.add({ method: "GET", path: "/backup/tenant/snapshots", kind: "status", status: 503, retryAfter: "2" });
    const first = await client.get(paths(sim).tenantSnapshots);
    assert.equal(first.status, 503);
    assert.equal(first.headers.get("retry-after"), "2");
    assert.equal(first.json.errorCode, "SERVICE_UNAVAILABLE");
    assert.equal((await client.get(paths(sim).tenantSnapshots)).status, 200);
    assert.deepEqual(sim.faults.pending(), []);
  });

  it("status: honours times, a RegExp path, a custom body, and prepends newer faults", async () => {
    sim.faults.add({ path: /snapshots$/, kind: "status", status: 500, times: 2, body: { error: 500, errorCode: "X" } });
    sim.faults.add({ path: /snapshots$/, kind: "status", status: 429 });
    assert.deepEqual(sim.faults.pending().map((f) => [f.kind, f.remaining]), [["status", 1], ["status", 2]]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.get(paths(sim).tenantSnapshots)).status);
    assert.deepEqual(statuses, [429, 500, 500, 200]);
    assert.equal(sim.requestLog.count({ status: 500 }), 2);
    assert.ok(sim.requestLog.entries().slice(0, 3).every((e) => e.fault === "status"));
  });

  it("does not consume a fault with a 401 challenge exchange", async () => {
    sim.faults.add({ kind: "status", status: 500 });
    const fresh = new SimClient(sim);
    const r = await fresh.get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 500);
    assert.deepEqual(sim.requestLog.entries().map((e) => e.status), [401, 500]);
  });

  it("drop: destroys the socket without an answer and without processing", async () => {
    sim.faults.add({ method: "POST", kind: "drop" });
    await assert.rejects(client.post(paths(sim).tenantRestore, restoreBody()));
    assert.equal(restoreJobs(), 0);
    assert.equal(sim.requestLog.entries().at(-1)!.status, 0);
  });

  it("drop with beforeAuth hits even an unauthenticated request", async () => {
    sim.faults.add({ kind: "drop", beforeAuth: true });
    await assert.rejects(rawRequest(sim.url + paths(sim).tenantSnapshots));
    assert.equal(sim.requestLog.entries()[0]!.authenticated, false);
  });

  it("lost-response: creates the job, then destroys the socket without answering", async () => {
    sim.faults.add({ method: "POST", kind: "lost-response" });
    await assert.rejects(client.post(paths(sim).tenantRestore, restoreBody()));
    assert.equal(restoreJobs(), 1);
    const list = await client.get(paths(sim).tenantRestores);
    assert.equal(list.json.results.filter((j: { deliveryType: string }) => j.deliveryType === "RESTORE").length, 1);
  });

  it("reset-mid-response: processes, sends headers and half the body, then resets", async () => {
    sim.faults.add({ method: "POST", kind: "reset-mid-response" });
    await assert.rejects(client.post(paths(sim).tenantRestore, restoreBody()));
    assert.equal(restoreJobs(), 1);
    assert.equal(sim.requestLog.entries().at(-1)!.status, 200);
  });

  it("delay: answers normally after the delay", async () => {
    sim.faults.add({ kind: "delay", ms: 60 });
    const started = Date.now();
    assert.equal((await client.get(paths(sim).tenantSnapshots)).status, 200);
    assert.ok(Date.now() - started >= 55);
  });

  it("hang: never answers (the client gives up), and the request is not processed", async () => {
    sim.faults.add({ method: "POST", kind: "hang" });
    await assert.rejects(client.post(paths(sim).tenantRestore, restoreBody(), { signal: AbortSignal.timeout(100) }));
    assert.equal(restoreJobs(), 0);
    assert.equal(sim.requestLog.entries().at(-1)!.fault, "hang");
  });

  it("malformed: answers 200 with invalid JSON, without processing", async () => {
    sim.faults.add({ method: "POST", kind: "malformed" });
    const r = await client.post(paths(sim).tenantRestore, restoreBody());
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
    assert.equal(restoreJobs(), 0);
  });

  it("html: answers a text/html error page (502 by default)", async () => {
    sim.faults.add({ kind: "html" });
    sim.faults.add({ kind: "html", status: 504 });
    const a = await client.get(paths(sim).tenantSnapshots);
    assert.equal(a.status, 504);
    assert.equal(a.headers.get("content-type"), "text/html");
    assert.match(a.text, /<title>504 Gateway Timeout<\/title>/);
    assert.equal((await client.get(paths(sim).tenantSnapshots)).status, 502);
  });

  it("stale-nonce: answers 401 stale=true; digest-fetch retries with the fresh nonce", async () => {
    sim.faults.add({ kind: "stale-nonce" });
    const r = await client.get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 200);
    const [stale, ok] = sim.requestLog.entries();
    assert.deepEqual([stale!.status, stale!.fault, ok!.status], [401, "stale-nonce", 200]);
  });

  it("forbidden-ip: answers 403 IP_ADDRESS_NOT_ON_ACCESS_LIST", async () => {
    sim.faults.add({ kind: "forbidden-ip" });
    const r = await client.get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 403);
    assert.equal(r.json.errorCode, "IP_ADDRESS_NOT_ON_ACCESS_LIST");
    assert.equal(r.json.reason, "Forbidden");
  });

  it("refuses a fault with a non-positive times", () => {
    assert.throws(() => sim.faults.add({ kind: "drop", times: 0 }), RangeError);
  });
});
