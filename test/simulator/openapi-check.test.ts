import * as path from "node:path";
import assert from "node:assert/strict";
import { checkResponse, checkSchema, loadOpenApi } from "../helpers/openapi-check";

const spec = loadOpenApi(path.resolve(__dirname, "..", "..", "..", "shared", "atlas-api", "restore-jobs.openapi.2026-03-03.json"));
const TENANT = "/api/atlas/v2/groups/65a1f0c0e4b0a1b200000001/clusters/prod-m2/backup/tenant/restores/65a1f0c0e4b0a1b200000104";

describe("OpenAPI checker (test helper)", () => {
  const ref = { $ref: "#/components/schemas/TenantRestore" };

  it("accepts a conforming body with extra fields and Unicode names (pattern with the u flag)", () => {
    assert.deepEqual(checkSchema(spec, ref, { snapshotId: "65a1f0c0e4b0a1b200000104", targetDeploymentItemName: "Équipe-1", extra: true }), []);
  });

  it("reports missing required fields, enum, pattern, type and date-time violations with their paths", () => {
    const issues = checkSchema(spec, ref, { snapshotId: "XYZ", status: "DONE", restoreFinishedDate: "yesterday", links: [{ href: 1 }] });
    const text = issues.map((i) => `${i.path} ${i.message}`);
    assert.ok(text.some((t) => t.includes("missing required property targetDeploymentItemName")));
    assert.ok(text.some((t) => t.startsWith("$.snapshotId") && t.includes("does not match")));
    assert.ok(text.some((t) => t.startsWith("$.status") && t.includes("is not one of")));
    assert.ok(text.some((t) => t.startsWith("$.restoreFinishedDate") && t.includes("date-time")));
    assert.ok(text.some((t) => t.startsWith("$.links[0].href") && t.includes("expected string")));
  });

  it("checks a response's documented content type, and undocumented errors against ApiError", () => {
    const body = { id: "65a1f0c0e4b0a1b200000104", snapshotId: "65a1f0c0e4b0a1b200000104", targetDeploymentItemName: "x" };
    assert.deepEqual(checkResponse(spec, { method: "GET", path: TENANT, status: 200, contentType: "application/vnd.atlas.2023-01-01+json", body }), []);
    assert.equal(checkResponse(spec, { method: "GET", path: TENANT, status: 200, contentType: "application/json", body }).length, 1);
    assert.deepEqual(checkResponse(spec, { method: "GET", path: TENANT, status: 406, contentType: "application/json", body: { error: 406, errorCode: "X" } }), []);
    assert.equal(checkResponse(spec, { method: "GET", path: TENANT, status: 404, contentType: "application/json", body: { error: "404" } }).length, 2);
    assert.match(checkResponse(spec, { method: "GET", path: "/nope", status: 200, contentType: "", body: {} })[0]!, /no such path/);
  });
});
