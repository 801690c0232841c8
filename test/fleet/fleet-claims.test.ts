import * as assert from "node:assert/strict";
import { parseFleetArgs, UsageError } from "../../src/fleet/cli-args";
import { adoptionNote, otherRunnersOutcome } from "../../src/fleet/claim-turn";
import { tableReporter } from "../../src/fleet/fleet-reporter";
import { runBounded } from "../../src/fleet/run-bounded";
import { inShard, parseShard, shardOf } from "../../src/fleet/shard";

describe("fleet: runners claim environments, shards split them", () => {
  it("takes every unclaimed item before coming back to one another runner holds (no lane waits while unclaimed ones remain)", async () => {
    const order: string[] = [];
    await runBounded(["a", "b", "c", "d", "e"], 2, async (item, _i, turn) => {
      order.push(`${item}${turn.second ? "2" : ""}`);
      await new Promise((r) => setImmediate(r));
      return item === "a" || item === "c" ? "defer" : undefined;
    });
    const firstSecond = order.findIndex((o) => o.endsWith("2"));
    assert.deepEqual(order.slice(0, firstSecond).sort(), ["a", "b", "c", "d", "e"], order.join(" "));
    assert.deepEqual(order.slice(firstSecond).sort(), ["a2", "c2"], "each deferred item comes back exactly once");
  });

  it("--shard i/n: a stable split by stack name; 1/2 and 2/2 cover every environment exactly once", () => {
    const stacks = Array.from({ length: 40 }, (_, i) => `env-${i}`);
    const [one, two] = [parseShard("1/2")!, parseShard("2/2")!];
    const a = stacks.filter((s) => inShard(s, one));
    const b = stacks.filter((s) => inShard(s, two));
    assert.deepEqual([...a, ...b].sort(), [...stacks].sort());
    assert.equal(a.filter((s) => b.includes(s)).length, 0);
    assert.ok(a.length > 5 && b.length > 5, `${a.length}/${b.length}`);
    assert.equal(shardOf("env-7", 3), shardOf("env-7", 3));
    assert.deepEqual(stacks.slice(10).filter((s) => inShard(s, one)), a.filter((s) => stacks.slice(10).includes(s)), "adding or removing others moves nobody");
    for (const bad of ["0/2", "3/2", "1/0", "x", "1/2/3"]) assert.equal(parseShard(bad), undefined, bad);
    assert.deepEqual(parseFleetArgs(["up", "-f", "x.yaml", "--shard", "2/3", "--fresh"]).shard, { index: 2, count: 3 });
    assert.throws(() => parseFleetArgs(["up", "-f", "x.yaml", "--shard", "4/3"]), /--shard needs <i>\/<n>/);
    assert.throws(() => parseFleetArgs(["status", "-f", "x.yaml", "--fresh"]), /--fresh belongs to up/);
  });

  it("-f (or any option) with no value is an error, never a silent default", () => {
    assert.throws(() => parseFleetArgs(["up", "-f"], __dirname), (e: unknown) => e instanceof UsageError && /-f needs a fleet file path/.test(e.message));
    assert.throws(() => parseFleetArgs(["up", "-f", "--parallel", "2"]), /-f needs a fleet file path/);
    assert.throws(() => parseFleetArgs(["up", "-f", "x.yaml", "--stack"]), /--stack needs a stack name/);
  });

  it("reports what another runner recorded, without running it again; nothing finished recorded: not its outcome", () => {
    const base = { stack: "s", target: "t", targetProjectId: "p", ok: false, elapsedMs: 0, runner: "me@here pid 1" };
    const done = otherRunnersOutcome(base, { pendingOperations: [], restore: { restoreJobId: "j1", status: "COMPLETED", adopted: false } }, "ci@other pid 9")!;
    assert.equal(done.ok, true);
    assert.equal(done.runner, "ci@other pid 9");
    assert.equal(done.byAnotherRunner, true);
    assert.match(done.note!, /done by another runner \(ci@other pid 9\): job j1 COMPLETED/);
    const failed = otherRunnersOutcome(base, { pendingOperations: [], restore: { restoreJobId: "j2", status: "FAILED" } }, "ci@other pid 9")!;
    assert.equal(failed.ok, false);
    assert.match(failed.error!, /recorded the restore as FAILED/);
    assert.equal(otherRunnersOutcome(base, { pendingOperations: [] }, "x"), undefined);
    assert.equal(otherRunnersOutcome(base, { pendingOperations: ["creating"], restore: { status: "RUNNING" } }, "x"), undefined);
  });

  it("says when a create adopted a finished job: no new restore (defect 4)", () => {
    const r = { stack: "s", target: "t", targetProjectId: "p", ok: true, elapsedMs: 0, runner: "r", restoreJobId: "j1", adopted: true, restoreFinishedDate: "2026-12-01T00:00:00Z" };
    assert.equal(adoptionNote({ ...r, changes: { create: 1 } }, Date.parse("2026-12-02T00:00:00Z")), "adopted job j1 finished at 2026-12-01T00:00:00Z, no new restore (up --fresh starts a new one)");
    assert.match(adoptionNote({ ...r, changes: { create: 1 } }, Date.parse("2026-11-30T00:00:00Z"))!, /already started by another run/);
    assert.equal(adoptionNote({ ...r, changes: { same: 1 } }, 0), undefined, "an unchanged environment is not news");
    assert.equal(adoptionNote({ ...r, adopted: false, changes: { create: 1 } }, 0), undefined);
  });

  it("a terminal reporting 0 columns does not cut the lines", () => {
    let out = "";
    const t = tableReporter((s) => (out += s), 0, () => 0);
    t.event({ stack: "staging", phase: "running", elapsedMs: 0, message: "the end" });
    t.close();
    assert.match(out, /the end\n/);
  });
});
