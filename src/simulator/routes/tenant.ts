import { ATLAS_2023_01_01 } from "../media-types";
import { wholeList } from "../pagination";
import type { Route, RouteContext } from "../router";
import { renderRestoreJob, renderSnapshot } from "../views";
import { createRestoreJob } from "./create-restore";
import { checkClusterNameParam, checkObjectIdParam, requireCluster, requireRestoreJob, restoreJobsOf, snapshotNotFound } from "./lookup";

/**
 * Shared-tier (M2/M5) restores and snapshots, v1.0 and v2 (deprecated there; sunset 2026-01-22).
 * v2 version set: 2023-01-01 only, as the last spec listing these paths (2026-03-03 extract) serves them.
 */
const BASE = "/groups/:groupId/clusters/:clusterName/backup/tenant";
const common = { versions: ["v1.0", "v2"], mediaType: ATLAS_2023_01_01, sunsetOnV2: true } as const;

export function tenantCluster(ctx: RouteContext) {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const clusterName = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
  return requireCluster(ctx.state, groupId, clusterName, ["tenant"]);
}

function snapshotHref(ctx: RouteContext, projectId: string, clusterName: string, id: string) {
  return `${ctx.apiBase}/groups/${projectId}/clusters/${clusterName}/backup/tenant/snapshots/${id}`;
}

export const tenantRoutes: Route[] = [
  {
    ...common,
    name: "createTenantRestore",
    method: "POST",
    pattern: `${BASE}/restore`,
    handle: (ctx) => ({ status: 200, body: renderRestoreJob(createRestoreJob(ctx, "tenant", tenantCluster(ctx)), ctx.now, ctx.apiBase) }),
  },
  {
    ...common,
    name: "listTenantRestores",
    method: "GET",
    pattern: `${BASE}/restores`,
    handle: (ctx) => {
      const c = tenantCluster(ctx);
      const jobs = restoreJobsOf(ctx.state, "tenant", c);
      return { status: 200, body: wholeList(jobs.map((j) => renderRestoreJob(j, ctx.now, ctx.apiBase)), ctx.requestUrl) };
    },
  },
  {
    ...common,
    name: "getTenantRestore",
    method: "GET",
    pattern: `${BASE}/restores/:restoreId`,
    handle: (ctx) => {
      const c = tenantCluster(ctx);
      const id = checkObjectIdParam(ctx.params.restoreId!, "restoreId");
      const job = requireRestoreJob(ctx.state, "tenant", c, id);
      return { status: 200, body: renderRestoreJob(job, ctx.now, ctx.apiBase) };
    },
  },
  {
    ...common,
    name: "listTenantSnapshots",
    method: "GET",
    pattern: `${BASE}/snapshots`,
    handle: (ctx) => {
      const c = tenantCluster(ctx);
      const snapshots = [...c.snapshots].reverse().map((s) => renderSnapshot(s, snapshotHref(ctx, c.projectId, c.name, s.id)));
      return { status: 200, body: wholeList(snapshots, ctx.requestUrl) };
    },
  },
  {
    ...common,
    name: "getTenantSnapshot",
    method: "GET",
    pattern: `${BASE}/snapshots/:snapshotId`,
    handle: (ctx) => {
      const c = tenantCluster(ctx);
      const id = checkObjectIdParam(ctx.params.snapshotId!, "snapshotId");
      const snapshot = c.snapshots.find((s) => s.id === id);
      if (snapshot === undefined) throw snapshotNotFound(id, c.name);
      return { status: 200, body: renderSnapshot(snapshot, snapshotHref(ctx, c.projectId, c.name, id)) };
    },
  },
];
