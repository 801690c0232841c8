import { FLEX_DOWNLOAD, TENANT_DOWNLOAD } from "../request-bodies";
import { ATLAS_2023_01_01, ATLAS_2024_11_13 } from "../media-types";
import type { Route, RouteContext } from "../router";
import type { SimCluster } from "../state";
import { renderRestoreJob } from "../views";
import { addRestoreJob, checkBody, requireSnapshot } from "./create-restore";
import { flexCluster } from "./flex";
import { tenantCluster } from "./tenant";

/**
 * Versions: the Flex download is served in 2024-11-13 only (the 2026-08-18 legacy extract). The
 * M2/M5 download (…/backup/tenant/download) is in none of the extracts: its 2023-01-01 is what
 * atlas-sdk-go sends for it, UNCONFIRMED against the spec.
 *
 * Snapshot download requests: each creates a PENDING DOWNLOAD job of the cluster (it then shows in
 * the cluster's restore-job list and GET, with a `snapshotUrl` that expires four hours after the
 * request). A download replaces no data, so nothing refuses a second one.
 */
function createDownloadJob(ctx: RouteContext, family: "tenant" | "flex", source: SimCluster, snapshotId: string) {
  const snapshot = requireSnapshot(source, snapshotId);
  const target = { targetProjectId: source.projectId, targetDeploymentItemName: source.name };
  const job = addRestoreJob(ctx, { family, deliveryType: "DOWNLOAD", ...target, outcome: "COMPLETED" }, source, snapshot);
  return { status: 200, body: renderRestoreJob(job, ctx.now, ctx.apiBase) };
}

export const downloadRoutes: Route[] = [
  {
    name: "downloadFlexSnapshot",
    method: "POST",
    pattern: "/groups/:groupId/flexClusters/:name/backup/download",
    versions: ["v2"],
    mediaType: ATLAS_2024_11_13,
    handle: (ctx) => {
      const source = flexCluster(ctx);
      return createDownloadJob(ctx, "flex", source, checkBody<{ snapshotId: string }>(ctx, FLEX_DOWNLOAD, "download request").snapshotId);
    },
  },
  {
    name: "downloadTenantSnapshot",
    method: "POST",
    pattern: "/groups/:groupId/clusters/:clusterName/backup/tenant/download",
    versions: ["v1.0", "v2"],
    mediaType: ATLAS_2023_01_01,
    sunsetOnV2: true,
    handle: (ctx) => {
      const source = tenantCluster(ctx);
      return createDownloadJob(ctx, "tenant", source, checkBody<{ snapshotId: string }>(ctx, TENANT_DOWNLOAD, "download request").snapshotId);
    },
  },
];
