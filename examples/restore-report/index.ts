// A read-only report of restore jobs: nothing is created, so `pulumi up` only runs lookups.
// Config: projectId, tenantClusterName, dedicatedClusterName, and optionally legacyRestoreJobId (a
// legacy-backup restore job of the dedicated cluster; read on the configured API version, v1.0 or v2).
import * as pulumi from "@pulumi/pulumi";
import {
  getAllCloudBackupRestoreJobsOutput,
  getLegacyRestoreJobOutput,
  getTenantRestoreJobsOutput,
} from "pulumi-atlas-restore";

const config = new pulumi.Config();
const projectId = config.require("projectId");
const tenantClusterName = config.require("tenantClusterName");
const dedicatedClusterName = config.require("dedicatedClusterName");
const legacyRestoreJobId = config.get("legacyRestoreJobId");

const tenant = getTenantRestoreJobsOutput({ projectId, clusterName: tenantClusterName });
const cloud = getAllCloudBackupRestoreJobsOutput({ projectId, clusterName: dedicatedClusterName });

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export const tenantRestoreJobs = tenant.apply((page) => ({
  count: page.results.length,
  byStatus: countBy(page.results, (j) => j.status ?? "UNKNOWN"),
  ids: page.results.map((j) => j.id),
}));

export const cloudBackupRestoreJobs = cloud.apply(({ results: jobs }) => ({
  count: jobs.length,
  byState: countBy(jobs, (j) => (j.failed ? "failed" : j.cancelled ? "cancelled" : j.expired ? "expired" : j.finishedAt ? "finished" : "in progress")),
  byDeliveryType: countBy(jobs, (j) => j.deliveryType ?? "unknown"),
  newest: jobs[0]?.id,
}));

export const legacyRestoreJob = legacyRestoreJobId
  ? getLegacyRestoreJobOutput({ projectId, clusterName: dedicatedClusterName, restoreJobId: legacyRestoreJobId }).apply((job) => ({
      id: job.id,
      statusName: job.statusName,
      created: job.created,
      deliveryMethod: job.delivery?.methodName,
    }))
  : undefined;
