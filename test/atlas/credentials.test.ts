import assert from "node:assert/strict";
import { resolveCredentials } from "../../src/atlas/credentials";
import { AtlasConfigError } from "../../src/atlas/errors";

const SECRET = "sa-secret-5b1e";
const configError = (option: string, ...words: string[]) => (e: unknown) => {
  assert.ok(e instanceof AtlasConfigError, String(e));
  assert.equal(e.option, option);
  for (const w of words) assert.ok(e.message.includes(w), `${e.message} should mention ${w}`);
  assert.ok(!e.message.includes(SECRET), "secret in message");
  return true;
};

describe("resolveCredentials (service accounts beside API keys)", () => {
  it("uses a service account from the options, then from MONGODB_ATLAS_CLIENT_ID / _SECRET", () => {
    assert.deepEqual(resolveCredentials({ clientId: "id1", clientSecret: SECRET }, {}).credentials, {
      kind: "serviceAccount", source: "options", clientId: "id1", clientSecret: SECRET,
    });
    const env = { MONGODB_ATLAS_CLIENT_ID: "id2", MONGODB_ATLAS_CLIENT_SECRET: SECRET };
    assert.deepEqual(resolveCredentials({}, env).credentials, { kind: "serviceAccount", source: "environment", clientId: "id2", clientSecret: SECRET });
    assert.deepEqual(resolveCredentials({}, { MONGODB_ATLAS_ACCESS_TOKEN: "tok" }).credentials, { kind: "accessToken", source: "environment", accessToken: "tok" });
  });
  it("takes the first source that has any credential and never merges sources", () => {
    const env = { MONGODB_ATLAS_CLIENT_ID: "env-id", MONGODB_ATLAS_CLIENT_SECRET: SECRET };
    const r = resolveCredentials({ publicKey: "p", privateKey: "k" }, env);
    assert.equal(r.credentials.kind, "apiKey");
    assert.equal(r.notice, undefined, "the environment is not a competing source");
    assert.throws(() => resolveCredentials({ clientId: "opt-id" }, env), configError("clientSecret", "clientId", "mongodbatlas:clientSecret", "not merged"));
  });
  it("rejects a half-set pair in either source, naming both names", () => {
    assert.throws(() => resolveCredentials({ clientSecret: SECRET }, {}), configError("clientId", "clientSecret", "mongodbatlas:clientId"));
    assert.throws(() => resolveCredentials({}, { MONGODB_ATLAS_CLIENT_ID: "x" }), configError("clientSecret", "MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET"));
    // Even beside a complete API key: a half-set pair is a mistake the user must see.
    assert.throws(() => resolveCredentials({ publicKey: "p", privateKey: "k", clientId: "x" }, {}), configError("clientSecret", "clientId"));
  });
  it("follows Terraform's precedence in one source (access token, service account, API key) with a one-line notice", () => {
    const all = { accessToken: "t", clientId: "id", clientSecret: SECRET, publicKey: "p", privateKey: "k" };
    const a = resolveCredentials(all, {});
    assert.equal(a.credentials.kind, "accessToken");
    assert.match(a.notice ?? "", /using the access token, ignoring the service account .* and the API key/);
    const { accessToken: _t, ...noToken } = all;
    const b = resolveCredentials({}, { MONGODB_ATLAS_CLIENT_ID: "id", MONGODB_ATLAS_CLIENT_SECRET: SECRET, MONGODB_ATLAS_PUBLIC_API_KEY: "p", MONGODB_ATLAS_PRIVATE_API_KEY: "k" });
    assert.equal(b.credentials.kind, "serviceAccount");
    assert.equal(resolveCredentials(noToken, {}).credentials.kind, "serviceAccount");
    for (const n of [a.notice, b.notice]) {
      assert.ok(n !== undefined && !n.includes("\n") && !n.includes(SECRET), n);
    }
    assert.match(b.notice ?? "", /environment .* using the service account/);
  });
});
