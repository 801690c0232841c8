import { ATLAS_2023_01_01 } from "../media-types";
import { paginate, parsePageQuery } from "../pagination";
import type { Route, RouteContext } from "../router";
import { renderCloudBackupJob } from "../views";
import { checkClusterNameParam, checkObjectIdParam, newestFirst, requireCluster, restoreJobNotFound } from "./lookup";

/** Cloud Backup restore jobs of dedicated clusters (v1.0 and v2); Legacy Backup jobs are in legacy.ts. */
const BASE = "/groups/:groupId/clusters/:clusterName";

export function dedicatedCluster(ctx: RouteContext) {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const clusterName = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
  return requireCluster(ctx.state, groupId, clusterName, ["dedicated"]);
}

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
    name: "getCloudBackupRestoreJob",
    method: "GET",
    pattern: `${BASE}/backup/restoreJobs/:restoreJobId`,
    versions: ["v1.0", "v2"],
    mediaType: ATLAS_2023_01_01,
    handle: (ctx) => {
      const c = dedicatedCluster(ctx);
      const id = checkObjectIdParam(ctx.params.restoreJobId!, "restoreJobId");
      const job = ctx.state.cloudBackupJobs.get(id);
      if (job === undefined || job.projectId !== c.projectId || job.clusterName !== c.name) throw restoreJobNotFound(id, c.name);
      return { status: 200, body: renderCloudBackupJob(job, ctx.now, ctx.apiBase) };
    },
  },
];
