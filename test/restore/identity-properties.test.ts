import assert from "node:assert/strict";
import fc from "fast-check";
import { diffRestore } from "../../src/pulumi/check-and-diff";
import { findAdoptableJob, RESTORE_FAMILIES, type RestoreFamily, type RestoreKind } from "../../src/restore";
import { targetNamespace } from "../../src/restore/collection-identity";

/**
 * Independent oracles for "the same restore" (property-based): for every family,
 * - any equivalent rewriting of valid inputs (list order, defaults written out or left out) plans no replacement;
 * - any job Atlas could return for a request (defaults filled in, "" and [], unknown extra fields,
 *   optional fields such as createdAt missing, in flight or finished within the window) is adopted;
 * - a job of another source, snapshot, point in time or target is never adopted.
 */
const NOW = Date.parse("2026-11-23T12:00:00Z");
const HOUR = 3_600_000;
type Props = Record<string, unknown>;

const hex24 = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 24, maxLength: 24 });
const clusterName = fc.tuple(fc.constantFrom(..."abcXYZ019"), fc.string({ unit: fc.constantFrom(..."abz09-"), maxLength: 12 })).map(([a, b]) => a + b);
const dbName = fc.string({ unit: fc.constantFrom(..."abcdxyz019_-"), minLength: 1, maxLength: 8 });
const collName = fc.string({ unit: fc.constantFrom(..."abcxyz09_-."), minLength: 1, maxLength: 8 }).filter((c) => !c.startsWith("system."));
const suffix = fc.string({ unit: fc.constantFrom(..."_-abc19"), minLength: 1, maxLength: 4 });
const pastSeconds = fc.integer({ min: 1_500_000_000, max: Math.floor(NOW / 1000) - 60 });
const extraFields = fc.dictionary(fc.constantFrom("links", "components", "futureField", "privateDownloadDeliveryUrls", "indexStatus"), fc.jsonValue(), { maxKeys: 3 });
const iso = (ms: number) => new Date(ms).toISOString();
/** Finished within the 24 h window, by Atlas's dates. */
const finishedAgo = fc.integer({ min: 1000, max: 23 * HOUR });

function args<R extends Props>(kind: RestoreKind, inputs: R): R {
  const parsed = RESTORE_FAMILIES[kind].args.safeParse(inputs);
  assert.ok(parsed.success, `generated inputs are valid: ${JSON.stringify(inputs)} ${parsed.success ? "" : parsed.error.message}`);
  return inputs;
}
const family = (kind: RestoreKind) => RESTORE_FAMILIES[kind] as unknown as RestoreFamily<never, never, never>;
const adopted = (kind: RestoreKind, job: Props, request: Props) =>
  (findAdoptableJob(family(kind) as never, [job as never], request as never, { nowMs: NOW }) as { id: string } | undefined)?.id;
const noReplacement = (kind: RestoreKind, olds: Props, news: Props) => {
  const result = diffRestore({ ...olds, restoreJobId: "e".repeat(24) }, news, family(kind) as never);
  assert.equal(result.replaces, undefined, `replaces ${JSON.stringify(result.replaces)} for ${JSON.stringify(olds)} → ${JSON.stringify(news)}`);
};
/** Some of `keys` taken out of `o` (Atlas leaves optional fields out). */
const without = (o: Props, keys: readonly string[], drop: boolean[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.some((d, i) => d === k && drop[i])));
const drops = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 });
const shuffled = <T>(list: readonly T[]) => fc.shuffledSubarray([...list], { minLength: list.length, maxLength: list.length });

// ── tenant and Flex ──
const statusRequest = fc.record({
  projectId: hex24, clusterName, snapshotId: hex24, targetDeploymentItemName: clusterName,
  targetProjectId: fc.option(hex24, { nil: undefined }),
}).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Props);

