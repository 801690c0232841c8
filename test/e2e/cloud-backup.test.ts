import * as assert from "node:assert/strict";
import * as path from "node:path";
import { AtlasClient } from "../../src/atlas/client";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType } from "../helpers/pulumi-cli";
import { killTree } from "../helpers/process-tree";

// CloudBackupRestore (dedicated M10+ clusters) under the real Pulumi engine. Each `pulumi up` runs
// several resources of one program (test/fixtures/cloud-backup: config `restores` is JSON) to keep
// the number of engine runs low: the happy paths in one run, the three failure flags in another,
// then SIGKILL at three moments, then Atlas's refusals, then a preview refusal. One simulator for
// the suite, with extra dedicated target clusters so the cases never share a target (and, for the
// refusals, one source cluster per case, so each resource's POSTs can be counted by path).

const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:CloudBackupRestore";
const FAST_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const TARGETS = ["t-auto", "t-pit", "t-oplog", "t-fail", "t-cancel", "t-kill-1", "t-kill-2", "t-kill-3", "t-adopt"];
const REFUSAL_SOURCES = ["r-snapshot", "r-window", "r-target", "r-busy", "r-flex", "r-tenant"];

/** The `error:` lines of the Diagnostics section, by resource name (`  <type> (<name>):` headers). */
function errorsByResource(output: string): Map<string, string[]> {
  const start = output.indexOf("\nDiagnostics:");
  const end = output.indexOf("\nResources:", start);
  const byName = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of start < 0 ? [] : output.slice(start, end < 0 ? undefined : end).split("\n")) {
    const header = /^ {2}\S+ \((.+)\):$/.exec(line);
    if (header) byName.set(header[1]!, (current = []));
    else if (current && line.trim().startsWith("error:")) current.push(line.trim());
  }
  return byName;
}

