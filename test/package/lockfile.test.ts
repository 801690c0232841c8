import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, any>;

describe("package-lock.json", () => {
  it("is in step with package.json (npm ci in CI fails on a stale one): bins, dependencies, version", () => {
    const pkg = json("package.json");
    const root = json("package-lock.json").packages[""];
    assert.deepEqual(root.bin, pkg.bin, "bin (atlas-restore-fleet, atlas-sim)");
    assert.deepEqual(root.dependencies, pkg.dependencies);
    assert.deepEqual(root.devDependencies, pkg.devDependencies);
    assert.equal(root.version, pkg.version);
  });
});
