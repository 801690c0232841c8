import assert from "node:assert/strict";
import { describeSimulator, parseCliArgs } from "../../src/simulator/bin";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { mediaTypeFor, paths, rawRequest, SimClient } from "./sim-client";

describe("simulator: service-account token endpoint and Bearer auth", () => {
  let sim: AtlasSimulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startAtlasSimulator({ now: () => clock.now(), tokenLifetimeSeconds: 600, tokenRateLimit: { requestsPerMinute: 3 } });
  });
  afterEach(async () => sim.stop());

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
  const askToken = (authorization: string, body = "grant_type=client_credentials") =>
    rawRequest(`${sim.url}/api/oauth/token`, {
      method: "POST",
      headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
    });
  const bearerGet = (path: string, token: string) =>
    rawRequest(sim.url + path, { headers: { Authorization: `Bearer ${token}`, Accept: mediaTypeFor(path) } });

  it("issues a Bearer token for the configured client id and secret, with the configured lifetime", async () => {
    const { clientId, clientSecret } = sim.serviceAccount;
    const res = await askToken(basic(clientId, clientSecret));
    assert.equal(res.status, 200);
    assert.equal(res.json.token_type, "Bearer");
    assert.equal(res.json.expires_in, 600);
    assert.deepEqual(sim.issuedTokens(), [res.json.access_token]);
    assert.equal(sim.requestLog.count({ route: "oauthToken", status: 200 }), 1);
  });

  it("answers invalid_client to a wrong secret or unknown client, and unsupported_grant_type to a bad grant", async () => {
    const { clientId, clientSecret } = sim.serviceAccount;
    for (const auth of [basic(clientId, "wrong"), basic("mdb_sa_id_nobody", clientSecret), "Bearer x", ""]) {
      const res = await askToken(auth);
      assert.equal(res.status, 401, auth);
      assert.equal(res.json.error, "invalid_client");
      assert.ok(!res.text.includes(clientSecret));
    }
    assert.equal((await askToken(basic(clientId, clientSecret), "grant_type=password")).json.error, "unsupported_grant_type");
    assert.equal(sim.issuedTokens().length, 0);
  });

  it("accepts the token on v1.0 and v2 routes beside digest; an expired or unknown token gets 401", async () => {
    const { json } = await askToken(basic(sim.serviceAccount.clientId, sim.serviceAccount.clientSecret));
    for (const path of [paths(sim, "v1.0").tenantSnapshots, paths(sim).tenantSnapshots, paths(sim).flexSnapshots]) {
      assert.equal((await bearerGet(path, json.access_token)).status, 200, path);
    }
    assert.equal((await new SimClient(sim).get(paths(sim).tenantSnapshots)).status, 200, "digest still works");
    assert.equal(sim.requestLog.count({ auth: "bearer" }), 3);
    const unknown = await bearerGet(paths(sim).tenantSnapshots, "simtok_forged");
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.errorCode, "UNAUTHORIZED");
    clock.advance(600_000);
    const expired = await bearerGet(paths(sim).tenantSnapshots, json.access_token);
    assert.equal(expired.status, 401);
    assert.match(expired.json.detail, /expired/);
  });

  it("rate-limits the token endpoint per client with 429 and Retry-After", async () => {
    const auth = basic(sim.serviceAccount.clientId, sim.serviceAccount.clientSecret);
    for (let i = 0; i < 3; i++) assert.equal((await askToken(auth)).status, 200);
    const limited = await askToken(auth);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.errorCode, "RATE_LIMITED");
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    clock.advance(20_000);
    assert.equal((await askToken(auth)).status, 200);
  });

  it("atlas-sim takes --client-id / --client-secret / --token-lifetime-s and prints the demo service account", () => {
    const args = parseCliArgs(["--client-id", "mdb_sa_id_demo", "--client-secret", "s3cr3t", "--token-lifetime-s", "120"]);
    assert.deepEqual(args.options.serviceAccounts, [{ clientId: "mdb_sa_id_demo", clientSecret: "s3cr3t" }]);
    assert.equal(args.options.tokenLifetimeSeconds, 120);
    assert.throws(() => parseCliArgs(["--client-id", "x"]), /go together/);
    const text = describeSimulator(sim, false);
    assert.ok(text.includes(sim.serviceAccount.clientId) && text.includes(sim.serviceAccount.clientSecret));
    const json = JSON.parse(describeSimulator(sim, true));
    assert.equal(json.clientId, sim.serviceAccount.clientId);
    assert.equal(json.clientSecret, sim.serviceAccount.clientSecret);
  });
});
