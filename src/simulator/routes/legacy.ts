import { OBJECT_ID_PATTERN } from "../../schemas/ids";
import { badRequest } from "../errors";
import { ATLAS_2023_01_01 } from "../media-types";
import { paginate, parsePageQuery } from "../pagination";
import type { Route } from "../router";
import { renderLegacyJob } from "../views";
import { dedicatedCluster } from "./cloud-backup";
import { checkObjectIdParam, newestFirst, restoreJobNotFound } from "./lookup";

/**
 * Legacy Backup restore jobs of dedicated clusters (deprecated in Atlas, still served): v1.0 and
 * v2 (media type 2023-01-01), as atlas-sdk-go's LegacyBackupApi and the Atlas CLI call them.
 */
const BASE = "/groups/:groupId/clusters/:clusterName/restoreJobs";
const common = { versions: ["v1.0", "v2"], mediaType: ATLAS_2023_01_01 } as const;

/** The optional `batchId` filter; a malformed one is 400 INVALID_PARAMETER like any bad parameter. */
function batchIdOf(query: URLSearchParams): string | undefined {
  const batchId = query.get("batchId");
  if (batchId === null || OBJECT_ID_PATTERN.test(batchId)) return batchId ?? undefined;
  throw badRequest("INVALID_PARAMETER", `Invalid value ${batchId} for query parameter batchId: must be a 24-hexadecimal digit string.`, [
    { field: "batchId", description: "must be a 24-hexadecimal digit string" },
  ], [batchId, "batchId"]);
}

export const legacyRoutes: Route[] = [
  {
    ...common,
    name: "listLegacyRestoreJobs",
    method: "GET",
    pattern: BASE,
    handle: (ctx) => {
      const c = dedicatedCluster(ctx);
      const page = parsePageQuery(ctx.query);
      const batchId = batchIdOf(ctx.query);
      const jobs = newestFirst(
        [...ctx.state.legacyJobs.values()].filter(
          (j) => j.projectId === c.projectId && j.clusterName === c.name && (batchId === undefined || j.batchId === batchId),
        ),
      );
      return { status: 200, body: paginate(jobs, page, ctx.requestUrl, (j) => renderLegacyJob(j, ctx.apiBase)) };
    },
  },
  {
    ...common,
    name: "getLegacyRestoreJob",
    method: "GET",
    pattern: `${BASE}/:jobId`,
    handle: (ctx) => {
      const c = dedicatedCluster(ctx);
      const id = checkObjectIdParam(ctx.params.jobId!, "jobId");
      const job = ctx.state.legacyJobs.get(id);
      if (job === undefined || job.projectId !== c.projectId || job.clusterName !== c.name) throw restoreJobNotFound(id, c.name);
      return { status: 200, body: renderLegacyJob(job, ctx.apiBase) };
    },
  },
];
