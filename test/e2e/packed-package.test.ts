import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { installedVersion, installOffline, installProgram, packPackage, packReleaseAt } from "../helpers/packed-package";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType } from "../helpers/pulumi-cli";

// The package as users get it: `npm pack` (prepack builds dist/), the tarball installed with
// @pulumi/pulumi into programs OUTSIDE the repository, under the real Pulumi engine and simulator.
const TYPE = "pulumi-nodejs:dynamic/pulumi-atlas-restore:TenantRestore";
const RUNTIME_BY_NAME = "pulumi-atlas-restore/dist/pulumi/provider-runtime";
/** The previous release: main before this package got an `exports` map. */
const PREVIOUS_RELEASE = "756cc11";

describe("the packed package in programs outside the repository (real Pulumi engine)", function () {
  this.timeout(30 * 60_000);
  let sim: AtlasSimulator;
  let root: string;
  let tarball: string;
  let snapshots: string[];
  const pulumiSdk = () => `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`;
  const tsDeps = () => [`typescript@${installedVersion("typescript")}`, `ts-node@${installedVersion("ts-node")}`];
  const timed = (label: string, ms: number, extra = "") => console.log(`    [${label}: ${(ms / 1000).toFixed(1)} s${extra}]`);

  before(async function () {
    pulumiBinDir();
    sim = await startAtlasSimulator({ lifecycle: { pendingMs: 100, queuedMs: 100, runningMs: 200 } });
    const source = sim.seed.projects.find((p) => p.id === sim.seed.defaultProjectId)!.tenantClusters.find((c) => c.name === sim.seed.defaultSourceCluster)!;
    snapshots = source.snapshots.map((s) => s.id);
    root = mkdtempSync(path.join(realpathSync(tmpdir()), "pulumi-atlas-restore-packed-"));
    assert.ok(path.relative(REPO_ROOT, root).startsWith(".."), "the programs live outside the repository");
    const started = Date.now();
    tarball = packPackage(REPO_ROOT, path.join(root, "tarballs"));
    timed("npm pack (prepack builds dist/)", Date.now() - started);
  });
  after(async () => {
    await sim?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** A stack for the program in `dir`; its state lives beside, so the program can move. */
  async function stackFor(dir: string, name: string, snapshotId: string): Promise<PulumiProject> {
    const project = PulumiProject.at(dir, { stack: "packed", stateDir: path.join(root, "state", name) });
    await project.init();
    const settings = {
      "mongodbatlas:baseUrl": sim.url, projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster,
      snapshotId, target: sim.seed.defaultTargetCluster,
    };
    await project.run(["config", "set-all", "--secret", `mongodbatlas:publicKey=${sim.publicKey}`, "--secret", `mongodbatlas:privateKey=${sim.privateKey}`,
      ...Object.entries(settings).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
    return project;
  }

  async function upCompleted(project: PulumiProject, format: string): Promise<string> {
    const posts = sim.requestLog.count({ method: "POST" });
    logSummary("up", await project.run(["up", "--yes", "--skip-preview"]));
    const outputs = await project.outputs();
    assert.equal(outputs.status, "COMPLETED");
    assert.equal(outputs.moduleFormat, format);
    assert.equal(sim.requestLog.count({ method: "POST" }), posts + 1, "one restore started");
    const [restore] = resourcesOfType(await project.stackExport(), TYPE);
    assert.equal(restore?.id, outputs.restoreJobId);
    const stub = JSON.stringify(restore.outputs?.__provider);
    assert.ok(stub.includes(RUNTIME_BY_NAME), "the stored provider loads the runtime by package name");
    assert.ok(!stub.includes(project.dir) && !stub.includes(REPO_ROOT), "no absolute path in the stored provider");
    return String(outputs.restoreJobId);
  }

  async function refreshAndDestroy(project: PulumiProject, restoreJobId: string): Promise<void> {
    logSummary("refresh", await project.run(["refresh", "--yes", "--skip-preview"]));
    const [restore] = resourcesOfType(await project.stackExport(), TYPE);
    assert.equal(restore?.id, restoreJobId);
    assert.equal(restore.outputs?.status, "COMPLETED");
    const destroy = await project.run(["destroy", "--yes", "--skip-preview"]);
    logSummary("destroy", destroy);
    assert.match(destroy.output, new RegExp(`TenantRestore ${restoreJobId}: removed from the stack only`));
    assert.deepEqual(resourcesOfType(await project.stackExport(), TYPE), []);
  }

  it("the tarball holds the built dist/ (with types), README and package.json, and no sources or tests", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const f of ["package/package.json", "package/README.md", "package/dist/index.js", "package/dist/index.d.ts", "package/dist/pulumi/provider-runtime.js", "package/dist/simulator/bin.js"]) {
      assert.ok(files.includes(f), f);
    }
    assert.deepEqual(files.filter((f) => !/^package\/(dist\/|README\.md$|package\.json$)/.test(f)), []);
  });

  const programs = [
    { fixture: "packed-cjs", format: "commonjs", label: "a CommonJS TypeScript program", snapshot: 0 },
    { fixture: "packed-esm", format: "esm", label: 'an ESM JavaScript program ("type": "module", named imports)', snapshot: 1 },
  ];
  for (const p of programs) {
    it(`${p.label}: up, then moved to another directory, preview (no changes), refresh and destroy`, async () => {
      const dir = path.join(root, "checkout-a", p.fixture);
      mkdirSync(path.dirname(dir), { recursive: true });
      const install = installProgram(p.fixture, dir, [tarball, pulumiSdk(), ...(p.format === "commonjs" ? tsDeps() : [])]);
      timed(`npm install ${install.mode}`, install.ms);
      const restoreJobId = await upCompleted(await stackFor(dir, p.fixture, snapshots[p.snapshot]!), p.format);

      const moved = path.join(root, "checkout-b", "elsewhere", p.fixture);
      mkdirSync(path.dirname(moved), { recursive: true });
      renameSync(dir, moved);
      const project = PulumiProject.at(moved, { stack: "packed", stateDir: path.join(root, "state", p.fixture) });
      await project.run(["stack", "select", "packed"]); // a new checkout path has no selected stack, as on CI
      logSummary("preview (moved)", await project.run(["preview", "--expect-no-changes"]));
      await refreshAndDestroy(project, restoreJobId);
    });
  }

  it(`a stack created with the previous release (${PREVIOUS_RELEASE}) refreshes and destroys after upgrading to this package`, async () => {
    let started = Date.now();
    const previous = packReleaseAt(PREVIOUS_RELEASE, path.join(root, "previous"));
    timed(`build and pack ${PREVIOUS_RELEASE}`, Date.now() - started);
    const dir = path.join(root, "upgrade", "program");
    mkdirSync(path.dirname(dir), { recursive: true });
    installProgram("packed-cjs", dir, [previous, pulumiSdk(), ...tsDeps()]);
    const installed = path.join(dir, "node_modules", "pulumi-atlas-restore");
    assert.ok(!existsSync(path.join(installed, "dist", "util", "node-support.js")), "the previous release is installed");
    const project = await stackFor(dir, "upgrade", snapshots[2]!);
    const restoreJobId = await upCompleted(project, "commonjs");

    started = Date.now();
    installOffline(dir, [tarball]);
    timed("upgrade (npm install of the new tarball)", Date.now() - started);
    assert.ok(existsSync(path.join(installed, "dist", "util", "node-support.js")), "this package is installed now");
    // refresh and destroy run the provider stub stored by the previous release: it must still find the runtime.
    await refreshAndDestroy(project, restoreJobId);
  });
});
