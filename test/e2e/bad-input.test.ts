import * as assert from "node:assert/strict";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { PulumiProject, REPO_ROOT, pulumiBinDir, type PulumiRun } from "../helpers/pulumi-cli";

// Bad programs under the real Pulumi CLI: every case must fail at `pulumi preview` with exactly one
// clear message naming the field (or the config key) and the rule, with zero requests to Atlas.
//
// One fixture program (test/fixtures/bad-input) takes every TenantRestore input from stack config.
// A valid baseline config is set once per lane; each case changes it (`pulumi config set-all` /
// `config rm`), runs `pulumi preview`, then writes the baseline stack file back. Two lanes (own
// project copy, stack and simulator each) run the cases side by side; each `it` asserts on one
// case's recorded run and prints the message the user sees. The CLI process gets no MONGODB_ATLAS_*
// or MCLI_* variable, so keys come from stack config only. PULUMI_NODEJS_TRANSPILE_ONLY skips
// type-checking the fixture (it is not what is tested here): about 3.5 s per preview instead of 7.
//
// The same lanes also run the CloudBackupRestore (dedicated M10+) cases: config `cloudBackupRestore`
// (JSON) makes the fixture declare a CloudBackupRestore instead, built per case over a valid
// automated restore of the lane's simulator (prod-m10 → staging-m10), so that each case breaks
// exactly one rule of the args schema (src/schemas/cloud-backup-args.ts).

/** One `pulumi preview` of the fixture with changed config. */
interface Run {
  name: string;
  /** Config to set (plaintext); keys without a namespace belong to the program. */
  set?: Record<string, string>;
  /** Config keys to remove. */
  remove?: string[];
  /** CloudBackupRestore inputs (then the program declares one), built when the case runs. */
  cloudBackup?: (sim: AtlasSimulator) => Record<string, unknown>;
}
interface Case extends Run {
  /** The error line must match both: what is named, and the rule broken. */
  names: RegExp;
  rule: RegExp;
}

const prop = (field: string) => new RegExp(`resource 'bad-input': property ${field} value \\{.*\\} has a problem: ${field} `);
const HEX = "must be 24 lowercase hexadecimal digits";

