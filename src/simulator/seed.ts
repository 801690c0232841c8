import { seedObjectId } from "./object-id";
import { addCloudBackupJobMix } from "./seed-cloud-backup";
import type { ClusterKind, SimCluster, SimProject, SimulatorState } from "./state";

/** What to put in the simulated Atlas at start. */
export interface SeedOptions {
  /** Start from an empty world instead of the default seed (see DEFAULT_SEED). Default false. */
  replaceDefault?: boolean;
  /** Projects to add; a project whose id or name is already seeded gets the clusters added to it. */
  projects?: SeedProject[];
}

export interface SeedProject {
  id?: string;
  name: string;
  tenantClusters?: SeedCluster[];
  flexClusters?: SeedCluster[];
  dedicatedClusters?: SeedDedicatedCluster[];
}

export interface SeedCluster {
  name: string;
  /** COMPLETED snapshots, one a day, the newest a day before start (a number), or explicit ones. */
  snapshots?: number | SeedSnapshot[];
  /** Completed DOWNLOAD restore jobs (with `snapshotUrl`) of the oldest snapshot. */
  downloadRestoreJobs?: number;
  mongoDBVersion?: string;
}

export interface SeedSnapshot {
  id?: string;
  /** ISO time the snapshot finished; default: one a day before start. */
  finishTime?: string;
}

export interface SeedDedicatedCluster {
  name: string;
  /** Completed snapshots, one a day, the newest a day before start. */
  snapshots?: number;
  /**
   * Six Cloud Backup restore jobs as a real cluster shows them (newest first): an automated restore
   * in flight onto qa-m10, a ready download, an automated restore finished onto staging-m10, an
   * expired download, a failed automated restore, a cancelled point-in-time restore. Needs snapshots.
   */
  restoreJobMix?: boolean;
  /** Continuous-backup window for point-in-time restores, hours before now; default 48 (0: off). */
  pitWindowHours?: number;
  /** Finished Cloud Backup restore jobs (automated and download, alternating). */
  cloudBackupRestoreJobs?: number;
  /** Finished Legacy Backup restore jobs (v1.0 only). */
  legacyRestoreJobs?: number;
}

export const DEFAULT_PROJECT_NAME = "seed-project";
export const DEFAULT_TARGET_PROJECT_NAME = "seed-target-project";

