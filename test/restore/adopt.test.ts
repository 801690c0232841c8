import assert from "node:assert/strict";
import { ADOPTION_WINDOW_MS, findAdoptableJob, tenantRestoreFamily, type RestoreJob } from "../../src/restore";
import { OTHER_PROJECT, OTHER_SNAPSHOT, PROJECT, SNAPSHOT, request } from "./fake-tenant-client";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const HOUR = 3_600_000;
const job = (over: Partial<RestoreJob> & { ageMs?: number }): RestoreJob => {
  const { ageMs = HOUR, ...rest } = over;
  return {
    id: "0123456789abcdef01234567",
    projectId: PROJECT,
    clusterName: "prod-m2",
    snapshotId: SNAPSHOT,
    targetProjectId: PROJECT,
    targetDeploymentItemName: "staging-m2",
    status: "RUNNING",
    restoreScheduledDate: new Date(NOW - ageMs).toISOString(),
    ...rest,
  };
};

describe("adoption rule (findAdoptableJob)", () => {
  const table: [string, RestoreJob[], string | undefined][] = [
    ["adopts an identical in-flight job", [job({ id: "a" })], "a"],
    ["adopts an identical QUEUED job older than the window", [job({ id: "a", status: "QUEUED", ageMs: 3 * ADOPTION_WINDOW_MS })], "a"],
    ["adopts an identical COMPLETED job within 24 h", [job({ id: "a", status: "COMPLETED", ageMs: 23 * HOUR })], "a"],
    ["does not adopt a COMPLETED job older than 24 h", [job({ status: "COMPLETED", ageMs: 25 * HOUR })], undefined],
    ["does not adopt a COMPLETED job without a date", [job({ status: "COMPLETED", restoreScheduledDate: undefined })], undefined],
    ["judges a COMPLETED job without a start date by its finish", [job({ id: "a", status: "COMPLETED", restoreScheduledDate: undefined, restoreFinishedDate: new Date(NOW - HOUR).toISOString() })], "a"],
    ["…and not when it finished before the window", [job({ status: "COMPLETED", restoreScheduledDate: undefined, restoreFinishedDate: new Date(NOW - 25 * HOUR).toISOString() })], undefined],
    ["uses submittedAt when restoreScheduledDate is absent", [job({ id: "a", status: "COMPLETED", restoreScheduledDate: undefined, submittedAt: new Date(NOW - HOUR).toISOString() })], "a"],
    ["never adopts a FAILED job", [job({ status: "FAILED" })], undefined],
    ["does not adopt another snapshot", [job({ snapshotId: OTHER_SNAPSHOT })], undefined],
    ["does not adopt another target cluster", [job({ targetDeploymentItemName: "other-m2" })], undefined],
    ["does not adopt another target project", [job({ targetProjectId: OTHER_PROJECT })], undefined],
    ["does not adopt another source cluster", [job({ clusterName: "other" })], undefined],
    ["does not adopt another source project", [job({ projectId: OTHER_PROJECT, targetProjectId: PROJECT })], undefined],
    ["treats a missing targetProjectId as the source project", [job({ id: "a", targetProjectId: undefined })], "a"],
    ["prefers an in-flight job over a newer COMPLETED one", [job({ id: "done", status: "COMPLETED", ageMs: 1000 }), job({ id: "run", ageMs: 2 * HOUR })], "run"],
    ["prefers the newest COMPLETED job", [job({ id: "old", status: "COMPLETED", ageMs: 5 * HOUR }), job({ id: "new", status: "COMPLETED", ageMs: HOUR })], "new"],
    ["adopts nothing from an empty list", [], undefined],
  ];
  for (const [name, jobs, expected] of table) {
    it(name, () => {
      assert.equal(findAdoptableJob(tenantRestoreFamily, jobs, request, { nowMs: NOW })?.id, expected);
    });
  }

  it("with a window of 0 adopts only in-flight jobs", () => {
    const jobs = [job({ id: "done", status: "COMPLETED", ageMs: 1000 })];
    assert.equal(findAdoptableJob(tenantRestoreFamily, jobs, request, { nowMs: NOW, windowMs: 0 }), undefined);
    assert.equal(findAdoptableJob(tenantRestoreFamily, [job({ id: "a" })], request, { nowMs: NOW, windowMs: 0 })?.id, "a");
  });

  it("skips excluded ids (a job released by delete in this process)", () => {
    const jobs = [job({ id: "a", status: "COMPLETED" })];
    assert.equal(findAdoptableJob(tenantRestoreFamily, jobs, request, { nowMs: NOW, excludeIds: new Set(["a"]) }), undefined);
  });

  it("compares the Flex source by instanceName", () => {
    const flex = { sourceField: "instanceName" as const };
    const { clusterName: _c, ...rest } = job({ id: "f" });
    assert.equal(findAdoptableJob(flex, [{ ...rest, instanceName: "prod-m2" }], request, { nowMs: NOW })?.id, "f");
    assert.equal(findAdoptableJob(flex, [{ ...rest, instanceName: "other" }], request, { nowMs: NOW }), undefined);
  });
});
