// Seed an environment from a snapshot: restore the newest completed snapshot of a source cluster
// into a target cluster, wait until Atlas reports COMPLETED, and export what happened.
//
// Runs unchanged against real Atlas: set a service account (mongodbatlas:clientId and, as a
// secret, mongodbatlas:clientSecret; or MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET) or
// an API key (mongodbatlas:publicKey / mongodbatlas:privateKey as secrets, or the
// MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY environment variables).
// `npm run demo` runs it against the local Atlas simulator instead.
import * as pulumi from "@pulumi/pulumi";
import { FlexRestore, TenantRestore, getFlexSnapshotsOutput, getTenantSnapshotsOutput } from "pulumi-atlas-restore";

const config = new pulumi.Config();
const sourceProjectId = config.require("sourceProjectId");
const sourceClusterName = config.require("sourceClusterName");
const targetProjectId = config.get("targetProjectId") ?? sourceProjectId;
const targetClusterName = config.require("targetClusterName");
// "tenant" (M2/M5, the default) or "flex" (Flex clusters, the successor of M2/M5; Atlas API v2).
const clusterType = config.get("clusterType") ?? "tenant";
if (clusterType !== "tenant" && clusterType !== "flex") {
  throw new Error(`config clusterType must be "tenant" or "flex", not "${clusterType}"`);
}
const listSnapshots = clusterType === "flex" ? getFlexSnapshotsOutput : getTenantSnapshotsOutput;

// The snapshot: the one named in config, or the newest COMPLETED one of the source cluster.
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
  pollIntervalSeconds: config.getNumber("pollIntervalSeconds"),
  waitForCompletion: config.getBoolean("waitForCompletion"),
  adoptionWindowSeconds: config.getNumber("adoptionWindowSeconds"),
});

export const restoreJobId = restore.restoreJobId;
export const status = restore.status;
export const restoredSnapshotId = restore.snapshotId;
export const target = pulumi.interpolate`${restore.targetProjectId}/${restore.targetDeploymentItemName}`;
export const restoreScheduledDate = restore.restoreScheduledDate;
export const restoreFinishedDate = restore.restoreFinishedDate;
export const snapshotFinishedDate = restore.snapshotFinishedDate;
// Always a secret. RESTORE jobs carry no download URL, so say so rather than export nothing.
export const snapshotUrl = restore.snapshotUrl.apply((url) => url ?? "(none: only DOWNLOAD jobs have one)");
