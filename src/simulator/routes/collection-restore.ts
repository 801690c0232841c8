import { advanceCollectionRestores, collectionJobAt, isCollectionJobRunning } from "../collection-restore-lifecycle";
import { applyFailRules, echoedRequest, expandItems, parseCollectionRestoreBody, requestedPointInTime } from "../collection-restore-request";
import { catalogKey, type SimCollectionRestoreJob } from "../collection-restore-state";
import { badRequest, conflict } from "../errors";
import { ATLAS_2025_03_12 } from "../media-types";
import { paginate, parsePageQuery } from "../pagination";
import type { Route, RouteContext } from "../router";
import { checkClusterNameParam, checkObjectIdParam, newestFirst, requireCluster, restoreJobNotFound, snapshotNotFound } from "./lookup";

/** Collection-level restore jobs of dedicated clusters: v2 only, media type 2025-03-12. */
const BASE = "/groups/:groupId/clusters/:clusterName/collectionRestoreJobs";
const common = { versions: ["v2"], mediaType: ATLAS_2025_03_12 } as const;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function sourceCluster(ctx: RouteContext) {
  advanceCollectionRestores(ctx.state, ctx.now);
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  const clusterName = checkClusterNameParam(ctx.params.clusterName!, "clusterName");
  return requireCluster(ctx.state, groupId, clusterName, ["dedicated"]);
}

function requireJob(ctx: RouteContext): SimCollectionRestoreJob {
  const c = sourceCluster(ctx);
  const id = checkObjectIdParam(ctx.params.jobId!, "jobId");
  const job = ctx.state.collectionRestore.jobs.get(id);
  if (job === undefined || job.projectId !== c.projectId || job.clusterName !== c.name) throw restoreJobNotFound(id, c.name);
  return job;
}

/** `ApiAtlasCollectionRestoreJobResponse` (the schema has no `links`). */
function renderJob(job: SimCollectionRestoreJob, now: number): Record<string, unknown> {
  const p = collectionJobAt(job, now);
  return {
    ...job.request,
    createdAt: iso(job.createdAt),
    id: job.id,
    indexStatus: { failedCollectionCount: 0, state: p.state === "SUCCESSFUL" ? "SUCCESSFUL" : p.state === "FAILED" ? "NOT_RESTORED" : "IN_PROGRESS" },
    restoredDocuments: p.restoredDocuments,
    state: p.state,
    totalDocuments: p.totalDocuments,
    ...(p.finishedAt !== undefined ? { finishedAt: iso(p.finishedAt) } : {}),
    ...(p.errorMessage !== undefined ? { errorMessage: p.errorMessage } : {}),
  };
}

function create(ctx: RouteContext) {
  const source = sourceCluster(ctx);
  const b = parseCollectionRestoreBody(ctx.body);
  const world = ctx.state.collectionRestore;
  const catalog = world.catalogs.get(catalogKey(source.projectId, source.name)) ?? { namespaces: new Map() };
  if (b.snapshotId !== undefined && !source.snapshots.some((s) => s.id === b.snapshotId)) throw snapshotNotFound(b.snapshotId, source.name);
  const pit = requestedPointInTime(b);
  const windowStart = ctx.now - (source.pitWindowMs ?? 0);
  if (pit !== undefined && (pit < windowStart || pit > ctx.now)) {
    throw badRequest("INVALID_POINT_IN_TIME", (source.pitWindowMs ?? 0) > 0
      ? `The point in time ${iso(pit)} is outside the continuous backup window of ${source.name} (${iso(windowStart)} to now).`
      : `Continuous cloud backup is off for ${source.name}: restore from a snapshot instead.`);
  }
  requireCluster(ctx.state, b.targetGroupId, b.targetClusterName, ["dedicated"]);
  const running = [...world.jobs.values()].find(
    (j) => isCollectionJobRunning(j, ctx.now) &&
      [`${j.projectId}/${j.clusterName}`, `${j.targetProjectId}/${j.targetClusterName}`].some((k) => k === `${source.projectId}/${source.name}` || k === `${b.targetGroupId}/${b.targetClusterName}`),
  );
  if (running !== undefined) {
    throw conflict("COLLECTION_RESTORE_IN_PROGRESS", `Collection restore job ${running.id} (${collectionJobAt(running, ctx.now).state}) is still running on ${running.clusterName} → ${running.targetClusterName}; only one collection restore per cluster may run at a time.`);
  }
  const items = expandItems(b, catalog, world.catalogs.get(catalogKey(b.targetGroupId, b.targetClusterName)));
  applyFailRules(ctx.state, items);
  const job: SimCollectionRestoreJob = {
    id: ctx.state.ids.next(ctx.now), projectId: source.projectId, clusterName: source.name,
    request: echoedRequest(b),
    targetProjectId: b.targetGroupId, targetClusterName: b.targetClusterName, writeStrategy: b.writeStrategy,
    createdAt: ctx.now, pace: { ...world.pace }, items, applied: false,
  };
  world.jobs.set(job.id, job);
  return { status: 201, body: renderJob(job, ctx.now) };
}

export const collectionRestoreRoutes: Route[] = [
  { ...common, name: "createCollectionRestoreJob", method: "POST", pattern: BASE, handle: create },
  {
    ...common,
    name: "listCollectionRestoreJobs",
    method: "GET",
    pattern: BASE,
    handle: (ctx) => {
      const c = sourceCluster(ctx);
      const jobs = newestFirst([...ctx.state.collectionRestore.jobs.values()].filter((j) => j.projectId === c.projectId && j.clusterName === c.name));
      return { status: 200, body: paginate(jobs, parsePageQuery(ctx.query), ctx.requestUrl, (j) => renderJob(j, ctx.now)) };
    },
  },
  { ...common, name: "getCollectionRestoreJob", method: "GET", pattern: `${BASE}/:jobId`, handle: (ctx) => ({ status: 200, body: renderJob(requireJob(ctx), ctx.now) }) },
  {
    ...common,
    name: "listRestoreJobCollections",
    method: "GET",
    pattern: `${BASE}/:jobId/collections`,
    handle: (ctx) => {
      const job = requireJob(ctx);
      const p = collectionJobAt(job, ctx.now);
      const states = p.collections.map((c) => {
        const item = job.items[c.index]!;
        return {
          effectiveTargetNamespace: item.effectiveTargetNamespace,
          indexStatus: { state: c.state === "SUCCESSFUL" ? "SUCCESSFUL" : c.state === "IN_PROGRESS" ? "IN_PROGRESS" : "NOT_STARTED" },
          restoredDocuments: c.restoredDocuments,
          sourceNamespace: item.sourceNamespace,
          state: c.state,
          targetNamespace: item.targetNamespace,
          totalDocuments: item.totalDocuments,
        };
      });
      const filter = (key: "state" | "sourceNamespace" | "targetNamespace") => ctx.query.get(key);
      const shown = states.filter((s) => (["state", "sourceNamespace", "targetNamespace"] as const).every((k) => filter(k) === null || s[k] === filter(k)));
      return { status: 200, body: paginate(shown, parsePageQuery(ctx.query), ctx.requestUrl, (s) => s) };
    },
  },
];
