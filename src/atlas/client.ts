import type { z } from "zod";
import type { Page } from "../schemas/paginated";
import {
  ClusterRef, CreateRestoreParams, GetLegacyRestoreJobParams, GetRestoreParams, GetSnapshotParams, IterateParams,
  MAX_ITEMS_PER_PAGE, PageParams, ListLegacyRestoreJobsParams, IterateLegacyRestoreJobsParams,
} from "../schemas/requests";
import {
  CreateCollectionRestoreParams, GetCollectionRestoreParams, type CollectionRestoreCollectionState, type CollectionRestoreJob,
} from "../schemas/collection-restore";
import {
  CreateCloudBackupRestoreParams, GetCloudBackupRestoreParams, type ClusterDescription, type CloudBackupSnapshot,
} from "../schemas/cloud-backup";
import type { CloudBackupRestoreJob, FlexRestoreJob, FlexSnapshot, LegacyRestoreJob, TenantRestoreJob, TenantSnapshot } from "../schemas/restore-job";
import { parseInput } from "../schemas/validate";
import { CreateDatabaseUserParams, DeleteDatabaseUserParams, type DatabaseUser } from "../schemas/database-user";
import type { AtlasClientOptions } from "./atlas-client-options";
import { API_BASE_PATHS, endpoints, fillPath, mediaTypeFor, type EndpointName } from "./endpoints";
import { createRequesterContext, positiveOption } from "./create-requester-context";
import { noticeOnce } from "./credentials";
import { AtlasConfigError } from "./errors";
import { paginate } from "./paginate";
import { atlasRequest, type AtlasStats, type RequesterContext } from "./request";
import { resolveAtlasSettings, type AtlasApiVersion } from "./settings";

type Result<K extends EndpointName> = z.infer<(typeof endpoints)[K]["schema"]>;
type Query = Record<string, string | number | boolean | undefined>;

/**
 * Pages fetched at once after the first: 20 pages of 500 cover 10,000 jobs in two round trips after
 * the first page. Bounded so one listing never has more than 20 requests in flight.
 */
export const DEFAULT_PAGE_CONCURRENCY = 20;

const pageQuery = (i: PageParams): Query => ({ pageNum: i.pageNum, itemsPerPage: i.itemsPerPage, includeCount: i.includeCount });
/** The POST body; the target project defaults to the source project. */
const restoreBody = (i: CreateRestoreParams) => ({
  snapshotId: i.snapshotId,
  targetDeploymentItemName: i.targetDeploymentItemName,
  targetProjectId: i.targetProjectId ?? i.projectId,
});

/**
 * Atlas Admin API client for restore jobs and snapshots. Methods validate their input, send one
 * request (iterators: as few as possible), validate the answer, and retry only where safe.
 */
export class AtlasClient {
  readonly baseUrl: string;
  readonly apiVersion: AtlasApiVersion;
  readonly stats: Readonly<AtlasStats>;
  private readonly ctx: RequesterContext;
  private readonly concurrency: number;
  private readonly maxPages: number;

  constructor(options: AtlasClientOptions = {}) {
    const settings = resolveAtlasSettings(options, options.env ?? process.env);
    if (settings.notice !== undefined) (options.onNotice ?? noticeOnce)(settings.notice);
    this.baseUrl = settings.baseUrl;
    this.apiVersion = settings.apiVersion;
    const stats: AtlasStats = { calls: 0, exchanges: 0, retries: 0 };
    this.stats = stats;
    this.ctx = createRequesterContext(options, settings, stats);
    this.concurrency = Math.floor(positiveOption("pagination.concurrency", options.pagination?.concurrency, DEFAULT_PAGE_CONCURRENCY));
    this.maxPages = Math.floor(positiveOption("pagination.maxPages", options.pagination?.maxPages, 200));
  }

  private path(name: EndpointName, params: Record<string, unknown>): string {
    return `${API_BASE_PATHS[this.apiVersion]}${fillPath(endpoints[name].path, params)}`;
  }

  private call<K extends EndpointName>(name: K, params: Record<string, unknown>, query?: Query, body?: unknown): Promise<Result<K>> {
    const e = endpoints[name];
    return atlasRequest(this.ctx, {
      method: e.method,
      path: this.path(name, params),
      query,
      body,
      mediaType: mediaTypeFor(e.family, this.apiVersion),
      schema: e.schema,
    }) as Promise<Result<K>>;
  }

