import { z } from "zod";
import { CLOUD_BACKUP_RESTORE_SHAPE, CloudBackupDeliveryType } from "./cloud-backup";
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
  const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message, input: (a as Record<string, unknown>)[path] });
  refineWaitSettings(a, ctx);
  if (!CloudBackupDeliveryType.safeParse(a.deliveryType).success) return; // reported by the field itself
  const pitForms = [a.pointInTimeUTCSeconds !== undefined, a.oplogTs !== undefined || a.oplogInc !== undefined].filter(Boolean).length;
  if (a.deliveryType === "pointInTime") {
    if (a.snapshotId !== undefined) problem("snapshotId", "must not be set for deliveryType \"pointInTime\" (Atlas picks the snapshot for the point in time); remove it");
    if (pitForms === 2) problem("pointInTimeUTCSeconds", "and oplogTs/oplogInc are two forms of the point in time: give exactly one");
    if (pitForms === 0) problem("pointInTimeUTCSeconds", "is required for deliveryType \"pointInTime\" (or give oplogTs and oplogInc instead)");
    if (a.oplogTs !== undefined && a.oplogInc === undefined) problem("oplogInc", "is required with oplogTs");
    if (a.oplogInc !== undefined && a.oplogTs === undefined) problem("oplogTs", "is required with oplogInc");
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const field of ["pointInTimeUTCSeconds", "oplogTs"] as const) {
      const at = a[field];
      if (at === undefined || at <= nowSeconds) continue;
      // Milliseconds instead of seconds is the usual slip (Date.now()): say so rather than print year 50000.
      if (at > 1e11 && Math.floor(at / 1000) <= nowSeconds) problem(field, `looks like milliseconds (${at}); it takes seconds since 1970-01-01 UTC: ${Math.floor(at / 1000)} is ${new Date(Math.floor(at / 1000) * 1000).toISOString()}`);
      else problem(field, `is in the future (${at > 8.64e12 ? "beyond year 275760" : new Date(at * 1000).toISOString()}); a point-in-time restore needs a moment that has passed`);
    }
  } else {
    if (a.snapshotId === undefined) problem("snapshotId", `is required for deliveryType "${a.deliveryType}"`);
    for (const field of ["pointInTimeUTCSeconds", "oplogTs", "oplogInc"] as const) {
      if (a[field] !== undefined) problem(field, `is only for deliveryType "pointInTime"; remove it (deliveryType is "${a.deliveryType}")`);
    }
  }
  if (a.deliveryType === "download") {
    if (a.targetClusterName !== undefined) problem("targetClusterName", "must not be set for deliveryType \"download\" (a download has no target cluster)");
    if (a.targetProjectId !== undefined) problem("targetProjectId", "must not be set for deliveryType \"download\" (a download has no target cluster)");
    return;
  }
  if (a.targetClusterName === undefined) {
    problem("targetClusterName", `is required for deliveryType "${a.deliveryType}": the cluster whose data the restore replaces`);
  } else if (a.targetClusterName === a.clusterName && (a.targetProjectId ?? a.projectId) === a.projectId && a.allowOverwriteSource !== true) {
    problem(
      "targetClusterName",
      `is the source cluster ${a.clusterName} itself: this restore would DELETE the data of ${a.clusterName} (your production data, if that is ` +
        "what it holds) and replace it with the backup. If that is really intended, set allowOverwriteSource: true",
    );
  }
});
export type CloudBackupRestoreArgs = z.infer<typeof CloudBackupRestoreArgs>;
