import assert from "node:assert/strict";
import { checkRestoreInputs } from "../../src/pulumi/check-and-diff";
import { cloudBackupRestoreFamily as family, cloudBackupStatus, findAdoptableJob } from "../../src/restore";
import type { CloudBackupRestoreArgs, CloudBackupRestoreJob } from "../../src/schemas";

const P = "aaaaaaaaaaaaaaaaaaaaaaaa";
const S = "cccccccccccccccccccccccc";
const NOW = Date.parse("2026-11-23T12:00:00Z");
const ago = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const args: CloudBackupRestoreArgs = { projectId: P, clusterName: "prod", deliveryType: "automated", snapshotId: S, targetClusterName: "staging" };
const job = (over: Partial<CloudBackupRestoreJob> = {}): CloudBackupRestoreJob => ({
  id: "0123456789abcdef01234567", deliveryType: "automated", snapshotId: S, targetClusterName: "staging", targetGroupId: P, ...over,
});

describe("Cloud Backup restore family (jobs without a status)", () => {
  const statuses: [string, Partial<CloudBackupRestoreJob>, string][] = [
    ["running", {}, "IN_PROGRESS"],
    ["finishedAt set", { finishedAt: ago(0.5) }, "COMPLETED"],
    ["finished, later expired: the data stays restored", { finishedAt: ago(0.5), expired: true }, "COMPLETED"],
    ["expired before finishing", { expired: true }, "EXPIRED"],
    ["failed wins over finishedAt", { failed: true, finishedAt: ago(0.5) }, "FAILED"],
    ["cancelled", { cancelled: true }, "CANCELLED"],
    ["download without links yet", { deliveryType: "download", finishedAt: ago(0.5) }, "IN_PROGRESS"],
    ["download with links (array)", { deliveryType: "download", deliveryUrl: ["https://x/1"] }, "COMPLETED"],
    ["download with a link (v1.0 string)", { deliveryType: "download", deliveryUrl: "https://x/1" }, "COMPLETED"],
    ["download whose links expired", { deliveryType: "download", deliveryUrl: ["https://x/1"], expired: true }, "EXPIRED"],
  ];
  for (const [name, over, expected] of statuses) {
    it(`status: ${name} → ${expected}`, () => assert.equal(cloudBackupStatus(job(over)), expected));
  }

  it("phase: COMPLETED succeeded, IN_PROGRESS in flight, FAILED/CANCELLED/EXPIRED failed", () => {
    assert.deepEqual(
      [{ finishedAt: ago(1) }, {}, { failed: true }, { cancelled: true }, { expired: true }].map((o) => family.phase(job(o))),
      ["succeeded", "inFlight", "failed", "failed", "failed"],
    );
  });

  it("startedAt is never read (Atlas's v2 jobs have no start date, not even from a createdAt); finishedAt in epoch ms (ISO text or a number of seconds)", () => {
    assert.equal(family.startedAt(job({ createdAt: ago(1) })), undefined);
    assert.equal(family.finishedAt(job({ finishedAt: (NOW - 1000) / 1000 })), NOW - 1000);
    assert.equal(family.finishedAt(job()), undefined);
  });

  const adopt = (jobs: CloudBackupRestoreJob[], a: CloudBackupRestoreArgs = args) => findAdoptableJob(family, jobs, a, { nowMs: NOW })?.id;
  it("adopts an identical in-flight job, and a finished one within 24 h", () => {
    assert.equal(adopt([job({ id: "a" })]), "a");
    assert.equal(adopt([job({ id: "a", finishedAt: ago(0.5) })]), "a", "a finished job without createdAt is judged by finishedAt");
    assert.equal(adopt([job({ id: "a", finishedAt: ago(23.9) })]), "a");
    assert.equal(adopt([job({ finishedAt: ago(24.1) })]), undefined);
    assert.equal(adopt([job({ id: "r", createdAt: ago(100) })]), "r", "in flight: adopted at any age");
  });
  it("never adopts another snapshot, target, target project, delivery type, point in time, or a failed job", () => {
    assert.equal(adopt([job({ snapshotId: "dddddddddddddddddddddddd" })]), undefined);
    assert.equal(adopt([job({ targetClusterName: "other" })]), undefined);
    assert.equal(adopt([job({ targetGroupId: "bbbbbbbbbbbbbbbbbbbbbbbb" })]), undefined);
    assert.equal(adopt([job({ deliveryType: "download" })]), undefined);
    assert.equal(adopt([job({ failed: true })]), undefined);
    const pit: CloudBackupRestoreArgs = { ...args, deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: 1_700_000_000 };
    assert.equal(adopt([job({ id: "p", deliveryType: "pointInTime", pointInTimeUTCSeconds: 1_700_000_000 })], pit), "p");
    assert.equal(adopt([job({ deliveryType: "pointInTime", pointInTimeUTCSeconds: 1_700_000_001 })], pit), undefined);
    const oplog: CloudBackupRestoreArgs = { ...args, deliveryType: "pointInTime", snapshotId: undefined, oplogTs: 1_700_000_000, oplogInc: 2 };
    assert.equal(adopt([job({ id: "o", deliveryType: "pointInTime", oplogTs: 1_700_000_000, oplogInc: 2 })], oplog), "o");
    assert.equal(adopt([job({ deliveryType: "pointInTime", oplogTs: 1_700_000_000, oplogInc: 3 })], oplog), undefined);
  });

  it("outputs round-trip through state: the stored job reads back with the same status", () => {
    for (const over of [{ finishedAt: ago(1) }, {}, { failed: true }, { cancelled: true }, { expired: true }, { deliveryType: "download", deliveryUrl: ["https://x"] }]) {
      const j = job(over);
      const stored = { ...args, deliveryType: j.deliveryType, ...family.jobOutputs(j) };
      assert.equal(family.status(family.storedJob(j.id, stored)), family.status(j), JSON.stringify(over));
    }
  });

  it("destroy: a live download is cancelled, everything else forgotten", () => {
    assert.equal(family.deletion(job({ deliveryType: "download", deliveryUrl: ["https://x"] })), "cancel");
    assert.equal(family.deletion(job({ deliveryType: "download" })), "cancel");
    assert.equal(family.deletion(job({ deliveryType: "download", expired: true })), "forget");
    assert.equal(family.deletion(job({ finishedAt: ago(1) })), "forget");
    assert.equal(family.deletion(job()), "forget");
  });

  const future = Math.floor(Date.now() / 1000) + 86_400;
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["both point-in-time forms", { deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: 1_700_000_000, oplogTs: 1_700_000_000, oplogInc: 1 }, /pointInTimeUTCSeconds and oplogTs\/oplogInc are two forms/],
    ["neither point-in-time form", { deliveryType: "pointInTime", snapshotId: undefined }, /pointInTimeUTCSeconds is required for deliveryType "pointInTime"/],
    ["snapshotId with pointInTime", { deliveryType: "pointInTime", pointInTimeUTCSeconds: 1_700_000_000 }, /snapshotId must not be set for deliveryType "pointInTime"/],
    ["automated without a target", { targetClusterName: undefined }, /targetClusterName is required for deliveryType "automated"/],
    ["a point in time in the future", { deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: future }, /pointInTimeUTCSeconds is in the future/],
    ["a point in time in milliseconds", { deliveryType: "pointInTime", snapshotId: undefined, pointInTimeUTCSeconds: 1_700_000_000_123 }, /pointInTimeUTCSeconds looks like milliseconds \(1700000000123\); it takes seconds since 1970-01-01 UTC: 1700000000 is 2023-11-14T22:13:20\.000Z/],
    ["oplogTs in milliseconds", { deliveryType: "pointInTime", snapshotId: undefined, oplogTs: 1_700_000_000_000, oplogInc: 1 }, /oplogTs looks like milliseconds/],
    ["target = source without allowOverwriteSource", { targetClusterName: "prod" }, /targetClusterName is the source cluster prod itself: this restore would DELETE the data of prod/],
    ["a projectId of the wrong shape", { projectId: "abc" }, /projectId must be 24 lowercase hexadecimal digits/],
    ["a snapshotId of the wrong shape", { snapshotId: "XYZ" }, /snapshotId must be 24 lowercase hexadecimal digits/],
    ["an unknown deliveryType", { deliveryType: "restore" }, /deliveryType must be one of "automated", "pointInTime", "download"/],
    ["oplogTs without oplogInc", { deliveryType: "pointInTime", snapshotId: undefined, oplogTs: 1_700_000_000 }, /oplogInc is required with oplogTs/],
    ["a target for a download", { deliveryType: "download" }, /targetClusterName must not be set for deliveryType "download"/],
  ];
  for (const [name, over, reason] of bad) {
    it(`check refuses ${name}, naming the field and the rule`, () => {
      const inputs = Object.fromEntries(Object.entries({ ...args, ...over }).filter(([, v]) => v !== undefined));
      const result = checkRestoreInputs(inputs, family.args);
      const reasons = (result.failures ?? []).map((f) => f.reason);
      assert.ok(reasons.some((r) => reason.test(r)), reasons.join("\n"));
    });
  }
  it("check accepts target = source with allowOverwriteSource: true, and a valid pointInTime", () => {
    assert.equal(checkRestoreInputs({ ...args, targetClusterName: "prod", allowOverwriteSource: true }, family.args).failures, undefined);
    const pit = { projectId: P, clusterName: "prod", deliveryType: "pointInTime", pointInTimeUTCSeconds: 1_700_000_000, targetClusterName: "staging" };
    assert.equal(checkRestoreInputs(pit, family.args).failures, undefined);
  });
});
