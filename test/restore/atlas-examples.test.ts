import assert from "node:assert/strict";
import type { z } from "zod";
import { findAdoptableJob, RESTORE_FAMILIES, type RestoreKind } from "../../src/restore";
import { describeUnrestoredCollections } from "../../src/restore/collection-progress";
import { CollectionRestoreCollectionState, CollectionRestoreJob } from "../../src/schemas/collection-restore";
import { CloudBackupRestoreJob, FlexRestoreJob, TenantRestoreJob } from "../../src/schemas/restore-job";
import { loadAtlasApiSpecs } from "../helpers/atlas-api-specs";
import { resolveRef, type OpenApiDoc, type OpenApiSchema } from "../helpers/openapi-check";

/**
 * Every response example of Atlas's OpenAPI extracts that is a restore job goes through its
 * family's parse → identity → adoption → status. Explicit examples (`examples[*].value`, list
 * items included) are taken as they are; a schema without one is taken the way the spec's reference
 * pages render it (each property's own `example`), once per combination of its enums' values. Fields an
 * example leaves out that a request needs (a target, the moment) are filled in on both sides.
 */
const FILES = [
  "restore-jobs.openapi.2026-03-03.json",
  "restore-jobs.openapi.2026-08-21.json",
  "cloud-backup-restores.openapi.2026-08-18.json",
  "legacy-restore-and-download.openapi.2026-08-18.json",
];
const FAMILY_OF_SCHEMA: Record<string, { kind: RestoreKind; parse: z.ZodType }> = {
  TenantRestore: { kind: "tenant", parse: TenantRestoreJob },
  FlexBackupRestoreJob20241113: { kind: "flex", parse: FlexRestoreJob },
  DiskBackupSnapshotRestoreJob: { kind: "cloudBackup", parse: CloudBackupRestoreJob },
  ApiAtlasCollectionRestoreJobResponse: { kind: "collection", parse: CollectionRestoreJob },
};
const P = "5f3a1b2c4d5e6f7a8b9c0d1e";
type Props = Record<string, unknown>;
interface Example { where: string; schema: string; value: Props; explicit: boolean }

const refName = (node: unknown) => (node as { $ref?: string })?.$ref?.split("/").at(-1);

/** The job schema a response holds (directly, or as the items of a paginated `results`). */
function jobSchemaOf(doc: OpenApiDoc, schemaRef: unknown): { name?: string; list: boolean } {
  if (schemaRef === undefined) return { list: false };
  const direct = refName(schemaRef);
  if (direct && FAMILY_OF_SCHEMA[direct]) return { name: direct, list: false };
  const schema = resolveRef(doc, schemaRef);
  const items = ((schema.properties as Record<string, OpenApiSchema> | undefined)?.results as { items?: unknown } | undefined)?.items;
  const inner = refName(items);
  return inner && FAMILY_OF_SCHEMA[inner] ? { name: inner, list: true } : { list: false };
}

/** The spec's property examples, once per value of each enum (the reference pages' sample). */
function renderedExamples(doc: OpenApiDoc, name: string): Props[] {
  const props = resolveRef(doc, { $ref: `#/components/schemas/${name}` }).properties as Record<string, OpenApiSchema>;
  const base: Props = {};
  const enums: Array<[string, unknown[]]> = [];
  for (const [key, raw] of Object.entries(props)) {
    const p = resolveRef(doc, raw);
    if (p.example !== undefined) base[key] = p.example;
    if (Array.isArray(p.enum)) enums.push([key, p.enum]);
  }
  // Every combination of the enum values (tenant: 5 statuses × 2 delivery types).
  return enums.reduce<Props[]>((variants, [key, values]) => variants.flatMap((v) => values.map((value) => ({ ...v, [key]: value }))), [base]);
}

