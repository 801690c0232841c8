/**
 * The restore-family table: one row (a `RestoreFamily`, see family-types.ts) per kind of restore.
 * Adoption (adopt.ts), adopt-or-create and waiting (create-restore.ts, wait-for-restore-job.ts),
 * the dynamic provider (src/pulumi/provider-runtime.ts) and the resource base are written once
 * against the row's columns; none of them names a family.
 *
 * To add a family (e.g. dedicated-cluster or collection restores):
 * 1. Schemas (src/schemas): the job as Atlas returns it (`z.looseObject`) and the resource inputs
 *    (`z.strictObject` spreading `RESTORE_WAIT_SHAPE`, cross-field rules in a `superRefine`).
 * 2. Client methods (src/atlas): create, get, list all of a source cluster's jobs (and cancel).
 * 3. A row in its own file, `src/restore/<kind>-family.ts`, filling every column. Jobs without
 *    Atlas's `status` derive one (`status(job)`, e.g. from flags and `finishedAt`) and map it to a
 *    `phase(job)`; `identity` (restore-identity.ts) says what "the same restore" means, for adoption
 *    (`isSameRestore` = `isSameIdentity`) and diff alike; `isOnTarget` finds the cause of a 409;
 *    `startedAt`/`finishedAt` give epoch ms (adoption window, duration estimates), only from fields
 *    Atlas sends (none: `noHistoryReason`);
 *    `jobOutputs`/`storedJob` shape outputs and read them back; `deletion` says forget or cancel.
 * 4. Register the row: add its kind to `RestoreKind` (family-types.ts) and to `RESTORE_FAMILIES` below.
 * 5. The resource class (src/pulumi): a subclass built by `restoreResourceParts(kind, …)`; lookups if any.
 * If a family needs an `if (kind === …)` anywhere else, the table is missing a column: add it here.
 */
import type { FlexRestoreJob, TenantRestoreJob } from "../schemas/restore-job";
import { RestoreResourceArgs } from "../schemas/restore-args";
import { collectionRestoreFamily } from "./collection-restore-family";
import type { RestoreFamily, RestoreJobRef, RestoreKind, RestoreRequest, RestoreSource } from "./family-types";
import { cloudBackupRestoreFamily } from "./cloud-backup-family";
import type { RestoreIdentity } from "./restore-identity";
import { statusIdentity } from "./status-identity";
import * as statusJob from "./status-job";
import { isTenantSunset, TenantEndpointGoneError } from "./tenant-sunset";

export type * from "./family-types";
export { effectiveTargetProjectId } from "./status-job";
export { cloudBackupRestoreFamily, type CloudBackupRestoreClient } from "./cloud-backup-family";

type CreateParams = RestoreRequest;
type GetParams = RestoreJobRef;
type List<J> = Promise<{ results: J[] }>;

/** The methods of AtlasClient a tenant restore needs (the real client satisfies this structurally). */
export interface TenantRestoreClient {
  createTenantRestore(params: CreateParams): Promise<TenantRestoreJob>;
  getTenantRestore(params: GetParams): Promise<TenantRestoreJob>;
  listTenantRestores(params: RestoreSource): List<TenantRestoreJob>;
}

/** The methods of AtlasClient a Flex restore needs. */
export interface FlexRestoreClient {
  createFlexRestoreJob(params: CreateParams): Promise<FlexRestoreJob>;
  getFlexRestoreJob(params: GetParams): Promise<FlexRestoreJob>;
  iterateFlexRestoreJobs(params: RestoreSource): AsyncIterable<FlexRestoreJob>;
}

function createParams(r: RestoreRequest): CreateParams {
  const params: CreateParams = {
    projectId: r.projectId,
    clusterName: r.clusterName,
    snapshotId: r.snapshotId,
    targetDeploymentItemName: r.targetDeploymentItemName,
  };
  if (r.targetProjectId !== undefined) params.targetProjectId = r.targetProjectId;
  return params;
}

