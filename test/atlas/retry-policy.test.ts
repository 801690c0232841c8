import assert from "node:assert/strict";
import { AtlasConfigError } from "../../src/atlas/errors";
import { defaultRetryPolicy, isRetryable, resolveRetryPolicy, retryDelay, type RetryOutcome } from "../../src/atlas/retry-policy";

const p = defaultRetryPolicy;
const state = (method: string, attempt = 1, elapsedMs = 0, r = 0.5) => ({ method, attempt, elapsedMs, random: () => r });
const status = (s: number, retryAfterMs?: number): RetryOutcome => ({ kind: "status", status: s, retryAfterMs });
const net = (requestSent: boolean, timedOut = false): RetryOutcome => ({ kind: "network", requestSent, timedOut });

describe("retry policy", () => {
  it("is frozen and leaves POST out of methods", () => {
    assert.ok(Object.isFrozen(p));
    assert.ok(!p.methods.includes("POST"));
  });
  it("retries GET on 429, 500, 502, 503, 504 but not on 400/401/403/404/409", () => {
    for (const s of [429, 500, 502, 503, 504]) assert.ok(isRetryable(p, "GET", status(s)), String(s));
    for (const s of [400, 401, 403, 404, 409, 410]) assert.ok(!isRetryable(p, "GET", status(s)), String(s));
  });
  it("re-sends POST after 429 and a connection never made, never after 5xx, timeout, reset or bad body", () => {
    assert.ok(isRetryable(p, "POST", status(429)));
    assert.ok(isRetryable(p, "POST", net(false)));
    for (const s of [500, 502, 503, 504]) assert.ok(!isRetryable(p, "POST", status(s)), String(s));
    assert.ok(!isRetryable(p, "POST", net(true)));
    assert.ok(!isRetryable(p, "POST", net(true, true)));
    assert.ok(!isRetryable(p, "POST", { kind: "malformed" }));
  });
  it("retries GET after network errors and malformed bodies", () => {
    assert.ok(isRetryable(p, "GET", net(true)));
    assert.ok(isRetryable(p, "GET", net(true, true)));
    assert.ok(isRetryable(p, "GET", { kind: "malformed" }));
  });
  it("uses capped exponential backoff with full jitter", () => {
    const top = (attempt: number) => retryDelay(p, state("GET", attempt, 0, 0.999999), status(500))!;
    assert.equal(top(1), 499);
    assert.equal(top(2), 999);
    assert.equal(top(3), 1999);
    assert.equal(retryDelay(p, state("GET", 1, 0, 0), status(500)), 0);
    const capped = resolveRetryPolicy({ limit: 20, backoffLimitMs: 3000, maxTotalMs: 1e9 });
    assert.equal(retryDelay(capped, state("GET", 15, 0, 0.5), status(502)), 1500);
  });
  it("waits at least Retry-After on 429 and 503, then a jittered backoff step on top", () => {
    // jitter 0.1 of the first step (500 ms) = 50 ms
    assert.equal(retryDelay(p, state("GET", 1, 0, 0.1), status(429, 7000)), 7050);
    assert.equal(retryDelay(p, state("POST", 1, 0, 0.1), status(429, 2000)), 2050);
    assert.equal(retryDelay(p, state("GET", 1, 0, 0.1), status(503, 3000)), 3050);
    assert.equal(retryDelay(p, state("GET", 3, 0, 0), status(429, 1000)), 1000, "zero jitter: exactly Retry-After");
    // 500 ignores Retry-After: backoff applies
    assert.equal(retryDelay(p, state("GET", 1, 0, 0.5), status(500, 9000)), 250);
  });
  it("gives up when Retry-After exceeds maxRetryAfterMs or the remaining budget", () => {
    assert.equal(retryDelay(p, state("GET"), status(429, 200_000)), undefined);
    assert.equal(retryDelay(p, state("GET", 1, 100_000), status(429, 30_000)), undefined);
    assert.equal(retryDelay(p, state("GET", 1, 100_000), status(429, 20_000)), undefined, "20 s + jitter overruns 120 s");
    assert.equal(retryDelay(p, state("GET", 1, 100_000), status(429, 19_000)), 19_250);
  });
  it("stops after `limit` retries", () => {
    assert.notEqual(retryDelay(p, state("GET", 4), status(503)), undefined);
    assert.equal(retryDelay(p, state("GET", 5), status(503)), undefined);
    assert.equal(retryDelay(resolveRetryPolicy({ limit: 0 }), state("GET", 1), status(503)), undefined);
  });
  it("merges overrides and names a bad one", () => {
    assert.equal(resolveRetryPolicy({ limit: 1 }).limit, 1);
    assert.deepEqual(resolveRetryPolicy({ methods: ["get"] }).methods, ["GET"]);
    assert.throws(() => resolveRetryPolicy({ maxTotalMs: -1 }), (e: unknown) => e instanceof AtlasConfigError && e.option === "retry.maxTotalMs");
  });
});