describe("identity properties: TenantRestore / FlexRestore", () => {
  for (const kind of ["tenant", "flex"] as const) {
    const sourceField = kind === "flex" ? "instanceName" : "clusterName";
    it(`${kind}: writing out or leaving out the default targetProjectId, or changing wait settings, plans no replacement`, () => {
      fc.assert(fc.property(statusRequest, fc.boolean(), fc.integer({ min: 1, max: 7200 }), (r, writeOut, timeout) => {
        const olds = args(kind, r);
        const target = (olds.targetProjectId ?? olds.projectId) as string;
        const { targetProjectId: _t, ...bare } = olds;
        const news = olds.targetProjectId !== undefined && olds.targetProjectId !== olds.projectId ? olds : writeOut ? { ...bare, targetProjectId: target } : bare;
        noReplacement(kind, olds, { ...news, timeoutSeconds: timeout });
      }));
    });
    it(`${kind}: any job Atlas could return for the request is adopted`, () => {
      fc.assert(fc.property(statusRequest, fc.constantFrom("PENDING", "QUEUED", "RUNNING", "COMPLETED"), finishedAgo, drops, extraFields, (r, status, ago, drop, extra) => {
        const request = args(kind, r);
        const target = (request.targetProjectId ?? request.projectId) as string;
        const full: Props = {
          ...extra, id: "0123456789abcdef01234567", projectId: request.projectId, [sourceField]: request.clusterName, snapshotId: request.snapshotId,
          targetProjectId: target, targetDeploymentItemName: request.targetDeploymentItemName, deliveryType: "RESTORE", status,
          restoreScheduledDate: iso(NOW - ago - 60_000), restoreFinishedDate: status === "COMPLETED" ? iso(NOW - ago) : undefined,
        };
        // Atlas may leave out the source fields, the dates it has no value for, and targetProjectId when it is the source project.
        const optional = ["projectId", sourceField, "restoreScheduledDate", "deliveryType", "createdAt", target === request.projectId ? "targetProjectId" : "-"];
        const job = without(full, optional, drop);
        if (job.restoreScheduledDate === undefined && job.restoreFinishedDate === undefined && status === "COMPLETED") return; // no date at all: too old by rule
        assert.equal(adopted(kind, job, request), "0123456789abcdef01234567", JSON.stringify(job));
      }));
    });
    it(`${kind}: a job of another source, snapshot or target is never adopted`, () => {
      fc.assert(fc.property(statusRequest, fc.constantFrom("projectId", "sourceField", "snapshotId", "targetProjectId", "targetDeploymentItemName"), hex24, clusterName, (r, field, otherId, otherName) => {
        const request = args(kind, r);
        const job: Props = {
          id: "j", projectId: request.projectId, [sourceField]: request.clusterName, snapshotId: request.snapshotId,
          targetProjectId: request.targetProjectId ?? request.projectId, targetDeploymentItemName: request.targetDeploymentItemName, status: "RUNNING",
        };
        const key = field === "sourceField" ? sourceField : field;
        const other = key === sourceField || key === "targetDeploymentItemName" ? otherName : otherId;
        fc.pre(other !== job[key]);
        job[key] = other;
        assert.equal(adopted(kind, job, request), undefined, JSON.stringify({ job, request }));
      }));
    });
  }
});

// ── dedicated (CloudBackupRestore) ──
const dedicatedRequest = fc.oneof(
  fc.record({ deliveryType: fc.constant("automated"), snapshotId: hex24 }),
  fc.record({ deliveryType: fc.constant("download"), snapshotId: hex24 }),
  fc.record({ deliveryType: fc.constant("pointInTime"), pointInTimeUTCSeconds: pastSeconds }),
  fc.record({ deliveryType: fc.constant("pointInTime"), oplogTs: pastSeconds, oplogInc: fc.integer({ min: 1, max: 50 }) }),
).chain((moment) =>
  fc.record({ projectId: hex24, clusterName, targetClusterName: clusterName, targetProjectId: fc.option(hex24, { nil: undefined }) }).map((where) => {
    const r: Props = { projectId: where.projectId, clusterName: where.clusterName, ...moment };
    if (moment.deliveryType !== "download") {
      r.targetClusterName = where.targetClusterName === where.clusterName ? `${where.targetClusterName}-t` : where.targetClusterName;
      if (where.targetProjectId !== undefined) r.targetProjectId = where.targetProjectId;
    }
    return r;
  }),
);

