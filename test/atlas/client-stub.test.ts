import assert from "node:assert/strict";
import { AtlasClient } from "../../src/atlas/client";
import type { AtlasClientOptions } from "../../src/atlas/atlas-client-options";
import { AtlasApiError, AtlasConfigError, AtlasNetworkError, AtlasSchemaError } from "../../src/atlas/errors";
import { InputValidationError } from "../../src/schemas/validate";
import { ManualClock } from "../../src/util/clock";
import { PACKAGE_VERSION } from "../../src/version";
import { closedPortUrl, startStubServer, type StubServer } from "../helpers/stub-server";

const G = "5b69d0349b15c62cdfc38b78";
const R = "5cc9b501e5dc7c8ab1e45d65";
const S = "5cc9ad92e5dc7c8ab1e41c50";
const job = { id: R, status: "PENDING", clusterName: "c0", extraField: 1 };
const jobPath = `/api/atlas/v1.0/groups/${G}/clusters/c0/backup/tenant/restores/${R}`;
const createPath = `/api/atlas/v1.0/groups/${G}/clusters/c0/backup/tenant/restore`;
const create = { projectId: G, clusterName: "c0", snapshotId: S, targetDeploymentItemName: "c1" };

/** Every error is checked for leaked secrets. */
function noSecrets(stub: StubServer, e: unknown): void {
  const text = `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ""}`;
  assert.ok(!text.includes(stub.privateKey), "private key leaked");
  assert.ok(!/Digest username|Authorization/i.test(text), "auth header leaked");
}

