import * as assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { getTenantRestoreJob } from "../../src/pulumi/lookups";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType } from "../helpers/pulumi-cli";
import { processTree } from "../helpers/process-tree";

// One stack with 50 TenantRestores (10 target clusters × 5 snapshots, each target's restores
// chained with dependsOn) under the real Pulumi CLI, against a simulator that rate-limits the
// project to 100 requests a minute, while the test process runs 20 concurrent lookups against
// the same project. Prints the request count, the 429s sent, the wall time and the provider's peak RSS.
const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:TenantRestore";
const PROJECT = "load-project";
const SOURCE = "load-src";
const TARGETS = Array.from({ length: 10 }, (_, i) => `load-t${String(i).padStart(2, "0")}`);
const RESTORES_PER_TARGET = 5;
const RATE_LIMIT = { requestsPerMinute: 100, burst: 100 };
const LOOKUPS = 20;


/** Resident set size (kB) of every dynamic provider process under `root`. */
function providerRss(root: number): Map<number, number> {
  const rss = new Map<number, number>();
  for (const pid of processTree(root)) {
    try {
      // node …/@pulumi/pulumi/cmd/dynamic-provider/index.js (not the wrapper's `node -e "require.resolve(…)"`)
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!argv.some((arg) => /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(arg))) continue;
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (kb) rss.set(pid, Number(kb[1]));
    } catch {
      // exited meanwhile
    }
  }
  return rss;
}