/** A DiskBackupSnapshotRestoreJob as Atlas could return it for `r` (no createdAt in v2). */
function dedicatedJob(r: Props, finished: boolean, ago: number, fill: { snapshotId: string; extra: Props; drop: boolean[] }): Props {
  const pit = r.deliveryType === "pointInTime";
  const job: Props = {
    ...fill.extra, id: "0123456789abcdef01234567", deliveryType: r.deliveryType, cancelled: false, expired: false, failed: false,
    snapshotId: pit ? fill.snapshotId : r.snapshotId, timestamp: iso(NOW - 2 * HOUR), expiresAt: iso(NOW + 48 * HOUR),
  };
  if (pit) {
    // Atlas may fill in the other form of the moment.
    job.pointInTimeUTCSeconds = r.pointInTimeUTCSeconds ?? r.oplogTs;
    job.oplogTs = r.oplogTs ?? r.pointInTimeUTCSeconds;
    job.oplogInc = r.oplogInc ?? 1;
  }
  if (r.deliveryType !== "download") Object.assign(job, { targetClusterName: r.targetClusterName, targetGroupId: r.targetProjectId ?? r.projectId });
  if (finished && r.deliveryType === "download") job.deliveryUrl = ["https://restore.example/file.tar.gz"];
  if (finished) job.finishedAt = iso(NOW - ago);
  return without(job, ["timestamp", "expiresAt", "cancelled", "expired", "failed", pit ? "snapshotId" : "-"], fill.drop);
}

describe("identity properties: CloudBackupRestore (dedicated)", () => {
  it("writing out or leaving out the default targetProjectId plans no replacement", () => {
    fc.assert(fc.property(dedicatedRequest, fc.boolean(), (r, writeOut) => {
      const olds = args("cloudBackup", r);
      if (olds.deliveryType === "download" || (olds.targetProjectId !== undefined && olds.targetProjectId !== olds.projectId)) return noReplacement("cloudBackup", olds, { ...olds });
      const { targetProjectId: _t, ...bare } = olds;
      noReplacement("cloudBackup", olds, writeOut ? { ...bare, targetProjectId: olds.projectId } : bare);
      noReplacement("cloudBackup", { ...bare, targetProjectId: olds.projectId }, bare);
    }));
  });
  it("any job Atlas could return (no createdAt, a snapshot it picked, both forms of the moment, extra fields) is adopted, in flight or finished", () => {
    fc.assert(fc.property(dedicatedRequest, fc.boolean(), finishedAgo, hex24, extraFields, drops, (r, finished, ago, snapshotId, extra, drop) => {
      const request = args("cloudBackup", r);
      const job = dedicatedJob(request, finished, ago, { snapshotId, extra, drop });
      assert.equal(adopted("cloudBackup", job, request), "0123456789abcdef01234567", JSON.stringify({ job, request }));
    }));
  });
  it("a job of another snapshot, point in time, delivery type or target is never adopted", () => {
    const change = fc.constantFrom("snapshotId", "pointInTimeUTCSeconds", "oplogTs", "oplogInc", "deliveryType", "targetClusterName", "targetGroupId");
    fc.assert(fc.property(dedicatedRequest, change, hex24, (r, field, otherId) => {
      const request = args("cloudBackup", r);
      const job = dedicatedJob(request, false, 0, { snapshotId: otherId, extra: {}, drop: [] });
      const pit = request.deliveryType === "pointInTime";
      const bySeconds = request.pointInTimeUTCSeconds !== undefined;
      const relevant: Record<string, boolean> = {
        snapshotId: !pit, pointInTimeUTCSeconds: pit && bySeconds, oplogTs: pit && !bySeconds, oplogInc: pit && !bySeconds, deliveryType: true,
        targetClusterName: request.deliveryType !== "download", targetGroupId: request.deliveryType !== "download",
      };
      fc.pre(relevant[field]!);
      const other: Record<string, unknown> = {
        snapshotId: otherId, pointInTimeUTCSeconds: (job.pointInTimeUTCSeconds as number) - 1, oplogTs: (job.oplogTs as number) + 1, oplogInc: (job.oplogInc as number) + 1,
        deliveryType: request.deliveryType === "automated" ? "pointInTime" : "automated", targetClusterName: `${String(job.targetClusterName)}x`, targetGroupId: otherId,
      };
      fc.pre(other[field] !== job[field]);
      job[field] = other[field];
      assert.equal(adopted("cloudBackup", job, request), undefined, JSON.stringify({ job, request }));
    }));
  });
});

