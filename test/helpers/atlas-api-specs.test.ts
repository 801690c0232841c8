import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ATLAS_OPENAPI_ENV, findAtlasApiSpecs } from "./atlas-api-specs";

describe("where the OpenAPI-based tests find the Atlas extracts", () => {
  let dir: string;
  const nowhere = path.join(tmpdir(), "no-such-atlas-api-dir");
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "atlas-api-"));
    writeFileSync(path.join(dir, "a.json"), "{}");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prefers $ATLAS_OPENAPI_DIR over the folder beside the repository", () => {
    assert.deepEqual(findAtlasApiSpecs(["a.json"], { [ATLAS_OPENAPI_ENV]: dir }, nowhere), { dir });
  });

  it("falls back to ../shared/atlas-api beside the repository", () => {
    assert.deepEqual(findAtlasApiSpecs(["a.json"], {}, dir), { dir });
  });

  it("reports them missing, with how to enable the checks, when neither exists", () => {
    const found = findAtlasApiSpecs(["a.json"], {}, nowhere);
    assert.ok("missing" in found);
    assert.match(found.missing, /a\.json not found: set ATLAS_OPENAPI_DIR to a directory/);
    assert.doesNotMatch(found.missing, /\n/);
  });

  it("fails (instead of skipping) when $ATLAS_OPENAPI_DIR is set but lacks a file", () => {
    assert.throws(() => findAtlasApiSpecs(["a.json", "b.json"], { [ATLAS_OPENAPI_ENV]: dir }, nowhere), /does not hold b\.json/);
  });
});
