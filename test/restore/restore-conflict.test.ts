import assert from "node:assert/strict";
import { AtlasApiError } from "../../src/atlas/errors";
import { isRestoreConflict } from "../../src/restore/restore-conflict";

const refusal = (status: number, errorCode: string) =>
  new AtlasApiError({ status, errorCode, method: "POST", path: "/api/atlas/v2/groups/g/clusters/c/backup/restoreJobs" }, `POST → ${status} ${errorCode}`);

describe("isRestoreConflict: did Atlas refuse because a restore is running on the target?", () => {
  it("is true for Atlas's 400 CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE and 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS", () => {
    assert.equal(isRestoreConflict(refusal(400, "CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE")), true);
    assert.equal(isRestoreConflict(refusal(409, "ATLAS_CLUSTER_RESTORE_IN_PROGRESS")), true);
  });

  it("is true for any other 409 (the simulator's RESTORE_IN_PROGRESS, COLLECTION_RESTORE_IN_PROGRESS)", () => {
    assert.equal(isRestoreConflict(refusal(409, "RESTORE_IN_PROGRESS")), true);
    assert.equal(isRestoreConflict(refusal(409, "COLLECTION_RESTORE_IN_PROGRESS")), true);
  });

  it("is false for the 409s that mean an unusable snapshot or point in time, and for other 400s", () => {
    for (const code of ["CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT", "CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT", "NO_CHECKPOINT_FOR_PIT_RESTORE"]) {
      assert.equal(isRestoreConflict(refusal(409, code)), false, code);
    }
    assert.equal(isRestoreConflict(refusal(400, "VALIDATION_ERROR")), false);
    assert.equal(isRestoreConflict(new Error("409")), false);
  });
});