const CASES: Case[] = [
  { name: "projectId too short", set: { projectId: "65a1f0c0e4b0" }, names: prop("projectId"), rule: new RegExp(HEX) },
  { name: "projectId upper case", set: { projectId: "65A1F0C0E4B0A1B200000001" }, names: prop("projectId"), rule: new RegExp(HEX) },
  { name: "projectId not hexadecimal", set: { projectId: "zz".repeat(12) }, names: prop("projectId"), rule: new RegExp(HEX) },
  { name: "snapshotId too long (25 digits)", set: { snapshotId: "65a1f0c0e4b0a1b2000001030" }, names: prop("snapshotId"), rule: new RegExp(HEX) },
  { name: "snapshotId upper case", set: { snapshotId: "65A1F0C0E4B0A1B200000103" }, names: prop("snapshotId"), rule: new RegExp(HEX) },
  { name: "snapshotId not hexadecimal", set: { snapshotId: "not-a-snapshot-id-000000" }, names: prop("snapshotId"), rule: new RegExp(HEX) },
  { name: "targetProjectId too short", set: { targetProjectId: "123" }, names: prop("targetProjectId"), rule: new RegExp(HEX) },
  { name: "targetProjectId upper case", set: { targetProjectId: "65A1F0C0E4B0A1B200000001" }, names: prop("targetProjectId"), rule: new RegExp(HEX) },
  { name: "targetProjectId not hexadecimal", set: { targetProjectId: "g".repeat(24) }, names: prop("targetProjectId"), rule: new RegExp(HEX) },
  { name: "clusterName empty", set: { clusterName: "" }, names: prop("clusterName"), rule: /must not be empty/ },
  { name: "clusterName over 64 characters", set: { clusterName: "c".repeat(65) }, names: prop("clusterName"), rule: /must be at most 64 characters/ },
  { name: "clusterName starting with a hyphen (-bad)", set: { clusterName: "-bad" }, names: prop("clusterName"), rule: /must start with a letter or digit .*\^\[a-zA-Z0-9\]/ },
  { name: "clusterName with an underscore (bad_name)", set: { clusterName: "bad_name" }, names: prop("clusterName"), rule: /only ASCII letters, digits and hyphens/ },
  { name: "targetDeploymentItemName with a slash", set: { targetDeploymentItemName: "staging/m2" }, names: prop("targetDeploymentItemName"), rule: /may contain only letters, digits and/ },
  { name: "targetDeploymentItemName over 64 characters", set: { targetDeploymentItemName: "s".repeat(65) }, names: prop("targetDeploymentItemName"), rule: /must be at most 64 characters/ },
  { name: "targetDeploymentItemName empty", set: { targetDeploymentItemName: "" }, names: prop("targetDeploymentItemName"), rule: /must not be empty/ },
  { name: "timeoutSeconds negative", set: { timeoutSeconds: "-5" }, names: prop("timeoutSeconds"), rule: /must be at least 1$/ },
  { name: "timeoutSeconds zero", set: { timeoutSeconds: "0" }, names: prop("timeoutSeconds"), rule: /must be at least 1$/ },
  { name: "timeoutSeconds absurd (999999999)", set: { timeoutSeconds: "999999999" }, names: prop("timeoutSeconds"), rule: /must be at most 172800 \(48 hours\)/ },
  { name: "timeoutSeconds not an integer (1.5)", set: { timeoutSeconds: "1.5" }, names: prop("timeoutSeconds"), rule: /must be a whole number of seconds/ },
  { name: "pollIntervalSeconds negative", set: { pollIntervalSeconds: "-1" }, names: prop("pollIntervalSeconds"), rule: /must be at least 0.01/ },
  { name: "pollIntervalSeconds zero", set: { pollIntervalSeconds: "0" }, names: prop("pollIntervalSeconds"), rule: /must be at least 0.01/ },
  { name: "pollIntervalSeconds absurd (86400)", set: { pollIntervalSeconds: "86400" }, names: prop("pollIntervalSeconds"), rule: /must be at most 600/ },
  { name: "adoptionWindowSeconds negative", set: { adoptionWindowSeconds: "-1" }, names: prop("adoptionWindowSeconds"), rule: /must be at least 0/ },
  {
    name: "unknown pulumi-atlas-restore:apiVersion (v3)",
    set: { "pulumi-atlas-restore:apiVersion": "v3" },
    names: /has a problem: Pulumi config pulumi-atlas-restore:apiVersion: /,
    rule: /apiVersion "v3" is not supported; use one of "v1\.0", "v2"/,
  },
  {
    name: "mongodbatlas:baseUrl not a URL",
    set: { "mongodbatlas:baseUrl": "not a url" },
    names: /has a problem: Pulumi config mongodbatlas:baseUrl: /,
    rule: /baseUrl "not a url" is not a valid URL/,
  },
  {
    name: "mongodbatlas:baseUrl with another scheme (ftp://x)",
    set: { "mongodbatlas:baseUrl": "ftp://x" },
    names: /has a problem: Pulumi config mongodbatlas:baseUrl: /,
    rule: /baseUrl "ftp:\/\/x" must use http or https/,
  },
  {
    name: "mongodbatlas:baseUrl with the API path in it",
    set: { "mongodbatlas:baseUrl": "https://cloud.mongodb.com/api/atlas/v2" },
    names: /has a problem: Pulumi config mongodbatlas:baseUrl: /,
    rule: /must not contain a path \("\/api\/atlas\/v2"\)/,
  },
  {
    name: "no mongodbatlas:publicKey (privateKey set, no environment variable)",
    remove: ["mongodbatlas:publicKey"],
    names: /has a problem: privateKey \(Pulumi config mongodbatlas:privateKey\) is set but publicKey \(Pulumi config mongodbatlas:publicKey\) is not/,
    rule: /an API key needs both/,
  },
  {
    name: "no mongodbatlas:privateKey (publicKey set, no environment variable)",
    remove: ["mongodbatlas:privateKey"],
    names: /has a problem: publicKey \(Pulumi config mongodbatlas:publicKey\) is set but privateKey \(Pulumi config mongodbatlas:privateKey\) is not/,
    rule: /an API key needs both/,
  },
  {
    name: "no credentials in config or environment",
    remove: ["mongodbatlas:publicKey", "mongodbatlas:privateKey"],
    names: /has a problem: no Atlas credentials: /,
    rule: /mongodbatlas:clientId .*MONGODB_ATLAS_CLIENT_ID .*MONGODB_ATLAS_PUBLIC_API_KEY/,
  },
  {
    name: "mongodbatlas:clientId without mongodbatlas:clientSecret (beside a complete API key)",
    set: { "mongodbatlas:clientId": "mdb_sa_id_half_set" },
    names: /has a problem: clientId \(Pulumi config mongodbatlas:clientId\) is set but clientSecret \(Pulumi config mongodbatlas:clientSecret\) is not/,
    rule: /a service account needs both/,
  },
];