  /** Flex endpoints exist only in v2. */
  private requireVersion(name: EndpointName): void {
    const versions: readonly string[] = endpoints[name].versions;
    if (!versions.includes(this.apiVersion)) {
      throw new AtlasConfigError(
        "apiVersion",
        `${name} needs apiVersion ${versions.map((v) => `"${v}"`).join(" or ")}, but this client uses apiVersion "${this.apiVersion}"; create the client with { apiVersion: "v2" }`,
      );
    }
  }

  private iterate<
    K extends "listCloudBackupRestoreJobs" | "listFlexRestoreJobs" | "listLegacyRestoreJobs" | "listCloudBackupSnapshots" | "listCollectionRestoreJobs" | "listCollectionRestoreJobCollections",
  >(name: K, p: IterateParams & { restoreJobId?: string }, filter: Query = {}): AsyncGenerator<Result<K>["results"][number]> {
    const itemsPerPage = p.itemsPerPage ?? MAX_ITEMS_PER_PAGE;
    const getPage = (pageNum: number, includeCount: boolean) =>
      this.call(name, p, { pageNum, itemsPerPage, includeCount, ...filter }) as Promise<Page<Result<K>["results"][number]>>;
    return paginate(getPage, { itemsPerPage, maxPages: this.maxPages, concurrency: this.concurrency, path: this.path(name, p) });
  }

  async createTenantRestore(p: CreateRestoreParams): Promise<TenantRestoreJob> {
    const i = parseInput(CreateRestoreParams, p, "createTenantRestore parameters");
    return this.call("createTenantRestore", i, undefined, restoreBody(i));
  }
  async getTenantRestore(p: GetRestoreParams): Promise<TenantRestoreJob> {
    return this.call("getTenantRestore", parseInput(GetRestoreParams, p, "getTenantRestore parameters"));
  }
  async listTenantRestores(p: ClusterRef): Promise<Page<TenantRestoreJob>> {
    return this.call("listTenantRestores", parseInput(ClusterRef, p, "listTenantRestores parameters"));
  }
  async listTenantSnapshots(p: ClusterRef): Promise<Page<TenantSnapshot>> {
    return this.call("listTenantSnapshots", parseInput(ClusterRef, p, "listTenantSnapshots parameters"));
  }
  async getTenantSnapshot(p: GetSnapshotParams): Promise<TenantSnapshot> {
    return this.call("getTenantSnapshot", parseInput(GetSnapshotParams, p, "getTenantSnapshot parameters"));
  }

  /** One page; `itemsPerPage` 1–500 (Atlas default 100). */
  async listCloudBackupRestoreJobs(p: PageParams): Promise<Page<CloudBackupRestoreJob>> {
    const i = parseInput(PageParams, p, "listCloudBackupRestoreJobs parameters");
    return this.call("listCloudBackupRestoreJobs", i, pageQuery(i));
  }
  /** Every job, in order, in the fewest requests (500 per page by default). */
  iterateCloudBackupRestoreJobs(p: IterateParams): AsyncIterable<CloudBackupRestoreJob> {
    return this.iterate("listCloudBackupRestoreJobs", parseInput(IterateParams, p, "iterateCloudBackupRestoreJobs parameters"));
  }
  async listAllCloudBackupRestoreJobs(p: IterateParams): Promise<CloudBackupRestoreJob[]> {
    const all: CloudBackupRestoreJob[] = [];
    for await (const job of this.iterateCloudBackupRestoreJobs(p)) all.push(job);
    return all;
  }
  /** A legacy-backup restore job, on the client's apiVersion (v1.0, or v2 with media type 2023-01-01). */
  async getLegacyRestoreJob(p: GetLegacyRestoreJobParams): Promise<LegacyRestoreJob> {
    return this.call("getLegacyRestoreJob", parseInput(GetLegacyRestoreJobParams, p, "getLegacyRestoreJob parameters"));
  }
  /** One page of a dedicated cluster's legacy-backup restore jobs (`batchId`: one sharded-cluster batch). */
  async listLegacyRestoreJobs(p: ListLegacyRestoreJobsParams): Promise<Page<LegacyRestoreJob>> {
    const i = parseInput(ListLegacyRestoreJobsParams, p, "listLegacyRestoreJobs parameters");
    return this.call("listLegacyRestoreJobs", i, { ...pageQuery(i), batchId: i.batchId });
  }
  /** Every legacy-backup restore job of the cluster, in order, in the fewest requests. */
  iterateLegacyRestoreJobs(p: IterateLegacyRestoreJobsParams): AsyncIterable<LegacyRestoreJob> {
    const { batchId, ...i } = parseInput(IterateLegacyRestoreJobsParams, p, "iterateLegacyRestoreJobs parameters");
    return this.iterate("listLegacyRestoreJobs", i, { batchId });
  }

