import assert from "node:assert/strict";
import { diffRestore } from "../../src/pulumi/check-and-diff";
import { cloudBackupRestoreFamily, findAdoptableJob, RESTORE_FAMILIES } from "../../src/restore";
import type { CollectionRestoreArgs } from "../../src/schemas/collection-restore-args";

const P = "aaaaaaaaaaaaaaaaaaaaaaaa";
const S = "cccccccccccccccccccccccc";
const NOW = Date.parse("2026-11-23T12:00:00Z");
const collection = RESTORE_FAMILIES.collection;
const request: CollectionRestoreArgs = { projectId: P, clusterName: "prod", snapshotId: S, collections: ["sales.orders", "sales.customers"], targetClusterName: "staging" };
/** Shaped like Atlas's 2025-03-12 example: suffixes "", databases [], target namespaces filled in. */
const atlasJob = (over: Record<string, unknown> = {}) => ({
  id: "32b6e34b3d91647abb20e7b8", state: "IN_PROGRESS", snapshotId: S, targetClusterName: "staging", targetGroupId: P,
  collectionSuffix: "", databaseSuffix: "", databases: [], indexStrategy: "ALL", writeStrategy: "CREATE_NEW",
  collections: [{ sourceNamespace: "sales.customers", targetNamespace: "sales.customers" }, { sourceNamespace: "sales.orders", targetNamespace: "sales.orders" }],
  ...over,
});
const adopt = (job: Record<string, unknown>, r: CollectionRestoreArgs = request): string | undefined =>
  (findAdoptableJob(collection as never, [job as never], r, { nowMs: NOW }) as { id: string } | undefined)?.id;

describe("canonical restore identity (one per family, for adoption and diff)", () => {
  it("adopts an Atlas-shaped running collection job (filled-in targetNamespace, \"\" suffixes, [] databases)", () => {
    assert.equal(adopt(atlasJob()), "32b6e34b3d91647abb20e7b8");
  });
  it("resolves target namespaces from source + suffixes, and refuses a job that renames elsewhere", () => {
    const suffixed = { ...request, collectionSuffix: "_r", databaseSuffix: "_d" };
    const names = [{ sourceNamespace: "sales.orders", targetNamespace: "sales_d.orders_r" }, { sourceNamespace: "sales.customers", targetNamespace: "sales_d.customers_r" }];
    assert.ok(adopt(atlasJob({ collectionSuffix: "_r", databaseSuffix: "_d", collections: names }), suffixed));
    assert.equal(adopt(atlasJob({ collections: [{ sourceNamespace: "sales.orders", targetNamespace: "other.orders" }, { sourceNamespace: "sales.customers" }] })), undefined);
    assert.equal(adopt(atlasJob(), suffixed), undefined);
  });
  it("diff: reordered collections and written-out defaults are no change; another collection is a replacement", () => {
    const olds = { ...request, restoreJobId: "e".repeat(24), state: "SUCCESSFUL" };
    const news = { ...request, collections: ["sales.customers", "sales.orders"], indexStrategy: "ALL", writeStrategy: "CREATE_NEW", targetProjectId: P, collectionSuffix: "" };
    assert.deepEqual(diffRestore(olds, news, collection), { changes: false });
    assert.deepEqual(diffRestore(olds, { ...news, collections: ["sales.orders"] }, collection).replaces, ["collections"]);
    assert.deepEqual(diffRestore(olds, { ...news, indexStrategy: "NONE" }, collection).replaces, ["indexStrategy"]);
  });
  it("dedicated point in time: the snapshot Atlas picked and the other form of the moment do not count", () => {
    const pit = { projectId: P, clusterName: "prod", deliveryType: "pointInTime" as const, pointInTimeUTCSeconds: 1_700_000_000, targetClusterName: "staging" };
    const job = { id: "j", deliveryType: "pointInTime", snapshotId: S, pointInTimeUTCSeconds: 1_700_000_000, oplogTs: 1_700_000_000, oplogInc: 1, targetClusterName: "staging", targetGroupId: P };
    assert.equal(findAdoptableJob(cloudBackupRestoreFamily, [job], pit, { nowMs: NOW })?.id, "j");
  });
});