const nowS = () => Math.floor(Date.now() / 1000);
/** A valid automated CloudBackupRestore of the simulator's seed; `undefined` in `over` removes a field. */
const automated = (over: Record<string, unknown> = {}) => (sim: AtlasSimulator) => ({
  projectId: sim.seed.defaultProjectId,
  clusterName: sim.seed.defaultDedicatedCluster,
  deliveryType: "automated",
  snapshotId: sim.seed.defaultDedicatedSnapshotId,
  targetClusterName: sim.seed.defaultDedicatedTargetCluster,
  pollIntervalSeconds: 0.1,
  timeoutSeconds: 600,
  ...over,
});
/** The same as a point-in-time restore two hours back (no snapshotId: Atlas picks it). */
const pointInTime = (over: Record<string, unknown> = {}) =>
  automated({ deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: nowS() - 7200, ...over });
const download = (over: Record<string, unknown> = {}) => automated({ deliveryType: "download", targetClusterName: undefined, ...over });
const SOURCE_OVERWRITE = /is the source cluster prod-m10 itself: this restore would DELETE the data of prod-m10 .*set allowOverwriteSource: true$/;
const FUTURE = /is in the future \(\d{4}-.*\); a point-in-time restore needs a moment that has passed$/;

/** Dedicated restores: every rule of CloudBackupRestoreArgs that `check` enforces, one broken per case. */
const CLOUD_BACKUP_CASES: Case[] = [
  {
    name: "pointInTime with both forms (pointInTimeUTCSeconds and oplogTs/oplogInc)",
    cloudBackup: pointInTime({ oplogTs: nowS() - 3600, oplogInc: 1 }),
    names: prop("pointInTimeUTCSeconds"),
    rule: /and oplogTs\/oplogInc are two forms of the point in time: give exactly one$/,
  },
  {
    name: "pointInTime with neither form",
    cloudBackup: pointInTime({ pointInTimeUTCSeconds: undefined }),
    names: prop("pointInTimeUTCSeconds"),
    rule: /is required for deliveryType "pointInTime" \(or give oplogTs and oplogInc instead\)$/,
  },
  {
    name: "pointInTime with a snapshotId",
    cloudBackup: (sim) => pointInTime({ snapshotId: sim.seed.defaultDedicatedSnapshotId })(sim),
    names: prop("snapshotId"),
    rule: /must not be set for deliveryType "pointInTime" \(Atlas picks the snapshot for the point in time\); remove it$/,
  },
  {
    name: "automated without targetClusterName",
    cloudBackup: automated({ targetClusterName: undefined }),
    names: prop("targetClusterName"),
    rule: /is required for deliveryType "automated": the cluster whose data the restore replaces$/,
  },
  { name: "pointInTimeUTCSeconds an hour in the future", cloudBackup: pointInTime({ pointInTimeUTCSeconds: nowS() + 3600 }), names: prop("pointInTimeUTCSeconds"), rule: FUTURE },
  {
    name: "oplogTs an hour in the future",
    cloudBackup: pointInTime({ pointInTimeUTCSeconds: undefined, oplogTs: nowS() + 3600, oplogInc: 1 }),
    names: prop("oplogTs"),
    rule: FUTURE,
  },
  { name: "target = source without allowOverwriteSource", cloudBackup: automated({ targetClusterName: "prod-m10" }), names: prop("targetClusterName"), rule: SOURCE_OVERWRITE },
  {
    name: "target = source with targetProjectId spelled out (the source's project)",
    cloudBackup: (sim) => automated({ targetClusterName: "prod-m10", targetProjectId: sim.seed.defaultProjectId })(sim),
    names: prop("targetClusterName"),
    rule: SOURCE_OVERWRITE,
  },
  { name: "projectId of the wrong shape", cloudBackup: automated({ projectId: "65a1f0c0e4b0" }), names: prop("projectId"), rule: new RegExp(HEX) },
  { name: "snapshotId of the wrong shape", cloudBackup: automated({ snapshotId: "65A1F0C0E4B0A1B200000203" }), names: prop("snapshotId"), rule: new RegExp(HEX) },
  { name: "targetProjectId of the wrong shape", cloudBackup: automated({ targetProjectId: "g".repeat(24) }), names: prop("targetProjectId"), rule: new RegExp(HEX) },
  {
    name: "oplogTs without oplogInc",
    cloudBackup: pointInTime({ pointInTimeUTCSeconds: undefined, oplogTs: nowS() - 3600 }),
    names: prop("oplogInc"),
    rule: /is required with oplogTs$/,
  },
  {
    name: "oplogInc without oplogTs",
    cloudBackup: pointInTime({ pointInTimeUTCSeconds: undefined, oplogInc: 2 }),
    names: prop("oplogTs"),
    rule: /is required with oplogInc$/,
  },
  {
    name: "unknown deliveryType (snapshot)",
    cloudBackup: automated({ deliveryType: "snapshot" }),
    names: prop("deliveryType"),
    rule: /must be one of "automated", "pointInTime", "download"$/,
  },
  {
    name: "download with a targetClusterName",
    cloudBackup: download({ targetClusterName: "staging-m10" }),
    names: prop("targetClusterName"),
    rule: /must not be set for deliveryType "download" \(a download has no target cluster\)$/,
  },
  {
    name: "automated with a pointInTimeUTCSeconds",
    cloudBackup: automated({ pointInTimeUTCSeconds: nowS() - 7200 }),
    names: prop("pointInTimeUTCSeconds"),
    rule: /is only for deliveryType "pointInTime"; remove it \(deliveryType is "automated"\)$/,
  },
  {
    name: "a misspelt allowOverwriteSource (allowOverwriteSorce)",
    cloudBackup: automated({ allowOverwriteSorce: true }),
    names: prop("allowOverwriteSorce"),
    rule: /is not a known option \(check the spelling\)$/,
  },
];