function examplesIn(doc: OpenApiDoc, file: string): Example[] {
  const found: Example[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        for (const [media, content] of Object.entries(((response as { content?: Record<string, unknown> }).content ?? {}) as Record<string, Props>)) {
          const { name, list } = jobSchemaOf(doc, content.schema);
          if (name === undefined) continue;
          const where = `${file} ${method.toUpperCase()} ${path} ${code} ${media}`;
          const explicit = [...Object.values((content.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value), ...(content.example ? [content.example] : [])];
          for (const value of explicit) for (const v of list ? ((value as { results?: Props[] }).results ?? []) : [value as Props]) found.push({ where, schema: name, value: v, explicit: true });
          if (explicit.length === 0) for (const value of renderedExamples(doc, name)) found.push({ where, schema: name, value, explicit: false });
        }
      }
    }
  }
  return found;
}

/** The request a job answers, from the job's own fields (gaps filled in on both sides). */
function requestFor(kind: RestoreKind, job: Props): { request: Props; job: Props } {
  const j: Props = { ...job };
  const fill = (key: string, value: unknown) => (j[key] === undefined || j[key] === "" ? (j[key] = value) : j[key]);
  switch (kind) {
    case "tenant":
    case "flex":
      fill("status", "PENDING"); // an extract that types `status` without its enum
      return {
        request: { projectId: fill("projectId", P), clusterName: fill(kind === "flex" ? "instanceName" : "clusterName", "prod"), snapshotId: fill("snapshotId", "6c5e8a2f9b1d4e3a7f0c1b2d"), targetProjectId: fill("targetProjectId", P), targetDeploymentItemName: fill("targetDeploymentItemName", "staging") },
        job: j,
      };
    case "cloudBackup": {
      const request: Props = { projectId: P, clusterName: "prod", deliveryType: fill("deliveryType", "automated") };
      if (j.deliveryType === "pointInTime") {
        if (j.pointInTimeUTCSeconds !== undefined) request.pointInTimeUTCSeconds = j.pointInTimeUTCSeconds;
        else Object.assign(request, { oplogTs: fill("oplogTs", 1_700_000_000), oplogInc: fill("oplogInc", 1) });
      } else request.snapshotId = fill("snapshotId", "6c5e8a2f9b1d4e3a7f0c1b2d");
      if (j.deliveryType !== "download") Object.assign(request, { targetClusterName: fill("targetClusterName", "staging"), targetProjectId: fill("targetGroupId", P) });
      return { request, job: j };
    }
    case "collection": {
      fill("state", "IN_PROGRESS"); // the extract types `state` as a plain string without an example
      const scope = (j.collections as unknown[] | undefined)?.length ? "collections" : "databases";
      const names = ((j[scope] as Array<{ sourceNamespace: string }> | undefined) ?? []).map((n) => n.sourceNamespace);
      const request: Props = { projectId: P, clusterName: "prod", [scope]: names.length > 0 ? names : ["sales"], targetClusterName: fill("targetClusterName", "staging"), targetProjectId: fill("targetGroupId", P) };
      if (names.length === 0) j.databases = [{ sourceNamespace: "sales" }];
      for (const key of ["snapshotId", "pointInTimeUtcSeconds", "oplogTs", "oplogInc", "databaseSuffix", "collectionSuffix", "indexStrategy", "writeStrategy"]) if (j[key] !== undefined && j[key] !== "") request[key] = j[key];
      if (request.snapshotId === undefined && request.pointInTimeUtcSeconds === undefined && request.oplogTs === undefined) request.snapshotId = fill("snapshotId", "6c5e8a2f9b1d4e3a7f0c1b2d");
      return { request, job: j };
    }
  }
}

