import assert from "node:assert/strict";
import { AtlasConfigError } from "../../src/atlas/errors";
import { DEFAULT_BASE_URL, PRIVATE_KEY_ENV_VARS, PUBLIC_KEY_ENV_VARS, resolveAtlasSettings } from "../../src/atlas/settings";

const keys = { publicKey: "pub", privateKey: "priv-secret" };
const configError = (option: string, ...words: string[]) => (e: unknown) => {
  assert.ok(e instanceof AtlasConfigError, String(e));
  assert.equal(e.option, option);
  for (const w of words) assert.ok(e.message.includes(w), `${e.message} should mention ${w}`);
  assert.ok(!e.message.includes("priv-secret"));
  return true;
};

describe("resolveAtlasSettings", () => {
  it("defaults to cloud.mongodb.com and v1.0", () => {
    assert.deepEqual(resolveAtlasSettings(keys, {}), { credentials: { kind: "apiKey", source: "options", ...keys }, baseUrl: DEFAULT_BASE_URL, apiVersion: "v1.0" });
  });
  it("prefers options over env, then env vars in documented order", () => {
    const key = (o: Parameters<typeof resolveAtlasSettings>[0], env: Record<string, string>) => {
      const c = resolveAtlasSettings(o, env).credentials;
      assert.equal(c.kind, "apiKey");
      return c.kind === "apiKey" ? c : assert.fail();
    };
    assert.equal(key(keys, { MONGODB_ATLAS_PUBLIC_API_KEY: "env" }).publicKey, "pub");
    const env = { MONGODB_ATLAS_PUBLIC_KEY: "b", MCLI_PUBLIC_API_KEY: "c", MCLI_PRIVATE_API_KEY: "z", MONGODB_ATLAS_PRIVATE_KEY: "y" };
    assert.equal(key({}, env).publicKey, "b");
    assert.equal(key({}, env).privateKey, "y");
    assert.equal(key({}, { ...env, MONGODB_ATLAS_PUBLIC_API_KEY: "a", MONGODB_ATLAS_PRIVATE_API_KEY: "x" }).publicKey, "a");
    assert.equal(key({}, { MCLI_PUBLIC_API_KEY: "c", MCLI_PRIVATE_API_KEY: "z" }).privateKey, "z");
    assert.equal(key({ publicKey: "", privateKey: " " }, { MONGODB_ATLAS_PUBLIC_API_KEY: "  ", MCLI_PUBLIC_API_KEY: "c", MCLI_PRIVATE_API_KEY: "z" }).publicKey, "c");
  });
  it("does not merge sources: a key in the options with its pair only in env is a half-set pair", () => {
    assert.throws(
      () => resolveAtlasSettings({ privateKey: "priv-secret" }, { MONGODB_ATLAS_PUBLIC_API_KEY: "c" }),
      configError("publicKey", "privateKey", "publicKey", "mongodbatlas:publicKey", "not merged"),
    );
  });
  it("names every way to give credentials when none is set, and both names of a half-set pair", () => {
    assert.throws(() => resolveAtlasSettings({}, {}), configError("credentials", ...PUBLIC_KEY_ENV_VARS, ...PRIVATE_KEY_ENV_VARS, "MONGODB_ATLAS_CLIENT_ID", "mongodbatlas:clientSecret"));
    assert.throws(() => resolveAtlasSettings({ publicKey: "p" }, {}), configError("privateKey", "publicKey", "mongodbatlas:privateKey"));
    assert.throws(() => resolveAtlasSettings({}, { MCLI_PRIVATE_API_KEY: "priv-secret" }), configError("publicKey", ...PUBLIC_KEY_ENV_VARS, "MCLI_PRIVATE_API_KEY"));
  });
  it("normalizes and validates baseUrl from options or MONGODB_ATLAS_BASE_URL", () => {
    assert.equal(resolveAtlasSettings({ ...keys, baseUrl: "http://127.0.0.1:8080/" }, {}).baseUrl, "http://127.0.0.1:8080");
    assert.equal(resolveAtlasSettings(keys, { MONGODB_ATLAS_BASE_URL: "https://cloud-qa.mongodb.com/" }).baseUrl, "https://cloud-qa.mongodb.com");
    assert.throws(() => resolveAtlasSettings({ ...keys, baseUrl: "cloud.mongodb.com" }, {}), configError("baseUrl", "not a valid URL"));
    assert.throws(() => resolveAtlasSettings({ ...keys, baseUrl: "ftp://x" }, {}), configError("baseUrl", "http or https"));
    assert.throws(() => resolveAtlasSettings({ ...keys, baseUrl: "https://cloud.mongodb.com/api/atlas/v1.0" }, {}), configError("baseUrl", "path"));
    assert.throws(() => resolveAtlasSettings(keys, { MONGODB_ATLAS_BASE_URL: "https://h/?x=1" }), configError("baseUrl", "MONGODB_ATLAS_BASE_URL"));
    assert.throws(
      () => resolveAtlasSettings({ ...keys, baseUrl: "https://u:hunter2@h" }, {}),
      (e: unknown) => configError("baseUrl", "credentials")(e) && !(e as Error).message.includes("hunter2"),
    );
  });
  it("service accounts and access tokens (bearer) default to v2; v1.0 stays selectable; API keys keep v1.0", () => {
    const sa = { clientId: "mdb_sa_id_0123", clientSecret: "mdb_sa_sk_secret" };
    assert.equal(resolveAtlasSettings(sa, {}).apiVersion, "v2");
    assert.equal(resolveAtlasSettings({ accessToken: "token" }, {}).apiVersion, "v2");
    assert.equal(resolveAtlasSettings({}, { MONGODB_ATLAS_CLIENT_ID: sa.clientId, MONGODB_ATLAS_CLIENT_SECRET: sa.clientSecret }).apiVersion, "v2");
    assert.equal(resolveAtlasSettings({ ...sa, apiVersion: "v1.0" }, {}).apiVersion, "v1.0");
    assert.equal(resolveAtlasSettings(keys, {}).apiVersion, "v1.0");
  });

  it("rejects an unknown apiVersion, naming it", () => {
    assert.equal(resolveAtlasSettings({ ...keys, apiVersion: "v2" }, {}).apiVersion, "v2");
    assert.throws(() => resolveAtlasSettings({ ...keys, apiVersion: "v1" }, {}), configError("apiVersion", "v1", "v1.0", "v2"));
  });
});