/** Dedicated restores that must preview cleanly: the baseline, and overwriting the source when allowed. */
const CLOUD_BACKUP_VALID: Run[] = [
  { name: "a valid automated restore (the baseline of the cases)", cloudBackup: automated() },
  { name: "target = source with allowOverwriteSource: true", cloudBackup: automated({ targetClusterName: "prod-m10", allowOverwriteSource: true }) },
];
const RUNS: Run[] = [...CASES, ...CLOUD_BACKUP_CASES, ...CLOUD_BACKUP_VALID];

const LANES = Number(process.env.BAD_INPUT_LANES ?? 2);
const ENV_PREFIXES = /^(MONGODB_ATLAS_|MCLI_)/;

interface Lane {
  sim: AtlasSimulator;
  project: PulumiProject;
  stackFile: string;
  baseline: string;
  baselineRun?: PulumiRun;
}
interface Result {
  run: PulumiRun;
  /** Requests the lane's simulator saw during this case. */
  requests: number;
  ms: number;
}

/** The `error:` lines of the Diagnostics section: what the user is told. */
function diagnosticErrors(output: string): string[] {
  const start = output.indexOf("\nDiagnostics:");
  if (start < 0) return [];
  const end = output.indexOf("\nResources:", start);
  return output
    .slice(start, end < 0 ? undefined : end)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("error:"));
}