describe("CloudBackupRestore under the real Pulumi engine", function () {
  this.timeout(10 * 60_000);
  let sim: AtlasSimulator;
  let project: PulumiProject;
  const nowS = () => Math.floor(Date.now() / 1000);
  const base = () => ({ projectId: sim.seed.defaultProjectId, clusterName: "prod-m10", pollIntervalSeconds: 0.1, timeoutSeconds: 120 });
  const automated = (target: string, extra: Record<string, unknown> = {}) => ({
    ...base(), deliveryType: "automated", snapshotId: sim.seed.defaultDedicatedSnapshotId, targetClusterName: target, ...extra,
  });
  // Accepted requests only (the request log also holds the 401 digest challenges).
  const posts = () => sim.requestLog.entries({ method: "POST", path: /\/clusters\/prod-m10\/backup\/restoreJobs$/ }).filter((e) => e.status === 200).length;
  const jobsOnto = (target: string) => [...sim.state.cloudBackupJobs.values()].filter((j) => j.targetClusterName === target);
  const jobOnto = (target: string) => jobsOnto(target)[0];
  const up = async (label: string, restores: Record<string, unknown>, allowFailure = false) => {
    await project.setConfig("restores", JSON.stringify(restores));
    const run = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV, allowFailure });
    logSummary(label, run);
    return run;
  };

  before(async () => {
    pulumiBinDir();
    sim = await startAtlasSimulator({
      lifecycle: { pendingMs: 200, queuedMs: 200, runningMs: 800 },
      seed: {
        projects: [
          { name: "seed-project", dedicatedClusters: [...TARGETS.map((name) => ({ name })), ...REFUSAL_SOURCES.map((name) => ({ name, snapshots: 1 }))] },
          // The clone pattern: a cluster named like the source, in another project.
          { name: "seed-target-project", dedicatedClusters: [{ name: "prod-m10" }] },
        ],
      },
    });
    project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "cloud-backup"), { stack: "e2e" });
    await project.init();
    await project.setConfigs([
      ["mongodbatlas:publicKey", sim.publicKey, true],
      ["mongodbatlas:privateKey", sim.privateKey, true],
      ["mongodbatlas:baseUrl", sim.url],
    ]);
  });
  after(async () => {
    await sim?.stop();
    project?.remove();
  });

  it("automated, point in time (seconds and oplog) and download in one up: one POST each, COMPLETED; unchanged up writes nothing; refresh keeps; destroy forgets, cancels the download", async () => {
    const restores = {
      auto: automated("t-auto"),
      pit: automated("t-pit", { deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: nowS() - 7200 }),
      oplog: automated("t-oplog", { deliveryType: "pointInTime", snapshotId: undefined, oplogTs: nowS() - 3600, oplogInc: 3 }),
      dl: { ...base(), deliveryType: "download", snapshotId: sim.seed.defaultDedicatedSnapshotId },
    };
    const first = await up("up (4 dedicated restores)", restores);
    assert.equal(posts(), 4);
    assert.match(first.output, /CloudBackupRestore [0-9a-f]{24}: IN_PROGRESS → COMPLETED/);
    const outputs = (await project.outputs()) as { results: Record<string, { status: string; id: string }> };
    for (const name of Object.keys(restores)) assert.equal(outputs.results[name]!.status, "COMPLETED", name);
    const state = await project.stackExport();
    const [dl] = resourcesOfType(state, TYPE).filter((r) => r.urn.endsWith("::dl"));
    const stored = JSON.stringify(dl!.outputs?.deliveryUrls);
    assert.match(stored, /4dabf18193072939515e22adb298388d/, "deliveryUrls is a secret in state");
    assert.ok(!JSON.stringify(state).includes("restore.example.com"), "no download URL in plaintext anywhere in state");

    const writes = () => sim.requestLog.entries().filter((e) => e.method !== "GET" && e.status < 400).length;
    const writesBefore = writes();
    const again = await project.run(["up", "--yes", "--skip-preview", "--expect-no-changes"], { env: FAST_ENV });
    logSummary("up (unchanged)", again);
    await project.run(["refresh", "--yes", "--skip-preview"], { env: FAST_ENV });
    const refreshed = resourcesOfType(await project.stackExport(), TYPE);
    assert.equal(refreshed.length, 4);
    assert.ok(refreshed.every((r) => r.outputs?.status === "COMPLETED"));
    assert.equal(writes(), writesBefore, "unchanged up and refresh write nothing");

    const destroy = await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
    logSummary("destroy", destroy);
    assert.equal(sim.requestLog.entries({ method: "DELETE" }).filter((e) => e.status === 204).length, 1, "only the download is cancelled");
    assert.equal(sim.state.cloudBackupJobs.get(outputs.results.dl!.id)?.cancelled, true);
    assert.match(destroy.output, /removed from the stack only\. Atlas cannot undo a restore/);
    assert.match(destroy.output, /cancelled in Atlas/);
    assert.equal(posts(), 4);
  });

  it("a failed, a cancelled and an expired job each fail the update with the job id kept; the next up POSTs nothing", async () => {
    sim.failRestores({ targetDeploymentItemName: "t-fail" });
    const restores = {
      failed: automated("t-fail"),
      cancelled: automated("t-cancel"),
      expired: { ...base(), deliveryType: "download", snapshotId: sim.seed.projects[0]!.dedicatedClusters.find((c) => c.name === "prod-m10")!.snapshots[1]!.id },
    };
    const postsBefore = posts();
    await project.setConfig("restores", JSON.stringify(restores));
    // While `up` waits, Atlas cancels one job and lets the download's links expire before it is seen ready.
    const watching = setInterval(() => {
      const c = jobOnto("t-cancel");
      if (c && !c.cancelled) c.cancelled = true;
      for (const j of sim.state.cloudBackupJobs.values()) {
        if (j.deliveryType === "download" && j.snapshotId === restores.expired.snapshotId && j.createdAt > Date.now() - 60_000) j.expiresAt = 0;
      }
    }, 20);
    const run = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV, allowFailure: true }).finally(() => clearInterval(watching));
    logSummary("up (failed, cancelled, expired)", run);
    assert.notEqual(run.code, 0);
    assert.match(run.output, /FAILED after/);
    assert.match(run.output, /CANCELLED after/);
    assert.match(run.output, /EXPIRED after/);
    assert.equal(posts() - postsBefore, 3);
    const kept = resourcesOfType(await project.stackExport(), TYPE);
    assert.deepEqual(kept.map((r) => r.outputs?.status).sort(), ["CANCELLED", "EXPIRED", "FAILED"]);
    assert.ok(kept.every((r) => /^[0-9a-f]{24}$/.test(r.id ?? "")));
    const second = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV, allowFailure: true });
    logSummary("up (again)", second);
    assert.notEqual(second.code, 0);
    assert.match(second.output, /as recorded by an earlier run/);
    assert.equal(posts() - postsBefore, 3, "no second POST");
    await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
  });

  it("SIGKILL with the POST in flight, right after it and mid-wait: recovery ends with exactly one restore of each target", async () => {
    const isList = (e: { method: string; path: string; status: number }) => e.method === "GET" && /prod-m10\/backup\/restoreJobs$/.test(e.path) && e.status === 200;
    // When to kill, in ms from now (0: at once), or false: not yet. `since` = request log entries of this run.
    const moments: [string, string, (since: ReturnType<typeof sim.requestLog.entries>, target: string) => number | false][] = [
      ["with the POST in flight (Atlas processes it after the client died)", "t-kill-1", (since) => (since.some(isList) ? 300 : false)],
      ["right after the POST was answered", "t-kill-2", (since) => (since.some((e) => e.method === "POST" && e.status === 200) ? 0 : false)],
      ["mid-wait", "t-kill-3", (since) => (since.some((e) => e.method === "POST" && e.status === 200) ? 600 : false)],
    ];
    for (const [name, target, when] of moments) {
      if (target === "t-kill-1") sim.faults.add({ method: "POST", kind: "delay", ms: 1500 });
      await project.setConfig("restores", JSON.stringify({ k: automated(target) }));
      const logStart = sim.requestLog.count();
      let child: import("node:child_process").ChildProcess | undefined;
      let exited = false;
      const running = project
        .run(["up", "--yes", "--skip-preview"], { env: FAST_ENV, allowFailure: true, onOutput: (_c, c) => (child ??= c) })
        .finally(() => (exited = true));
      let killAt: number | undefined;
      let killed = false;
      while (!exited && !killed) {
        if (killAt === undefined) {
          const decision = when(sim.requestLog.entries().slice(logStart), target);
          if (decision !== false) killAt = Date.now() + decision;
        }
        if (killAt !== undefined && Date.now() >= killAt && child?.pid !== undefined) {
          killTree(child.pid);
          killed = true;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await running;
      assert.ok(killed, `${name}: the moment never came`);
      sim.faults.clear();
      for (let i = 0; i < 100 && jobsOnto(target).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(jobsOnto(target).length, 1, `${name}: Atlas has the killed run's job`);
      // Recovery as a pipeline runs it (see interruption.test.ts): drop the lock, clear a pending create, up.
      await project.run(["cancel", "--yes"], { allowFailure: true });
      await project.run(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"], { env: FAST_ENV, allowFailure: true });
      const recovered = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV });
      logSummary(`up (recovery after SIGKILL ${name})`, recovered);
      assert.equal(jobsOnto(target).length, 1, `${name}: exactly one restore job onto ${target}`);
      const [r] = resourcesOfType(await project.stackExport(), TYPE);
      assert.equal(r?.id, jobOnto(target)!.id);
      assert.equal(r?.outputs?.status, "COMPLETED");
    }
    await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
  });

  it("the seed-environment example with clusterType dedicated: newest snapshot → automated restore onto staging-m10, then no changes", async () => {
    const example = PulumiProject.create(path.join(REPO_ROOT, "examples", "seed-environment"), { stack: "e2e-dedicated" });
    try {
      await example.init();
      await example.setConfigs([
        ["mongodbatlas:publicKey", sim.publicKey, true],
        ["mongodbatlas:privateKey", sim.privateKey, true],
        ["mongodbatlas:baseUrl", sim.url],
        ["clusterType", "dedicated"],
        ["sourceProjectId", sim.seed.defaultProjectId],
        ["sourceClusterName", "prod-m10"],
        ["targetClusterName", "staging-m10"],
        ["maxSnapshotAgeHours", "48"],
        ["pollIntervalSeconds", "0.1"],
      ]);
      const before = posts();
      // Type-checked (no FAST_ENV): this is the program users copy.
      logSummary("up (seed-environment, dedicated)", await example.run(["up", "--yes", "--skip-preview"]));
      const outputs = await example.outputs();
      assert.equal(outputs.status, "COMPLETED");
      assert.equal(outputs.restoredSnapshotId, sim.seed.defaultDedicatedSnapshotId);
      assert.equal(outputs.target, `${sim.seed.defaultProjectId}/staging-m10`);
      assert.equal(posts() - before, 1);
      await example.run(["up", "--yes", "--skip-preview", "--expect-no-changes"], { env: FAST_ENV });
      assert.equal(posts() - before, 1);
      await example.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
    } finally {
      example.remove();
    }
  });

  it("Atlas's refusals in one `up --continue-on-error`: each names the cause and what to do after at most one POST, no job; nothing is recorded, so the next up asks once more", async () => {
    // What the code promises (src/restore/create-restore.ts): a 4xx answer to the POST is definite,
    // Atlas started nothing, so the POST is never re-sent within a run (no retry, no second try after
    // a look-up); a conflict (Atlas's 400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE, or a 409) is followed by one look-up (GET) for a job to adopt, never by a POST. create
    // fails without partial state, so the stack records no resource, and the next `pulumi up` asks
    // Atlas again: exactly one POST per resource again (the user may have fixed the cause meanwhile).
    // A Flex source is refused already by the adoption look-up (GET of its restore jobs): no POST.
    const snapshotOf = (source: string) => sim.seed.projects[0]!.dedicatedClusters.find((c) => c.name === source)?.snapshots[0]?.id;
    const over = (source: string, extra: Record<string, unknown>) => automated("staging-m10", { clusterName: source, snapshotId: snapshotOf(source), ...extra });
    const cases: Record<string, { args: Record<string, unknown>; source: string; posts: number; says: RegExp[] }> = {
      "unknown-snapshot": {
        args: over("r-snapshot", { snapshotId: "0123456789abcdef01234567" }),
        source: "r-snapshot",
        posts: 1,
        says: [/\(snapshot 0123456789abcdef01234567 of r-snapshot .*Atlas refused to start it \(POST .*→ 404/, /snapshot 0123456789abcdef01234567 is not a snapshot of r-snapshot: pick one with getLatestCloudBackupSnapshot or getCloudBackupSnapshots\. Nothing was started\.$/],
      },
      "outside-window": {
        args: over("r-window", { deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: nowS() - 30 * 86_400 }),
        source: "r-window",
        posts: 1,
        says: [/Atlas refused to start it \(POST .*→ 400/, /the point in time is outside r-window's continuous-backup window \(or continuous backup is off\): choose a moment inside the window Atlas shows for the cluster\. Nothing was started\.$/],
      },
      "unknown-target": {
        args: over("r-target", { targetClusterName: "nope-m10" }),
        source: "r-target",
        posts: 1,
        says: [/Atlas refused to start it \(POST .*→ 404/, /check targetClusterName nope-m10: Atlas knows no such dedicated cluster in the target project\. Nothing was started\.$/],
      },
      "busy-target": {
        args: over("r-busy", { targetClusterName: "qa-m10" }),
        source: "r-busy",
        posts: 1,
        says: [/→ qa-m10\): Atlas refused to start it \(POST .*→ (409|400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE)/, /another restore is in progress\. Wait until that job finishes, then run `pulumi up` again\.$/],
      },
      "flex-target": {
        args: over("r-flex", { targetClusterName: "staging-flex" }),
        source: "r-flex",
        posts: 1,
        says: [/Atlas refused to start it \(POST .*→ 400/, /targetClusterName staging-flex is a Flex cluster, which this API \(dedicated M10\+ clusters\) does not serve: choose a dedicated \(M10\+\) cluster as targetClusterName/],
      },
      "tenant-target": {
        args: over("r-tenant", { targetClusterName: "staging-m2" }),
        source: "r-tenant",
        posts: 1,
        says: [/Atlas refused to start it \(POST .*→ 400/, /targetClusterName staging-m2 is an M0\/M2\/M5 cluster, which has no Cloud Backup restore jobs: choose a dedicated \(M10\+\) cluster as targetClusterName/],
      },
      "flex-source": {
        args: over("prod-flex", { snapshotId: sim.seed.defaultDedicatedSnapshotId }),
        source: "prod-flex",
        posts: 0,
        says: [/Atlas refused to start it \(GET .*→ 400/, /clusterName prod-flex is a Flex cluster, which this API \(dedicated M10\+ clusters\) does not serve: restore it with FlexRestore/],
      },
    };
    // Authenticated POSTs only: the request log also holds the digest challenges (401, not processed).
    const postsFrom = (source: string) =>
      sim.requestLog.entries({ method: "POST", path: new RegExp(`/clusters/${source}/backup/restoreJobs$`) }).filter((e) => e.authenticated).length;
    const jobsBefore = sim.state.cloudBackupJobs.size;
    await project.setConfig("restores", JSON.stringify(Object.fromEntries(Object.entries(cases).map(([name, c]) => [name, c.args]))));
    for (const round of [1, 2]) {
      const run = await project.run(["up", "--yes", "--skip-preview", "--continue-on-error"], { env: FAST_ENV, allowFailure: true });
      logSummary(`up --continue-on-error (7 refusals, round ${round})`, run);
      assert.notEqual(run.code, 0);
      const errors = errorsByResource(run.output);
      for (const [name, c] of Object.entries(cases)) {
        const said = errors.get(name) ?? [];
        if (round === 1) console.log(`      ${name} → ${said.join(" | ")}`);
        assert.equal(said.length, 1, `${name}: one error message:\n${run.output}`);
        for (const re of c.says) assert.match(said[0]!, re, name);
        assert.doesNotMatch(said[0]!, new RegExp(`cluster ${c.source} in project \\S+ \\(or one of them\\) does not exist`), `${name}: the source is not said to be missing`);
        assert.equal(postsFrom(c.source), c.posts * round, `${name}: ${c.posts} POST in round ${round}, never a second within a run`);
      }
      assert.doesNotMatch(run.output, /\n\s+at .+:\d+:\d+\)?\n/, "no stack trace");
      assert.equal(sim.state.cloudBackupJobs.size, jobsBefore, "Atlas started no job");
      assert.deepEqual(resourcesOfType(await project.stackExport(), TYPE), [], "nothing recorded in the stack");
    }
  });

  it("target = source without allowOverwriteSource fails at preview, naming the field and the danger, with zero requests", async () => {
    await project.setConfig("restores", JSON.stringify({ overwrite: automated("prod-m10") }));
    const before = sim.requestLog.count();
    const run = await project.run(["preview"], { env: FAST_ENV, allowFailure: true });
    assert.notEqual(run.code, 0);
    assert.match(run.output, /targetClusterName is the source cluster prod-m10 itself: this restore would DELETE the data of prod-m10/);
    assert.match(run.output, /allowOverwriteSource: true/);
    assert.equal(sim.requestLog.count(), before, "no request to Atlas");
  });

  it("a targetProjectId unknown at preview with a target named like the source passes preview; create judges it against the real project", async () => {
    // Unknown at preview: the target project comes from another resource's id (test/fixtures/cloud-backup).
    const clone = (targetProjectIdFrom: string) => ({ clone: automated("prod-m10", { targetProjectIdFrom }) });
    await project.setConfig("restores", JSON.stringify(clone(sim.seed.defaultTargetProjectId)));
    const before = sim.requestLog.count();
    const preview = await project.run(["preview"], { env: FAST_ENV });
    logSummary("preview (clone into a project created in the same program)", preview);
    assert.doesNotMatch(preview.output, /would DELETE/);
    assert.equal(sim.requestLog.count(), before, "preview sent no request to Atlas");
    const postsBefore = sim.requestLog.entries({ method: "POST", path: /\/backup\/restoreJobs$/ }).filter((e) => e.authenticated).length;
    const up = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV });
    logSummary("up (clone into another project)", up);
    const outputs = (await project.outputs()) as { results: Record<string, { status: string }> };
    assert.equal(outputs.results.clone?.status, "COMPLETED");
    assert.equal(sim.requestLog.entries({ method: "POST", path: /\/backup\/restoreJobs$/ }).filter((e) => e.authenticated).length - postsBefore, 1);
    await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });

    // The same program whose project turns out to be the source's: preview passes, create refuses before any request, same message.
    await project.setConfig("restores", JSON.stringify(clone(sim.seed.defaultProjectId)));
    assert.equal((await project.run(["preview"], { env: FAST_ENV })).code, 0);
    const writesBefore = sim.requestLog.entries().filter((e) => e.method !== "GET").length;
    const refused = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV, allowFailure: true });
    assert.notEqual(refused.code, 0);
    assert.match(refused.output, /targetClusterName is the source cluster prod-m10 itself: this restore would DELETE the data of prod-m10/);
    assert.equal(sim.requestLog.entries().filter((e) => e.method !== "GET").length, writesBefore, "no write request to Atlas");
    await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
  });

  it("a finished identical job that Atlas lists without createdAt (v2's DiskBackupSnapshotRestoreJob) is adopted: 0 POSTs, with the adoption notice", async () => {
    await project.setConfig("restores", JSON.stringify({ again: automated("t-adopt") }));
    logSummary("up (first restore onto t-adopt)", await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV }));
    // A run killed after its POST looks like this afterwards: the job finished in Atlas, the stack does not have it.
    await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
    const client = new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url });
    const listed: Record<string, unknown>[] = [];
    for await (const job of client.iterateCloudBackupRestoreJobs({ projectId: sim.seed.defaultProjectId, clusterName: "prod-m10" })) listed.push(job);
    // Atlas's answer: no createdAt on any job (whatever the simulator renders).
    const results = listed.map(({ createdAt: _c, ...job }) => job);
    assert.ok(results.some((j) => j.targetClusterName === "t-adopt" && typeof j.finishedAt === "string"), "the finished job is listed");
    sim.faults.add({ method: "GET", path: /\/clusters\/prod-m10\/backup\/restoreJobs$/, kind: "status", status: 200, body: { results, totalCount: results.length, links: [] }, times: 10 });
    const postsBefore = posts();
    const run = await project.run(["up", "--yes", "--skip-preview"], { env: FAST_ENV });
    logSummary("up (identical finished job, listed without createdAt)", run);
    sim.faults.clear();
    assert.equal(posts() - postsBefore, 0, "no second restore");
    assert.match(run.output, /adopted the identical restore Atlas already ran \(COMPLETED, finished \S+; within the adoption window/);
    const [r] = resourcesOfType(await project.stackExport(), TYPE);
    assert.equal(r?.id, jobOnto("t-adopt")!.id);
    assert.equal(r?.outputs?.adopted, true);
    assert.equal(jobsOnto("t-adopt").length, 1);
    await project.run(["destroy", "--yes", "--skip-preview"], { env: FAST_ENV });
  });
});
