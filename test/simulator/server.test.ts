import assert from "node:assert/strict";
import { request } from "node:http";
import { ManualClock } from "../../src/util/clock";
import { startAtlasSimulator, seedObjectId } from "../../src/simulator";
import { describeSimulator, main, parseCliArgs } from "../../src/simulator/bin";
import { SimClient, paths } from "./sim-client";

describe("simulator server", () => {
  it("binds 127.0.0.1 on a kernel-picked port and uses the given keys", async () => {
    const sim = await startAtlasSimulator({ publicKey: "pubkey01", privateKey: "priv" });
    try {
      assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sim.publicKey, "pubkey01");
      assert.equal((await new SimClient(sim).get(paths(sim).tenantSnapshots)).status, 200);
    } finally {
      await sim.stop();
    }
  });

  it("stop() closes keep-alive and hanging sockets promptly and is idempotent", async () => {
    const sim = await startAtlasSimulator();
    const client = new SimClient(sim);
    await client.get(paths(sim).tenantSnapshots); // leaves a keep-alive connection open
    sim.faults.add({ kind: "hang" });
    const hanging = client.get(paths(sim).tenantSnapshots).then(() => "answered", () => "closed");
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await Promise.all([sim.stop(), sim.stop()]);
    assert.ok(Date.now() - started < 1000, "stop did not wait for keep-alive timeouts");
    assert.equal(await hanging, "closed");
    await sim.stop();
    await assert.rejects(new Promise((resolve, reject) => request(sim.url, resolve).on("error", reject).end()));
  });

  it("records each exchange in the request log with method, path, query, status, auth and clock time", async () => {
    const clock = new ManualClock(Date.parse("2026-05-01T10:00:00Z"));
    const sim = await startAtlasSimulator({ now: () => clock.now() });
    try {
      await new SimClient(sim).get(`${paths(sim).flexSnapshots}?itemsPerPage=2`);
      const [challenge, ok] = sim.requestLog.entries();
      assert.deepEqual(
        { ...ok, ms: 0 },
        {
          method: "GET", path: paths(sim).flexSnapshots, query: { itemsPerPage: "2" }, status: 200, ms: 0, authenticated: true,
          at: "2026-05-01T10:00:00.000Z", matched: true, route: "listFlexSnapshots",
        },
      );
      assert.equal(challenge!.status, 401);
      assert.equal(sim.requestLog.count({ method: "GET", path: /flexClusters/, authenticated: true }), 1);
      assert.equal(JSON.stringify(sim.requestLog.entries()).includes("Digest"), false, "no Authorization stored");
      sim.requestLog.clear();
      assert.equal(sim.requestLog.count(), 0);
    } finally {
      await sim.stop();
    }
  });
});

describe("simulator seed", () => {
  it("seeds deterministic ids, projects and clusters by default", async () => {
    const sim = await startAtlasSimulator();
    await sim.stop();
    const s = sim.seed;
    assert.equal(s.defaultProjectId, seedObjectId(1));
    assert.equal(s.defaultTargetProjectId, seedObjectId(2));
    assert.deepEqual([s.defaultSourceCluster, s.defaultTargetCluster, s.defaultFlexSourceCluster, s.defaultFlexTargetCluster, s.defaultDedicatedCluster], [
      "prod-m2", "staging-m2", "prod-flex", "staging-flex", "prod-m10",
    ]);
    assert.equal(s.projects[0]!.tenantClusters[0]!.snapshots.at(-1)!.id, s.defaultSnapshotId);
    assert.equal(s.cloudBackupRestoreJobIds.length, 6);
    assert.equal(s.legacyRestoreJobIds.length, 2);
    const again = await startAtlasSimulator();
    await again.stop();
    assert.deepEqual(
      again.seed.projects.map((p) => p.tenantClusters.map((c) => c.snapshots.map((x) => x.id))),
      s.projects.map((p) => p.tenantClusters.map((c) => c.snapshots.map((x) => x.id))),
    );
  });

  it("adds projects and clusters, or replaces the default seed", async () => {
    const sim = await startAtlasSimulator({
      seed: {
        projects: [
          { name: "seed-project", tenantClusters: [{ name: "extra-m2", snapshots: [{ id: "aaaaaaaaaaaaaaaaaaaaaaaa", finishTime: "2026-01-01T00:00:00Z" }] }] },
          { id: "bbbbbbbbbbbbbbbbbbbbbbbb", name: "mine", flexClusters: [{ name: "f1", snapshots: 2 }] },
        ],
      },
    });
    try {
      const client = new SimClient(sim);
      const snap = await client.get(`/api/atlas/v2/groups/${sim.seed.defaultProjectId}/clusters/extra-m2/backup/tenant/snapshots/aaaaaaaaaaaaaaaaaaaaaaaa`);
      assert.equal(snap.json.finishTime, "2026-01-01T00:00:00Z");
      const flex = await client.get("/api/atlas/v2/groups/bbbbbbbbbbbbbbbbbbbbbbbb/flexClusters/f1/backup/snapshots");
      assert.equal(flex.json.totalCount, 2);
      assert.throws(() => sim.addCloudBackupRestoreJobs("cccccccccccccccccccccccc", "x", 1), /no project/);
      assert.throws(() => sim.addCloudBackupRestoreJobs(sim.seed.defaultProjectId, "prod-m2", 1), /tenant/);
      sim.addCloudBackupRestoreJobs(sim.seed.defaultProjectId, "new-m10", 3);
      const jobs = await client.get(`/api/atlas/v2/groups/${sim.seed.defaultProjectId}/clusters/new-m10/backup/restoreJobs`);
      assert.equal(jobs.json.totalCount, 3);
    } finally {
      await sim.stop();
    }
    const empty = await startAtlasSimulator({ seed: { replaceDefault: true, projects: [{ name: "only", tenantClusters: [{ name: "a", snapshots: 1 }, { name: "b" }] }] } });
    await empty.stop();
    assert.equal(empty.seed.projects.length, 1);
    assert.equal(empty.seed.defaultSourceCluster, "a");
    assert.equal(empty.seed.defaultTargetCluster, "b");
    assert.equal(empty.seed.defaultFlexSourceCluster, "");
  });
});

describe("atlas-sim CLI", () => {
  it("parses its flags", () => {
    const args = parseCliArgs(["--port", "8080", "--public-key", "k", "--private-key", "p", "--pending-ms", "1", "--queued-ms", "2", "--running-ms", "3", "--rate-limit", "100", "--json"]);
    assert.deepEqual(args, {
      options: { port: 8080, publicKey: "k", privateKey: "p", lifecycle: { pendingMs: 1, queuedMs: 2, runningMs: 3 }, rateLimit: { requestsPerMinute: 100 } },
      json: true,
      help: false,
    });
    assert.throws(() => parseCliArgs(["--port", "x"]), /--port needs a whole number/);
    assert.throws(() => parseCliArgs(["--nope"]), /unknown option --nope/);
  });

  it("starts, prints url, keys and seed as one JSON line, and stops", async () => {
    const lines: string[] = [];
    const sim = await main(["--json", "--private-key", "pk"], (l) => lines.push(l), false);
    try {
      assert.equal(lines.length, 1);
      const printed = JSON.parse(lines[0]!);
      assert.equal(printed.url, sim!.url);
      assert.equal(printed.privateKey, "pk");
      assert.equal(printed.seed.defaultProjectId, seedObjectId(1));
      assert.match(describeSimulator(sim!, false), /listening on http:\/\/127\.0\.0\.1/);
    } finally {
      await sim!.stop();
    }
  });
});
