import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { nodeSupportProblem, SUPPORTED_NODE } from "../../src/util/node-support";

const ROOT = path.resolve(__dirname, "..", "..");

describe("supported Node.js versions", () => {
  it("package.json engines says exactly the range the package checks", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    assert.equal(pkg.engines.node, SUPPORTED_NODE);
  });

  it("accepts 20.19+, 22.12+ and later majors; refuses 20.18, 21.x and 22.0–22.11", () => {
    for (const ok of ["20.19.0", "20.20.2", "22.12.0", "23.0.0", "24.4.1", "v26.1.0"]) assert.equal(nodeSupportProblem(ok, undefined), undefined, ok);
    for (const bad of ["18.20.0", "20.18.3", "21.7.3", "22.0.0", "22.11.0"]) assert.match(nodeSupportProblem(bad, undefined) ?? "", /needs Node\.js/, bad);
  });

  it("trusts process.features.require_module when Node reports it (e.g. 22.10 with --experimental-require-module)", () => {
    assert.equal(nodeSupportProblem("22.10.0", true), undefined);
    assert.match(nodeSupportProblem("22.11.0", false) ?? "", /this is Node\.js 22\.11\.0/);
  });

  it("loading the built package on an unsupported Node fails with one line and no stack frames", () => {
    const fake = 'Object.defineProperty(process.versions, "node", { value: "22.5.0" });' +
      'Object.defineProperty(process.features, "require_module", { value: undefined });';
    const run = spawnSync(process.execPath, ["-e", `${fake} require(${JSON.stringify(path.join(ROOT, "dist", "index.js"))})`], { encoding: "utf8" });
    assert.notEqual(run.status, 0);
    const line = run.stderr.split("\n").find((l) => l.startsWith("UnsupportedNodeError:"));
    assert.match(line ?? run.stderr, /^UnsupportedNodeError: pulumi-atlas-restore needs Node\.js \^20\.19\.0 \|\| >=22\.12\.0 .* this is Node\.js 22\.5\.0: install/);
    assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack frames");
    assert.doesNotMatch(run.stderr, /ERR_REQUIRE_ESM/);
  });
});
