import { z } from "zod";
import { CLOUD_BACKUP_RESTORE_SHAPE, CloudBackupDeliveryType } from "./cloud-backup";
import { crossIssue } from "./cross-issue";
import { pointInTimeProblem } from "./point-in-time";
import { refineWaitSettings } from "./restore-args";

/**
 * The inputs of CloudBackupRestore: strict fields (CLOUD_BACKUP_RESTORE_SHAPE) plus the rules that
 * tie them together, each reported on the field to change:
 * - `automated`: `snapshotId` and `targetClusterName`; no point in time.
 * - `pointInTime`: exactly one of `pointInTimeUTCSeconds` or `oplogTs` + `oplogInc`, not in the
 *   future; `targetClusterName`; no `snapshotId` (Atlas picks the snapshot).
 * - `download`: `snapshotId`; no target and no point in time.
 * - the target is not the source cluster itself (same project and name) unless `allowOverwriteSource: true`.
 */
export const CloudBackupRestoreArgs = z.strictObject(CLOUD_BACKUP_RESTORE_SHAPE).superRefine((a, ctx) => {
  // Every rule names the inputs it reads (`involves`): while one of them is unknown at preview the
  // rule waits for create, which applies it again before any request, with the same message.
  const problem = (path: string, message: string, involves: readonly string[]) =>
    ctx.addIssue(crossIssue(path, message, ["deliveryType", path, ...involves], (a as Record<string, unknown>)[path]));
  refineWaitSettings(a, ctx);
  if (!CloudBackupDeliveryType.safeParse(a.deliveryType).success) return; // reported by the field itself
  const moment = ["pointInTimeUTCSeconds", "oplogTs", "oplogInc"];
  const pitForms = [a.pointInTimeUTCSeconds !== undefined, a.oplogTs !== undefined || a.oplogInc !== undefined].filter(Boolean).length;
  if (a.deliveryType === "pointInTime") {
    if (a.snapshotId !== undefined) problem("snapshotId", "must not be set for deliveryType \"pointInTime\" (Atlas picks the snapshot for the point in time); remove it", []);
    if (pitForms === 2) problem("pointInTimeUTCSeconds", "and oplogTs/oplogInc are two forms of the point in time: give exactly one", moment);
    if (pitForms === 0) problem("pointInTimeUTCSeconds", "is required for deliveryType \"pointInTime\" (or give oplogTs and oplogInc instead)", moment);
    if (a.oplogTs !== undefined && a.oplogInc === undefined) problem("oplogInc", "is required with oplogTs", moment);
    if (a.oplogInc !== undefined && a.oplogTs === undefined) problem("oplogTs", "is required with oplogInc", moment);
    for (const field of ["pointInTimeUTCSeconds", "oplogTs"] as const) {
      const at = a[field];
      const message = at === undefined ? undefined : pointInTimeProblem(at);
      if (message !== undefined) problem(field, message, []);
    }
  } else {
    if (a.snapshotId === undefined) problem("snapshotId", `is required for deliveryType "${a.deliveryType}"`, []);
    for (const field of ["pointInTimeUTCSeconds", "oplogTs", "oplogInc"] as const) {
      if (a[field] !== undefined) problem(field, `is only for deliveryType "pointInTime"; remove it (deliveryType is "${a.deliveryType}")`, []);
    }
  }
  if (a.deliveryType === "download") {
    if (a.targetClusterName !== undefined) problem("targetClusterName", "must not be set for deliveryType \"download\" (a download has no target cluster)", []);
    if (a.targetProjectId !== undefined) problem("targetProjectId", "must not be set for deliveryType \"download\" (a download has no target cluster)", []);
    return;
  }
  if (a.targetClusterName === undefined) {
    problem("targetClusterName", `is required for deliveryType "${a.deliveryType}": the cluster whose data the restore replaces`, []);
  } else if (a.targetClusterName === a.clusterName && (a.targetProjectId ?? a.projectId) === a.projectId && a.allowOverwriteSource !== true) {
    // A target project not known yet (created in the same program) defers this to create: it is
    // judged there against the real project, never against the source project as a guess.
    problem(
      "targetClusterName",
      `is the source cluster ${a.clusterName} itself: this restore would DELETE the data of ${a.clusterName} (your production data, if that is ` +
        "what it holds) and replace it with the backup. If that is really intended, set allowOverwriteSource: true",
      ["clusterName", "projectId", "targetProjectId", "allowOverwriteSource"],
    );
  }
});
export type CloudBackupRestoreArgs = z.infer<typeof CloudBackupRestoreArgs>;
