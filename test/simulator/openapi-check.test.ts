import assert from "node:assert/strict";
import { MINI_JOB_PATH, MINI_OPENAPI as spec } from "../fixtures/mini-openapi";
import { checkResponse, checkSchema } from "../helpers/openapi-check";

// The checker is tested on a small document of our own, so it runs in every clone; the contract
// test applies it to the official Atlas extracts when they are available.
const JOB = MINI_JOB_PATH.replace("{teamId}", "team-1").replace("{jobId}", "0000abcd");
const MEDIA = "application/vnd.example.v9+json";

describe("OpenAPI checker (test helper)", () => {
  const ref = { $ref: "#/components/schemas/Job" };

  it("accepts a conforming body with extra fields and Unicode names (pattern with the u flag)", () => {
    assert.deepEqual(checkSchema(spec, ref, { jobId: "0000abcd", owner: "Équipe-1", endedAt: null, extra: true }), []);
  });

  it("reports missing required fields, enum, pattern, type and date-time violations with their paths", () => {
    const issues = checkSchema(spec, ref, { jobId: "XYZ", state: "DONE!", endedAt: "yesterday", links: [{ href: 1 }] });
    const text = issues.map((i) => `${i.path} ${i.message}`);
    assert.ok(text.some((t) => t.includes("missing required property owner")), text.join("\n"));
    assert.ok(text.some((t) => t.startsWith("$.jobId") && t.includes("does not match")));
    assert.ok(text.some((t) => t.startsWith("$.state") && t.includes("is not one of")));
    assert.ok(text.some((t) => t.startsWith("$.endedAt") && t.includes("date-time")));
    assert.ok(text.some((t) => t.startsWith("$.links[0].href") && t.includes("expected string")));
    assert.equal(issues.length, 5);
  });

  it("checks a response's documented content type, and undocumented errors against the error schema", () => {
    const body = { jobId: "0000abcd", owner: "x" };
    assert.deepEqual(checkResponse(spec, { method: "GET", path: JOB, status: 200, contentType: MEDIA, body }), []);
    assert.equal(checkResponse(spec, { method: "GET", path: JOB, status: 200, contentType: "application/json", body }).length, 1);
    assert.deepEqual(checkResponse(spec, { method: "GET", path: JOB, status: 404, contentType: "application/json", body: { status: 404, code: "X" } }), []);
    assert.equal(checkResponse(spec, { method: "GET", path: JOB, status: 404, contentType: "application/json", body: { status: "404" } }).length, 2);
    assert.match(checkResponse(spec, { method: "POST", path: JOB, status: 200, contentType: MEDIA, body })[0]!, /no POST operation/);
    assert.match(checkResponse(spec, { method: "GET", path: "/nope", status: 200, contentType: "", body: {} })[0]!, /no such path/);
  });
});
