import assert from "node:assert/strict";
import { retryAfterMs } from "../../src/atlas/retry-after";

describe("retryAfterMs", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it("reads delta-seconds", () => {
    assert.equal(retryAfterMs("2", now), 2000);
    assert.equal(retryAfterMs(" 0 ", now), 0);
  });
  it("reads an HTTP-date relative to the time passed in", () => {
    assert.equal(retryAfterMs("Mon, 23 Nov 2026 12:00:05 GMT", now), 5000);
  });
  it("clamps a date in the past to 0", () => {
    assert.equal(retryAfterMs("Mon, 23 Nov 2026 11:59:00 GMT", now), 0);
  });
  it("ignores missing and unreadable values", () => {
    for (const v of [null, undefined, "", "soon", "-1", "1.5"]) assert.equal(retryAfterMs(v, now), undefined, String(v));
  });
});
