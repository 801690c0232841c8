import type { SimCluster, SimulatorState } from "./state";
import { DEFAULT_PROJECT_NAME, DEFAULT_TARGET_PROJECT_NAME } from "./seed";

export interface SeedSnapshotInfo {
  id: string;
  finishTime: string;
}
export interface SeedClusterInfo {
  name: string;
  snapshots: SeedSnapshotInfo[];
  /** Seeded (completed) DOWNLOAD restore jobs of this cluster. */
  downloadRestoreJobIds: string[];
}
export interface SeedDedicatedClusterInfo {
  name: string;
  /** Oldest first. */
  snapshots: SeedSnapshotInfo[];
  cloudBackupRestoreJobIds: string[];
  legacyRestoreJobIds: string[];
}
export interface SeedProjectInfo {
  id: string;
  name: string;
  tenantClusters: SeedClusterInfo[];
  flexClusters: SeedClusterInfo[];
  dedicatedClusters: SeedDedicatedClusterInfo[];
}

/**
 * What was seeded, plus the names and ids the demo, examples and tests use. With the default
 * seed: project "seed-project" (source) and "seed-target-project", tenant source "prod-m2" →
 * target "staging-m2", Flex source "prod-flex" → target "staging-flex", dedicated "prod-m10".
 * With `replaceDefault` the defaults are the first project / cluster of each kind ("" if none).
 */
export interface SeedInfo {
  projects: SeedProjectInfo[];
  defaultProjectId: string;
  defaultProjectName: string;
  /** A second project, to restore across projects. */
  defaultTargetProjectId: string;
  defaultSourceCluster: string;
  defaultTargetCluster: string;
  /** Newest snapshot of the default tenant source cluster. */
  defaultSnapshotId: string;
  defaultFlexSourceCluster: string;
  defaultFlexTargetCluster: string;
  /** Newest snapshot of the default Flex source cluster. */
  defaultFlexSnapshotId: string;
  defaultDedicatedCluster: string;
  /** A second dedicated cluster of the default project ("staging-m10"), to restore onto. */
  defaultDedicatedTargetCluster: string;
  /** Newest snapshot of the default dedicated cluster. */
  defaultDedicatedSnapshotId: string;
  /** Cloud Backup restore jobs of the default dedicated cluster, newest first. */
  cloudBackupRestoreJobIds: string[];
  /** Legacy restore jobs of the default dedicated cluster (v1.0 only). */
  legacyRestoreJobIds: string[];
}

export function describeSeed(state: SimulatorState): SeedInfo {
  const projects = [...state.projects.values()].map((p): SeedProjectInfo => {
    const clusters = [...p.clusters.values()];
    const withSnapshots = (c: SimCluster): SeedClusterInfo => ({
      name: c.name,
      snapshots: c.snapshots.map((s) => ({ id: s.id, finishTime: new Date(s.finishTime).toISOString() })),
      downloadRestoreJobIds: [...state.restoreJobs.values()]
        .filter((j) => j.projectId === p.id && j.clusterName === c.name && j.deliveryType === "DOWNLOAD")
        .map((j) => j.id),
    });
    const jobsOf = <T extends { projectId: string; clusterName: string; id: string; createdAt: number }>(jobs: Iterable<T>, c: SimCluster) =>
      [...jobs].filter((j) => j.projectId === p.id && j.clusterName === c.name).sort((a, b) => b.createdAt - a.createdAt).map((j) => j.id);
    return {
      id: p.id,
      name: p.name,
      tenantClusters: clusters.filter((c) => c.kind === "tenant").map(withSnapshots),
      flexClusters: clusters.filter((c) => c.kind === "flex").map(withSnapshots),
      dedicatedClusters: clusters
        .filter((c) => c.kind === "dedicated")
        .map((c) => ({
          name: c.name,
          snapshots: withSnapshots(c).snapshots,
          cloudBackupRestoreJobIds: jobsOf(state.cloudBackupJobs.values(), c),
          legacyRestoreJobIds: jobsOf(state.legacyJobs.values(), c),
        })),
    };
  });
  const main = projects.find((p) => p.name === DEFAULT_PROJECT_NAME) ?? projects[0];
  const other = projects.find((p) => p.name === DEFAULT_TARGET_PROJECT_NAME) ?? projects.find((p) => p !== main);
  const pick = <T extends { name: string }>(list: T[] | undefined, name: string, fallback: number): T | undefined =>
    list?.find((c) => c.name === name) ?? list?.[fallback];
  const tenantSource = pick(main?.tenantClusters, "prod-m2", 0);
  const flexSource = pick(main?.flexClusters, "prod-flex", 0);
  const dedicated = pick(main?.dedicatedClusters, "prod-m10", 0);
  return {
    projects,
    defaultProjectId: main?.id ?? "",
    defaultProjectName: main?.name ?? "",
    defaultTargetProjectId: other?.id ?? "",
    defaultSourceCluster: tenantSource?.name ?? "",
    defaultTargetCluster: pick(main?.tenantClusters, "staging-m2", 1)?.name ?? "",
    defaultSnapshotId: tenantSource?.snapshots.at(-1)?.id ?? "",
    defaultFlexSourceCluster: flexSource?.name ?? "",
    defaultFlexTargetCluster: pick(main?.flexClusters, "staging-flex", 1)?.name ?? "",
    defaultFlexSnapshotId: flexSource?.snapshots.at(-1)?.id ?? "",
    defaultDedicatedCluster: dedicated?.name ?? "",
    defaultDedicatedTargetCluster: pick(main?.dedicatedClusters, "staging-m10", 1)?.name ?? "",
    defaultDedicatedSnapshotId: dedicated?.snapshots.at(-1)?.id ?? "",
    cloudBackupRestoreJobIds: dedicated?.cloudBackupRestoreJobIds ?? [],
    legacyRestoreJobIds: dedicated?.legacyRestoreJobIds ?? [],
  };
}
