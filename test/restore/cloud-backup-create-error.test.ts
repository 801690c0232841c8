import assert from "node:assert/strict";
import { AtlasApiError } from "../../src/atlas/errors";
import { explainCloudBackupCreateError } from "../../src/restore/cloud-backup-create-error";
import { RestoreError } from "../../src/restore/errors";
import type { CloudBackupRestoreArgs } from "../../src/schemas";

const args: CloudBackupRestoreArgs = {
  projectId: "aaaaaaaaaaaaaaaaaaaaaaaa", clusterName: "prod", deliveryType: "automated", snapshotId: "cccccccccccccccccccccccc", targetClusterName: "staging",
};
const PATH = "/api/atlas/v2/groups/g/clusters/prod/backup/restoreJobs";
const refusal = (status: number, errorCode: string, method = "POST") =>
  new AtlasApiError({ status, errorCode, method, path: PATH }, `${method} → ${status} ${errorCode}`);
const explain = (status: number, code: string, method = "POST") => explainCloudBackupCreateError(refusal(status, code, method), args);

describe("explainCloudBackupCreateError: Atlas's refusal codes get the cause and what to do", () => {
  const cases: [number, string, RegExp][] = [
    [404, "SNAPSHOT_NOT_FOUND", /is not a snapshot of prod: pick one with getLatestCloudBackupSnapshot/],
    [409, "CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT", /has been deleted .*: pick one with getLatestCloudBackupSnapshot/],
    [409, "CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT", /is not complete yet: wait until/],
    // Atlas's code for a point outside the window is unconfirmed: the simulator's and the table's candidates.
    [400, "INVALID_POINT_IN_TIME", /outside prod's continuous-backup window .*: choose a moment inside the window/],
    [400, "INVALID_PIT_RESTORE_TIME", /outside prod's continuous-backup window/],
    [404, "UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME", /outside prod's continuous-backup window/],
    [409, "NO_CHECKPOINT_FOR_PIT_RESTORE", /outside prod's continuous-backup window/],
    [400, "CLUSTER_PAUSED_CANNOT_RESTORE", /target cluster staging is paused: resume it/],
    // On the POST (the source was just listed), a cluster or project refusal is about the target.
    [400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", /targetClusterName staging is a Flex cluster.*choose a dedicated \(M10\+\) cluster as targetClusterName/],
    [400, "CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API", /targetClusterName staging is an M0\/M2\/M5 cluster/],
    [404, "CLUSTER_NOT_FOUND", /check targetClusterName staging: Atlas knows no such dedicated cluster in the target project/],
    [404, "GROUP_NOT_FOUND", /check targetProjectId aaaaaaaaaaaaaaaaaaaaaaaa/],
  ];
  for (const [status, code, advice] of cases) {
    it(`${status} ${code}`, () => {
      const err = explain(status, code);
      assert.ok(err instanceof RestoreError);
      assert.ok(err.message.includes(`Atlas refused to start it (POST ${PATH} → ${status} ${code})`), err.message);
      assert.match(err.message, advice);
      assert.match(err.message, /Nothing was started\.$/);
    });
  }

  it("on the look-up before the POST (GET), a cluster or project refusal is about the source", () => {
    assert.match((explain(400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", "GET") as Error).message, /clusterName prod is a Flex cluster.*restore it with FlexRestore/);
    assert.match((explain(404, "CLUSTER_NOT_FOUND", "GET") as Error).message, /check clusterName prod: Atlas knows no such dedicated cluster in the project/);
    assert.match((explain(404, "GROUP_NOT_FOUND", "GET") as Error).message, /check projectId aaaaaaaaaaaaaaaaaaaaaaaa\./);
  });

  it("passes other errors through unchanged", () => {
    const other = refusal(400, "SOMETHING_ELSE");
    assert.equal(explainCloudBackupCreateError(other, args), other);
    const plain = new Error("x");
    assert.equal(explainCloudBackupCreateError(plain, args), plain);
  });
});