/** dist/ must hold the current provider: the program loads the built package. */
function assertBuilt(): void {
  for (const file of ["pulumi/provider-runtime", "schemas/ids", "atlas/settings"]) {
    const js = path.join(REPO_ROOT, "dist", `${file}.js`);
    if (!existsSync(js)) throw new Error(`${js} is missing: run \`npm run build\` first (npm test does)`);
    if (statSync(js).mtimeMs < statSync(path.join(REPO_ROOT, "src", `${file}.ts`)).mtimeMs) {
      throw new Error(`${js} is older than src/${file}.ts: run \`npm run build\` first (npm test does)`);
    }
  }
  if (!existsSync(path.join(REPO_ROOT, "node_modules", "pulumi-atlas-restore", "package.json"))) {
    throw new Error("node_modules/pulumi-atlas-restore is missing: run `npm run build` (it links the package)");
  }
}

describe("bad TenantRestore programs fail at `pulumi preview`, naming the field, with zero requests", function () {
  this.timeout(10 * 60_000);
  const lanes: Lane[] = [];
  const results = new Map<string, Result>();
  const savedEnv: Record<string, string> = {};

  async function startLane(i: number): Promise<Lane> {
    const sim = await startAtlasSimulator();
    const project = PulumiProject.create(path.join(REPO_ROOT, "test", "fixtures", "bad-input"), {
      stack: `bad${i}`,
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    await project.init();
    const plain = {
      "mongodbatlas:baseUrl": sim.url,
      projectId: sim.seed.defaultProjectId,
      clusterName: sim.seed.defaultSourceCluster,
      snapshotId: sim.seed.defaultSnapshotId,
      targetDeploymentItemName: sim.seed.defaultTargetCluster,
      pollIntervalSeconds: "0.1",
      timeoutSeconds: "600",
    };
    await project.run([
      "config", "set-all",
      "--secret", `mongodbatlas:publicKey=${sim.publicKey}`,
      "--secret", `mongodbatlas:privateKey=${sim.privateKey}`,
      ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
    ]);
    const stackFile = path.join(project.dir, `Pulumi.${project.stack}.yaml`);
    return { sim, project, stackFile, baseline: readFileSync(stackFile, "utf8") };
  }

  async function runCase(lane: Lane, c: Run): Promise<Result> {
    try {
      if (c.cloudBackup) await lane.project.run(["config", "set-all", "--plaintext", `cloudBackupRestore=${JSON.stringify(c.cloudBackup(lane.sim))}`]);
      if (c.set) await lane.project.run(["config", "set-all", ...Object.entries(c.set).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
      for (const key of c.remove ?? []) await lane.project.run(["config", "rm", key]);
      const before = lane.sim.requestLog.count();
      const started = Date.now();
      const run = await lane.project.run(["preview"], { allowFailure: true });
      return { run, requests: lane.sim.requestLog.count() - before, ms: Date.now() - started };
    } finally {
      writeFileSync(lane.stackFile, lane.baseline); // restore the config
    }
  }

  before(async function () {
    pulumiBinDir();
    assertBuilt();
    for (const key of Object.keys(process.env)) {
      if (ENV_PREFIXES.test(key)) {
        savedEnv[key] = process.env[key]!;
        delete process.env[key];
      }
    }
    lanes.push(...(await Promise.all(Array.from({ length: LANES }, (_, i) => startLane(i)))));
    const started = Date.now();
    await Promise.all(
      lanes.map(async (lane, i) => {
        lane.baselineRun = await lane.project.run(["preview"], { allowFailure: true });
        for (let k = i; k < RUNS.length; k += LANES) results.set(RUNS[k].name, await runCase(lane, RUNS[k]));
      }),
    );
    const previews = [...results.values()].map((r) => r.ms);
    const cloudBackupMs = [...CLOUD_BACKUP_CASES, ...CLOUD_BACKUP_VALID].reduce((sum, c) => sum + results.get(c.name)!.ms, 0);
    console.log(
      `      (${RUNS.length} previews (${CASES.length + CLOUD_BACKUP_CASES.length} bad) + ${LANES} baselines in ${LANES} lanes: ${Math.round((Date.now() - started) / 1000)} s; ` +
        `one preview ${(Math.min(...previews) / 1000).toFixed(1)}–${(Math.max(...previews) / 1000).toFixed(1)} s; ` +
        `the ${CLOUD_BACKUP_CASES.length + CLOUD_BACKUP_VALID.length} CloudBackupRestore ones ${Math.round(cloudBackupMs / 1000 / LANES)} s per lane)`,
    );
  });

  after(async () => {
    Object.assign(process.env, savedEnv);
    for (const lane of lanes) {
      await lane.sim.stop();
      lane.project.remove();
    }
  });

  it("the valid baseline previews cleanly (exit 0, one TenantRestore to create) and sends no request", () => {
    for (const lane of lanes) {
      const run = lane.baselineRun!;
      assert.equal(run.code, 0, run.output);
      assert.match(run.output, /\+\s+pulumi-nodejs:dynamic\/pulumi-atlas-restore:TenantRestore bad-input create/);
      assert.deepEqual(diagnosticErrors(run.output), []);
    }
  });

  /** A bad case's recorded preview: failed, exactly one error line naming the field and the rule, no trace, no request. */
  function assertRefused(c: Case): void {
    const result = results.get(c.name);
    assert.ok(result, "the case ran");
    const { run, requests } = result;
    const errors = diagnosticErrors(run.output);
    console.log(`      ${c.name} → ${errors[0] ?? "(no error line)"}`);
    assert.notEqual(run.code, 0, `preview must fail:\n${run.output}`);
    assert.equal(errors.length, 1, `exactly one error message:\n${run.output}`);
    assert.match(errors[0], c.names);
    assert.match(errors[0], c.rule);
    assert.doesNotMatch(run.output, /\n\s+at .+:\d+:\d+\)?\n/, "no stack trace");
    assert.equal(requests, 0, "the simulator saw no request");
  }

  for (const c of CASES) {
    it(`${c.name}: preview fails naming it, no request`, () => assertRefused(c));
  }

  describe("CloudBackupRestore (dedicated M10+), same lanes", () => {
    for (const c of CLOUD_BACKUP_VALID) {
      it(`${c.name}: previews cleanly (one CloudBackupRestore to create), no request`, () => {
        const { run, requests } = results.get(c.name)!;
        assert.equal(run.code, 0, run.output);
        assert.match(run.output, /\+\s+pulumi-nodejs:dynamic\/pulumi-atlas-restore:CloudBackupRestore bad-input create/);
        assert.deepEqual(diagnosticErrors(run.output), []);
        assert.equal(requests, 0, "the simulator saw no request");
      });
    }
    for (const c of CLOUD_BACKUP_CASES) {
      it(`${c.name}: preview fails naming the field and the rule, no request`, () => assertRefused(c));
    }
  });

  it("no lane's simulator saw a single request, and each stack's config is back to its baseline", () => {
    for (const lane of lanes) {
      assert.equal(lane.sim.requestLog.count(), 0);
      assert.equal(readFileSync(lane.stackFile, "utf8"), lane.baseline);
    }
  });
});
