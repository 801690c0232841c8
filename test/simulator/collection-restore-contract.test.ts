import assert from "node:assert/strict";
import { API_BASE_PATHS, V2_MEDIA_TYPES, endpoints } from "../../src/atlas/endpoints";
import { CollectionRestoreCollectionState, CollectionRestoreJob, CollectionRestoreRequestBody } from "../../src/schemas";
import { ATLAS_2025_03_12, startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";
import { loadAtlasApiSpecs } from "../helpers/atlas-api-specs";
import { checkResponse, checkSchema, resolveRef, type CapturedResponse, type OpenApiDoc } from "../helpers/openapi-check";
import { SimClient } from "./sim-client";

/**
 * Contract of collection-level restore with the Atlas v2 extract (CC BY-NC-SA reference data kept
 * beside the repository, never in it): found by test/helpers/atlas-api-specs.ts. Looked for
 * at run time; when absent every test here is reported pending with the reason.
 */
const FILE = "cloud-backup-restores.openapi.2026-08-18.json";
const JOBS = "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/collectionRestoreJobs";

describe("collection restore: contract with the Atlas OpenAPI extract (2026-08-18)", function () {
  let spec: OpenApiDoc;
  let sim: AtlasSimulator;
  const captured: CapturedResponse[] = [];

  before(async function () {
    [spec] = loadAtlasApiSpecs(this, [FILE]) as [OpenApiDoc];
    const clock = new ManualClock();
    sim = await startAtlasSimulator({ now: () => clock.now() });
    const c = new SimClient(sim);
    const base = `/api/atlas/v2/groups/${sim.seed.defaultProjectId}/clusters/${sim.seed.defaultDedicatedCluster}/collectionRestoreJobs`;
    const snapshotId = sim.seed.defaultDedicatedSnapshotId;
    const body = (extra: Record<string, unknown> = {}) => ({
      snapshotId, targetGroupId: sim.seed.defaultProjectId, targetClusterName: "staging-m10",
      collections: [{ sourceNamespace: "sales.orders" }, { sourceNamespace: "sales.customers" }], indexStrategy: "ALL", writeStrategy: "CREATE_NEW", ...extra,
    });
    const record = async (method: string, p: string, run: ReturnType<SimClient["get"]>) => {
      const r = await run;
      captured.push({ method, path: p.split("?")[0]!, status: r.status, contentType: r.headers.get("content-type") ?? "", body: r.json });
      return r;
    };
    const get = (p: string) => record("GET", p, c.get(p, { accept: ATLAS_2025_03_12 }));
    const post = (b: unknown) => record("POST", base, c.post(base, b, { accept: ATLAS_2025_03_12 }));

    const job = (await post(body())).json;
    await get(`${base}/${job.id}`); // INITIALIZING
    await get(`${base}/${job.id}/collections`); // empty
    await post(body()); // 409
    clock.advance(1000);
    await get(`${base}/${job.id}`); // IN_PROGRESS
    await get(`${base}/${job.id}/collections`);
    clock.advance(60_000);
    await get(`${base}/${job.id}`); // SUCCESSFUL
    sim.state.collectionRestore.failRules.push({ sourceNamespace: "sales.customers", message: "simulated", remaining: 1 });
    const failing = (await post(body({ databases: [{ sourceNamespace: "sales" }], collections: undefined }))).json;
    clock.advance(60_000);
    await get(`${base}/${failing.id}`); // FAILED
    await get(`${base}/${failing.id}/collections?itemsPerPage=2`);
    await get(`${base}?itemsPerPage=1&pageNum=2`);
    await post(body({ collections: [{ sourceNamespace: "sales.nope" }] })); // 400
    await post(body({ snapshotId: "0123456789abcdef01234567" })); // 404
    await get(`${base}/0123456789abcdef01234567`); // 404
  });
  after(() => sim?.stop());

  it("every simulator answer (201, 200 in each state, 400, 404, 409) validates against the spec", () => {
    assert.deepEqual([...new Set(captured.map((r) => r.status))].sort(), [200, 201, 400, 404, 409]);
    const states = captured.map((r) => (r.body as { state?: string }).state).filter(Boolean);
    for (const s of ["INITIALIZING", "IN_PROGRESS", "SUCCESSFUL", "FAILED"]) assert.ok(states.includes(s), s);
    assert.deepEqual(captured.flatMap((r) => checkResponse(spec, r)), []);
  });

  it("the client's endpoints are the spec's paths, methods and media type", () => {
    const names = ["createCollectionRestoreJob", "getCollectionRestoreJob", "listCollectionRestoreJobs", "listCollectionRestoreJobCollections"] as const;
    const placeholders = (p: string) => p.replace(/\{[^}]+\}/g, "{}");
    for (const name of names) {
      const e = endpoints[name];
      const template = Object.keys(spec.paths).find((t) => placeholders(t) === placeholders(`${API_BASE_PATHS.v2}${e.path}`.replace("{projectId}", "{groupId}")));
      assert.ok(template, `${name}: ${e.path} is not in the spec`);
      const op = spec.paths[template!]![e.method.toLowerCase()] as { responses: Record<string, { content?: Record<string, unknown> }> };
      assert.ok(op, `${name}: no ${e.method} in the spec`);
      const ok = op.responses[e.method === "POST" ? "201" : "200"]!;
      assert.deepEqual(Object.keys(ok.content ?? {}), [V2_MEDIA_TYPES.collectionRestore], name);
      assert.ok(e.versions.every((v) => v === "v2"), `${name} is v2 only`);
    }
    assert.ok(spec.paths[JOBS]?.post, "POST collectionRestoreJobs");
  });

  it("the zod schemas name only fields the spec has, and parse the spec's examples", () => {
    const props = (name: string) => Object.keys((resolveRef<{ properties: object }>(spec, { $ref: `#/components/schemas/${name}` })).properties);
    const extra = (shape: object, name: string) => Object.keys(shape).filter((k) => k !== "links" && !props(name).includes(k));
    assert.deepEqual(extra(CollectionRestoreJob.shape, "ApiAtlasCollectionRestoreJobResponse"), []);
    assert.deepEqual(extra(CollectionRestoreCollectionState.shape, "ApiAtlasCollectionRestoreCollectionStateResponse"), []);
    assert.deepEqual(extra(CollectionRestoreRequestBody.shape, "ApiAtlasCollectionRestoreJobRequest"), []);
    const jobExample = (spec.paths[JOBS]!.post as any).responses["201"].content[ATLAS_2025_03_12].examples["Multiple collections"].value;
    assert.equal(CollectionRestoreJob.parse(jobExample).state, "IN_PROGRESS");
    const statesExample = (spec.paths[`${JOBS}/{jobId}/collections`]!.get as any).responses["200"].content[ATLAS_2025_03_12].examples["Two collection states"].value;
    assert.equal(statesExample.results.map((s: unknown) => CollectionRestoreCollectionState.parse(s)).length, 2);
  });

  it("request bodies the client accepts validate against ApiAtlasCollectionRestoreJobRequest", () => {
    const bodies = [
      { snapshotId: "0123456789abcdef01234567", targetGroupId: "0123456789abcdef01234567", targetClusterName: "staging", collections: [{ sourceNamespace: "a.b" }], indexStrategy: "ALL", writeStrategy: "CREATE_NEW", collectionSuffix: "_x" },
      { pointInTimeUtcSeconds: 1_700_000_000, targetGroupId: "0123456789abcdef01234567", targetClusterName: "staging", databases: [{ sourceNamespace: "a", targetNamespace: "b" }], indexStrategy: "NONE", writeStrategy: "OVERWRITE_EXISTING" },
      { oplogTs: 1_700_000_000, oplogInc: 3, targetGroupId: "0123456789abcdef01234567", targetClusterName: "staging", databases: [{ sourceNamespace: "a" }], indexStrategy: "ALL_EXCEPT_TTL", writeStrategy: "CREATE_NEW" },
    ];
    for (const b of bodies) {
      const parsed = CollectionRestoreRequestBody.parse(b);
      assert.deepEqual(checkSchema(spec, { $ref: "#/components/schemas/ApiAtlasCollectionRestoreJobRequest" }, parsed), []);
    }
    const required = resolveRef<{ required: string[] }>(spec, { $ref: "#/components/schemas/ApiAtlasCollectionRestoreJobRequest" }).required;
    for (const field of required) assert.ok(!(CollectionRestoreRequestBody.shape as Record<string, { isOptional(): boolean }>)[field]!.isOptional(), `${field} is required by the spec`);
  });
});