const getParams = (ref: RestoreJobRef): GetParams => ({
  projectId: ref.projectId,
  clusterName: ref.clusterName,
  restoreJobId: ref.restoreJobId,
});

/** The columns tenant and Flex share: their jobs carry `status`; their inputs are RestoreResourceArgs. */
function statusFamilyColumns(sourceField: "clusterName" | "instanceName") {
  return {
    sourceField,
    status: (job: TenantRestoreJob) => job.status,
    phase: (job: TenantRestoreJob) => statusJob.statusPhase(job.status),
    isSameRestore: (job: TenantRestoreJob, r: RestoreResourceArgs) => statusJob.isSameRestore({ sourceField }, job, r),
    isOnTarget: statusJob.isOnTarget,
    startedAt: statusJob.jobTime,
    finishedAt: statusJob.jobFinishTime,
    args: RestoreResourceArgs,
    identity: statusIdentity(sourceField) as RestoreIdentity<TenantRestoreJob, RestoreResourceArgs>,
    jobOutputFields: statusJob.JOB_OUTPUT_FIELDS,
    secretOutputs: ["snapshotUrl"],
    jobOutputs: statusJob.statusJobOutputs,
    storedJob: statusJob.storedStatusJob,
    targetProjectOf: (job: TenantRestoreJob) => job.targetProjectId,
    deletion: () => "forget" as const,
    forgetReason: "Atlas has no way to cancel or delete a restore job",
  };
}

export type TenantFamily<C> = RestoreFamily<C, RestoreResourceArgs, TenantRestoreJob> & { readonly sourceField: "clusterName" | "instanceName" };

export const tenantRestoreFamily: TenantFamily<TenantRestoreClient> = Object.freeze({
  kind: "tenant",
  label: "TenantRestore",
  ...statusFamilyColumns("clusterName"),
  create: (client: TenantRestoreClient, r: RestoreRequest) => client.createTenantRestore(createParams(r)),
  get: (client: TenantRestoreClient, ref: RestoreJobRef) => client.getTenantRestore(getParams(ref)),
  list: async (client: TenantRestoreClient, s: RestoreSource) =>
    (await client.listTenantRestores({ projectId: s.projectId, clusterName: s.clusterName })).results,
  explainCreateError: (error: unknown, r: RestoreRequest) => (isTenantSunset(error) ? new TenantEndpointGoneError(r, error) : error),
});

export const flexRestoreFamily: TenantFamily<FlexRestoreClient> = Object.freeze({
  kind: "flex",
  label: "FlexRestore",
  apiVersion: "v2",
  ...statusFamilyColumns("instanceName"),
  create: (client: FlexRestoreClient, r: RestoreRequest) => client.createFlexRestoreJob(createParams(r)),
  get: (client: FlexRestoreClient, ref: RestoreJobRef) => client.getFlexRestoreJob(getParams(ref)),
  list: async (client: FlexRestoreClient, s: RestoreSource) => {
    const jobs: FlexRestoreJob[] = [];
    for await (const job of client.iterateFlexRestoreJobs({ projectId: s.projectId, clusterName: s.clusterName })) jobs.push(job);
    return jobs;
  },
});

/** The table: every family by kind. */
export const RESTORE_FAMILIES: Readonly<Record<RestoreKind, RestoreFamily<never>>> = Object.freeze({
  tenant: tenantRestoreFamily as RestoreFamily<never>,
  flex: flexRestoreFamily as RestoreFamily<never>,
  cloudBackup: cloudBackupRestoreFamily as RestoreFamily<never>,
  collection: collectionRestoreFamily as unknown as RestoreFamily<never>,
});

/** The family of a kind, for a client that satisfies every family's client interface (the AtlasClient). */
export function restoreFamily<C = unknown>(kind: RestoreKind): RestoreFamily<C> {
  const family = RESTORE_FAMILIES[kind];
  if (family === undefined) throw new Error(`unknown restore kind: ${String(kind)}`);
  return family as unknown as RestoreFamily<C>;
}
