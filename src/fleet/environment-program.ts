import type { PulumiFn } from "@pulumi/pulumi/automation";
import { DataMask } from "../pulumi/data-mask";
import type { FleetEnvironment, FleetFile, FleetMask, FleetWait } from "./fleet-file";
import { fleetKind } from "./fleet-kinds";

/** The logical name of the one restore resource in every environment's stack. */
export const RESTORE_RESOURCE_NAME = "restore";

/** What one environment restores, fully resolved (snapshot chosen, wait settings merged). */
export interface EnvironmentPlan {
  stack: string;
  target: string;
  targetProjectId: string;
  /** The snapshot, or (dedicated) the moment to restore. */
  snapshotId?: string;
  pointInTimeUTCSeconds?: number;
  /** The fleet's wait settings with the environment's own over them (only the keys given). */
  wait: FleetWait;
  /** The masking after the restore (the environment's `mask:`, else the fleet's), if any. */
  mask?: FleetMask;
  /** The runner running it (`user@host pid N`), recorded as the stack output `runner`. */
  runner?: string;
}

export function targetOf(fleet: FleetFile, env: FleetEnvironment): string {
  return env[fleetKind(fleet.source.kind).targetField]!;
}

/**
 * The inline Pulumi program of one environment: one restore resource of the fleet's kind, and its
 * job id, status and finish time as stack outputs (what `status` reads, without asking Atlas).
 */
export function environmentProgram(fleet: FleetFile, plan: EnvironmentPlan): PulumiFn {
  const kind = fleetKind(fleet.source.kind);
  return async () => {
    const restore = kind.declare(RESTORE_RESOURCE_NAME, {
      projectId: fleet.source.projectId,
      clusterName: fleet.source.clusterName,
      ...(plan.snapshotId !== undefined ? { snapshotId: plan.snapshotId } : {}),
      ...(plan.pointInTimeUTCSeconds !== undefined ? { pointInTimeUTCSeconds: plan.pointInTimeUTCSeconds } : {}),
      targetProjectId: plan.targetProjectId,
      target: plan.target,
      ...plan.wait,
    });
    const mask = plan.mask && new DataMask("mask", { projectId: plan.targetProjectId, clusterName: plan.target, afterRestore: restore.restoreJobId, ...plan.mask });
    return {
      kind: fleet.source.kind,
      restoreJobId: restore.restoreJobId,
      status: restore.status,
      snapshotId: restore.snapshotId,
      target: plan.target,
      targetProjectId: restore.targetProjectId,
      restoreFinishedDate: restore.restoreFinishedDate,
      adopted: restore.adopted,
      ...(mask ? { maskedDocuments: mask.maskedDocuments, maskVerified: mask.verified } : {}),
      ...(plan.runner !== undefined ? { runner: plan.runner } : {}),
    };
  };
}