  async createFlexRestoreJob(p: CreateRestoreParams): Promise<FlexRestoreJob> {
    this.requireVersion("createFlexRestoreJob");
    const i = parseInput(CreateRestoreParams, p, "createFlexRestoreJob parameters");
    return this.call("createFlexRestoreJob", i, undefined, restoreBody(i));
  }
  async getFlexRestoreJob(p: GetRestoreParams): Promise<FlexRestoreJob> {
    this.requireVersion("getFlexRestoreJob");
    return this.call("getFlexRestoreJob", parseInput(GetRestoreParams, p, "getFlexRestoreJob parameters"));
  }
  async listFlexRestoreJobs(p: PageParams): Promise<Page<FlexRestoreJob>> {
    this.requireVersion("listFlexRestoreJobs");
    const i = parseInput(PageParams, p, "listFlexRestoreJobs parameters");
    return this.call("listFlexRestoreJobs", i, pageQuery(i));
  }
  iterateFlexRestoreJobs(p: IterateParams): AsyncIterable<FlexRestoreJob> {
    this.requireVersion("listFlexRestoreJobs");
    return this.iterate("listFlexRestoreJobs", parseInput(IterateParams, p, "iterateFlexRestoreJobs parameters"));
  }
  async listFlexSnapshots(p: PageParams): Promise<Page<FlexSnapshot>> {
    this.requireVersion("listFlexSnapshots");
    const i = parseInput(PageParams, p, "listFlexSnapshots parameters");
    return this.call("listFlexSnapshots", i, pageQuery(i));
  }
  async getFlexSnapshot(p: GetSnapshotParams): Promise<FlexSnapshot> {
    this.requireVersion("getFlexSnapshot");
    return this.call("getFlexSnapshot", parseInput(GetSnapshotParams, p, "getFlexSnapshot parameters"));
  }

  /**
   * Asks Atlas for a download of a snapshot: a DOWNLOAD job whose `snapshotUrl` works for four
   * hours. A POST: never re-sent once Atlas may have processed it (a second request is a second job).
   */
  async downloadFlexSnapshot(p: GetSnapshotParams): Promise<FlexRestoreJob> {
    this.requireVersion("downloadFlexSnapshot");
    const i = parseInput(GetSnapshotParams, p, "downloadFlexSnapshot parameters");
    return this.call("downloadFlexSnapshot", i, undefined, { snapshotId: i.snapshotId });
  }
  /** The M2/M5 twin (until the tenant sunset). Atlas's body type needs a target: the source cluster is sent. */
  async downloadTenantSnapshot(p: GetSnapshotParams): Promise<TenantRestoreJob> {
    const i = parseInput(GetSnapshotParams, p, "downloadTenantSnapshot parameters");
    return this.call("downloadTenantSnapshot", i, undefined, { snapshotId: i.snapshotId, targetDeploymentItemName: i.clusterName });
  }

