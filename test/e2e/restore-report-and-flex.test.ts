import * as assert from "node:assert/strict";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType } from "../helpers/pulumi-cli";

const FLEX = "pulumi-nodejs:dynamic/pulumi-atlas-restore:FlexRestore";

describe("restore-report example and FlexRestore under the real Pulumi engine", function () {
  this.timeout(10 * 60_000);
  let sim: AtlasSimulator;
  const projects: PulumiProject[] = [];
  async function stack(example: string, config: Array<[string, string, boolean?]>): Promise<PulumiProject> {
    const project = PulumiProject.create(path.join(REPO_ROOT, "examples", example), { stack: "e2e" });
    projects.push(project);
    await project.init();
    await project.setConfig("mongodbatlas:publicKey", sim.publicKey, true);
    await project.setConfig("mongodbatlas:privateKey", sim.privateKey, true);
    await project.setConfig("mongodbatlas:baseUrl", sim.url);
    for (const [key, value, secret] of config) await project.setConfig(key, value, secret);
    return project;
  }

  before(async () => {
    pulumiBinDir();
    sim = await startAtlasSimulator({ lifecycle: { pendingMs: 150, queuedMs: 150, runningMs: 500 } });
  });
  after(async () => {
    await sim?.stop();
    projects.forEach((p) => p.remove());
  });

  it("8. the restore-report example's outputs match what the simulator holds (every cloud-backup page)", async () => {
    const projectId = sim.seed.defaultProjectId;
    const dedicated = sim.seed.defaultDedicatedCluster;
    sim.addCloudBackupRestoreJobs(projectId, dedicated, 1234); // more than two pages of 500
    const legacyRestoreJobId = sim.seed.legacyRestoreJobIds[0];
    const project = await stack("restore-report", [
      ["projectId", projectId],
      ["tenantClusterName", sim.seed.defaultSourceCluster],
      ["dedicatedClusterName", dedicated],
      ["legacyRestoreJobId", legacyRestoreJobId],
    ]);
    logSummary("up (restore-report)", await project.run(["up", "--yes", "--skip-preview"]));
    const outputs = (await project.outputs(true)) as Record<string, Record<string, unknown>>;

    const tenantJobs = [...(sim.state as unknown as { restoreJobs: Map<string, { projectId: string; clusterName: string; id: string }> }).restoreJobs.values()]
      .filter((j) => j.projectId === projectId && j.clusterName === sim.seed.defaultSourceCluster);
    assert.equal(outputs.tenantRestoreJobs.count, tenantJobs.length);
    assert.deepEqual([...(outputs.tenantRestoreJobs.ids as string[])].sort(), tenantJobs.map((j) => j.id).sort());

    const cloudJobs = [...(sim.state as unknown as { cloudBackupJobs: Map<string, { projectId: string; clusterName: string }> }).cloudBackupJobs.values()]
      .filter((j) => j.projectId === projectId && j.clusterName === dedicated);
    assert.ok(cloudJobs.length > 1000);
    assert.equal(outputs.cloudBackupRestoreJobs.count, cloudJobs.length);
    assert.equal(outputs.legacyRestoreJob.id, legacyRestoreJobId);
    assert.equal(sim.requestLog.count({ method: "POST" }), 0, "a report never writes");
    logSummary("destroy", await project.run(["destroy", "--yes", "--skip-preview"]));
  });

  it("FlexRestore: up restores a Flex snapshot and waits for COMPLETED; destroy forgets it", async () => {
    const projectId = sim.seed.defaultProjectId;
    const target = sim.seed.defaultFlexTargetCluster;
    const project = await stack("seed-environment", [
      ["clusterType", "flex"],
      ["sourceProjectId", projectId],
      ["sourceClusterName", sim.seed.defaultFlexSourceCluster],
      ["targetClusterName", target],
      ["pollIntervalSeconds", "0.1"],
    ]);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logSummary("up (FlexRestore)", up);
    assert.match(up.output, /FlexRestore [0-9a-f]{24}: RUNNING → COMPLETED/);
    assert.equal(sim.requestLog.count({ method: "POST", path: /\/flexClusters\/.*\/backup\/restoreJobs$/ }), 1);
    assert.ok(sim.requestLog.entries().every((e) => !e.path.includes("/api/atlas/v1.0/") || !e.path.includes("flexClusters")));
    assert.equal(sim.restoreHistory(projectId, target).length, 1);
    const [restore] = resourcesOfType(await project.stackExport(), FLEX);
    assert.equal(restore.outputs?.status, "COMPLETED");
    logSummary("up (FlexRestore, unchanged)", await project.run(["up", "--yes", "--skip-preview", "--expect-no-changes"]));
    const destroy = await project.run(["destroy", "--yes", "--skip-preview"]);
    logSummary("destroy (FlexRestore)", destroy);
    assert.match(destroy.output, /restored data stays in place/);
  });
});
