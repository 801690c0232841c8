import assert from "node:assert/strict";
import { restoreProvider } from "../../src/pulumi/restore-provider";
import { configureRequest, startHarness, type Harness } from "./provider-harness";

describe("provider settings with service accounts (stack config)", () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it("fails `pulumi preview` (check) on a half-set pair, naming both config keys, before any request", async () => {
    h = await startHarness();
    const provider = restoreProvider("tenant");
    await provider.configure!(configureRequest({ "mongodbatlas:clientId": "mdb_sa_id_x", "mongodbatlas:baseUrl": h.sim.url }));
    h.sim.requestLog.clear();
    const checked = await provider.check!({}, h.inputs());
    const reasons = (checked.failures ?? []).map((f) => f.reason).join("\n");
    assert.match(reasons, /mongodbatlas:clientId/);
    assert.match(reasons, /mongodbatlas:clientSecret/);
    assert.equal(h.sim.requestLog.count(), 0);
  });

  it("uses the service account when the config holds it beside an API key, printing one notice line", async () => {
    h = await startHarness();
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => warned.push(line);
    try {
      const provider = restoreProvider("tenant");
      await provider.configure!(
        configureRequest({
          "mongodbatlas:clientId": h.sim.serviceAccount.clientId, "mongodbatlas:clientSecret": h.sim.serviceAccount.clientSecret,
          "mongodbatlas:publicKey": h.sim.publicKey, "mongodbatlas:privateKey": h.sim.privateKey, "mongodbatlas:baseUrl": h.sim.url,
        }),
      );
      h.sim.requestLog.clear();
      const { outs } = await provider.create(h.inputs());
      assert.equal(outs.status, "COMPLETED");
      assert.equal(h.sim.requestLog.count({ auth: "digest" }), 0);
      assert.ok(h.sim.requestLog.count({ auth: "bearer" }) > 0);
    } finally {
      console.warn = warn;
    }
    const notices = warned.filter((l) => /several Atlas credentials/.test(l));
    assert.equal(notices.length, 1, warned.join("\n"));
    assert.match(notices[0]!, /using the service account .* ignoring the API key/);
    assert.ok(!notices[0]!.includes(h.sim.serviceAccount.clientSecret) && !notices[0]!.includes(h.sim.privateKey));
  });
});
