import type { z } from "zod";
import { ClusterName, ObjectId } from "../../schemas";
import { badRequest, notFound } from "../errors";
import type { ClusterKind, SimCluster, SimProject, SimRestoreJob, SimulatorState } from "../state";

/** Path parameters are checked against the spec's patterns first: a bad one is 400 INVALID_PARAMETER. */
function checkParam(schema: z.ZodType, value: string, field: string): string {
  const result = schema.safeParse(value);
  if (!result.success) {
    const description = result.error.issues[0]?.message ?? "is invalid";
    throw badRequest("INVALID_PARAMETER", `Invalid value ${JSON.stringify(value)} for path parameter ${field}: ${description}.`, [
      { field, description },
    ], [value, field]);
  }
  return value;
}

export const checkObjectIdParam = (value: string, field: string) => checkParam(ObjectId, value, field);
export const checkClusterNameParam = (value: string, field: string) => checkParam(ClusterName, value, field);

/*
 * The not-found codes, statuses and detail wording below are Atlas's: its "Administration API Error
 * Codes" table (stored as Personabo-Technologies/MongoDB-Atlas-Docs reference_api-errors.md) lists
 * GROUP_NOT_FOUND "No group with ID %s exists.", CLUSTER_NOT_FOUND "No cluster named %s exists in group
 * %s.", SNAPSHOT_NOT_FOUND "No snapshot with ID %s exists for cluster %s." and RESTORE_JOB_NOT_FOUND
 * "No restore job with ID %s exists for cluster %s." (all 404); the Atlas CLI's e2e recordings
 * (the .snaphost files under test/e2e in mongodb/mongodb-atlas-cli) show Atlas answering the first two
 * word for word, with `parameters` [name, groupId] and [groupId]. The kind-mismatch variant of
 * CLUSTER_NOT_FOUND is the simulator's wording; the parameters of SNAPSHOT_NOT_FOUND,
 * RESTORE_JOB_NOT_FOUND and INVALID_PARAMETER follow the same rule (the detail's values) unconfirmed.
 */
export function requireProject(state: SimulatorState, projectId: string): SimProject {
  const project = state.projects.get(projectId);
  if (project === undefined) throw notFound("GROUP_NOT_FOUND", `No group with ID ${projectId} exists.`, [projectId]);
  return project;
}

const KIND_LABEL: Record<ClusterKind, string> = { tenant: "M2/M5 (tenant) cluster", flex: "Flex cluster", dedicated: "dedicated cluster" };

/** The cluster, which must exist in the project and be of one of `kinds`; otherwise 404 CLUSTER_NOT_FOUND. */
export function requireCluster(state: SimulatorState, projectId: string, name: string, kinds: readonly ClusterKind[]): SimCluster {
  const cluster = requireProject(state, projectId).clusters.get(name);
  if (cluster === undefined) throw notFound("CLUSTER_NOT_FOUND", `No cluster named ${name} exists in group ${projectId}.`, [name, projectId]);
  if (!kinds.includes(cluster.kind)) {
    const wanted = kinds.map((k) => KIND_LABEL[k]).join(" or ");
    throw notFound("CLUSTER_NOT_FOUND", `No ${wanted} named ${name} exists in group ${projectId} (${name} is a ${KIND_LABEL[cluster.kind]}).`, [name, projectId]);
  }
  return cluster;
}

export function restoreJobNotFound(id: string, clusterName: string) {
  return notFound("RESTORE_JOB_NOT_FOUND", `No restore job with ID ${id} exists for cluster ${clusterName}.`, [id, clusterName]);
}

export function snapshotNotFound(id: string, clusterName: string) {
  return notFound("SNAPSHOT_NOT_FOUND", `No snapshot with ID ${id} exists for cluster ${clusterName}.`, [id, clusterName]);
}

/** Newest first, like Atlas lists. */
export function newestFirst<T extends { createdAt: number }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => b.createdAt - a.createdAt);
}

/** The tenant or Flex restore jobs of one source cluster, newest first. */
export function restoreJobsOf(state: SimulatorState, family: SimRestoreJob["family"], c: SimCluster): SimRestoreJob[] {
  return newestFirst([...state.restoreJobs.values()].filter((j) => j.family === family && j.projectId === c.projectId && j.clusterName === c.name));
}

/** One restore job of a source cluster; 404 RESTORE_JOB_NOT_FOUND if it is not that cluster's. */
export function requireRestoreJob(state: SimulatorState, family: SimRestoreJob["family"], c: SimCluster, id: string): SimRestoreJob {
  const job = state.restoreJobs.get(id);
  if (job === undefined || job.family !== family || job.projectId !== c.projectId || job.clusterName !== c.name) throw restoreJobNotFound(id, c.name);
  return job;
}
