import assert from "node:assert/strict";
import { AtlasClient } from "../../src/atlas/client";
import { endpoints, mediaTypeFor } from "../../src/atlas/endpoints";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { checkResponse, checkSchema, findPathTemplate, resolveRef, type CapturedResponse, type OpenApiDoc } from "../helpers/openapi-check";
import { loadAtlasApiSpecs } from "../helpers/atlas-api-specs";
import { checkRequest, type CapturedRequest } from "../helpers/openapi-request-check";
import { notAtlasQuirk } from "./atlas-quirks";
import { SimClient, paths } from "./sim-client";

const LEGACY = "legacy-restore-and-download.openapi.2026-08-18.json";
const CURRENT = "restore-jobs.openapi.2026-08-21.json";
const TENANT = "restore-jobs.openapi.2026-03-03.json";

interface Exchange {
  request: CapturedRequest;
  response: CapturedResponse;
}

/**
 * Issue 14 against the official OpenAPI extracts beside the repository: the client's requests and
 * the simulator's answers for legacy restore jobs on v2 (1) and their list (2), page links (3),
 * non-Flex clusters on the Flex API (4) and snapshot downloads (6). The extracts are read at run
 * time only; without them every test here is pending.
 */
describe("issue 14 fidelity: contract with the Atlas OpenAPI extracts", function () {
  const docs = {} as { legacy: OpenApiDoc; current: OpenApiDoc; tenant: OpenApiDoc };
  const exchanges: Exchange[] = [];
  let sim: AtlasSimulator | undefined;

  /** Records every authenticated exchange a client makes (the 401 digest challenges are left out). */
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.status === 401) return res;
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const json = (text: string | undefined) => (text === undefined || text === "" ? undefined : JSON.parse(text));
    const body = json(await res.clone().text());
    exchanges.push({
      request: {
        method: init?.method ?? "GET", path: url.pathname, query: url.searchParams,
        accept: headers.get("accept") ?? undefined, contentType: headers.get("content-type") ?? undefined, body: json(init?.body as string | undefined),
      },
      response: { method: init?.method ?? "GET", path: url.pathname, status: res.status, contentType: res.headers.get("content-type") ?? "", body },
    });
    return res;
  };
  const exchangesOf = (method: string, template: string, doc: OpenApiDoc) =>
    exchanges.filter((e) => e.request.method === method && findPathTemplate(doc, e.request.path) === template);

  before(async function () {
    // The official extracts live outside the repository; without them the suite is pending.
    [docs.legacy, docs.current, docs.tenant] = loadAtlasApiSpecs(this, [LEGACY, CURRENT, TENANT]) as [OpenApiDoc, OpenApiDoc, OpenApiDoc];

    const clock = new ManualClock();
    sim = await startAtlasSimulator({
      now: () => clock.now(),
      seed: { projects: [{ name: "legacy-heavy", dedicatedClusters: [{ name: "old-m30", legacyRestoreJobs: 5 }] }] },
    });
    const s = sim.seed;
    const c = new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, apiVersion: "v2", clock, env: {}, fetch: recordingFetch });
    const dedicated = { projectId: s.defaultProjectId, clusterName: s.defaultDedicatedCluster };
    const heavy = { projectId: s.projects.find((p) => p.name === "legacy-heavy")!.id, clusterName: "old-m30" };
    const flex = { projectId: s.defaultProjectId, clusterName: s.defaultFlexSourceCluster };
    const tenant = { projectId: s.defaultProjectId, clusterName: s.defaultSourceCluster };
    sim.state.legacyJobs.get(s.legacyRestoreJobIds[1]!)!.batchId = "5e2211c17a3e5a48f5497de3";

    // 1, 2: legacy restore jobs on v2
    await c.getLegacyRestoreJob({ ...dedicated, restoreJobId: s.legacyRestoreJobIds[0]! });
    await c.getLegacyRestoreJob({ ...dedicated, restoreJobId: "0123456789abcdef01234567" }).catch(() => undefined);
    await c.listLegacyRestoreJobs(dedicated);
    await c.listLegacyRestoreJobs({ ...dedicated, batchId: "5e2211c17a3e5a48f5497de3", includeCount: false });
    for await (const _ of c.iterateLegacyRestoreJobs({ ...heavy, itemsPerPage: 2 }));
    // 6: downloads
    await c.downloadFlexSnapshot({ ...flex, snapshotId: s.defaultFlexSnapshotId });
    await c.downloadFlexSnapshot({ ...flex, snapshotId: "0123456789abcdef01234567" }).catch(() => undefined);
    await c.downloadTenantSnapshot({ ...tenant, snapshotId: s.defaultSnapshotId });
    await c.listFlexRestoreJobs({ ...flex, itemsPerPage: 1, pageNum: 2 });
    await c.listTenantRestores(tenant);
    // 3: other lists, one page in the middle
    sim.addCloudBackupRestoreJobs(dedicated.projectId, dedicated.clusterName, 6);
    await c.listCloudBackupRestoreJobs({ ...dedicated, itemsPerPage: 3, pageNum: 2 });
    await c.listFlexSnapshots({ ...flex, itemsPerPage: 1, pageNum: 2 });
    // 4: non-Flex clusters on the Flex API, and raw answers no client of ours asks for
    await c.listFlexRestoreJobs({ projectId: s.defaultProjectId, clusterName: s.defaultDedicatedCluster }).catch(() => undefined);
    await c.downloadFlexSnapshot({ projectId: s.defaultProjectId, clusterName: s.defaultSourceCluster, snapshotId: s.defaultFlexSnapshotId }).catch(() => undefined);
    const raw = new SimClient(sim);
    const record = async (method: string, p: string, run: Promise<{ status: number; headers: Headers; json: unknown }>) => {
      const r = await run;
      const response = { method, path: p.split("?")[0]!, status: r.status, contentType: r.headers.get("content-type") ?? "", body: r.json };
      exchanges.push({ request: { method, path: response.path, query: new URL(`http://x${p}`).searchParams, accept: undefined, contentType: undefined, body: undefined }, response });
    };
    const legacyList = paths(sim).legacyRestoreJobs;
    await record("GET", `${legacyList}?batchId=nope`, raw.get(`${legacyList}?batchId=nope`));
    await record("GET", legacyList, raw.get(legacyList, { accept: "application/json" }));
    await record("GET", `${paths(sim).flexSnapshots.replace("prod-flex", "prod-m10")}/${s.defaultFlexSnapshotId}`,
      raw.get(`${paths(sim).flexSnapshots.replace("prod-flex", "prod-m10")}/${s.defaultFlexSnapshotId}`));
    await record("POST", `${paths(sim).base}/flexClusters/prod-flex/backup/download`, raw.post(`${paths(sim).base}/flexClusters/prod-flex/backup/download`, {}));
  });
  after(() => sim?.stop());

  const LEGACY_ONE = "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/restoreJobs/{jobId}";
  const LEGACY_LIST = "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/restoreJobs";
  const FLEX_DOWNLOAD = "/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/download";

  /** The rules of the spec Atlas itself does not follow (atlas-quirks.ts). The simulator answers like Atlas. */
  const notSpecQuirk = notAtlasQuirk;

  /** The spec path template of an endpoint of the client's table, placeholders renamed away. */
  const shape = (template: string) => template.replace(/\{[^}]+\}/g, "{}");

  it("1: the client's v2 legacy GET is the spec's operation, with its media type; the simulator's answers validate", () => {
    const op = docs.legacy.paths[LEGACY_ONE]!.get!;
    assert.deepEqual(Object.keys(resolveRef<{ content: object }>(docs.legacy, op.responses["200"]).content), [mediaTypeFor(endpoints.getLegacyRestoreJob.family, "v2")]);
    assert.equal(shape(`/api/atlas/v2${endpoints.getLegacyRestoreJob.path}`), shape(LEGACY_ONE));
    const seen = exchangesOf("GET", LEGACY_ONE, docs.legacy);
    assert.deepEqual(seen.map((e) => e.response.status), [200, 404]);
    const issues = seen.flatMap((e) => [...checkRequest(docs.legacy, e.request), ...checkResponse(docs.legacy, e.response)]);
    assert.ok(issues.some((i) => i.includes(".timestamp.increment")), "the increment quirk is seen");
    assert.deepEqual(issues.filter(notSpecQuirk), []);
  });

  it("2: the legacy list requests (paging, batchId) are declared by the spec, and every answer validates as PaginatedRestoreJob", () => {
    assert.equal(shape(`/api/atlas/v2${endpoints.listLegacyRestoreJobs.path}`), shape(LEGACY_LIST));
    const seen = exchangesOf("GET", LEGACY_LIST, docs.legacy);
    assert.deepEqual(seen.map((e) => e.response.status), [200, 200, 200, 200, 200, 400, 406]);
    const issues = seen.flatMap((e) => [...(e.request.accept ? checkRequest(docs.legacy, e.request) : []), ...checkResponse(docs.legacy, e.response)]);
    assert.deepEqual(issues.filter(notSpecQuirk), []);
    assert.equal((seen[1]!.response.body as { results: unknown[] }).results.length, 1, "the batchId filter");
  });

  it("3: every link of every list answer is a request the spec accepts, with pageNum and itemsPerPage in range", () => {
    const lists = exchanges.filter((e) => e.response.status === 200 && Array.isArray((e.response.body as { results?: unknown })?.results));
    assert.ok(lists.length >= 8, `${lists.length} list answers`);
    const issues: string[] = [];
    for (const e of lists) {
      const doc = e.request.path.includes("/backup/tenant/") ? docs.tenant : findPathTemplate(docs.legacy, e.request.path) ? docs.legacy : docs.current;
      issues.push(...checkResponse(doc, e.response));
      const links = (e.response.body as { links: Array<{ href: string; rel: string }> }).links;
      assert.equal(links.filter((l) => l.rel === "self").length, 1);
      for (const link of links) {
        const url = new URL(link.href);
        assert.ok(/^\d+$/.test(url.searchParams.get("pageNum") ?? "") && /^\d+$/.test(url.searchParams.get("itemsPerPage") ?? ""), link.href);
        if (e.request.path.includes("/backup/tenant/")) continue; // the tenant lists declare no paging parameters (the simulator ignores them)
        issues.push(...checkRequest(doc, { ...e.request, path: url.pathname, query: url.searchParams, accept: e.request.accept ?? e.response.contentType }));
      }
    }
    assert.deepEqual(issues.filter(notSpecQuirk), []);
  });

  it("4: the Flex operations document 400, and the CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API answers validate as their ApiError", () => {
    for (const [template, ops] of Object.entries(docs.current.paths).filter(([t]) => t.includes("/flexClusters/"))) {
      for (const [method, op] of Object.entries(ops)) assert.ok("400" in op.responses, `${method} ${template} documents no 400`);
    }
    assert.ok("400" in docs.legacy.paths[FLEX_DOWNLOAD]!.post!.responses);
    const refusals = exchanges.filter((e) => (e.response.body as { errorCode?: string })?.errorCode === "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API");
    assert.equal(refusals.length, 3);
    const issues = refusals.flatMap((e) => checkResponse(e.request.path.endsWith("/download") ? docs.legacy : docs.current, e.response));
    assert.deepEqual(issues.filter(notSpecQuirk), []);
    assert.deepEqual(refusals.map((e) => e.response.status), [400, 400, 400]);
  });

  it("6: Flex download — the client's request matches FlexBackupSnapshotDownloadCreate20241113, the answers FlexBackupRestoreJob20241113", () => {
    assert.equal(shape(`/api/atlas/v2${endpoints.downloadFlexSnapshot.path}`), shape(FLEX_DOWNLOAD));
    const seen = exchangesOf("POST", FLEX_DOWNLOAD, docs.legacy);
    assert.deepEqual(seen.map((e) => e.response.status), [200, 404, 400, 400]);
    const issues = seen.flatMap((e) => [...(e.request.accept ? checkRequest(docs.legacy, e.request) : []), ...checkResponse(docs.legacy, e.response)]);
    assert.deepEqual(issues.filter(notSpecQuirk), []);
    const job = seen[0]!.response.body as { deliveryType: string; id: string };
    assert.equal(job.deliveryType, "DOWNLOAD");
    const listed = exchanges.find((e) => e.request.path.endsWith("/flexClusters/prod-flex/backup/restoreJobs") && e.response.status === 200)!;
    assert.deepEqual(checkResponse(docs.current, listed.response), [], "the download job in the Flex list validates against the current spec");
  });

  it("6: M2/M5 download (path not in the extracts) — body and answer are the spec's TenantRestore, as atlas-sdk-go types them", () => {
    const seen = exchanges.filter((e) => e.request.method === "POST" && e.request.path.endsWith("/backup/tenant/download"));
    assert.equal(seen.length, 1);
    const tenantRestore = { $ref: "#/components/schemas/TenantRestore" };
    const { request, response } = seen[0]!;
    assert.equal(request.contentType, "application/vnd.atlas.2023-01-01+json");
    assert.equal(response.contentType, "application/vnd.atlas.2023-01-01+json");
    assert.deepEqual(checkSchema(docs.tenant, tenantRestore, request.body), []);
    assert.deepEqual(checkSchema(docs.tenant, tenantRestore, response.body), []);
    const listed = exchanges.find((e) => e.request.path.endsWith("/backup/tenant/restores") && e.response.status === 200)!;
    assert.deepEqual(checkResponse(docs.tenant, listed.response), []);
  });
});