// ── CollectionRestore ──
const namespace = fc.tuple(dbName, collName).map(([d, c]) => `${d}.${c}`);
const collectionRequest = fc.record({
  projectId: hex24, clusterName, targetClusterName: clusterName,
  scope: fc.oneof(
    fc.record({ collections: fc.uniqueArray(namespace, { minLength: 1, maxLength: 6 }) }),
    fc.record({ databases: fc.uniqueArray(dbName, { minLength: 1, maxLength: 4 }) }),
  ),
  moment: fc.oneof(fc.record({ snapshotId: hex24 }), fc.record({ pointInTimeUtcSeconds: pastSeconds }), fc.record({ oplogTs: pastSeconds, oplogInc: fc.integer({ min: 0, max: 50 }) })),
  databaseSuffix: fc.option(suffix, { nil: undefined }),
  collectionSuffix: fc.option(suffix, { nil: undefined }),
  indexStrategy: fc.option(fc.constantFrom("ALL", "NONE", "ALL_EXCEPT_TTL"), { nil: undefined }),
  writeStrategy: fc.option(fc.constant("CREATE_NEW"), { nil: undefined }),
  targetProjectId: fc.option(hex24, { nil: undefined }),
}).map(({ scope, moment, ...rest }) => Object.fromEntries(Object.entries({ ...rest, ...scope, ...moment }).filter(([, v]) => v !== undefined)) as Props);

const scopeOf = (r: Props): "databases" | "collections" => (r.databases !== undefined ? "databases" : "collections");

/** An ApiAtlasCollectionRestoreJobResponse as Atlas could return it for `r` (2025-03-12 examples: "" suffixes, [] for the other scope, targets filled). */
function collectionJob(r: Props, state: string, ago: number, fill: { order: number[]; snapshotId: string; filledTargets: boolean; extra: Props; drop: boolean[] }): Props {
  const scope = scopeOf(r);
  const names = r[scope] as string[];
  const ordered = fill.order.map((i) => names[i]!);
  const dbSuffix = (r.databaseSuffix as string | undefined) ?? "";
  const collSuffix = (r.collectionSuffix as string | undefined) ?? "";
  const job: Props = {
    ...fill.extra, id: "32b6e34b3d91647abb20e7b8", state, collectionSuffix: collSuffix, databaseSuffix: dbSuffix,
    collections: [], databases: [], [scope]: ordered.map((sourceNamespace) => (fill.filledTargets ? { sourceNamespace, targetNamespace: targetNamespace(sourceNamespace, dbSuffix, collSuffix, scope) } : { sourceNamespace })),
    indexStrategy: r.indexStrategy ?? "ALL", writeStrategy: r.writeStrategy ?? "CREATE_NEW",
    targetClusterName: r.targetClusterName, targetGroupId: r.targetProjectId ?? r.projectId,
    snapshotId: r.snapshotId ?? fill.snapshotId, pointInTimeUtcSeconds: r.pointInTimeUtcSeconds, oplogTs: r.oplogTs, oplogInc: r.oplogInc,
    createdAt: iso(NOW - ago - 60_000), restoredDocuments: 10, totalDocuments: 20,
  };
  if (state === "SUCCESSFUL") job.finishedAt = iso(NOW - ago);
  const other = scope === "databases" ? "collections" : "databases";
  const emptyDrops = [dbSuffix === "" ? "databaseSuffix" : "-", collSuffix === "" ? "collectionSuffix" : "-", other];
  return without(job, ["createdAt", ...emptyDrops, r.snapshotId === undefined ? "snapshotId" : "-", "restoredDocuments"], fill.drop);
}
const orderOf = (r: Props) => fc.shuffledSubarray([...(r[scopeOf(r)] as string[]).keys()], { minLength: (r[scopeOf(r)] as string[]).length, maxLength: (r[scopeOf(r)] as string[]).length });

