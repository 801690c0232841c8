import assert from "node:assert/strict";
import { cancelHookNotice, SIGNAL_EXIT_MAX_MS } from "../../src/pulumi/cancellation";
import { startAtlasSimulator, type AtlasSimulator } from "../../src/simulator";
import { DEFAULT_PROJECT_NAME } from "../../src/simulator/seed";
import { PULUMI_SDK_VERSION, serializedProvider, startProviderHost, type CreateAnswer, type ProviderHost } from "../helpers/provider-host";

// Cancellation inside the real dynamic-provider host of the installed @pulumi/pulumi, over real
// gRPC. If an @pulumi/pulumi upgrade changes the host so the Cancel RPC is no longer seen, the
// first test fails (rather than Ctrl-C silently waiting for the restore again).

const JOB_GET = /\/restores\/[a-f0-9]{24}$/;
/** Far longer than any of these tests may take: only an interruption ends the waits below. */
const HOLD_MS = 600_000;
const SOURCE = "host-source";
const ROUNDS = 6;

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe(`Cancel RPC and signals in the real dynamic-provider host (@pulumi/pulumi ${PULUMI_SDK_VERSION}, gRPC)`, function () {
  this.timeout(60_000);
  let sim: AtlasSimulator;
  let host: ProviderHost | undefined;
  let round = 0;
  let projectId: string;
  let snapshots: string[];

  before(async () => {
    // One target per round: a restore left PENDING by a round keeps its target busy (409) for the rest.
    const targets = Array.from({ length: ROUNDS }, (_, i) => ({ name: `host-target-${i}` }));
    sim = await startAtlasSimulator({
      lifecycle: { pendingMs: HOLD_MS, queuedMs: 1, runningMs: 1 },
      seed: { projects: [{ name: DEFAULT_PROJECT_NAME, tenantClusters: [{ name: SOURCE, snapshots: ROUNDS }, ...targets] }] },
    });
    const project = sim.seed.projects.find((p) => p.name === DEFAULT_PROJECT_NAME)!;
    projectId = project.id;
    snapshots = project.tenantClusters.find((c) => c.name === SOURCE)!.snapshots.map((s) => s.id);
  });
  after(async () => sim?.stop());
  afterEach(() => {
    host?.close();
    sim.faults.clear();
  });

  /** A host with a create waiting on a fresh PENDING job (its own snapshot); resolves once `ready` holds. */
  async function waitingCreate(ready: () => boolean): Promise<{ host: ProviderHost; answer: Promise<CreateAnswer>; jobId: () => string | undefined }> {
    const snapshotId = snapshots[round];
    const target = `host-target-${round++}`;
    host = await startProviderHost();
    const inputs = {
      projectId,
      clusterName: SOURCE,
      snapshotId,
      targetDeploymentItemName: target,
      pollIntervalSeconds: 0.05,
      timeoutSeconds: 3600,
      adoptionWindowSeconds: 0,
      __provider: await serializedProvider(),
    };
    await host.configure({ "mongodbatlas:publicKey": sim.publicKey, "mongodbatlas:privateKey": sim.privateKey, "mongodbatlas:baseUrl": sim.url });
    await host.check(inputs); // as the engine does before every create (loads the provider)
    const answer = host.create(inputs);
    const jobId = () => [...sim.state.restoreJobs.values()].find((j) => j.snapshotId === snapshotId)?.id;
    await until(() => jobId() !== undefined && ready(), "the create to be waiting");
    return { host, answer, jobId };
  }

  function assertPartialState(answer: CreateAnswer, jobId: string | undefined, reason: RegExp): void {
    assert.equal(answer.id, jobId, `the job id reaches the engine: ${JSON.stringify(answer)}`);
    assert.equal(answer.properties?.status, "PENDING");
    assert.equal(answer.properties?.restoreJobId, jobId);
    assert.equal(typeof answer.properties?.__provider, "string");
    assert.match(answer.reasons?.[0] ?? "", new RegExp(`stopped waiting because ${reason.source}; the job was last seen PENDING`));
  }

  for (const [name, setUp, ready] of [
    ["between polls", () => undefined, () => sim.requestLog.count({ method: "GET", path: JOB_GET, status: 200 }) >= 2],
    ["during a GET that hangs", () => sim.faults.add({ method: "GET", path: JOB_GET, kind: "hang" }), () => sim.faults.pending().length === 0],
    [
      "during a 429 back-off (Retry-After 110 s)",
      () => sim.faults.add({ method: "GET", path: JOB_GET, kind: "status", status: 429, retryAfter: "110" }),
      () => sim.faults.pending().length === 0,
    ],
  ] as const) {
    it(`Cancel ${name}: the create answers at once with partial state (job id, last status)`, async () => {
      setUp();
      const { host, answer, jobId } = await waitingCreate(ready);
      const sentAt = Date.now();
      await host.cancel();
      const got = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000))]);
      assert.ok(
        got !== undefined,
        `the Cancel RPC did not reach the provider in @pulumi/pulumi ${PULUMI_SDK_VERSION}'s dynamic-provider host ` +
          `(src/pulumi/cancel-rpc-hook.ts no longer attaches); host output:\n${host.output()}`,
      );
      assertPartialState(got, jobId(), /Pulumi is cancelling the update/);
      assert.doesNotMatch(host.output(), /cannot observe Pulumi's Cancel request/);
      console.log(`    Cancel ${name}: partial state answered ${got.at - sentAt} ms after the Cancel RPC`);
    });
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to the host during a wait: the create answers with partial state, then the process dies of ${signal}`, async () => {
      const { host, answer, jobId } = await waitingCreate(() => sim.requestLog.count({ method: "GET", path: JOB_GET, status: 200 }) >= 2);
      const sentAt = Date.now();
      host.process.kill(signal);
      const got = await answer;
      const exit = await host.exited;
      assertPartialState(got, jobId(), new RegExp(`the provider process received ${signal}`));
      assert.equal(exit.signal, signal);
      assert.ok(got.at <= exit.at, "answered before it exited");
      assert.ok(exit.at - sentAt < SIGNAL_EXIT_MAX_MS + 2000, `exited ${exit.at - sentAt} ms after ${signal}`);
      console.log(`    ${signal}: partial state after ${got.at - sentAt} ms, exit after ${exit.at - sentAt} ms`);
    });
  }

  it("SIGINT with nothing in flight (the CLI closing its plugins): the host exits at once", async () => {
    await waitingCreate(() => true).then(async ({ host, answer }) => {
      await host.cancel();
      await answer;
      const sentAt = Date.now();
      host.process.kill("SIGINT");
      const exit = await host.exited;
      assert.equal(exit.signal, "SIGINT");
      console.log(`    SIGINT, nothing in flight: exit after ${exit.at - sentAt} ms`);
    });
  });
});

describe("cancelHookNotice", () => {
  it("is said in a provider host where no provider RPC was seen, and only there", () => {
    assert.match(cancelHookNotice({ inProviderHost: true, hooked: true, rpcsSeen: 0 }) ?? "", /cannot observe Pulumi's Cancel request.*SIGINT or SIGTERM/);
    assert.match(cancelHookNotice({ inProviderHost: true, hooked: false, rpcsSeen: 3 }) ?? "", /cannot observe/);
    assert.equal(cancelHookNotice({ inProviderHost: true, hooked: true, rpcsSeen: 2 }), undefined);
    assert.equal(cancelHookNotice({ inProviderHost: false, hooked: false, rpcsSeen: 0 }), undefined);
  });
});
