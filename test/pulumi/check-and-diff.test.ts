import assert from "node:assert/strict";
import { UNKNOWN, diffRestore } from "../../src/pulumi/check-and-diff";
import { PROVIDER_TEXT, startHarness, type Harness } from "./provider-harness";

const P = "aaaaaaaaaaaaaaaaaaaaaaaa";
const Q = "bbbbbbbbbbbbbbbbbbbbbbbb";
const S = "cccccccccccccccccccccccc";
const S2 = "dddddddddddddddddddddddd";
const good = { projectId: P, clusterName: "prod-m2", snapshotId: S, targetDeploymentItemName: "staging-m2" };

describe("check: bad inputs are named and never reach Atlas", () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(async () => h.stop());

  const table: [string, Record<string, unknown>, string, RegExp][] = [
    ["missing projectId", { projectId: undefined }, "projectId", /is required/],
    ["projectId too short", { projectId: "abc" }, "projectId", /24 lowercase hexadecimal/],
    ["projectId upper case", { projectId: P.toUpperCase() }, "projectId", /24 lowercase hexadecimal/],
    ["projectId a number", { projectId: 42 }, "projectId", /24 hexadecimal/],
    ["missing clusterName", { clusterName: undefined }, "clusterName", /is required/],
    ["clusterName with a space", { clusterName: "prod m2" }, "clusterName", /letters, digits and hyphens/],
    ["clusterName starting with a hyphen", { clusterName: "-prod" }, "clusterName", /must start with a letter or digit/],
    ["clusterName too long", { clusterName: "a".repeat(65) }, "clusterName", /at most 64/],
    ["missing snapshotId", { snapshotId: undefined }, "snapshotId", /is required/],
    ["snapshotId not hex", { snapshotId: "z".repeat(24) }, "snapshotId", /hexadecimal/],
    ["targetProjectId malformed", { targetProjectId: "nope" }, "targetProjectId", /hexadecimal/],
    ["missing targetDeploymentItemName", { targetDeploymentItemName: undefined }, "targetDeploymentItemName", /is required/],
    ["targetDeploymentItemName with a slash", { targetDeploymentItemName: "a/b" }, "targetDeploymentItemName", /may contain only/],
    ["targetDeploymentItemName empty", { targetDeploymentItemName: "" }, "targetDeploymentItemName", /must not be empty/],
    ["timeoutSeconds zero", { timeoutSeconds: 0 }, "timeoutSeconds", /at least 1/],
    ["timeoutSeconds over 48 h", { timeoutSeconds: 172_801 }, "timeoutSeconds", /at most 172800/],
    ["timeoutSeconds fractional", { timeoutSeconds: 1.5 }, "timeoutSeconds", /whole number/],
    ["timeoutSeconds a string", { timeoutSeconds: "1800" }, "timeoutSeconds", /number of seconds/],
    ["pollIntervalSeconds zero", { pollIntervalSeconds: 0 }, "pollIntervalSeconds", /at least 0.01/],
    ["pollIntervalSeconds over 10 min", { pollIntervalSeconds: 601 }, "pollIntervalSeconds", /at most 600/],
    ["maxPollIntervalSeconds zero", { maxPollIntervalSeconds: 0 }, "maxPollIntervalSeconds", /at least 0.01/],
    ["maxPollIntervalSeconds over 1 h", { maxPollIntervalSeconds: 3601 }, "maxPollIntervalSeconds", /at most 3600 \(1 hour\)/],
    ["maxPollIntervalSeconds below pollIntervalSeconds", { pollIntervalSeconds: 10, maxPollIntervalSeconds: 5 }, "maxPollIntervalSeconds", /at least pollIntervalSeconds \(10\).*raise it or lower pollIntervalSeconds/],
    ["waitForCompletion a string", { waitForCompletion: "yes" }, "waitForCompletion", /true or false/],
    ["adoptionWindowSeconds negative", { adoptionWindowSeconds: -1 }, "adoptionWindowSeconds", /at least 0/],
    ["a misspelt input", { timeoutSecs: 10 }, "timeoutSecs", /not a known option/],
  ];
  for (const [name, change, field, reason] of table) {
    it(`${name} → fails on ${field}`, async () => {
      const news = { ...good, ...change, __provider: PROVIDER_TEXT };
      for (const [k, v] of Object.entries(change)) if (v === undefined) delete (news as Record<string, unknown>)[k];
      const result = await h.provider.check({}, news);
      const failure = result.failures?.find((f) => f.property === field);
      assert.ok(failure, `no failure for ${field}: ${JSON.stringify(result.failures)}`);
      assert.match(failure.reason, new RegExp(`^${field} `));
      assert.match(failure.reason, reason);
      assert.equal(h.sim.requestLog.count(), 0);
    });
  }

  it("accepts good inputs unchanged, __provider included", async () => {
    const news = { ...good, timeoutSeconds: 1800, pollIntervalSeconds: 5, maxPollIntervalSeconds: 5, waitForCompletion: true, __provider: PROVIDER_TEXT };
    assert.deepEqual(await h.provider.check({}, news), { inputs: news });
  });

  it("does not judge inputs unknown during preview", async () => {
    const news = { ...good, projectId: UNKNOWN, targetProjectId: UNKNOWN, __provider: PROVIDER_TEXT };
    assert.equal((await h.provider.check({}, news)).failures, undefined);
  });
});