describe("identity properties: CollectionRestore", () => {
  it("reordering the lists and writing out or leaving out defaults plans no replacement (and adoption agrees)", () => {
    fc.assert(fc.property(collectionRequest.chain((r) => fc.tuple(fc.constant(r), shuffled(r[scopeOf(r)] as string[]), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))), ([r, order, flip]) => {
      const olds = args("collection", r);
      const news: Props = { ...olds, [scopeOf(olds)]: order };
      const defaults: Array<[string, unknown]> = [["indexStrategy", "ALL"], ["writeStrategy", "CREATE_NEW"], ["databaseSuffix", ""], ["collectionSuffix", ""], ["targetProjectId", olds.projectId]];
      defaults.forEach(([k, v], i) => {
        if (!flip[i]) return;
        if (news[k] === undefined) news[k] = v;
        else if (news[k] === v) delete news[k];
      });
      args("collection", news);
      noReplacement("collection", olds, news);
      noReplacement("collection", news, olds);
      const job = collectionJob(olds, "IN_PROGRESS", 1000, { order: [...order.keys()], snapshotId: "f".repeat(24), filledTargets: true, extra: {}, drop: [] });
      assert.equal(adopted("collection", job, news), adopted("collection", job, olds));
    }));
  });
  it("any job Atlas could return (filled-in targetNamespace, \"\" suffixes, [] lists, any order, no createdAt, extra fields) is adopted", () => {
    const state = fc.constantFrom("INITIALIZING", "IN_PROGRESS", "FINALIZING", "SUCCESSFUL");
    fc.assert(fc.property(collectionRequest.chain((r) => fc.tuple(fc.constant(r), orderOf(r))), state, finishedAgo, hex24, fc.boolean(), extraFields, drops, ([r, order], st, ago, snapshotId, filledTargets, extra, drop) => {
      const request = args("collection", r);
      const job = collectionJob(request, st, ago, { order, snapshotId, filledTargets, extra, drop });
      assert.equal(adopted("collection", job, request), "32b6e34b3d91647abb20e7b8", JSON.stringify({ job, request }));
    }));
  });
  it("a job of another moment, scope, renaming, strategy or target is never adopted", () => {
    const change = fc.constantFrom("snapshotId", "pointInTimeUtcSeconds", "oplogTs", "oplogInc", "names", "target namespace", "collectionSuffix", "databaseSuffix", "indexStrategy", "writeStrategy", "targetClusterName", "targetGroupId");
    fc.assert(fc.property(collectionRequest, change, hex24, (r, field, otherId) => {
      const request = args("collection", r);
      const scope = scopeOf(request);
      const job = collectionJob(request, "IN_PROGRESS", 1000, { order: [...(request[scope] as string[]).keys()], snapshotId: otherId, filledTargets: true, extra: {}, drop: [] });
      const list = job[scope] as Array<{ sourceNamespace: string; targetNamespace?: string }>;
      switch (field) {
        case "snapshotId": fc.pre(request.snapshotId !== undefined && otherId !== request.snapshotId); job.snapshotId = otherId; break;
        case "pointInTimeUtcSeconds": fc.pre(request.pointInTimeUtcSeconds !== undefined); job.pointInTimeUtcSeconds = (request.pointInTimeUtcSeconds as number) - 1; break;
        case "oplogTs": fc.pre(request.oplogTs !== undefined); job.oplogTs = (request.oplogTs as number) - 1; break;
        case "oplogInc": fc.pre(request.oplogInc !== undefined); job.oplogInc = (request.oplogInc as number) + 1; break;
        case "names": job[scope] = list.length > 1 && list.length % 2 === 0 ? list.slice(1) : [...list, { sourceNamespace: scope === "databases" ? "zzextra" : "zz.extra" }]; break;
        case "target namespace": list[0]!.targetNamespace = `${list[0]!.targetNamespace}x`; break;
        case "collectionSuffix": job.collectionSuffix = `${String(job.collectionSuffix ?? "")}z`; list.forEach((n) => delete n.targetNamespace); break;
        case "databaseSuffix": job.databaseSuffix = `${String(job.databaseSuffix ?? "")}z`; list.forEach((n) => delete n.targetNamespace); break;
        case "indexStrategy": job.indexStrategy = job.indexStrategy === "NONE" ? "ALL" : "NONE"; break;
        case "writeStrategy": job.writeStrategy = "OVERWRITE_EXISTING"; break;
        case "targetClusterName": job.targetClusterName = `${String(job.targetClusterName)}x`; break;
        case "targetGroupId": fc.pre(otherId !== job.targetGroupId); job.targetGroupId = otherId; break;
      }
      assert.equal(adopted("collection", job, request), undefined, JSON.stringify({ field, job, request }));
    }));
  });
});
