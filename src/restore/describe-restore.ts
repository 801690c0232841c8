import type { RestoreSource } from "./family-types";

/**
 * What a message can say about a restore: at least its source, ideally the whole request. Families
 * name the data and the target differently; every form is understood here.
 */
export type RestoreSubject = RestoreSource & {
  snapshotId?: string;
  targetProjectId?: string;
  /** Tenant and Flex. */
  targetDeploymentItemName?: string;
  /** Dedicated clusters. */
  targetClusterName?: string;
  deliveryType?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
};

/** The data a request restores: `snapshot …`, `point in time …` or `oplog timestamp …`, if it names one. */
export function describeRestorePoint(r: RestoreSubject): string | undefined {
  if (r.snapshotId !== undefined) return `snapshot ${r.snapshotId}`;
  if (r.pointInTimeUTCSeconds !== undefined) return `the point in time ${new Date(r.pointInTimeUTCSeconds * 1000).toISOString()}`;
  if (r.oplogTs !== undefined) return `oplog timestamp ${r.oplogTs}.${r.oplogInc ?? 0}`;
  return undefined;
}

/** Where a request writes: the target cluster (with its project when it differs), or `a download`. */
export function describeRestoreTarget(r: RestoreSubject): string | undefined {
  const name = r.targetDeploymentItemName ?? r.targetClusterName;
  if (name === undefined) return r.deliveryType === "download" ? "a download" : undefined;
  return r.targetProjectId && r.targetProjectId !== r.projectId ? `${name} in project ${r.targetProjectId}` : name;
}

/** Who restores what, for messages: `TenantRestore job 66…ff (snapshot … of prod-m2 in project 65… → staging-m2)`. */
export function describeRestore(label: string, request: RestoreSubject | undefined, jobId?: string): string {
  const job = jobId ? ` job ${jobId}` : "";
  if (request === undefined) return `${label}${job}`;
  const point = describeRestorePoint(request);
  const target = describeRestoreTarget(request);
  if (point === undefined || target === undefined) {
    return `${label}${job} (source cluster ${request.clusterName} in project ${request.projectId})`;
  }
  return `${label}${job} (${point} of ${request.clusterName} in project ${request.projectId} → ${target})`;
}
