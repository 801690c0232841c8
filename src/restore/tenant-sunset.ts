import { AtlasApiError } from "../atlas/errors";
import { RestoreError } from "./errors";
import type { RestoreRequest } from "./family-types";

/**
 * Atlas retired the M2/M5 (tenant) restore endpoints on 2026-01-22; Flex clusters replace M2/M5.
 * v2 answers 410 (VERSION_GONE), and some deployments answer 404 with a sunset message.
 */
export function isTenantSunset(error: unknown): error is AtlasApiError {
  if (!(error instanceof AtlasApiError)) return false;
  if (error.status === 410) return true;
  const text = `${error.errorCode} ${error.detail ?? ""} ${error.reason ?? ""}`;
  return error.status === 404 && /sunset|VERSION_GONE|no longer (available|supported)/i.test(text);
}

/** The FlexRestore declaration equivalent to a TenantRestore, for the error message and the README. */
export function flexRestoreLine(request: RestoreRequest): string {
  const target = request.targetProjectId && request.targetProjectId !== request.projectId
    ? ` targetProjectId: "${request.targetProjectId}",`
    : "";
  return (
    `new FlexRestore("<name>", { projectId: "${request.projectId}", clusterName: "${request.clusterName}", ` +
    `snapshotId: "<a Flex snapshot id: getFlexSnapshots>",${target} targetDeploymentItemName: "${request.targetDeploymentItemName}" })`
  );
}

/** TenantRestore met a sunset tenant endpoint: says to use FlexRestore, with the line to write. */
export class TenantEndpointGoneError extends RestoreError {
  override name = "TenantEndpointGoneError" as const;
  override readonly code = "TENANT_ENDPOINT_GONE" as const;
  constructor(request: RestoreRequest, cause: AtlasApiError) {
    super(
      `TenantRestore of ${request.clusterName} in project ${request.projectId}: Atlas answered ${cause.status} ` +
        `${cause.errorCode} — the M2/M5 (tenant) restore endpoints were sunset on 2026-01-22 and M2/M5 clusters ` +
        `became Flex clusters. Use FlexRestore instead (same inputs; Flex snapshot ids come from getFlexSnapshots):\n` +
        `  import { FlexRestore } from "pulumi-atlas-restore";\n  ${flexRestoreLine(request)}`,
      undefined,
      { cause },
    );
  }
}
