import * as assert from "node:assert/strict";
import { FleetFileError } from "../../src/fleet/fleet-file-error";
import { parseFleetFile } from "../../src/fleet/load-fleet-file";

// The fleet file's `mask:` section (shared, or per environment; `false` turns it off).
const FLEET = `source:
  kind: tenant
  projectId: "65a1f0c0e4b0a1b200000001"
  clusterName: prod-m2
mask:
  rules:
    - namespace: app.users
      fields: { email: hash, name: "fake:name" }
    - namespace: logs.*
      action: drop
environments:
  - stack: staging
    targetDeploymentItemName: staging-m2
  - stack: pr-1
    targetDeploymentItemName: qa-m5
    mask: false
  - stack: pr-2
    targetDeploymentItemName: qa-m6
    mask:
      rules: [{ namespace: app.users, fields: { email: "null" } }]
      verify: false
`;

describe("fleet file: mask section", () => {
  it("parses the shared section, an environment's own, and false", () => {
    const f = parseFleetFile(FLEET, "fleet.yaml", Date.parse("2026-12-02T07:00:00Z"));
    assert.equal(f.mask?.rules.length, 2);
    assert.deepEqual(f.mask?.rules[0]?.fields?.email, { strategy: "hash" });
    assert.equal(f.environments[1]!.mask, false);
    const own = f.environments[2]!.mask;
    assert.ok(own && own.verify === false && own.rules[0]!.fields!.email!.strategy === "null");
  });

  it("names a bad strategy in the mask section with its place in the file", () => {
    assert.throws(
      () => parseFleetFile(FLEET.replace('email: hash, name: "fake:name"', "email: sha1"), "fleet.yaml"),
      (e: unknown) => e instanceof FleetFileError && /fleet\.yaml:8: mask\.rules\[0\]\.fields\.email\.strategy must be a strategy/.test(e.message),
    );
  });
});
