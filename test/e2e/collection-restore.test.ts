import * as assert from "node:assert/strict";
import * as path from "node:path";
import { AtlasClient } from "../../src/atlas/client";
import { targetNamespace } from "../../src/restore/collection-identity";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { catalogKey } from "../../src/simulator/collection-restore-state";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType } from "../helpers/pulumi-cli";

const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:CollectionRestore";

/**
 * CollectionRestore under the real Pulumi engine against one simulator (test/fixtures/collection-restore:
 * every resource comes from the stack config `restores`, so one run covers several cases).
 */
describe("CollectionRestore under the real Pulumi engine", function () {
  this.timeout(15 * 60_000);
  let sim: AtlasSimulator;
  const projects: PulumiProject[] = [];
  let projectId: string;
  let snapshotId: string;
  const source = "prod-m10";

  async function stack(name: string, restores: Record<string, unknown>): Promise<PulumiProject> {
    const project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "collection-restore"), { stack: name });
    projects.push(project);
    await project.init();
    await project.setConfigs([
      ["mongodbatlas:publicKey", sim.publicKey, true],
      ["mongodbatlas:privateKey", sim.privateKey, true],
      ["mongodbatlas:baseUrl", sim.url],
      ["restores", JSON.stringify(restores)],
    ]);
    return project;
  }

  before(async () => {
    pulumiBinDir();
    sim = await startAtlasSimulator();
    // 60,000 documents at 20,000 docs/s: about 3 s of copying, a few progress lines at 0.2 s polls.
    sim.state.collectionRestore.pace = { initializingMs: 300, docsPerSecond: 20_000, finalizingMs: 300 };
    projectId = sim.seed.defaultProjectId;
    snapshotId = sim.seed.defaultDedicatedSnapshotId;
  });
  after(async () => {
    await sim?.stop();
    projects.forEach((p) => p.remove());
  });

  const base = () => ({ projectId, clusterName: source, snapshotId, targetClusterName: "staging-m10", pollIntervalSeconds: 0.2 });

  it("restores two collections with a suffix (progress lines), fails a job with one failed collection naming it, then an unchanged up writes nothing", async () => {
    sim.state.collectionRestore.failRules.push({ sourceNamespace: "sales.invoices", message: "simulated disk full on the target", remaining: 1 });
    const restores = {
      seed: { ...base(), collections: ["sales.orders", "sales.customers"], collectionSuffix: "_seed" },
      broken: { ...base(), collections: ["reference.countries", "sales.invoices"], dependsOn: "seed" },
    };
    const project = await stack("e2e", restores);
    const up = await project.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
    logSummary("up (two restores, one failing)", up);
    assert.notEqual(up.code, 0, "the failed collection fails the update");
    const progress = up.output.match(/CollectionRestore [0-9a-f]{24}: [\d.]+ k? ?\/ 60 k documents \(\d+ %\), [\d.]+ k? ?docs\/s[^\n]*/g) ?? [];
    console.log(`      progress lines: ${progress.length}\n        ${progress.slice(0, 4).join("\n        ")}`);
    assert.ok(progress.length >= 2, "progress lines with percent and rate");
    assert.match(up.output, /about \d+ s left/);
    assert.match(up.output, /CollectionRestore job [0-9a-f]{24}[^\n]* FAILED[^\n]*sales\.invoices/);
    assert.match(up.output, /simulated disk full on the target/);

    const state = await project.stackExport();
    const byName = Object.fromEntries(resourcesOfType(state, TYPE).map((r) => [r.urn.split("::").at(-1), r]));
    assert.equal(byName.seed?.outputs?.state, "SUCCESSFUL");
    assert.equal(byName.seed?.outputs?.restoredDocuments, 60_000);
    assert.equal(byName.broken?.outputs?.state, "FAILED", "partial state keeps the failed job");
    assert.ok(byName.broken?.id);
    const target = sim.state.collectionRestore.catalogs.get(catalogKey(projectId, "staging-m10"))!;
    assert.equal(target.namespaces.get("sales")?.get("orders_seed"), 48_000);
    assert.equal(target.namespaces.get("sales")?.get("customers_seed"), 12_000);
    assert.equal(sim.requestLog.count({ method: "POST" }), 2);

    // The failed restore leaves the program; the other one is unchanged: no POST, no request at all for it.
    await project.setConfig("restores", JSON.stringify({ seed: restores.seed }));
    const before = sim.requestLog.entries().length;
    const again = await project.run(["up", "--yes", "--skip-preview"]);
    logSummary("up (failed one removed)", again);
    assert.match(again.output, /2 unchanged/);
    assert.equal(sim.requestLog.count({ method: "POST" }), 2, "no second restore");
    const noop = await project.run(["up", "--yes", "--skip-preview", "--expect-no-changes"]);
    logSummary("up (unchanged)", noop);
    assert.equal(sim.requestLog.entries().length, before, "an unchanged up sends nothing to Atlas");
    logSummary("destroy", await project.run(["destroy", "--yes", "--skip-preview"]));
  });

  it("adopts an Atlas-shaped running job (0 POSTs); reordered collections and written-out defaults plan nothing; a collection NOT_FOUND after SUCCESSFUL fails the update keeping the job id", async () => {
    const client = new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, apiVersion: "v2" });
    const collectionPosts = () => sim.requestLog.entries({ method: "POST", path: /\/collectionRestoreJobs$/ }).filter((e) => e.authenticated).length;
    const inputs = { ...base(), collections: ["sales.orders", "sales.customers"] };
    // A job an earlier, killed run started: still running when `up` looks (a slow start for this job only).
    const pace = sim.state.collectionRestore.pace;
    sim.state.collectionRestore.pace = { ...pace, initializingMs: 12_000 };
    const running = await client.createCollectionRestoreJob({
      projectId, clusterName: source, snapshotId, targetGroupId: projectId, targetClusterName: "staging-m10",
      collections: inputs.collections.map((sourceNamespace) => ({ sourceNamespace })), indexStrategy: "ALL", writeStrategy: "CREATE_NEW",
    });
    sim.state.collectionRestore.pace = pace;
    // Listed the way Atlas answers (2025-03-12 examples): targetNamespace filled in, "" suffixes, [] for the other scope.
    const atlasShaped = (await client.listAllCollectionRestoreJobs({ projectId, clusterName: source })).map((j) => ({
      ...j, collectionSuffix: j.collectionSuffix ?? "", databaseSuffix: j.databaseSuffix ?? "", databases: j.databases ?? [],
      collections: (j.collections ?? []).map((n) => ({ ...n, targetNamespace: n.targetNamespace || targetNamespace(n.sourceNamespace, j.databaseSuffix ?? "", j.collectionSuffix ?? "", "collections") })),
    }));
    assert.equal(atlasShaped.find((j) => j.id === running.id)?.state, "INITIALIZING");
    sim.faults.add({ method: "GET", path: /\/clusters\/prod-m10\/collectionRestoreJobs$/, kind: "status", status: 200, body: { results: atlasShaped, totalCount: atlasShaped.length, links: [] }, times: 3 });
    const project = await stack("atlas-shaped", { adopt: inputs });
    const postsBefore = collectionPosts();
    const up = await project.run(["up", "--yes", "--skip-preview"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    logSummary("up (identical job running in Atlas)", up);
    sim.faults.clear();
    assert.equal(collectionPosts() - postsBefore, 0, "the running job is adopted, not started again");
    assert.match(up.output, /\(adopted an existing job\)/);
    const adopted = resourcesOfType(await project.stackExport(), TYPE)[0]!;
    assert.equal(adopted.id, running.id);
    assert.equal(adopted.outputs?.state, "SUCCESSFUL");

    // Reordered collections and defaults written out: no replacement, nothing sent.
    await project.setConfig("restores", JSON.stringify({ adopt: { ...inputs, collections: [...inputs.collections].reverse(), indexStrategy: "ALL", writeStrategy: "CREATE_NEW", targetProjectId: projectId } }));
    const writesBefore = sim.requestLog.entries().filter((e) => e.method !== "GET").length;
    const preview = await project.run(["preview", "--expect-no-changes"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    assert.doesNotMatch(preview.output, /replace/);
    const same = await project.run(["up", "--yes", "--skip-preview", "--expect-no-changes"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    logSummary("up (reordered, defaults written out)", same);
    assert.equal(sim.requestLog.entries().filter((e) => e.method !== "GET").length, writesBefore, "no POST (no request that writes)");

    // Atlas ends a job SUCCESSFUL with one collection NOT_FOUND (its per-collection states say so).
    const notFound = { results: [{ sourceNamespace: "reference.countries", targetNamespace: "reference.countries", state: "NOT_FOUND", restoredDocuments: 0, totalDocuments: 0 }], totalCount: 1, links: [] };
    sim.faults.add({ method: "GET", path: /\/collectionRestoreJobs\/[0-9a-f]{24}\/collections$/, kind: "status", status: 200, body: notFound, times: 50 });
    await project.setConfig("restores", JSON.stringify({ adopt: inputs, missing: { ...base(), collections: ["reference.countries"], dependsOn: "adopt" } }));
    const failed = await project.run(["up", "--yes", "--skip-preview"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, allowFailure: true });
    logSummary("up (a collection NOT_FOUND after SUCCESSFUL)", failed);
    sim.faults.clear();
    assert.notEqual(failed.code, 0, "the update fails");
    assert.match(failed.output, /CollectionRestore job [0-9a-f]{24}[^\n]* INCOMPLETE/);
    assert.match(failed.output, /these collections were not restored \(Atlas's state in brackets\): reference\.countries \(NOT_FOUND\)/);
    const missing = resourcesOfType(await project.stackExport(), TYPE).find((r) => r.urn.endsWith("::missing"));
    assert.match(missing?.id ?? "", /^[0-9a-f]{24}$/, "the job id is kept in state");
    assert.deepEqual(missing?.outputs?.failedCollections, ["reference.countries (NOT_FOUND)"]);
    const postsAfterFailure = collectionPosts();
    const again = await project.run(["up", "--yes", "--skip-preview"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, allowFailure: true });
    assert.notEqual(again.code, 0);
    assert.match(again.output, /INCOMPLETE \(as recorded by an earlier run\)/);
    assert.equal(collectionPosts(), postsAfterFailure, "no second restore");
    await project.run(["destroy", "--yes", "--skip-preview"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
  });

  it("rejects bad inputs at preview, naming field and rule, with zero requests (three previews cover six cases)", async () => {
    // The engine stops a preview at the first resource whose check fails, but reports every failure
    // of that resource: each run gets one resource with several bad inputs that can be told apart.
    const runs: Array<{ inputs: Record<string, unknown>; expect: RegExp[] }> = [
      {
        inputs: { ...base(), databases: ["sales"], collections: ["sales.orders"], writeStrategy: "OVERWRITE_EXISTING", pointInTimeUtcSeconds: 1_700_000_000 },
        expect: [
          /property collections .*has a problem: collections cannot be given together with databases/,
          /property allowOverwrite .*has a problem: allowOverwrite must be true when writeStrategy is OVERWRITE_EXISTING: Atlas drops/,
          /property snapshotId .*has a problem: snapshotId name exactly one of snapshotId, pointInTimeUtcSeconds, or oplogTs with oplogInc/,
        ],
      },
      {
        inputs: { ...base(), collections: Array.from({ length: 101 }, (_, i) => `sales.c${i}`), databases: ["sales.orders"] },
        expect: [
          /property collections .*has a problem: collections must list at most 100 items \(Atlas's limit per restore job\)/,
          /property databases\.0 .*has a problem: databases\.0 must be a database name/,
        ],
      },
      { inputs: { ...base() }, expect: [/property collections .*has a problem: collections is required \(or databases\)/] },
    ];
    const project = await stack("bad", { bad: runs[0]!.inputs });
    const before = sim.requestLog.entries().length;
    for (const run of runs) {
      await project.setConfig("restores", JSON.stringify({ bad: run.inputs }));
      const preview = await project.run(["preview"], { allowFailure: true, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
      assert.notEqual(preview.code, 0);
      const errors = [...new Set(preview.output.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("error:") && l.includes("'bad'")))];
      for (const rule of run.expect) {
        const line = errors.find((l) => rule.test(l));
        assert.ok(line, `no error line matching ${rule} in:\n${errors.join("\n")}`);
        console.log(`      ${line!.replace(/^.*has a problem: /, "").slice(0, 150)}`);
      }
      assert.equal(errors.length, run.expect.length, errors.join("\n"));
    }
    assert.equal(sim.requestLog.entries().length, before, "preview sent no request to Atlas");
  });
});
