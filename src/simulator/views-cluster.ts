import { ATLAS_2023_02_01, ATLAS_2024_08_05 } from "./media-types";
import type { SimCluster } from "./state";
import { iso, self } from "./views";

/**
 * GET …/clusters/{clusterName} in the shape of the version asked for (the spec's getGroupCluster
 * serves three: 2023-01-01 `LegacyAtlasCluster`, 2023-02-01 `AdvancedClusterDescription`,
 * 2024-08-05 `ClusterDescription20240805`; v1.0 answers the legacy shape). Enough of each to tell
 * a cluster's kind, size, state and backup settings; the fields are the schema's, the values and
 * links as in Atlas's recorded 2024-08-05 answer (TestRestores/Restores_Create_-_Automated/
 * GET_api_atlas_v2_groups_…_clusters_backupRestores-305_1.snaphost). The shapes of 2023-01-01 and
 * 2023-02-01 are from the spec only.
 */
export function renderCluster(cluster: SimCluster, apiBase: string, mediaType: string | undefined): Record<string, unknown> {
  const href = `${apiBase}/groups/${cluster.projectId}/clusters/${cluster.name}`;
  const tenant = cluster.kind === "tenant";
  const common = {
    backupEnabled: true,
    clusterType: "REPLICASET",
    createDate: iso(cluster.snapshots[0]?.scheduledTime ?? 1_700_000_000_000),
    groupId: cluster.projectId,
    id: cluster.id,
    links: [
      ...self(href),
      { href: `${href}/backup/restoreJobs`, rel: "https://cloud.mongodb.com/restoreJobs" },
      { href: `${href}/backup/snapshots`, rel: "https://cloud.mongodb.com/snapshots" },
    ],
    mongoDBMajorVersion: cluster.mongoDBVersion.split(".").slice(0, 2).join("."),
    mongoDBVersion: cluster.mongoDBVersion,
    name: cluster.name,
    paused: false,
    pitEnabled: (cluster.pitWindowMs ?? 0) > 0,
    stateName: "IDLE",
  };
  const specId = `${cluster.id.slice(0, 20)}5e0c`;
  const zoneId = `${cluster.id.slice(0, 20)}20e0`;
  const instanceSize = tenant ? "M2" : "M10";
  const regionConfig = {
    ...(tenant ? { backingProviderName: "AWS" } : {}),
    electableSpecs: { instanceSize, ...(tenant ? {} : { nodeCount: 3 }) },
    priority: 7,
    providerName: tenant ? "TENANT" : "AWS",
    regionName: "US_EAST_1",
  };
  if (mediaType === ATLAS_2024_08_05) {
    return { ...common, replicationSpecs: [{ id: specId, regionConfigs: [regionConfig], zoneId, zoneName: "Zone 1" }] };
  }
  if (mediaType === ATLAS_2023_02_01) {
    return { ...common, replicationSpecs: [{ id: specId, numShards: 1, regionConfigs: [regionConfig], zoneId, zoneName: "Zone 1" }] };
  }
  // 2023-01-01 and v1.0: LegacyAtlasCluster
  return {
    ...common,
    numShards: 1,
    providerSettings: { ...(tenant ? { backingProviderName: "AWS" } : {}), instanceSizeName: instanceSize, providerName: regionConfig.providerName, regionName: "US_EAST_1" },
    replicationSpecs: [{ id: specId, numShards: 1, regionsConfig: { US_EAST_1: { analyticsNodes: 0, electableNodes: 3, priority: 7, readOnlyNodes: 0 } }, zoneName: "Zone 1" }],
  };
}