describe("diff", () => {
  const olds = { ...good, targetProjectId: P, restoreJobId: "e".repeat(24), status: "COMPLETED", __provider: PROVIDER_TEXT };
  const table: [string, Record<string, unknown>, Record<string, unknown>, { changes: boolean; replaces?: string[] }][] = [
    ["unchanged → no changes", {}, {}, { changes: false }],
    ["targetProjectId given explicitly as the default → no changes", {}, { targetProjectId: P }, { changes: false }],
    ["other snapshot → replace", {}, { snapshotId: S2 }, { changes: true, replaces: ["snapshotId"] }],
    ["other source project → replace (target follows)", {}, { projectId: Q }, { changes: true, replaces: ["projectId", "targetProjectId"] }],
    ["other source project, explicit target kept → replace", {}, { projectId: Q, targetProjectId: P }, { changes: true, replaces: ["projectId"] }],
    ["other source cluster → replace", {}, { clusterName: "other" }, { changes: true, replaces: ["clusterName"] }],
    ["other target project → replace", {}, { targetProjectId: Q }, { changes: true, replaces: ["targetProjectId"] }],
    ["other target cluster → replace", {}, { targetDeploymentItemName: "qa-m2" }, { changes: true, replaces: ["targetDeploymentItemName"] }],
    ["unknown target during preview → replace", {}, { targetDeploymentItemName: UNKNOWN }, { changes: true, replaces: ["targetDeploymentItemName"] }],
    ["timeoutSeconds changed → update, no replace", {}, { timeoutSeconds: 100 }, { changes: true }],
    ["pollIntervalSeconds changed → update", { pollIntervalSeconds: 2 }, { pollIntervalSeconds: 3 }, { changes: true }],
    ["maxPollIntervalSeconds set → update, no replace", {}, { maxPollIntervalSeconds: 30 }, { changes: true }],
    ["job still RUNNING (after a timeout) → update resumes waiting", { status: "RUNNING" }, {}, { changes: true }],
    ["job RUNNING but waitForCompletion false → no changes", { status: "RUNNING", waitForCompletion: false }, { waitForCompletion: false }, { changes: false }],
    ["job FAILED → update (reports the failure again)", { status: "FAILED" }, {}, { changes: true }],
    ["job RUNNING that Atlas no longer lists (jobVisible false) → no changes: never waited for again", { status: "RUNNING", jobVisible: false }, {}, { changes: false }],
    ["job FAILED that Atlas no longer lists → no changes", { status: "FAILED", jobVisible: false }, {}, { changes: false }],
    ["job Atlas no longer lists, snapshot changed → replace (a new restore the user asked for)", { jobVisible: false }, { snapshotId: S2 }, { changes: true, replaces: ["snapshotId"] }],
  ];
  for (const [name, oldChange, newChange, expected] of table) {
    it(name, () => {
      const result = diffRestore({ ...olds, ...oldChange }, { ...good, __provider: PROVIDER_TEXT, ...newChange });
      assert.equal(result.changes, expected.changes);
      assert.deepEqual(result.replaces, expected.replaces);
      if (expected.replaces) assert.equal(result.deleteBeforeReplace, true);
    });
  }
});
