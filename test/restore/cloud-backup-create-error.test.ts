import assert from "node:assert/strict";
import { AtlasApiError } from "../../src/atlas/errors";
import { explainCloudBackupCreateError } from "../../src/restore/cloud-backup-create-error";
import { RestoreError } from "../../src/restore/errors";
import type { CloudBackupRestoreArgs } from "../../src/schemas";

const args: CloudBackupRestoreArgs = {
  projectId: "aaaaaaaaaaaaaaaaaaaaaaaa", clusterName: "prod", deliveryType: "automated", snapshotId: "cccccccccccccccccccccccc", targetClusterName: "staging",
};
const refusal = (status: number, errorCode: string) =>
  new AtlasApiError({ status, errorCode, method: "POST", path: "/api/atlas/v2/groups/g/clusters/prod/backup/restoreJobs" }, `POST → ${status} ${errorCode}`);
const explain = (status: number, code: string) => explainCloudBackupCreateError(refusal(status, code), args);

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
    [400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", /prod is a Flex cluster: restore it with FlexRestore/],
    [400, "CANNOT_USE_TENANT_CLUSTER_IN_CLUSTER_BACKUP_API", /M0\/M2\/M5 cluster/],
    [404, "CLUSTER_NOT_FOUND", /check clusterName and targetClusterName/],
    [404, "GROUP_NOT_FOUND", /check projectId and targetProjectId/],
  ];
  for (const [status, code, advice] of cases) {
    it(`${status} ${code}`, () => {
      const err = explain(status, code);
      assert.ok(err instanceof RestoreError);
      assert.match(err.message, new RegExp(`Atlas refused to start it \\(POST → ${status} ${code}\\)`));
      assert.match(err.message, advice);
      assert.match(err.message, /Nothing was started\.$/);
    });
  }

  it("passes other errors through unchanged", () => {
    const other = refusal(400, "SOMETHING_ELSE");
    assert.equal(explainCloudBackupCreateError(other, args), other);
    const plain = new Error("x");
    assert.equal(explainCloudBackupCreateError(plain, args), plain);
  });
});