describe("AtlasClient against a node:http stub", () => {
  let stub: StubServer;
  const client = (o: AtlasClientOptions = {}) =>
    new AtlasClient({ publicKey: stub.publicKey, privateKey: stub.privateKey, baseUrl: stub.url, clock: new ManualClock(), env: {}, random: () => 0.5, ...o });
  beforeEach(async () => (stub = await startStubServer()));
  afterEach(() => stub.close());

  it("sends v1.0 JSON headers, the User-Agent and the query flags; keeps unknown fields", async () => {
    stub.use({ path: jobPath, reply: () => ({ status: 200, json: job }) });
    const got = await client({ pretty: true, envelope: false }).getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R });
    assert.deepEqual(got, job);
    const req = stub.requests[0];
    assert.equal(req.headers.accept, "application/json");
    assert.match(String(req.headers["user-agent"]), new RegExp(`^pulumi-atlas-restore/${PACKAGE_VERSION.replace(/\./g, "\\.")} \\(node \\d+`));
    assert.equal(req.url.searchParams.get("pretty"), "true");
    assert.equal(req.url.searchParams.get("envelope"), "false");
  });

  it("sends v2 versioned media types in Accept and Content-Type, and the default targetProjectId", async () => {
    stub.use({ method: "POST", path: createPath.replace("v1.0", "v2"), reply: () => ({ status: 200, json: job }) });
    await client({ apiVersion: "v2" }).createTenantRestore(create);
    const req = stub.requests[0];
    assert.equal(req.headers.accept, "application/vnd.atlas.2023-01-01+json");
    assert.equal(req.headers["content-type"], "application/vnd.atlas.2023-01-01+json");
    assert.deepEqual(JSON.parse(req.body), { snapshotId: S, targetDeploymentItemName: "c1", targetProjectId: G });
  });

  it("validates input before any request, naming the field", async () => {
    const c = client();
    await assert.rejects(c.getTenantRestore({ projectId: "nope", clusterName: "c0", restoreJobId: R }), (e: unknown) => e instanceof InputValidationError && /projectId/.test(e.message));
    await assert.rejects(c.createTenantRestore({ ...create, targetDeploymentItemName: "bad/name" }), /targetDeploymentItemName/);
    assert.throws(() => c.iterateCloudBackupRestoreJobs({ projectId: G, clusterName: "c0", itemsPerPage: 501 }), /itemsPerPage must be at most 500/);
    assert.equal(stub.received, 0);
  });

  it("refuses Flex on a v1.0 client with an AtlasConfigError naming apiVersion, before any request", async () => {
    await assert.rejects(client().getFlexRestoreJob({ projectId: G, clusterName: "f", restoreJobId: R }), (e: unknown) => e instanceof AtlasConfigError && e.option === "apiVersion" && /"v2"/.test(e.message));
    assert.equal(stub.received, 0);
  });

  it("gives a useful AtlasApiError for an HTML error page, without secrets", async () => {
    stub.use({ path: jobPath, reply: () => ({ status: 404, text: "<html><body><h1>Not Found</h1> proxy says no</body></html>" }) });
    const err = await client().getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R }).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasApiError);
    assert.equal(err.status, 404);
    assert.match(err.message, /restore job 5cc9b501e5dc7c8ab1e45d65 of cluster c0 in project 5b69d0349b15c62cdfc38b78/);
    assert.match(err.message, /Not Found proxy says no/);
    noSecrets(stub, err);
  });

  it("AtlasSchemaError names method, path and the bad field", async () => {
    stub.use({ path: jobPath, reply: () => ({ status: 200, json: { status: "PENDING" } }) });
    const err = await client().getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R }).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasSchemaError, String(err));
    assert.match(err.message, new RegExp(`GET ${jobPath}.*\\n.*id`, "s"));
  });

  it("times out a hanging exchange (short timeoutMs) and retries the GET", async () => {
    stub.use({ path: jobPath, times: 1, reply: () => ({ kind: "hang" }) });
    stub.use({ path: jobPath, reply: () => ({ status: 200, json: job }) });
    // the newest route wins: hang first, then the 200 route
    const c = client({ timeoutMs: 50 });
    assert.deepEqual(await c.getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R }), job);
  });

  it("a timed-out POST is not re-sent: AtlasNetworkError with timedOut and requestSent", async () => {
    stub.use({ method: "POST", path: createPath, reply: () => ({ kind: "hang" }) });
    const c = client({ timeoutMs: 50 });
    const err = await c.createTenantRestore(create).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasNetworkError, String(err));
    assert.ok(err.timedOut && err.requestSent);
    assert.equal(stub.requests.filter((r) => r.method === "POST").length, 1);
    assert.equal(c.stats.retries, 0);
    noSecrets(stub, err);
  });

  it("re-sends a POST whose connection was refused, and counts it as a retry", async () => {
    stub.use({ method: "POST", path: createPath, reply: () => ({ status: 200, json: job }) });
    let first = true;
    const deadUrl = await closedPortUrl();
    const c = client({
      fetch: (input, init) => {
        const url = String(input);
        if (first) return (first = false), fetch(url.replace(stub.url, deadUrl), init);
        return fetch(url, init);
      },
    });
    assert.deepEqual(await c.createTenantRestore(create), job);
    assert.equal(c.stats.retries, 1);
    assert.equal(stub.requests.length, 1);
  });

  it("reports a refused connection as not sent", async () => {
    const c = new AtlasClient({ publicKey: "p", privateKey: "secret-xyz", baseUrl: await closedPortUrl(), clock: new ManualClock(), env: {}, retry: { limit: 1 } });
    const err = await c.getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R }).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasNetworkError);
    assert.equal(err.errno, "ECONNREFUSED");
    assert.equal(err.requestSent, false);
    assert.match(err.message, /after 1 retry/);
    assert.ok(!String(err).includes("secret-xyz"));
  });

  it("unwraps an envelope and honours its status", async () => {
    stub.use({ path: jobPath, times: 1, reply: () => ({ status: 200, json: { status: 404, content: { error: 404, errorCode: "RESOURCE_NOT_FOUND", detail: "no such job" } } }) });
    const c = client({ envelope: true });
    const err = await c.getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R }).catch((e: unknown) => e);
    assert.ok(err instanceof AtlasApiError && err.status === 404 && err.errorCode === "RESOURCE_NOT_FOUND" && err.detail === "no such job");
    stub.use({ path: jobPath, reply: () => ({ status: 200, json: { status: 200, content: job } }) });
    assert.deepEqual(await c.getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R }), job);
  });

  it("re-answers a stale nonce without surfacing it", async () => {
    stub.use({ path: jobPath, reply: () => ({ status: 200, json: job }) });
    const c = client();
    await c.getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R });
    stub.expireNonces();
    await c.getTenantRestore({ projectId: G, clusterName: "c0", restoreJobId: R });
    assert.equal(c.stats.exchanges, 4); // challenge + 1, stale 401 + 1
    assert.equal(stub.received, 4);
  });
});
