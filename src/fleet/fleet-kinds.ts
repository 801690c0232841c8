import type * as pulumi from "@pulumi/pulumi";
import type { AtlasClient } from "../atlas/client";
import { CloudBackupRestore } from "../pulumi/cloud-backup-restore";
import { FlexRestore, TenantRestore, type RestoreArgs } from "../pulumi/restore-resource";
import type { FleetKind } from "./fleet-file";

/** A snapshot as the fleet picks it: newest completed by finish (tenant/Flex) or creation (Cloud Backup) time. */
interface SnapshotLike {
  id: string;
  status?: string;
  finishTime?: string;
  createdAt?: string;
}

/** What the inline program of one environment declares (identity + wait settings). */
export interface FleetRestoreInputs extends Omit<RestoreArgs, "targetDeploymentItemName" | "snapshotId"> {
  /** The target cluster, whatever the kind calls it (targetDeploymentItemName / targetClusterName). */
  target: string;
  snapshotId?: string;
  /** Dedicated only: restore this moment instead of a snapshot. */
  pointInTimeUTCSeconds?: number;
}

/** What every kind's resource gives the stack outputs (names differ per resource: finishedAt / restoreFinishedDate). */
export interface FleetRestoreOutputs {
  restoreJobId: pulumi.Output<string>;
  status: pulumi.Output<string>;
  snapshotId: pulumi.Output<string | undefined>;
  targetProjectId: pulumi.Output<string>;
  restoreFinishedDate: pulumi.Output<string | undefined>;
  adopted: pulumi.Output<boolean>;
}

/**
 * Everything the fleet needs to know about a restore kind: a new kind is one more row here.
 * `available: false` rows are refused by the fleet file check, before any stack is touched.
 */
export interface FleetKindEntry {
  readonly available: boolean;
  readonly unavailableReason: string;
  /** The fleet file field naming the target cluster (the resource input of the same name). */
  readonly targetField: "targetDeploymentItemName" | "targetClusterName";
  /** Whether a point in time can be restored (dedicated only). */
  readonly pointInTime: boolean;
  /** Atlas API version the snapshot listing needs. */
  readonly apiVersion: "v1.0" | "v2";
  /** The Pulumi type name, as in the stack (`TenantRestore`, …). */
  readonly label: string;
  /** Declares the resource in the inline program. */
  declare(name: string, inputs: FleetRestoreInputs, opts?: pulumi.CustomResourceOptions): FleetRestoreOutputs;
  /** The source's snapshots (for `snapshot: latest`). */
  snapshots(client: AtlasClient, source: { projectId: string; clusterName: string }): Promise<SnapshotLike[]>;
}

const deploymentItemArgs = ({ target, snapshotId, pointInTimeUTCSeconds: _p, ...rest }: FleetRestoreInputs): RestoreArgs => ({ ...rest, snapshotId: snapshotId!, targetDeploymentItemName: target });

function dedicated(name: string, { target, snapshotId, pointInTimeUTCSeconds, ...rest }: FleetRestoreInputs, opts?: pulumi.CustomResourceOptions): FleetRestoreOutputs {
  const r = new CloudBackupRestore(
    name,
    pointInTimeUTCSeconds !== undefined
      ? { ...rest, deliveryType: "pointInTime", pointInTimeUTCSeconds, targetClusterName: target }
      : { ...rest, deliveryType: "automated", snapshotId: snapshotId!, targetClusterName: target },
    opts,
  );
  return { restoreJobId: r.restoreJobId, status: r.status, snapshotId: r.snapshotId, targetProjectId: r.targetProjectId, restoreFinishedDate: r.finishedAt, adopted: r.adopted };
}

const FLEET_KIND_TABLE: Record<FleetKind, FleetKindEntry> = {
  tenant: {
    available: true,
    unavailableReason: "",
    targetField: "targetDeploymentItemName",
    pointInTime: false,
    apiVersion: "v1.0",
    label: "TenantRestore",
    declare: (name, inputs, opts) => new TenantRestore(name, deploymentItemArgs(inputs), opts),
    snapshots: async (client, source) => (await client.listTenantSnapshots(source)).results,
  },
  flex: {
    available: true,
    unavailableReason: "",
    targetField: "targetDeploymentItemName",
    pointInTime: false,
    apiVersion: "v2",
    label: "FlexRestore",
    declare: (name, inputs, opts) => new FlexRestore(name, deploymentItemArgs(inputs), opts),
    snapshots: async (client, source) => (await client.listFlexSnapshots({ ...source, itemsPerPage: 500 })).results,
  },
  dedicated: {
    available: true,
    unavailableReason: "",
    targetField: "targetClusterName",
    pointInTime: true,
    apiVersion: "v2",
    label: "CloudBackupRestore",
    declare: dedicated,
    snapshots: async (client, source) => (await client.listCloudBackupSnapshots({ ...source, itemsPerPage: 500 })).results,
  },
};

export const fleetKind = (kind: FleetKind): FleetKindEntry => FLEET_KIND_TABLE[kind];

/** The newest COMPLETED snapshot, or undefined. */
export function newestSnapshot(snapshots: SnapshotLike[]): SnapshotLike | undefined {
  const done = snapshots.filter((s) => s.status === undefined || s.status.toUpperCase() === "COMPLETED");
  const time = (s: SnapshotLike) => Date.parse(s.finishTime ?? s.createdAt ?? "") || 0;
  return done.reduce<SnapshotLike | undefined>((best, s) => (best === undefined || time(s) > time(best) ? s : best), undefined);
}
