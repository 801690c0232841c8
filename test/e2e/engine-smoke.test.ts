import * as assert from "node:assert/strict";
import * as path from "node:path";
import { PulumiProject, REPO_ROOT, logSummary, pulumiBinDir, resourcesOfType } from "../helpers/pulumi-cli";

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

describe("the real Pulumi engine (smoke test)", function () {
  this.timeout(30 * 60_000); // a first run may build the CLI from Go modules
  let project: PulumiProject;

  before(function () {
    pulumiBinDir(); // fails with instructions when no CLI can be had; never skipped
    project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "engine-smoke"), { stack: "smoke" });
  });
  after(() => project?.remove());

  it("takes a dynamic resource through up, refresh, preview and destroy on a file backend", async function () {
    this.timeout(5 * 60_000);
    await project.init();
    await project.setConfig("name", "atlas");

    const up = await project.run(["up", "--yes", "--skip-preview"]);
    logSummary("up", up);
    let state = await project.stackExport();
    let [greeting] = resourcesOfType(state, DYNAMIC);
    assert.equal(greeting?.id, "greeting-atlas");
    assert.equal(greeting.outputs?.message, "hello, atlas");
    assert.equal(greeting.outputs?.refreshed, false);
    assert.ok(greeting.outputs?.__provider, "the serialized provider is stored in state");
    assert.deepEqual(await project.outputs(), { greetingId: "greeting-atlas", message: "hello, atlas" });

    const refresh = await project.run(["refresh", "--yes", "--skip-preview"]);
    logSummary("refresh", refresh);
    state = await project.stackExport();
    [greeting] = resourcesOfType(state, DYNAMIC);
    assert.equal(greeting.outputs?.refreshed, true, "read() ran during refresh");

    const preview = await project.run(["preview", "--expect-no-changes"]);
    logSummary("preview", preview);

    const destroy = await project.run(["destroy", "--yes", "--skip-preview"]);
    logSummary("destroy", destroy);
    state = await project.stackExport();
    assert.deepEqual(resourcesOfType(state, DYNAMIC), []);
    await project.run(["stack", "rm", "--yes"]);
  });
});
