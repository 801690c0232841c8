// Seed an environment from a snapshot: restore the newest completed snapshot of a source cluster
// into a target cluster, wait until Atlas reports COMPLETED, and export what happened.
//
// Runs unchanged against real Atlas: set a service account (mongodbatlas:clientId and, as a
// secret, mongodbatlas:clientSecret; or MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET) or
// an API key (mongodbatlas:publicKey / mongodbatlas:privateKey as secrets, or the
// MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY environment variables).
// `npm run demo` runs it against the local Atlas simulator instead.
import * as pulumi from "@pulumi/pulumi";
import {
  CloudBackupRestore,
  FlexRestore,
  TenantRestore,
  getFlexSnapshotsOutput,
  getLatestCloudBackupSnapshotOutput,
  getTenantSnapshotsOutput,
} from "pulumi-atlas-restore";

const config = new pulumi.Config();
const sourceProjectId = config.require("sourceProjectId");
const sourceClusterName = config.require("sourceClusterName");
const targetProjectId = config.get("targetProjectId") ?? sourceProjectId;
const targetClusterName = config.require("targetClusterName");
// "tenant" (M2/M5, the default), "flex" (Flex clusters, the successor of M2/M5; Atlas API v2) or
// "dedicated" (M10+ clusters: Cloud Backup restore jobs).
const clusterType = config.get("clusterType") ?? "tenant";
if (clusterType !== "tenant" && clusterType !== "flex" && clusterType !== "dedicated") {
  throw new Error(`config clusterType must be "tenant", "flex" or "dedicated", not "${clusterType}"`);
}
const wait = {
  pollIntervalSeconds: config.getNumber("pollIntervalSeconds"),
  waitForCompletion: config.getBoolean("waitForCompletion"),
  adoptionWindowSeconds: config.getNumber("adoptionWindowSeconds"),
};

/** M2/M5 or Flex: the snapshot named in config, or the newest COMPLETED one of the source cluster. */
function tenantOrFlex() {
  const listSnapshots = clusterType === "flex" ? getFlexSnapshotsOutput : getTenantSnapshotsOutput;
  const snapshotId: pulumi.Input<string> =
    config.get("snapshotId") ??
    listSnapshots({ projectId: sourceProjectId, clusterName: sourceClusterName }).apply((page) => {
      const completed = page.results
        .filter((s) => s.status === "COMPLETED")
        .sort((a, b) => (b.finishTime ?? "").localeCompare(a.finishTime ?? ""));
      if (completed.length === 0) {
        throw new Error(`cluster ${sourceClusterName} has no COMPLETED snapshot to restore`);
      }
      return completed[0].id;
    });
  const Restore = clusterType === "flex" ? FlexRestore : TenantRestore;
  const restore = new Restore("seed-target", {
    projectId: sourceProjectId,
    clusterName: sourceClusterName,
    snapshotId,
    targetProjectId,
    targetDeploymentItemName: targetClusterName,
    timeoutSeconds: config.getNumber("timeoutSeconds") ?? 1800,
    ...wait,
  });
  return {
    restoreJobId: restore.restoreJobId,
    status: restore.status,
    restoredSnapshotId: restore.snapshotId,
    target: pulumi.interpolate`${restore.targetProjectId}/${restore.targetDeploymentItemName}`,
    finishedAt: restore.restoreFinishedDate,
    // Always a secret. RESTORE jobs carry no download URL, so say so rather than export nothing.
    snapshotUrl: restore.snapshotUrl.apply((url) => url ?? "(none: only DOWNLOAD jobs have one)"),
  };
}

/** Dedicated (M10+): the newest completed snapshot (at most maxSnapshotAgeHours old) → an automated restore. */
function dedicated() {
  const latest = getLatestCloudBackupSnapshotOutput({
    projectId: sourceProjectId,
    clusterName: sourceClusterName,
    maxAgeHours: config.getNumber("maxSnapshotAgeHours"),
  });
  const restore = new CloudBackupRestore("seed-target", {
    projectId: sourceProjectId,
    clusterName: sourceClusterName,
    deliveryType: "automated",
    snapshotId: config.get("snapshotId") ?? latest.apply((s) => s.id),
    targetProjectId,
    targetClusterName,
    timeoutSeconds: config.getNumber("timeoutSeconds") ?? 7200,
    ...wait,
  });
  return {
    restoreJobId: restore.restoreJobId,
    status: restore.status,
    restoredSnapshotId: restore.snapshotId.apply((id) => id ?? ""),
    target: pulumi.interpolate`${restore.targetProjectId}/${restore.targetClusterName}`,
    finishedAt: restore.finishedAt,
    snapshotUrl: pulumi.secret("(none: an automated restore has no download URL)"),
  };
}

const result = clusterType === "dedicated" ? dedicated() : tenantOrFlex();
export const restoreJobId = result.restoreJobId;
export const status = result.status;
export const restoredSnapshotId = result.restoredSnapshotId;
export const target = result.target;
export const finishedAt = result.finishedAt;
export const snapshotUrl = result.snapshotUrl;
