import assert from "node:assert/strict";
import { ManualClock } from "../../src/util/clock";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { parseDigestHeader } from "../../src/simulator/digest-auth";
import { SimClient, paths, rawRequest } from "./sim-client";

describe("simulator digest authentication", () => {
  let sim: AtlasSimulator;
  const clock = new ManualClock();
  before(async () => {
    sim = await startAtlasSimulator({ now: () => clock.now(), nonceTtlMs: 60_000 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.requestLog.clear());

  it("answers an unauthenticated request with Atlas's 401 digest challenge and error body", async () => {
    const r = await rawRequest(sim.url + paths(sim).tenantSnapshots);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get("content-type"), "application/json");
    const challenge = r.headers.get("www-authenticate")!;
    assert.match(challenge, /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/=]{16,}", algorithm=MD5, qop="auth", stale=false$/);
    assert.deepEqual(Object.keys(r.json).sort(), ["detail", "error", "errorCode", "parameters", "reason"]);
    assert.equal(r.json.error, 401);
    assert.equal(r.json.reason, "Unauthorized");
    assert.deepEqual(r.json.parameters, []);
    assert.equal(sim.requestLog.count({ status: 401, authenticated: false }), 1);
  });

  it("authenticates the npm digest-fetch client (challenge, then the signed request)", async () => {
    const r = await new SimClient(sim).get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 200);
    assert.equal(r.json.results.length, 3);
    assert.deepEqual(sim.requestLog.entries().map((e) => [e.status, e.authenticated]), [[401, false], [200, true]]);
  });

  it("keeps one nonce valid across requests: 100 GETs cost at most 101 exchanges", async () => {
    const client = new SimClient(sim);
    for (let i = 0; i < 100; i++) assert.equal((await client.get(paths(sim).tenantSnapshots)).status, 200);
    assert.ok(sim.requestLog.count() <= 101, `exchanges: ${sim.requestLog.count()}`);
    assert.equal(sim.requestLog.count({ status: 401 }), 1);
  });

  it("signs the query string as part of the digest uri", async () => {
    const r = await new SimClient(sim).get(`${paths(sim).flexSnapshots}?itemsPerPage=1&pageNum=2`);
    assert.equal(r.status, 200);
    assert.equal(r.json.results.length, 1);
  });

  it("answers an expired nonce with 401 stale=true and a fresh nonce, which the client then uses", async () => {
    const client = new SimClient(sim);
    await client.get(paths(sim).tenantSnapshots);
    const oldNonce = client.digest.digest as { nonce?: string };
    const before = oldNonce.nonce;
    clock.advance(60_000);
    sim.requestLog.clear();
    const r = await client.get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 200);
    const [challenge, retried] = sim.requestLog.entries();
    assert.equal(challenge!.status, 401);
    assert.equal(challenge!.authenticated, false);
    assert.equal(retried!.status, 200);
    assert.notEqual((client.digest.digest as { nonce?: string }).nonce, before);
  });

  it("sends stale=true only when the digest itself was right", async () => {
    const client = new SimClient(sim);
    await client.get(paths(sim).tenantSnapshots);
    clock.advance(60_000);
    const auth = (client.digest as unknown as { addAuth(url: string, o: object): { headers: Record<string, string> } }).addAuth(
      sim.url + paths(sim).tenantSnapshots,
      { method: "GET", headers: {} },
    ).headers.Authorization!;
    const stale = await rawRequest(sim.url + paths(sim).tenantSnapshots, { headers: { Authorization: auth } });
    assert.match(stale.headers.get("www-authenticate")!, /stale=true$/);
    const tampered = auth.replace(/response="[0-9a-f]+"/, 'response="00000000000000000000000000000000"');
    const bad = await rawRequest(sim.url + paths(sim).tenantSnapshots, { headers: { Authorization: tampered } });
    assert.match(bad.headers.get("www-authenticate")!, /stale=false$/);
  });

  it("rejects a wrong private key with 401 UNAUTHORIZED naming the rejected key pair, without stale", async () => {
    const r = await new SimClient(sim, { privateKey: "not-the-key" }).get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 401);
    assert.equal(r.json.errorCode, "UNAUTHORIZED");
    assert.match(r.json.detail, /API key pair was rejected/);
    assert.match(r.headers.get("www-authenticate")!, /stale=false$/);
    assert.equal(sim.requestLog.count({ authenticated: true }), 0);
  });

  it("rejects an unknown public key with 401 USER_NOT_FOUND", async () => {
    const r = await new SimClient(sim, { publicKey: "someoneelse" }).get(paths(sim).tenantSnapshots);
    assert.equal(r.status, 401);
    assert.equal(r.json.errorCode, "USER_NOT_FOUND");
    assert.match(r.json.detail, /API key pair was rejected/);
  });

  it("parses quoted and bare digest parameters", () => {
    assert.deepEqual(parseDigestHeader('Digest username="a b", nc=00000001, qop=auth, uri="/x?y=1,2"'), {
      username: "a b", nc: "00000001", qop: "auth", uri: "/x?y=1,2",
    });
    assert.equal(parseDigestHeader("Basic abc"), undefined);
  });
});
