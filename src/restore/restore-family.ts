import type { FlexRestoreJob, TenantRestoreJob } from "../schemas/restore-job";

/** A tenant or Flex restore job as the restore logic sees it (both share every field but the source's name). */
export type RestoreJob = TenantRestoreJob | FlexRestoreJob;

/** The source cluster of a restore (`clusterName` is the Flex cluster's name for Flex). */
export interface RestoreSource {
  projectId: string;
  clusterName: string;
}

/** One restore job of a source cluster. */
export interface RestoreJobRef extends RestoreSource {
  restoreJobId: string;
}

/** What a person asks for: restore `snapshotId` of the source onto `targetDeploymentItemName`. */
export interface RestoreRequest extends RestoreSource {
  snapshotId: string;
  /** Defaults to `projectId` (Atlas does the same). */
  targetProjectId?: string;
  targetDeploymentItemName: string;
}

type CreateParams = RestoreRequest;
type GetParams = RestoreSource & { restoreId: string };
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

export type RestoreKind = "tenant" | "flex";

/**
 * Everything that differs between tenant (M2/M5) and Flex restores. The adoption, waiting and
 * provider code is written once against this; a new family is one more value of this type.
 */
export interface RestoreFamily<C = unknown> {
  readonly kind: RestoreKind;
  /** Used in messages and as the Pulumi type name, e.g. `TenantRestore`. */
  readonly label: string;
  /** The job field naming the source cluster. */
  readonly sourceField: "clusterName" | "instanceName";
  create(client: C, request: RestoreRequest): Promise<RestoreJob>;
  get(client: C, ref: RestoreJobRef): Promise<RestoreJob>;
  /** The source cluster's restore jobs (all of them; callers filter by the adoption rule). */
  list(client: C, source: RestoreSource): Promise<RestoreJob[]>;
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
  restoreId: ref.restoreJobId,
});

export const tenantRestoreFamily: RestoreFamily<TenantRestoreClient> = Object.freeze({
  kind: "tenant",
  label: "TenantRestore",
  sourceField: "clusterName",
  create: (client: TenantRestoreClient, r: RestoreRequest) => client.createTenantRestore(createParams(r)),
  get: (client: TenantRestoreClient, ref: RestoreJobRef) => client.getTenantRestore(getParams(ref)),
  list: async (client: TenantRestoreClient, s: RestoreSource) =>
    (await client.listTenantRestores({ projectId: s.projectId, clusterName: s.clusterName })).results,
});

export const flexRestoreFamily: RestoreFamily<FlexRestoreClient> = Object.freeze({
  kind: "flex",
  label: "FlexRestore",
  sourceField: "instanceName",
  create: (client: FlexRestoreClient, r: RestoreRequest) => client.createFlexRestoreJob(createParams(r)),
  get: (client: FlexRestoreClient, ref: RestoreJobRef) => client.getFlexRestoreJob(getParams(ref)),
  list: async (client: FlexRestoreClient, s: RestoreSource) => {
    const jobs: FlexRestoreJob[] = [];
    for await (const job of client.iterateFlexRestoreJobs({ projectId: s.projectId, clusterName: s.clusterName })) jobs.push(job);
    return jobs;
  },
});

/** The family of a kind. */
export function restoreFamily(kind: RestoreKind): RestoreFamily<TenantRestoreClient> | RestoreFamily<FlexRestoreClient> {
  return kind === "tenant" ? tenantRestoreFamily : flexRestoreFamily;
}

/** `targetProjectId` as Atlas applies it: the source project unless given. */
export const effectiveTargetProjectId = (r: { projectId: string; targetProjectId?: string }): string =>
  r.targetProjectId ?? r.projectId;
