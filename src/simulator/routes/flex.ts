import { badRequest } from "../errors";
import { ATLAS_2024_11_13 } from "../media-types";
import { paginate, parsePageQuery } from "../pagination";
import type { Route, RouteContext } from "../router";
import { renderRestoreJob, renderSnapshot } from "../views";
import { createRestoreJob } from "./create-restore";
import { checkClusterNameParam, checkObjectIdParam, requireCluster, requireRestoreJob, restoreJobsOf, snapshotNotFound } from "./lookup";

/**
 * Flex restore jobs and snapshots: v2 only, media type 2024-11-13 (the only version the spec
 * serves); the source is `instanceName`. Jobs and snapshots carry no links, as Atlas's recorded answers.
 */
const BASE = "/groups/:groupId/flexClusters/:name/backup";
const common = { versions: ["v2"], mediaType: ATLAS_2024_11_13 } as const;

/**
 * The Flex cluster of the path. Like Atlas, a cluster that exists but is not a Flex cluster (an
 * M2/M5 or a dedicated one) is 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API, not 404: that is how
 * the Atlas CLI and the Terraform provider tell the kinds apart.
 */
export function flexCluster(ctx: RouteContext) {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const name = checkClusterNameParam(ctx.params.name!, "name");
  const cluster = requireCluster(ctx.state, groupId, name, ["flex", "tenant", "dedicated"]);
  if (cluster.kind !== "flex") throw badRequest("CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", `Cannot use non-flex cluster ${name} in the flex API.`, undefined, [name]);
  return cluster;
}

export const flexRoutes: Route[] = [
  {
    ...common,
    name: "createFlexRestoreJob",
    method: "POST",
    pattern: `${BASE}/restoreJobs`,
    handle: (ctx) => ({ status: 200, body: renderRestoreJob(createRestoreJob(ctx, "flex", flexCluster(ctx)), ctx.now, ctx.apiBase) }),
  },
  {
    ...common,
    name: "listFlexRestoreJobs",
    method: "GET",
    pattern: `${BASE}/restoreJobs`,
    handle: (ctx) => {
      const c = flexCluster(ctx);
      const page = parsePageQuery(ctx.query);
      const jobs = restoreJobsOf(ctx.state, "flex", c);
      return { status: 200, body: paginate(jobs, page, ctx.requestUrl, (j) => renderRestoreJob(j, ctx.now, ctx.apiBase)) };
    },
  },
  {
    ...common,
    name: "getFlexRestoreJob",
    method: "GET",
    pattern: `${BASE}/restoreJobs/:restoreJobId`,
    handle: (ctx) => {
      const c = flexCluster(ctx);
      const id = checkObjectIdParam(ctx.params.restoreJobId!, "restoreJobId");
      const job = requireRestoreJob(ctx.state, "flex", c, id);
      return { status: 200, body: renderRestoreJob(job, ctx.now, ctx.apiBase) };
    },
  },
  {
    ...common,
    name: "listFlexSnapshots",
    method: "GET",
    pattern: `${BASE}/snapshots`,
    handle: (ctx) => {
      const c = flexCluster(ctx);
      const page = parsePageQuery(ctx.query);
      // Oldest first, as Atlas lists them (TestFlexBackup/Snapshot_List/GET_…_backup_snapshots_1.snaphost).
      const snapshots = c.snapshots;
      return { status: 200, body: paginate(snapshots, page, ctx.requestUrl, (s) => renderSnapshot(s, undefined)) };
    },
  },
  {
    ...common,
    name: "getFlexSnapshot",
    method: "GET",
    pattern: `${BASE}/snapshots/:snapshotId`,
    handle: (ctx) => {
      const c = flexCluster(ctx);
      const id = checkObjectIdParam(ctx.params.snapshotId!, "snapshotId");
      const snapshot = c.snapshots.find((s) => s.id === id);
      if (snapshot === undefined) throw snapshotNotFound(id, c.name);
      return { status: 200, body: renderSnapshot(snapshot, undefined) };
    },
  },
];
