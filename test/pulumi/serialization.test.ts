import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { configureRequest, startHarness, type Harness } from "./provider-harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString: (code: string) => { handler(): dynamic.ResourceProvider } = require("require-from-string");

describe("provider serialization (what Pulumi writes into the stack as __provider)", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("holds no credential even after configure() and a create in the same process", async () => {
    h = await startHarness({ publicKey: "pub-KEY-7f3a91", privateKey: "priv-KEY-0c4e22-very-secret" });
    const provider = restoreProvider("tenant");
    await provider.configure!(
      configureRequest({ "mongodbatlas:publicKey": "pub-KEY-7f3a91", "mongodbatlas:privateKey": "priv-KEY-0c4e22-very-secret", "mongodbatlas:baseUrl": h.sim.url }),
    );
    const { outs } = await provider.create(h.inputs());
    assert.equal(outs.status, "COMPLETED");

    // Exactly what @pulumi/pulumi/dynamic does in serializeFunctionMaybeSecret.
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    assert.equal(sf.containsSecrets, false);
    assert.ok(!sf.text.includes("pub-KEY-7f3a91"), "public key in serialized provider");
    assert.ok(!sf.text.includes("priv-KEY-0c4e22"), "private key in serialized provider");
    assert.ok(!sf.text.includes(h.sim.url), "base URL in serialized provider");
    assert.ok(sf.text.length < 5000, `small (${sf.text.length} chars): no schemas or clients captured`);

    // And it works when loaded back the way the provider process does (cmd/dynamic-provider getProvider).
    const loaded = requireFromString(sf.text).handler();
    const checked = await loaded.check!({}, h.inputs());
    assert.equal(checked.failures, undefined);
    const fresh = await loaded.read!(String(outs.restoreJobId), outs);
    assert.equal(fresh.props.status, "COMPLETED");
  });

  it("holds no client secret or token after configure() with a service account and a create", async () => {
    const secret = "mdb_sa_sk_serialization_0a1b2c3d4e";
    h = await startHarness({ serviceAccounts: [{ clientId: "mdb_sa_id_serial", clientSecret: secret }] });
    const provider = restoreProvider("tenant");
    await provider.configure!(configureRequest({ "mongodbatlas:clientId": "mdb_sa_id_serial", "mongodbatlas:clientSecret": secret, "mongodbatlas:baseUrl": h.sim.url }));
    const { outs } = await provider.create(h.inputs());
    assert.equal(outs.status, "COMPLETED");
    assert.equal(h.sim.requestLog.count({ auth: "digest" }), 0);
    const tokens = h.sim.issuedTokens();
    assert.equal(tokens.length, 1);
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const everything = [sf.text, JSON.stringify(outs)];
    for (const text of everything) {
      assert.ok(!text.includes(secret), "client secret written");
      assert.ok(!text.includes(tokens[0]!), "token written");
      assert.ok(!text.includes("mdb_sa_id_serial"), "client id captured");
    }
  });
});