  // ── dedicated (M10+) clusters ──
  /** Starts a Cloud Backup restore (never retried once sent; see the retry policy). */
  async createCloudBackupRestoreJob(p: CreateCloudBackupRestoreParams): Promise<CloudBackupRestoreJob> {
    const { projectId, clusterName, targetProjectId, ...rest } = parseInput(CreateCloudBackupRestoreParams, p, "createCloudBackupRestoreJob parameters");
    const body = { ...rest, ...(rest.targetClusterName !== undefined ? { targetGroupId: targetProjectId ?? projectId } : {}) };
    return this.call("createCloudBackupRestoreJob", { projectId, clusterName }, undefined, body);
  }
  async getCloudBackupRestoreJob(p: GetCloudBackupRestoreParams): Promise<CloudBackupRestoreJob> {
    return this.call("getCloudBackupRestoreJob", parseInput(GetCloudBackupRestoreParams, p, "getCloudBackupRestoreJob parameters"));
  }
  /** Cancels a restore job (Atlas answers 204). */
  async cancelCloudBackupRestoreJob(p: GetCloudBackupRestoreParams): Promise<void> {
    await this.call("cancelCloudBackupRestoreJob", parseInput(GetCloudBackupRestoreParams, p, "cancelCloudBackupRestoreJob parameters"));
  }
  /** One page of a dedicated cluster's snapshots. */
  async listCloudBackupSnapshots(p: PageParams): Promise<Page<CloudBackupSnapshot>> {
    const i = parseInput(PageParams, p, "listCloudBackupSnapshots parameters");
    return this.call("listCloudBackupSnapshots", i, pageQuery(i));
  }
  /** Every snapshot, in the fewest requests. */
  iterateCloudBackupSnapshots(p: IterateParams): AsyncIterable<CloudBackupSnapshot> {
    return this.iterate("listCloudBackupSnapshots", parseInput(IterateParams, p, "iterateCloudBackupSnapshots parameters"));
  }
  async getCloudBackupSnapshot(p: GetSnapshotParams): Promise<CloudBackupSnapshot> {
    return this.call("getCloudBackupSnapshot", parseInput(GetSnapshotParams, p, "getCloudBackupSnapshot parameters"));
  }
  /** A cluster's description; a Flex cluster's name answers 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API. */
  async getCluster(p: ClusterRef): Promise<ClusterDescription> {
    return this.call("getCluster", parseInput(ClusterRef, p, "getCluster parameters"));
  }

  // --- collection-level restore (API v2 only, media type 2025-03-12) ---
  /** Starts a collection-level restore. A POST: never retried once Atlas may have processed it. */
  async createCollectionRestoreJob(p: CreateCollectionRestoreParams): Promise<CollectionRestoreJob> {
    this.requireVersion("createCollectionRestoreJob");
    const { projectId, clusterName, ...body } = parseInput(CreateCollectionRestoreParams, p, "createCollectionRestoreJob parameters");
    return this.call("createCollectionRestoreJob", { projectId, clusterName }, undefined, body);
  }
  async getCollectionRestoreJob(p: GetCollectionRestoreParams): Promise<CollectionRestoreJob> {
    this.requireVersion("getCollectionRestoreJob");
    return this.call("getCollectionRestoreJob", parseInput(GetCollectionRestoreParams, p, "getCollectionRestoreJob parameters"));
  }
  /** Every collection restore job of a source cluster, in the fewest requests. */
  async listAllCollectionRestoreJobs(p: IterateParams): Promise<CollectionRestoreJob[]> {
    this.requireVersion("listCollectionRestoreJobs");
    return collect(this.iterate("listCollectionRestoreJobs", parseInput(IterateParams, p, "listAllCollectionRestoreJobs parameters")));
  }
  /** The per-collection states of one job (empty while it is INITIALIZING), every page. */
  async listAllCollectionRestoreJobCollections(p: GetCollectionRestoreParams & { itemsPerPage?: number }): Promise<CollectionRestoreCollectionState[]> {
    this.requireVersion("listCollectionRestoreJobCollections");
    const i = parseInput(CollectionStatesParams, p, "listAllCollectionRestoreJobCollections parameters");
    return collect(this.iterate("listCollectionRestoreJobCollections", i));
  }

  // --- database users (DataMask's temporary user) ---
  /** Creates a database user. A POST: never retried once Atlas may have processed it (the user's deleteAfterDate bounds a lost one). */
  async createDatabaseUser(p: CreateDatabaseUserParams): Promise<DatabaseUser> {
    const { projectId, ...body } = parseInput(CreateDatabaseUserParams, p, "createDatabaseUser parameters");
    return this.call("createDatabaseUser", { projectId }, undefined, { ...body, groupId: projectId });
  }
  /** Deletes a database user; Atlas's 404 (gone already) is an AtlasApiError the caller may ignore. */
  async deleteDatabaseUser(p: DeleteDatabaseUserParams): Promise<void> {
    await this.call("deleteDatabaseUser", parseInput(DeleteDatabaseUserParams, p, "deleteDatabaseUser parameters"));
  }
}

const CollectionStatesParams = GetCollectionRestoreParams.extend({ itemsPerPage: IterateParams.shape.itemsPerPage });
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
