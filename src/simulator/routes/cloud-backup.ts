import { ATLAS_2023_01_01 } from "../media-types";
import { paginate, parsePageQuery } from "../pagination";
import type { Route, RouteContext } from "../router";
import { renderCloudBackupJob, renderCluster, renderDedicatedSnapshot, renderLegacyJob } from "../views";
import { cancelCloudBackupJob, createCloudBackupJob, flexInClusterApi, requireDedicated } from "./cloud-backup-create";
import { checkClusterNameParam, checkObjectIdParam, newestFirst, requireCluster, restoreJobNotFound, snapshotNotFound } from "./lookup";

/** Cloud Backup restore jobs of dedicated clusters (v1.0 and v2), and Legacy Backup jobs (v1.0 only). */
const BASE = "/groups/:groupId/clusters/:clusterName";

function dedicatedCluster(ctx: RouteContext) {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const clusterName = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
  return requireDedicated(ctx, groupId, clusterName);
}

function cloudBackupJob(ctx: RouteContext) {
  const c = dedicatedCluster(ctx);
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
      const c = dedicatedCluster(ctx);
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
    handle: (ctx) => ({ status: 200, body: renderCloudBackupJob(createCloudBackupJob(ctx, dedicatedCluster(ctx)), ctx.now, ctx.apiBase) }),
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
      const c = dedicatedCluster(ctx);
      const page = parsePageQuery(ctx.query);
      const snapshots = c.snapshots.map((s, i) => ({ s, i })).reverse();
      return { status: 200, body: paginate(snapshots, page, ctx.requestUrl, ({ s, i }) => renderDedicatedSnapshot(s, snapshotHref(ctx, c.projectId, c.name, s.id), i)) };
    },
  },
  {
    ...dedicated,
    name: "getCloudBackupSnapshot",
    method: "GET",
    pattern: `${BASE}/backup/snapshots/:snapshotId`,
    handle: (ctx) => {
      const c = dedicatedCluster(ctx);
      const id = checkObjectIdParam(ctx.params.snapshotId!, "snapshotId");
      const i = c.snapshots.findIndex((s) => s.id === id);
      if (i < 0) throw snapshotNotFound(id, c.name);
      return { status: 200, body: renderDedicatedSnapshot(c.snapshots[i]!, snapshotHref(ctx, c.projectId, c.name, id), i) };
    },
  },
  {
    ...dedicated,
    name: "getCluster",
    method: "GET",
    pattern: BASE,
    handle: (ctx) => {
      // Every cluster but a Flex one is described here (M0/M2/M5 too).
      const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
      const name = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
      const c = requireCluster(ctx.state, groupId, name, ["tenant", "flex", "dedicated"]);
      if (c.kind === "flex") throw flexInClusterApi(name);
      return { status: 200, body: renderCluster(c, ctx.apiBase) };
    },
  },
  {
    name: "getLegacyRestoreJob",
    method: "GET",
    pattern: `${BASE}/restoreJobs/:jobId`,
    versions: ["v1.0"],
    handle: (ctx) => {
      const c = dedicatedCluster(ctx);
      const id = checkObjectIdParam(ctx.params.jobId!, "jobId");
      const job = ctx.state.legacyJobs.get(id);
      if (job === undefined || job.projectId !== c.projectId || job.clusterName !== c.name) throw restoreJobNotFound(id, c.name);
      return { status: 200, body: renderLegacyJob(job, ctx.apiBase) };
    },
  },
];
