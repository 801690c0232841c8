import type { RestoreJob, RestoreRequest } from "./family-types";
import { given, input, type RestoreIdentity } from "./restore-identity";

/**
 * Tenant and Flex: the same restore is the same source (project, cluster), the same snapshot and
 * the same target (project, defaulting to the source's as Atlas does, and deployment item). A job
 * that leaves out its source fields is the source's own (it comes from that cluster's listing); a
 * job without `targetProjectId` restored into its own (the source) project.
 */
export function statusIdentity(sourceField: "clusterName" | "instanceName"): RestoreIdentity<RestoreJob, RestoreRequest> {
  return Object.freeze({
    ofInputs: (i: Readonly<Record<string, unknown>>) => ({
      projectId: input(i.projectId),
      clusterName: input(i.clusterName),
      snapshotId: input(i.snapshotId),
      targetProjectId: input(i.targetProjectId) ?? input(i.projectId),
      targetDeploymentItemName: input(i.targetDeploymentItemName),
    }),
    ofJob: (job: RestoreJob, r: RestoreRequest) => ({
      projectId: given(job.projectId) ?? r.projectId,
      clusterName: given(job[sourceField]) ?? r.clusterName,
      snapshotId: given(job.snapshotId),
      targetProjectId: given(job.targetProjectId) ?? given(job.projectId) ?? r.projectId,
      targetDeploymentItemName: given(job.targetDeploymentItemName),
    }),
  });
}