/** The default world. Ids are fixed (see `seedObjectId`), so docs and examples can show them. */
export const DEFAULT_SEED: SeedProject[] = [
  {
    id: seedObjectId(1),
    name: DEFAULT_PROJECT_NAME,
    tenantClusters: [{ name: "prod-m2", snapshots: 3, downloadRestoreJobs: 1 }, { name: "staging-m2" }, { name: "staging-m5" }],
    flexClusters: [{ name: "prod-flex", snapshots: 3, downloadRestoreJobs: 1 }, { name: "staging-flex" }],
    dedicatedClusters: [{ name: "prod-m10", snapshots: 3, restoreJobMix: true, legacyRestoreJobs: 2 }, { name: "staging-m10" }, { name: "qa-m10" }],
  },
  {
    id: seedObjectId(2),
    name: DEFAULT_TARGET_PROJECT_NAME,
    tenantClusters: [{ name: "staging-m2" }, { name: "qa-m5" }],
    flexClusters: [{ name: "staging-flex" }],
    dedicatedClusters: [{ name: "staging-m10" }],
  },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function nextSeedId(state: SimulatorState): string {
  return seedObjectId(state.nextSeedId++);
}

/** Adds the default seed (unless replaced) and the given projects to `state`. */
export function applySeed(state: SimulatorState, options: SeedOptions | undefined, start: number): void {
  start = Math.floor(start / 1000) * 1000;
  const projects = [...(options?.replaceDefault ? [] : DEFAULT_SEED), ...(options?.projects ?? [])];
  for (const p of projects) seedProject(state, p, start);
}

function seedProject(state: SimulatorState, spec: SeedProject, start: number): void {
  let project = [...state.projects.values()].find((p) => p.id === spec.id || p.name === spec.name);
  if (project === undefined) {
    project = { id: spec.id ?? nextSeedId(state), name: spec.name, clusters: new Map() } satisfies SimProject;
    state.projects.set(project.id, project);
  }
  for (const c of spec.tenantClusters ?? []) seedSnapshotCluster(state, project, "tenant", c, start);
  for (const c of spec.flexClusters ?? []) seedSnapshotCluster(state, project, "flex", c, start);
  for (const c of spec.dedicatedClusters ?? []) {
    const cluster = addCluster(state, project, c.name, "dedicated", "7.0.16");
    cluster.pitWindowMs = (c.pitWindowHours ?? 48) * HOUR;
    addSnapshots(state, cluster, Array.from({ length: c.snapshots ?? 0 }, () => ({})), start);
    if (c.restoreJobMix) addCloudBackupJobMix(state, cluster, start);
    addCloudBackupJobs(state, project.id, c.name, c.cloudBackupRestoreJobs ?? 0, start);
    addLegacyJobs(state, project.id, c.name, c.legacyRestoreJobs ?? 0, start);
  }
}

export function addCluster(state: SimulatorState, project: SimProject, name: string, kind: ClusterKind, version: string): SimCluster {
  if (project.clusters.has(name)) throw new Error(`seed: project ${project.name} already has a cluster named ${name}`);
  const cluster: SimCluster = { id: nextSeedId(state), name, kind, projectId: project.id, mongoDBVersion: version, snapshots: [], restoreHistory: [] };
  project.clusters.set(name, cluster);
  return cluster;
}

function seedSnapshotCluster(state: SimulatorState, project: SimProject, kind: ClusterKind, spec: SeedCluster, start: number): void {
  const cluster = addCluster(state, project, spec.name, kind, spec.mongoDBVersion ?? "8.0.4");
  const specs = typeof spec.snapshots === "number" ? Array.from({ length: spec.snapshots }, () => ({})) : (spec.snapshots ?? []);
  addSnapshots(state, cluster, specs, start);
  addDownloadJobs(state, project, cluster, kind, spec.downloadRestoreJobs ?? 0, start);
}

/** Completed snapshots, one a day before `start` unless given, oldest first. */
function addSnapshots(state: SimulatorState, cluster: SimCluster, specs: SeedSnapshot[], start: number): void {
  specs.forEach((s: SeedSnapshot, i) => {
    const finishTime = s.finishTime !== undefined ? Date.parse(s.finishTime) : start - (specs.length - i) * DAY;
    cluster.snapshots.push({
      id: s.id ?? nextSeedId(state),
      status: "COMPLETED",
      scheduledTime: finishTime - 10 * 60_000,
      startTime: finishTime - 5 * 60_000,
      finishTime,
      expiration: finishTime + 8 * DAY,
      mongoDBVersion: cluster.mongoDBVersion,
    });
  });
}

function addDownloadJobs(state: SimulatorState, project: SimProject, cluster: SimCluster, kind: ClusterKind, count: number, start: number): void {
  const oldest = cluster.snapshots[0];
  for (let i = 0; oldest !== undefined && i < count; i++) {
    const id = nextSeedId(state);
    state.restoreJobs.set(id, {
      id, family: kind === "flex" ? "flex" : "tenant", deliveryType: "DOWNLOAD", projectId: project.id, clusterName: cluster.name,
      snapshotId: oldest.id, snapshotFinishedAt: oldest.finishTime, targetProjectId: project.id, targetDeploymentItemName: cluster.name,
      createdAt: start - 12 * HOUR - i * HOUR, phases: { pendingMs: 1000, queuedMs: 1000, runningMs: 60_000 }, outcome: "COMPLETED",
      historyRecorded: true,
    });
  }
}

/** Adds `count` finished Cloud Backup restore jobs, each 6 hours older than the previous one. */
export function addCloudBackupJobs(state: SimulatorState, projectId: string, clusterName: string, count: number, start: number): void {
  const existing = [...state.cloudBackupJobs.values()].filter((j) => j.projectId === projectId && j.clusterName === clusterName).length;
  for (let i = 0; i < count; i++) {
    const id = nextSeedId(state);
    const createdAt = start - (existing + i + 1) * 6 * HOUR;
    const automated = (existing + i) % 2 === 0;
    state.cloudBackupJobs.set(id, {
      id, projectId, clusterName, deliveryType: automated ? "automated" : "download", snapshotId: nextSeedId(state),
      snapshotTakenAt: createdAt - HOUR, createdAt, finishedAt: createdAt + 20 * 60_000, expiresAt: createdAt + 4 * HOUR,
      cancelled: false, failed: false, ...(automated ? { targetClusterName: clusterName, targetGroupId: projectId } : {}),
    });
  }
}

function addLegacyJobs(state: SimulatorState, projectId: string, clusterName: string, count: number, start: number): void {
  const cluster = state.projects.get(projectId)!.clusters.get(clusterName)!;
  for (let i = 0; i < count; i++) {
    const id = nextSeedId(state);
    const createdAt = start - (i + 1) * DAY;
    state.legacyJobs.set(id, {
      id, projectId, clusterName, clusterId: cluster.id, snapshotId: nextSeedId(state), createdAt,
      snapshotTakenAt: createdAt - 2 * HOUR, statusName: "FINISHED", deliveryStatusName: i === 0 ? "READY" : "EXPIRED",
    });
  }
}
