import type { Stack } from "@pulumi/pulumi/automation";
import { RESTORE_RESOURCE_NAME } from "./environment-program";

/** The restore resource of an environment's stack as last checkpointed (no Atlas request). */
export interface RecordedRestore {
  restoreJobId?: string;
  status?: string;
  snapshotId?: string;
  restoreFinishedDate?: string;
  adopted?: boolean;
}

export interface StackStateView {
  restore?: RecordedRestore;
  /** The runner whose `up` last recorded the stack (stack output `runner`). */
  runner?: string;
  /** Operations a killed run left unfinished (`pending_operations`), by type: creating, updating, … */
  pendingOperations: string[];
}

interface ExportedResource {
  urn?: string;
  /** Set on the old copy of a resource whose replacement did not finish. */
  delete?: boolean;
  type?: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Reads the checkpoint (`pulumi stack export`): works after failed and killed runs too. */
export async function readStackState(stack: Stack): Promise<StackStateView> {
  const exported = await stack.exportStack();
  const deployment = (exported.deployment ?? {}) as { resources?: ExportedResource[]; pending_operations?: Array<{ type?: string }> };
  // The live copy: after a failed replacement the old one stays, marked `delete`.
  const resource = (deployment.resources ?? [])
    .filter((r) => r.urn?.endsWith(`::${RESTORE_RESOURCE_NAME}`) && r.type?.includes(":dynamic/pulumi-atlas-restore:") && r.delete !== true)
    .pop();
  const out = resource?.outputs ?? {};
  const runner = str((deployment.resources ?? []).find((r) => r.type === "pulumi:pulumi:Stack")?.outputs?.runner);
  return {
    ...(runner !== undefined ? { runner } : {}),
    pendingOperations: (deployment.pending_operations ?? []).map((op) => op.type ?? "unknown"),
    ...(resource
      ? {
          restore: {
            restoreJobId: resource.id || str(out.restoreJobId),
            status: str(out.status),
            snapshotId: str(out.snapshotId),
            restoreFinishedDate: str(out.restoreFinishedDate) ?? str(out.finishedAt),
            adopted: out.adopted === true,
          },
        }
      : {}),
  };
}
