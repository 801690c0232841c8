import * as assert from "node:assert/strict";
import { parseFleetArgs, UsageError } from "../../src/fleet/cli-args";
import { conciseError, lineSplitter, progressOf } from "../../src/fleet/command-output";
import { lineReporter, formatSummary, tableReporter } from "../../src/fleet/fleet-reporter";
import { redactBackendUrl } from "../../src/fleet/fleet-settings";
import { laneStaggerMs, spreadPollIntervalSeconds } from "../../src/fleet/poll-spread";
import { runBounded } from "../../src/fleet/run-bounded";
import { describeLock, lockHolders, locksAreStale } from "../../src/fleet/stack-lock";
import { StackLockedError, withStackLock } from "../../src/fleet/with-stack-lock";
import { withPollFloor } from "../../src/pulumi/poll-floor";
import { ManualClock } from "../../src/util/clock";

const LOCK_MESSAGE = `error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.
  postgres://pulumi@127.0.0.1:5432/postgres/.pulumi/locks/organization/p/s/abc.json: created by root@vm (pid 4242) at 2026-12-02T07:56:24Z`;

describe("fleet runtime pieces", () => {
  it("reads lock holders (deduplicated) and calls a lock stale only when its process on this machine is gone", () => {
    const holders = lockHolders(`${LOCK_MESSAGE}\n${LOCK_MESSAGE}`);
    assert.deepEqual(holders, [{ user: "root", host: "vm", pid: 4242, at: "2026-12-02T07:56:24Z" }]);
    assert.equal(locksAreStale(holders, () => false, "vm"), true);
    assert.equal(locksAreStale(holders, () => true, "vm"), false, "a live process holds it");
    assert.equal(locksAreStale(holders, () => false, "other-runner"), false, "another machine's lock is never called stale");
    assert.equal(locksAreStale([], () => false, "vm"), false);
    assert.match(describeLock(LOCK_MESSAGE), /root@vm pid 4242/);
  });

  it("waits for a live lock, then runs; removes a stale one at once; gives up after --lock-wait with the lock named", async () => {
    const clock = new ManualClock();
    let calls = 0;
    const waits: string[] = [];
    const result = await withStackLock(
      async () => {
        if (++calls < 3) throw new Error(LOCK_MESSAGE);
        return "done";
      },
      { lockWaitMs: 60_000, clock, cancel: async () => assert.fail("a live lock is not removed"), isAlive: () => true, onWaiting: (w) => waits.push(w) },
    );
    assert.equal(result, "done");
    assert.equal(waits.length, 2);

    let cancelled = 0;
    let tries = 0;
    await withStackLock(
      async () => {
        if (tries++ === 0) throw new Error(LOCK_MESSAGE.replace("root@vm", `root@${require("node:os").hostname()}`));
      },
      { lockWaitMs: 0, clock, cancel: async () => void cancelled++, isAlive: () => false },
    );
    assert.equal(cancelled, 1, "pulumi cancel for a dead process's lock");

    const start = clock.now();
    await assert.rejects(
      withStackLock(() => Promise.reject(new Error(LOCK_MESSAGE)), { lockWaitMs: 30_000, clock, cancel: async () => {}, isAlive: () => true }),
      (error: unknown) => error instanceof StackLockedError && /pid 4242/.test(error.message) && /pulumi cancel/.test(error.message),
    );
    assert.ok(clock.now() - start >= 30_000 && clock.now() - start < 40_000);
    await assert.rejects(withStackLock(() => Promise.reject(new Error("boom")), { lockWaitMs: 1000, clock, cancel: async () => {} }), /boom/);
  });

  it("spreads polls: the first interval grows with the environments in flight, never below the user's", () => {
    assert.equal(spreadPollIntervalSeconds(4, 100), 4.8);
    assert.equal(spreadPollIntervalSeconds(20, 100), 24);
    assert.equal(spreadPollIntervalSeconds(1000, 100), 600, "capped at the input's maximum");
    assert.deepEqual([0, 1, 2, 3].map((l) => laneStaggerMs(l, 4, 4.8)), [0, 1200, 2400, 3600]);
    assert.equal(withPollFloor(2, { PULUMI_ATLAS_RESTORE_POLL_FLOOR_SECONDS: "4.8" }), 4.8);
    assert.equal(withPollFloor(10, { PULUMI_ATLAS_RESTORE_POLL_FLOOR_SECONDS: "4.8" }), 10);
    assert.equal(withPollFloor(undefined, {}), undefined);
    assert.equal(withPollFloor(3, { PULUMI_ATLAS_RESTORE_POLL_FLOOR_SECONDS: "nonsense" }), 3);
  });

  it("runs at most `limit` at once and skips the rest once aborted", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const skipped: number[] = [];
    const abort = new AbortController();
    await runBounded(
      [0, 1, 2, 3, 4, 5, 6, 7],
      3,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        done.push(i);
        if (i === 4) abort.abort();
      },
      { signal: abort.signal, onSkipped: (i) => skipped.push(i) },
    );
    assert.equal(peak, 3);
    assert.ok(skipped.length > 0 && skipped.every((i) => i > 4));
    assert.equal(done.length + skipped.length, 8);
  });

  it("reads restore progress and the error a person needs from Pulumi's output", () => {
    assert.deepEqual(progressOf("TenantRestore job 6b0fcd0e5e00000000000001 (snapshot 65a1f0c0e4b0a1b200000103 onto staging-m2): QUEUED"), {
      restoreJobId: "6b0fcd0e5e00000000000001",
      status: "QUEUED",
    });
    assert.deepEqual(progressOf("TenantRestore 6b0fcd0e5e00000000000001: QUEUED → RUNNING after 3 s"), { restoreJobId: "6b0fcd0e5e00000000000001", status: "RUNNING" });
    assert.equal(progressOf("Updating (staging)"), undefined);
    const lines: string[] = [];
    const split = lineSplitter((l) => lines.push(l));
    split("a\nb");
    split("c\n");
    assert.deepEqual(lines, ["a", "bc"]);
    const multi = "code: 255\n stderr: error: update failed\n    error: 1 error occurred:\n    \t* TenantRestore job abc FAILED: Atlas does not retry\n";
    assert.equal(conciseError(new Error(multi)), "TenantRestore job abc FAILED: Atlas does not retry");
    assert.equal(conciseError(new Error("just this")), "just this");
  });

  it("parses the CLI's arguments and refuses bad ones", () => {
    const args = parseFleetArgs(["destroy", "-f", "x.yaml", "--remove", "--parallel", "8", "--json=out.json", "--stack", "a", "--lock-wait", "0"]);
    assert.deepEqual(args, { command: "destroy", file: "x.yaml", remove: true, fresh: false, parallel: 8, json: "out.json", stacks: ["a"], lockWaitSeconds: 0 });
    for (const bad of [[], ["seed"], ["up", "-f", "x", "--parallel", "0"], ["up", "-f", "x", "--remove"], ["up", "-f", "x", "--bogus"], ["up", "-f", "x", "--json="]]) {
      assert.throws(() => parseFleetArgs(bad), UsageError, JSON.stringify(bad));
    }
    assert.throws(() => parseFleetArgs(["up"], "/nonexistent"), /no fleet file/);
  });

  it("prints one line per change when not on a terminal, and a summary naming the failed environments", () => {
    let out = "";
    const r = lineReporter((t) => (out += t), () => Date.parse("2026-12-02T08:00:00Z"));
    r.event({ stack: "staging", phase: "running", elapsedMs: 1000, status: "RUNNING", restoreJobId: "j1" });
    r.event({ stack: "staging", phase: "running", elapsedMs: 2000, status: "RUNNING", restoreJobId: "j1" });
    assert.equal(out, "08:00:00 staging running RUNNING job j1 (1s)\n", "repeats are dropped");
    const text = formatSummary({
      command: "up", project: "p", ok: false, startedAt: "", wallMs: 5000, parallel: 4, failed: ["pr-1"], runner: "me@a pid 1",
      environments: [
        { stack: "staging", target: "s", targetProjectId: "x", ok: true, elapsedMs: 1, status: "COMPLETED", restoreJobId: "j1", runner: "me@a pid 1" },
        { stack: "pr-1", target: "t", targetProjectId: "x", ok: false, elapsedMs: 1, status: "FAILED", restoreJobId: "j2", error: "TenantRestore job j2 FAILED", runner: "me@a pid 1" },
      ],
    });
    assert.match(text, /FAILED pr-1 → t job j2 FAILED by me@a pid 1\n\s+TenantRestore job j2 FAILED/);
    assert.match(text, /1 failed: pr-1\n$/);
    assert.equal(redactBackendUrl("postgres://user:secret@db:5432/x"), "postgres://user:****@db:5432/x");
  });

  it("draws a live table on a terminal, redrawn in place", async () => {
    let out = "";
    let now = Date.parse("2026-12-02T08:00:00Z");
    const t = tableReporter((s) => (out += s), 100, () => now);
    t.event({ stack: "staging", phase: "queued", elapsedMs: 0 });
    t.event({ stack: "pr-1", phase: "running", elapsedMs: 0 });
    now += 5000;
    t.event({ stack: "pr-1", phase: "running", elapsedMs: 5000, status: "RUNNING", restoreJobId: "6b0fcd0e5e00000000000001" });
    t.close();
    const last = out.split("\x1b[3F").pop()!;
    assert.match(last, /ENVIRONMENT\s+STATE\s+ELAPSED\s+JOB/);
    assert.match(last, /staging\s+queued/);
    assert.match(last, /pr-1\s+running\/RUNNING\s+5s\s+6b0fcd0e5e00000000000001/);
  });
});