describe("Atlas's OpenAPI response examples: parse → identity → adoption → status, per family", () => {
  let examples: Example[] = [];
  let collectionStates: Props[] = [];
  before(function () {
    const docs = loadAtlasApiSpecs(this, FILES);
    examples = docs.flatMap((doc, i) => examplesIn(doc, FILES[i]!));
    const coll = docs[2]!.paths["/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/collectionRestoreJobs/{jobId}/collections"]!.get!;
    const content = Object.values((coll.responses["200"] as { content: Record<string, { examples: Record<string, { value: { results: Props[] } }> }> }).content)[0]!;
    collectionStates = Object.values(content.examples).flatMap((e) => e.value.results);
  });

  it("finds the examples of every family (tenant, Flex, dedicated, collection; explicit ones too)", () => {
    const kinds = new Set(examples.map((e) => FAMILY_OF_SCHEMA[e.schema]!.kind));
    assert.deepEqual([...kinds].sort(), ["cloudBackup", "collection", "flex", "tenant"]);
    assert.ok(examples.some((e) => e.explicit && e.schema === "ApiAtlasCollectionRestoreJobResponse"));
    console.log(`      ${examples.length} examples (${examples.filter((e) => e.explicit).length} explicit) from ${FILES.length} extracts`);
  });

  it("each parses, has a status and a phase, and is adopted for the request it answers (in flight, or finished within the window)", () => {
    for (const example of examples) {
      const { kind, parse } = FAMILY_OF_SCHEMA[example.schema]!;
      const family = RESTORE_FAMILIES[kind];
      const parsed = parse.safeParse(example.value);
      assert.ok(parsed.success, `${example.where}: ${parsed.success ? "" : parsed.error.message}`);
      const { request, job } = requestFor(kind, parsed.data as Props);
      const args = family.args.safeParse(request);
      assert.ok(args.success, `${example.where}: the request it answers is valid: ${args.success ? "" : args.error.message}`);
      const phase = family.phase(job as never);
      const status = family.status(job as never);
      assert.ok(typeof status === "string" && status !== "", `${example.where}: a status`);
      assert.notEqual(phase, "unknown", `${example.where}: ${status} is a known state`);
      const identity = family.identity.ofJob(job as never, args.data as never);
      assert.deepEqual(Object.keys(identity).sort(), Object.keys(family.identity.ofInputs(args.data as never)).sort(), example.where);
      // Judged against Atlas's own dates: the job's finish (or start) is "now".
      const nowMs = family.finishedAt(job as never) ?? family.startedAt(job as never) ?? Date.parse("2026-11-23T12:00:00Z");
      const adopted = findAdoptableJob(family as never, [job as never], args.data as never, { nowMs }) as { id: string } | undefined;
      if (phase === "failed") assert.equal(adopted, undefined, `${example.where}: a failed job is never adopted`);
      else if (phase === "inFlight" || family.finishedAt(job as never) !== undefined) assert.equal(adopted?.id, job.id, `${example.where} (${status}) is adopted: ${JSON.stringify(job)}`);
    }
  });

  it("the collection job example (filled-in targetNamespace, \"\" suffixes, [] databases) is adopted for a request that leaves all that out", () => {
    const example = examples.find((e) => e.explicit && e.schema === "ApiAtlasCollectionRestoreJobResponse")!;
    const job = CollectionRestoreJob.parse(example.value);
    const request = RESTORE_FAMILIES.collection.args.parse({
      projectId: job.targetGroupId, clusterName: "prod", snapshotId: job.snapshotId,
      collections: [...(job.collections ?? [])].reverse().map((n) => n.sourceNamespace), targetClusterName: job.targetClusterName,
    });
    assert.equal(RESTORE_FAMILIES.collection.status(job as never), job.state);
    assert.equal((findAdoptableJob(RESTORE_FAMILIES.collection as never, [job as never], request as never, { nowMs: Date.now() }) as { id: string } | undefined)?.id, job.id);
  });

  it("the per-collection states example parses; only collections not SUCCESSFUL are named", () => {
    const states = collectionStates.map((s) => CollectionRestoreCollectionState.parse(s));
    assert.ok(states.length > 0);
    assert.deepEqual(describeUnrestoredCollections(states), states.filter((s) => s.state !== "SUCCESSFUL").map((s) => `${s.sourceNamespace} (${s.state})`));
  });
});
