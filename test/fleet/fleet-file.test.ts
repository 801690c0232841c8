import * as assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../src/fleet/bin";
import { FleetFileError } from "../../src/fleet/fleet-file-error";
import { loadFleetFile, parseFleetFile } from "../../src/fleet/load-fleet-file";

const P1 = "65a1f0c0e4b0a1b200000001";
const P2 = "65a1f0c0e4b0a1b200000002";
const GOOD = `project: fleet-test
source:
  kind: tenant
  projectId: "${P1}"
  clusterName: prod-m2
snapshot: latest
environments:
  - stack: staging
    targetDeploymentItemName: staging-m2
  - stack: pr-1
    targetProjectId: "${P2}"
    targetDeploymentItemName: qa-m5
    wait: { pollIntervalSeconds: 5 }
`;
const NOW = Date.parse("2026-12-02T07:00:00Z");

function problemsOf(text: string, file = "fleet.yaml") {
  try {
    parseFleetFile(text, file, NOW);
  } catch (error) {
    assert.ok(error instanceof FleetFileError, String(error));
    return error;
  }
  assert.fail("the fleet file was accepted");
}

// "What must hold": bad fleet files (≥ 10 kinds) → one clear error each, naming line and field; no stack touched.
const BAD: Array<{ name: string; text: string; line: number | undefined; field: string; reason: RegExp }> = [
  { name: "unknown kind", text: GOOD.replace("kind: tenant", "kind: serverless"), line: 3, field: "source.kind", reason: /must be one of tenant, flex, dedicated/ },
  { name: "missing target", text: GOOD.replace("    targetDeploymentItemName: staging-m2\n", ""), line: 8, field: "environments[0].targetDeploymentItemName", reason: /is required for kind tenant/ },
  { name: "duplicate stack names", text: GOOD.replace("stack: pr-1", "stack: staging"), line: 10, field: "environments[1].stack", reason: /already used by environments\[0\]/ },
  { name: "bad project id", text: GOOD.replace(`projectId: "${P1}"`, 'projectId: "prod"'), line: 4, field: "source.projectId", reason: /24 lowercase hexadecimal/ },
  { name: "bad snapshot id", text: GOOD.replace("snapshot: latest", 'snapshot: { snapshotId: "5f00" }'), line: 6, field: "snapshot.snapshotId", reason: /24 lowercase hexadecimal/ },
  { name: "bad point in time", text: GOOD.replace("snapshot: latest", 'snapshot: { pointInTime: "yesterday" }'), line: 6, field: "snapshot.pointInTime", reason: /ISO 8601/ },
  { name: "point in time for a tenant source", text: GOOD.replace("snapshot: latest", 'snapshot: { pointInTime: "2026-12-01T03:00:00Z" }'), line: 6, field: "snapshot", reason: /only possible for kind dedicated/ },
  { name: "misspelt key", text: GOOD.replace("    wait: {", "    wiat: {"), line: 13, field: "environments[1].wiat", reason: /not a known option/ },
  { name: "same target twice", text: GOOD.replace(`targetProjectId: "${P2}"\n    targetDeploymentItemName: qa-m5`, "targetDeploymentItemName: staging-m2"), line: 11, field: "environments[1].targetDeploymentItemName", reason: /already the target of environments\[0\]/ },
  { name: "target is the source", text: GOOD.replace("targetDeploymentItemName: staging-m2", "targetDeploymentItemName: prod-m2"), line: 9, field: "environments[0].targetDeploymentItemName", reason: /source cluster itself/ },
  { name: "dedicated field on a tenant fleet", text: GOOD.replace("targetDeploymentItemName: staging-m2", "targetDeploymentItemName: staging-m2\n    targetClusterName: x"), line: 10, field: "environments[0].targetClusterName", reason: /does not apply to kind tenant/ },
  { name: "wait out of range", text: GOOD.replace("pollIntervalSeconds: 5", "pollIntervalSeconds: 9000"), line: 13, field: "environments[1].wait.pollIntervalSeconds", reason: /at most 600/ },
  { name: "wait bound below the first pause", text: GOOD.replace("pollIntervalSeconds: 5", "pollIntervalSeconds: 5, maxPollIntervalSeconds: 2"), line: 13, field: "environments[1].wait.maxPollIntervalSeconds", reason: /at least pollIntervalSeconds \(5\)/ },
  { name: "bad stack name", text: GOOD.replace("stack: pr-1", 'stack: "pr 1/x"'), line: 10, field: "environments[1].stack", reason: /letters, digits/ },
  { name: "no environments", text: GOOD.slice(0, GOOD.indexOf("environments:")) + "environments: []\n", line: 7, field: "environments", reason: /at least one/ },
  { name: "YAML syntax", text: GOOD.replace("snapshot: latest", "snapshot: [latest"), line: 7, field: "(syntax)", reason: /./ },
  { name: "duplicate key", text: GOOD.replace("snapshot: latest", "snapshot: latest\nsnapshot: latest"), line: 7, field: "(syntax)", reason: /unique/ },
  { name: "bad backend URL", text: `backend: my-database\n${GOOD}`, line: 1, field: "backend", reason: /postgres:\/\// },
];

describe("fleet file", () => {
  it("accepts a good file and fills defaults", () => {
    const fleet = parseFleetFile(GOOD, "fleet.yaml", NOW);
    assert.equal(fleet.project, "fleet-test");
    assert.equal(fleet.snapshot, "latest");
    assert.equal(fleet.atlas.requestsPerMinute, 100);
    assert.deepEqual(fleet.environments.map((e) => e.stack), ["staging", "pr-1"]);
    assert.equal(fleet.environments[1]!.wait?.pollIntervalSeconds, 5);
  });

  it("reads JSON with the same rules and line numbers", () => {
    const json = JSON.stringify(parseFleetFile(GOOD, "f", NOW), null, 2).replace('"staging-m2"', '"staging m2!"');
    const error = problemsOf(json, "fleet.json");
    assert.equal(error.problems.length, 1);
    assert.match(error.message, /fleet\.json:\d+: environments\[0\]\.targetDeploymentItemName may contain only/);
  });

  for (const bad of BAD) {
    it(`rejects ${bad.name} with one error naming line and field`, () => {
      const error = problemsOf(bad.text);
      assert.equal(error.problems.length, 1, error.message);
      const [problem] = error.problems;
      assert.equal(problem!.field, bad.field, error.message);
      assert.equal(problem!.line, bad.line, error.message);
      assert.match(problem!.reason, bad.reason);
      assert.match(error.message, new RegExp(`fleet\\.yaml:${bad.line ?? ""}`));
    });
  }

  it("names each unknown key at its own line; reports a syntax error at the end on the last line; field and rule problems at once", () => {
    const two = problemsOf(GOOD.replace("snapshot: latest", "snapshot: latest\nsnapshto: latest\nwiat: {}"));
    assert.deepEqual(two.problems.map((p) => [p.field, p.line]), [["snapshto", 7], ["wiat", 8]]);
    const unclosed = `${GOOD}wait: { timeoutSeconds: 5\n`;
    const syntax = problemsOf(unclosed);
    const lines = unclosed.trimEnd().split("\n").length;
    assert.ok(syntax.problems.every((p) => p.line !== undefined && p.line <= lines), `${syntax.message} (file has ${lines} lines)`);
    const both = problemsOf(GOOD.replace(`projectId: "${P1}"`, 'projectId: "prod"').replace("stack: pr-1", "stack: staging"));
    assert.deepEqual(both.problems.map((p) => p.field), ["source.projectId", "environments[1].stack"], both.message);
    assert.equal(parseFleetFile(`${GOOD}fresh: true\n`, "f", NOW).fresh, true);
  });

  it("accepts a dedicated source with targetClusterName and a point in time; refuses one in the future", () => {
    const dedicated = GOOD.replace("kind: tenant", "kind: dedicated").replaceAll("targetDeploymentItemName", "targetClusterName");
    const fleet = parseFleetFile(dedicated.replace("snapshot: latest", 'snapshot: { pointInTime: "2026-12-01T03:00:00Z" }'), "fleet.yaml", NOW);
    assert.deepEqual(fleet.snapshot, { pointInTime: "2026-12-01T03:00:00Z" });
    assert.equal(fleet.environments[0]!.targetClusterName, "staging-m2");
    const future = problemsOf(dedicated.replace("snapshot: latest", 'snapshot: { pointInTime: "2027-01-01T00:00:00Z" }'));
    assert.match(future.message, /fleet\.yaml:6: snapshot\.pointInTime is in the future/);
    const wrongField = problemsOf(dedicated.replace("targetClusterName: staging-m2", "targetDeploymentItemName: staging-m2"));
    assert.match(wrongField.message, /environments\[0\]\.targetDeploymentItemName does not apply to kind dedicated: name the target with targetClusterName/);
  });

  it("atlas-restore-fleet exits 2 on a bad file and touches no stack", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fleet-bad-"));
    try {
      const backend = path.join(dir, "backend");
      require("node:fs").mkdirSync(backend);
      const file = path.join(dir, "fleet.yaml");
      writeFileSync(file, BAD[1]!.text);
      let err = "";
      const io = { stdout: { write: () => true, isTTY: false }, stderr: { write: (t: string) => ((err += t), true), isTTY: false } } as never;
      const saved = process.env.PULUMI_BACKEND_URL;
      process.env.PULUMI_BACKEND_URL = `file://${backend}`;
      try {
        assert.equal(await main(["up", "-f", file], io), 2);
      } finally {
        if (saved === undefined) delete process.env.PULUMI_BACKEND_URL;
        else process.env.PULUMI_BACKEND_URL = saved;
      }
      assert.match(err, /fleet\.yaml:8: environments\[0\]\.targetDeploymentItemName is required/);
      assert.match(err, /No stack was touched/);
      assert.deepEqual(readdirSync(backend), [], "the backend is untouched");
      assert.throws(() => loadFleetFile(path.join(dir, "missing.yaml")), /cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("examples/seed-fleet", () => {
  it("its fleet file is valid: staging + 3 previews from prod-m10 (a dedicated source)", () => {
    const fleet = loadFleetFile(path.join(__dirname, "..", "..", "examples", "seed-fleet", "fleet.yaml"));
    assert.deepEqual(fleet.environments.map((e) => e.stack), ["staging", "preview-101", "preview-102", "preview-103"]);
    assert.equal(fleet.source.clusterName, "prod-m10");
    assert.equal(fleet.source.kind, "dedicated");
    assert.ok(fleet.environments.every((e) => e.targetClusterName !== undefined));
  });
});
