import { ATLAS_2023_01_01, ATLAS_2023_02_01, ATLAS_2024_08_05 } from "../media-types";
import { paginate, parsePageQuery } from "../pagination";
import type { Route, RouteContext } from "../router";
import { renderCluster } from "../views-cluster";
import { renderCloudBackupJob, renderDedicatedSnapshot } from "../views-dedicated";
import { cancelCloudBackupJob, createCloudBackupJob, flexInClusterApi, requireDedicated } from "./cloud-backup-create";
import { checkClusterNameParam, checkObjectIdParam, newestFirst, requireCluster, restoreJobNotFound, snapshotNotFound } from "./lookup";

/**
 * Cloud Backup restore jobs and snapshots of dedicated clusters (v1.0 and v2), and the cluster
 * itself; Legacy Backup jobs are in legacy.ts. Versions as the spec (the Atlas CLI's vendored
 * openapi/v2.yaml, 2026-08) serves them: every restore-job and snapshot operation only 2023-01-01;
 * getCluster 2023-01-01, 2023-02-01 and 2024-08-05 (the versions the Atlas CLI v1.46.4 lists).
 */
const BASE = "/groups/:groupId/clusters/:clusterName";

/** A dedicated cluster for the legacy routes (legacy.ts): any other name is 404 CLUSTER_NOT_FOUND. */
export function dedicatedCluster(ctx: RouteContext) {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const clusterName = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
  return requireCluster(ctx.state, groupId, clusterName, ["dedicated"]);
}

/**
 * A dedicated cluster for the Cloud Backup routes: a Flex name is 400
 * CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, as Atlas answers on the cluster paths (confirmed for
 * `…/clusters/{name}`; assumed, not confirmed, for the `…/backup/…` paths under it).
 */
function backupCluster(ctx: RouteContext) {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const clusterName = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
  return requireDedicated(ctx, groupId, clusterName);
}

function cloudBackupJob(ctx: RouteContext) {
  const c = backupCluster(ctx);
  const id = checkObjectIdParam(ctx.params.restoreJobId!, "restoreJobId");
  const job = ctx.state.cloudBackupJobs.get(id);
  if (job === undefined || job.projectId !== c.projectId || job.clusterName !== c.name) throw restoreJobNotFound(id, c.name);
  return job;
}

const dedicated = { versions: ["v1.0", "v2"], mediaType: ATLAS_2023_01_01 } as const;
const snapshotHref = (ctx: RouteContext, projectId: string, name: string, id: string) =>
  `${ctx.apiBase}/groups/${projectId}/clusters/${name}/backup/snapshots/${id}`;

export const cloudBackupRoutes: Route[] = [
  {
    name: "listCloudBackupRestoreJobs",
    method: "GET",
    pattern: `${BASE}/backup/restoreJobs`,
    versions: ["v1.0", "v2"],
    mediaType: ATLAS_2023_01_01,
    handle: (ctx) => {
      const c = backupCluster(ctx);
      const page = parsePageQuery(ctx.query);
      const jobs = newestFirst([...ctx.state.cloudBackupJobs.values()].filter((j) => j.projectId === c.projectId && j.clusterName === c.name));
      return { status: 200, body: paginate(jobs, page, ctx.requestUrl, (j) => renderCloudBackupJob(j, ctx.now, ctx.apiBase)) };
    },
  },
  {
    ...dedicated,
    name: "getCloudBackupRestoreJob",
    method: "GET",
    pattern: `${BASE}/backup/restoreJobs/:restoreJobId`,
    handle: (ctx) => ({ status: 200, body: renderCloudBackupJob(cloudBackupJob(ctx), ctx.now, ctx.apiBase) }),
  },
  {
    ...dedicated,
    name: "createCloudBackupRestoreJob",
    method: "POST",
    pattern: `${BASE}/backup/restoreJobs`,
    handle: (ctx) => ({ status: 200, body: renderCloudBackupJob(createCloudBackupJob(ctx, backupCluster(ctx)), ctx.now, ctx.apiBase) }),
  },
  {
    ...dedicated,
    name: "cancelCloudBackupRestoreJob",
    method: "DELETE",
    pattern: `${BASE}/backup/restoreJobs/:restoreJobId`,
    handle: (ctx) => {
      cancelCloudBackupJob(ctx, cloudBackupJob(ctx));
      return { status: 204, body: undefined };
    },
  },
  {
    ...dedicated,
    name: "listCloudBackupSnapshots",
    method: "GET",
    pattern: `${BASE}/backup/snapshots`,
    handle: (ctx) => {
      const c = backupCluster(ctx);
      const page = parsePageQuery(ctx.query);
      const snapshots = c.snapshots.map((s, i) => ({ s, i })).reverse();
      return { status: 200, body: paginate(snapshots, page, ctx.requestUrl, ({ s, i }) => renderDedicatedSnapshot(c, s, snapshotHref(ctx, c.projectId, c.name, s.id), i)) };
    },
  },
  {
    ...dedicated,
    name: "getCloudBackupSnapshot",
    method: "GET",
    pattern: `${BASE}/backup/snapshots/:snapshotId`,
    handle: (ctx) => {
      const c = backupCluster(ctx);
      const id = checkObjectIdParam(ctx.params.snapshotId!, "snapshotId");
      const i = c.snapshots.findIndex((s) => s.id === id);
      if (i < 0) throw snapshotNotFound(id, c.name);
      return { status: 200, body: renderDedicatedSnapshot(c, c.snapshots[i]!, snapshotHref(ctx, c.projectId, c.name, id), i) };
    },
  },
  {
    ...dedicated,
    mediaTypes: [ATLAS_2023_01_01, ATLAS_2023_02_01, ATLAS_2024_08_05],
    name: "getCluster",
    method: "GET",
    pattern: BASE,
    handle: (ctx) => {
      // Every cluster but a Flex one is described here (M0/M2/M5 too).
      const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
      const name = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
      const c = requireCluster(ctx.state, groupId, name, ["tenant", "flex", "dedicated"]);
      if (c.kind === "flex") throw flexInClusterApi(name);
      return { status: 200, body: renderCluster(c, ctx.apiBase, ctx.mediaType) };
    },
  },
];
