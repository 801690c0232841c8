import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const SCRIPT = path.resolve(__dirname, "..", "..", "scripts", "pulumi-local.sh");

/** scripts/pulumi-local.sh with a fake `pulumi` that prints the passphrase it was given. */
describe("scripts/pulumi-local.sh passphrase", () => {
  let root: string;
  let project: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), "pulumi-local-"));
    mkdirSync(path.join(root, "bin"));
    writeFileSync(path.join(root, "bin", "pulumi"), '#!/bin/sh\necho "passphrase=$PULUMI_CONFIG_PASSPHRASE"\n');
    chmodSync(path.join(root, "bin", "pulumi"), 0o755);
  });
  beforeEach(() => {
    project = mkdtempSync(path.join(root, "project-"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function run(env: Record<string, string> = {}, stacks: Record<string, string> = {}) {
    for (const [stack, yaml] of Object.entries(stacks)) writeFileSync(path.join(project, `Pulumi.${stack}.yaml`), yaml);
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PULUMI_CONFIG_PASSPHRASE|PULUMI_LOCAL_DEMO|MONGODB_ATLAS_BASE_URL)/.test(k)));
    return spawnSync("bash", [SCRIPT, "-C", project, "preview"], {
      encoding: "utf8",
      env: { ...clean, PULUMI_BIN_DIR: path.join(root, "bin"), PULUMI_LOCAL_DIR: path.join(root, "state"), ...env },
    });
  }
  const refused = (r: ReturnType<typeof run>, why: RegExp) => {
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^pulumi-local: set PULUMI_CONFIG_PASSPHRASE \(or PULUMI_CONFIG_PASSPHRASE_FILE\)/);
    assert.match(r.stderr, why);
    assert.equal(r.stdout, "", "pulumi never ran");
  };

  it("uses the fixed local passphrase when every stack points mongodbatlas:baseUrl at the loopback simulator", () => {
    const r = run({}, { a: "config:\n  mongodbatlas:baseUrl: http://127.0.0.1:45123\n", b: "config:\n  mongodbatlas:baseUrl: 'http://localhost:9'\n" });
    assert.equal(r.stdout.trim(), "passphrase=local-only-passphrase", r.stderr);
  });

  it("refuses the fixed passphrase for a stack that points at another host, even with PULUMI_LOCAL_DEMO=1", () => {
    refused(run({ PULUMI_LOCAL_DEMO: "1" }, { sim: "config:\n  mongodbatlas:baseUrl: http://127.0.0.1:1\n", prod: "config:\n  mongodbatlas:baseUrl: https://cloud.mongodb.com\n" }), /Pulumi\.prod\.yaml points at https:\/\/cloud\.mongodb\.com/);
  });

  it("refuses it for a stack with Atlas keys but no baseUrl (that is real Atlas)", () => {
    refused(run({}, { dev: "config:\n  mongodbatlas:publicKey:\n    secure: v1:abc\n" }), /points at the default Atlas host/);
  });

  it("refuses it when MONGODB_ATLAS_BASE_URL names another host", () => {
    refused(run({ MONGODB_ATLAS_BASE_URL: "https://cloud.mongodb.com" }, { a: "config:\n  mongodbatlas:baseUrl: http://127.0.0.1:1\n" }), /MONGODB_ATLAS_BASE_URL is https/);
  });

  it("refuses it for a project with no configured stack unless PULUMI_LOCAL_DEMO=1, and says how", () => {
    refused(run(), /no stack of .* sets mongodbatlas:baseUrl to the local simulator.*PULUMI_LOCAL_DEMO=1/);
    assert.equal(run({ PULUMI_LOCAL_DEMO: "1" }).stdout.trim(), "passphrase=local-only-passphrase");
  });

  it("always uses a passphrase the caller sets", () => {
    const r = run({ PULUMI_CONFIG_PASSPHRASE: "mine" }, { prod: "config:\n  mongodbatlas:baseUrl: https://cloud.mongodb.com\n" });
    assert.equal(r.stdout.trim(), "passphrase=mine");
  });
});