describe("load: 50 TenantRestores across 10 targets under a 100 requests/min rate limit (real Pulumi engine)", function () {
  this.timeout(10 * 60_000);
  let sim: AtlasSimulator;
  let project: PulumiProject;
  let projectId: string;
  let snapshots: string[];

  before(async function () {
    pulumiBinDir();
    sim = await startAtlasSimulator({
      lifecycle: { pendingMs: 500, queuedMs: 500, runningMs: 1000 },
      rateLimit: RATE_LIMIT,
      seed: {
        projects: [
          { name: PROJECT, tenantClusters: [{ name: SOURCE, snapshots: RESTORES_PER_TARGET }, ...TARGETS.map((name) => ({ name }))] },
        ],
      },
    });
    const seeded = sim.seed.projects.find((p) => p.name === PROJECT)!;
    projectId = seeded.id;
    snapshots = seeded.tenantClusters.find((c) => c.name === SOURCE)!.snapshots.map((s) => s.id);
    assert.equal(snapshots.length, RESTORES_PER_TARGET);
    project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "load"), { stack: "load" });
    await project.init();
    await project.setConfigs([
      ["mongodbatlas:publicKey", sim.publicKey, true],
      ["mongodbatlas:privateKey", sim.privateKey, true],
      ["mongodbatlas:baseUrl", sim.url, false],
      ["projectId", projectId, false],
      ["sourceCluster", SOURCE, false],
      ["targetClusters", JSON.stringify(TARGETS), false],
      ["snapshotIds", JSON.stringify(snapshots), false],
      ["pollIntervalSeconds", "1", false],
    ]);
  });
  after(async () => {
    await sim?.stop();
    project?.remove();
  });

  it("all 50 complete with exit 0 and no 429 reaching the user; 20 concurrent lookups meanwhile all succeed", async () => {
    const jobsOnSource = () => [...sim.state.restoreJobs.values()].filter((j) => j.projectId === projectId && j.clusterName === SOURCE && j.deliveryType === "RESTORE");
    const logBefore = sim.requestLog.count();
    const started = Date.now();
    let cli: ChildProcess | undefined;
    let peakRssKb = 0;
    const providerPids = new Set<number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        if (cli?.pid !== undefined) {
          for (const [pid, kb] of providerRss(cli.pid)) {
            providerPids.add(pid);
            peakRssKb = Math.max(peakRssKb, kb);
          }
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    // Twenty lookups from this process, all at once, mid-run: once twenty jobs exist and the project's
    // bucket is drained (the simulator has started answering 429), so they compete with the provider.
    const lookups = (async () => {
      const drained = () => sim.requestLog.entries().slice(logBefore).some((e) => e.status === 429);
      while (jobsOnSource().length < LOOKUPS || !drained()) await new Promise((r) => setTimeout(r, 50));
      const ids = jobsOnSource().slice(0, LOOKUPS).map((j) => j.id);
      let retries = 0;
      const clientOptions = { publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, onRetry: () => void retries++ };
      const t = Date.now();
      const jobs = await Promise.all(ids.map((restoreJobId) => getTenantRestoreJob({ projectId, clusterName: SOURCE, restoreJobId }, { clientOptions })));
      return { ids, jobs, retries, ms: Date.now() - t, startedAfterMs: t - started };
    })();

    const up = await project.run(["up", "--yes", "--skip-preview"], {
      allowFailure: true,
      timeoutMs: 8 * 60_000,
      onOutput: (_chunk, child) => (cli ??= child),
    });
    const wallMs = Date.now() - started;
    sampling = false;
    await sampler;
    logSummary("up (50 restores)", up);

    const log = sim.requestLog.entries().slice(logBefore);
    const count = (pred: (e: (typeof log)[number]) => boolean) => log.filter(pred).length;
    const tooMany = count((e) => e.status === 429);
    const lookup = await lookups;
    console.log(
      `    load: ${log.length} requests in ${(wallMs / 1000).toFixed(1)} s ` +
        `(${count((e) => e.status === 401)} digest challenges, ${count((e) => e.method === "POST" && e.status === 200)} POSTs, ` +
        `${count((e) => e.method === "GET" && /\/restores$/.test(e.path) && e.status === 200)} list look-ups, ` +
        `${count((e) => e.method === "GET" && /\/restores\/[0-9a-f]{24}$/.test(e.path) && e.status === 200)} job GETs); ` +
        `429s sent by the simulator: ${tooMany}; 409s: ${count((e) => e.status === 409)}`,
    );
    console.log(`    load: peak RSS of the dynamic provider: ${(peakRssKb / 1024).toFixed(1)} MiB (${providerPids.size} provider process(es) seen)`);
    console.log(
      `    load: ${LOOKUPS} concurrent getTenantRestoreJob lookups, started ${(lookup.startedAfterMs / 1000).toFixed(1)} s into the run ` +
        `with the bucket drained: all answered in ${(lookup.ms / 1000).toFixed(1)} s after ${lookup.retries} retries (429 → Retry-After)`,
    );

    assert.equal(up.code, 0, up.output);
    assert.doesNotMatch(up.output, /\b429\b|rate limit|Too Many Requests/i, "no 429 reached the user");
    assert.ok(tooMany > 0, "the rate limit was actually hit (the run is a real test of the retries)");
    assert.equal(count((e) => e.status === 409), 0, "the dependsOn chains never start a second restore onto a busy target");

    const restores = resourcesOfType(await project.stackExport(), TYPE);
    assert.equal(restores.length, TARGETS.length * RESTORES_PER_TARGET);
    assert.ok(restores.every((r) => r.outputs?.status === "COMPLETED"));
    assert.equal(new Set(restores.map((r) => r.id)).size, restores.length, "50 distinct restore jobs");
    assert.equal(jobsOnSource().length, restores.length, "exactly one job per resource: no duplicate POST");
    for (const target of TARGETS) {
      const history = sim.restoreHistory(projectId, target);
      assert.deepEqual(history.map((h) => h.snapshotId), snapshots, `${target} received each snapshot once, in the declared order`);
    }
    assert.deepEqual(await project.outputs(), { restoreCount: 50, completed: 50 });

    assert.equal(lookup.jobs.length, LOOKUPS);
    assert.deepEqual(lookup.jobs.map((j) => j.id), lookup.ids, "every lookup answered with its job");
    assert.ok(lookup.retries > 0, "the lookups met the rate limit too");
    assert.ok(peakRssKb > 0, "the dynamic provider process was sampled");
  });
});
