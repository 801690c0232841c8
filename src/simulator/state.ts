import { ObjectIdFactory } from "./object-id";
import { createCollectionRestoreWorld, type CollectionRestoreWorld } from "./collection-restore-state";

/**
 * The simulated Atlas world. Plain data on purpose: tests read and tweak it directly.
 * Times are epoch milliseconds by the injected clock; views turn them into ISO strings.
 */
export type ClusterKind = "tenant" | "flex" | "dedicated";

/** The spec's `status` enum of tenant and Flex restore jobs and snapshots. */
export type RestoreStatus = "PENDING" | "QUEUED" | "RUNNING" | "FAILED" | "COMPLETED";

export interface SimSnapshot {
  id: string;
  status: RestoreStatus;
  scheduledTime: number;
  startTime: number;
  finishTime: number;
  expiration: number;
  mongoDBVersion: string;
}

/** One completed RESTORE that replaced a cluster's data. */
export interface RestoreHistoryEntry {
  restoreJobId: string;
  snapshotId: string;
  sourceProjectId: string;
  sourceClusterName: string;
  /** ISO time the job completed. */
  at: string;
}

export interface SimCluster {
  id: string;
  name: string;
  kind: ClusterKind;
  projectId: string;
  mongoDBVersion: string;
  /** Snapshots (tenant, Flex and dedicated), oldest first. */
  snapshots: SimSnapshot[];
  /** Dedicated clusters: continuous backup covers [now − pitWindowMs, now] (0: continuous backup off). */
  pitWindowMs?: number;
  restoreHistory: RestoreHistoryEntry[];
}

export interface SimProject {
  id: string;
  name: string;
  clusters: Map<string, SimCluster>;
}

export interface LifecyclePhases {
  pendingMs: number;
  queuedMs: number;
  runningMs: number;
}

/** A tenant (M2/M5) or Flex restore job; its status is derived from `createdAt` and `phases`. */
export interface SimRestoreJob {
  id: string;
  family: "tenant" | "flex";
  deliveryType: "RESTORE" | "DOWNLOAD";
  projectId: string;
  /** Source cluster (`clusterName` for tenant, `instanceName` for Flex). */
  clusterName: string;
  snapshotId: string;
  snapshotFinishedAt: number;
  targetProjectId: string;
  targetDeploymentItemName: string;
  createdAt: number;
  phases: LifecyclePhases;
  /** Terminal status reached after the phases. */
  outcome: "COMPLETED" | "FAILED";
  /** Set once the completed RESTORE was appended to the target's restoreHistory. */
  historyRecorded: boolean;
}

/** A Cloud Backup (dedicated cluster) restore job: no status, only flags and dates. */
export interface SimCloudBackupJob {
  id: string;
  projectId: string;
  clusterName: string;
  deliveryType: "automated" | "download" | "pointInTime";
  snapshotId: string;
  snapshotTakenAt: number;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  targetClusterName?: string;
  targetGroupId?: string;
  /** When the job was created: internal (lifecycle, list order); Atlas's answers carry no creation time. */
  createdAt: number;
  finishedAt?: number;
  /** When the job expires (`expired`); rendered as `expiresAt` only on a download whose links are ready. */
  expiresAt: number;
  cancelled: boolean;
  failed: boolean;
  /**
   * false on jobs created by a POST: set once the finished automated or point-in-time restore was
   * appended to the target's restoreHistory. Seeded jobs leave it unset (they are not counted).
   */
  historyRecorded?: boolean;
}

/** A Legacy Backup restore job (`…/clusters/{name}/restoreJobs/{jobId}`, v1.0 and v2). */
export interface SimLegacyJob {
  id: string;
  projectId: string;
  clusterName: string;
  clusterId: string;
  snapshotId: string;
  createdAt: number;
  snapshotTakenAt: number;
  statusName: "FINISHED" | "IN_PROGRESS" | "BROKEN" | "KILLED";
  deliveryStatusName: string;
  /** The batch of a sharded cluster's restore (one job per shard and config server); none for a replica set. */
  batchId?: string;
}

/** A `failRestores` rule: matching new jobs end FAILED while `remaining` > 0. */
export interface FailRule {
  targetDeploymentItemName?: string;
  snapshotId?: string;
  remaining: number;
}

export interface SimulatorState {
  projects: Map<string, SimProject>;
  restoreJobs: Map<string, SimRestoreJob>;
  cloudBackupJobs: Map<string, SimCloudBackupJob>;
  legacyJobs: Map<string, SimLegacyJob>;
  failRules: FailRule[];
  /** Phases given to jobs created from now on (tests may change them). */
  lifecycle: LifecyclePhases;
  /** Ids for objects created while running. */
  ids: ObjectIdFactory;
  /** Next deterministic seed id number (see `seedObjectId`). */
  nextSeedId: number;
  /** Collection-level restores: catalogs, jobs, pace (collection-restore-state.ts). */
  collectionRestore: CollectionRestoreWorld;
}

export function createState(lifecycle: LifecyclePhases): SimulatorState {
  return {
    projects: new Map(),
    restoreJobs: new Map(),
    cloudBackupJobs: new Map(),
    legacyJobs: new Map(),
    failRules: [],
    lifecycle: { ...lifecycle },
    ids: new ObjectIdFactory(),
    nextSeedId: 0x100,
    collectionRestore: createCollectionRestoreWorld(),
  };
}

export function findCluster(state: SimulatorState, projectId: string, name: string): SimCluster | undefined {
  return state.projects.get(projectId)?.clusters.get(name);
}
