import assert from "node:assert/strict";
import { AtlasClient } from "../../src/atlas";
import type { AtlasClientOptions } from "../../src/atlas/atlas-client-options";
import type { RetryInfo } from "../../src/atlas/request";
import { getTenantRestoreJob, type LookupOptions } from "../../src/pulumi";
import { providerHooks } from "../../src/pulumi/provider-runtime";
import { PartialStateError } from "../../src/pulumi/restore-outputs";
import { DEFAULT_NONCE_TTL_MS, startAtlasSimulator, type AtlasSimulator, type FaultMatch, type FaultSpec } from "../../src/simulator";
import type { FaultKindSpec } from "../../src/simulator/faults";
import { ManualClock } from "../../src/util/clock";
import { configureRequest, PROVIDER_TEXT, startHarness, type Harness } from "../pulumi/provider-harness";

/**
 * One row per fault. Each row scripts simulator faults onto one phase of a TenantRestore create
 * (or of a lookup), runs the provider object (as the provider process would) and asserts the
 * expected outcome: a transparent recovery, or a clear error naming the cause. For every create
 * row, whatever the outcome: Atlas accepted at most one POST (a 429'd POST is refused unprocessed and
 * may be re-sent; such rows say how many), at most one restore job exists on the target,
 * restoreHistory has at most one entry, and every scripted fault actually fired.
 *
 * Phases (the simulator matches faults by method and path):
 * - `list`:   GET …/backup/tenant/restores            (the adoption look-up before and after a POST)
 * - `create`: POST …/backup/tenant/restore            (starting the restore)
 * - `poll`:   GET …/backup/tenant/restores/{id}       (waiting for COMPLETED)
 * - `both`:   create and poll
 * Time: the provider, its Atlas client and the simulator share a ManualClock, so poll intervals,
 * backoff and Retry-After cost no wall time. Only `hang` rows (client timeout 250 ms) and the 409
 * race row (a POST held 600 ms) wait for real. The client's timeout reaches the provider through
 * `providerHooks.clientOptions.timeoutMs` and lookups through `LookupOptions.clientOptions`.
 */

type Phase = "list" | "create" | "poll" | "both";
/** A fault without its match: the phase supplies method and path. */
type FaultBody = FaultKindSpec & Pick<FaultMatch, "times">;

const PHASE_MATCH = {
  list: { method: "GET", path: /\/backup\/tenant\/restores$/ },
  create: { method: "POST", path: /\/backup\/tenant\/restore$/ },
  poll: { method: "GET", path: /\/backup\/tenant\/restores\/[a-f0-9]{24}$/ },
} as const;

function addFault(sim: AtlasSimulator, phase: Phase, fault: FaultBody): void {
  for (const p of phase === "both" ? (["create", "poll"] as const) : [phase]) {
    sim.faults.add({ ...PHASE_MATCH[p], ...fault } as FaultSpec);
  }
}
/** How many exchanges one scripted fault shapes in total. */
const firings = (phase: Phase, fault: FaultBody) => (fault.times ?? 1) * (phase === "both" ? 2 : 1);

const HANG_TIMEOUT_MS = 250;

interface Ctx {
  h: Harness;
  retries: RetryInfo[];
  /** POSTs sent by the test itself (another pipeline), not by the provider. */
  foreignPosts: number;
  /** Set by rows that start a competing job. */
  foreignJobId?: string;
  /** Work a row runs alongside the create (awaited after it). */
  background?: Promise<void>;
}

type Expect =
  | {
      /** create resolves with a COMPLETED job. */
      recovers: true;
      adopted?: boolean;
      /** Exact POSTs Atlas processed for the provider (default 1). */
      posts?: number;
      /** The client retried at least this often. */
      retries?: number;
      /** A retry slept exactly this long (Retry-After honoured). */
      retryDelayMs?: number;
      /** The job ended up being a foreign one (adopted from another pipeline). */
      foreignJob?: boolean;
    }
  | {
      /** create rejects; the message matches every pattern. */
      error: RegExp[];
      /** Rejects with partial state (the job id is kept in the stack). */
      partial?: boolean;
      posts?: number;
      /** A second create (the next `pulumi up`, faults gone) ends with exactly one restore job. */
      nextRunOneJob?: boolean;
    };

interface CreateRow {
  name: string;
  faults?: Array<{ phase: Phase; fault: FaultBody }>;
  clientTimeoutMs?: number;
  /** Stack config of the provider process (overrides the simulator's). */
  config?: (sim: AtlasSimulator) => Record<string, string>;
  arrange?: (ctx: Ctx) => Promise<void> | void;
  /** POSTs Atlas refused unprocessed (429) and the client re-sent; default 0. */
  rejectedPosts?: number;
  /** Replaces the progress log (e.g. to act mid-wait). */
  onLog?: (line: string, ctx: Ctx) => void;
  expect: Expect;
}

const OUTCOME_UNKNOWN = /may have reached Atlas/;
const NOT_SENT_AGAIN = /NOT sent again/;

const CREATE_ROWS: CreateRow[] = [
  // ---- rate limiting --------------------------------------------------------------------------
  {
    name: "429 with Retry-After on the POST: the POST is retried after the advised delay and one job is created",
    faults: [{ phase: "create", fault: { kind: "status", status: 429, retryAfter: "1" } }],
    rejectedPosts: 1,
    expect: { recovers: true, adopted: false, retries: 1, retryDelayMs: 1000 },
  },
  {
    name: "429 with Retry-After while polling: the wait continues after the advised delay",
    faults: [{ phase: "poll", fault: { kind: "status", status: 429, retryAfter: "1", times: 2 } }],
    expect: { recovers: true, adopted: false, retries: 2, retryDelayMs: 1000 },
  },
  {
    name: "429 without Retry-After on the POST and while polling: backoff retries recover, one job",
    faults: [{ phase: "both", fault: { kind: "status", status: 429 } }],
    rejectedPosts: 1,
    expect: { recovers: true, adopted: false, retries: 2 },
  },
  {
    name: "429 on the adoption look-up before the POST: retried, then one job is created",
    faults: [{ phase: "list", fault: { kind: "status", status: 429, retryAfter: "1" } }],
    expect: { recovers: true, adopted: false, retries: 1, retryDelayMs: 1000 },
  },
  // ---- 5xx ------------------------------------------------------------------------------------
  {
    name: "500 on the POST: not re-sent (it may have been processed); fails naming the 500, and the next run starts exactly one job",
    faults: [{ phase: "create", fault: { kind: "status", status: 500 } }],
    expect: { error: [/→ 500 UNEXPECTED_ERROR/, OUTCOME_UNKNOWN, NOT_SENT_AGAIN], nextRunOneJob: true },
  },
  {
    name: "500 while polling: the GET is retried and the wait recovers transparently",
    faults: [{ phase: "poll", fault: { kind: "status", status: 500, times: 2 } }],
    expect: { recovers: true, adopted: false, retries: 2 },
  },
  {
    name: "502 on the POST: fails naming the 502 without a second POST",
    faults: [{ phase: "create", fault: { kind: "status", status: 502 } }],
    expect: { error: [/→ 502 BAD_GATEWAY/, OUTCOME_UNKNOWN, NOT_SENT_AGAIN], nextRunOneJob: true },
  },
  {
    name: "502 while polling: recovers transparently",
    faults: [{ phase: "poll", fault: { kind: "status", status: 502 } }],
    expect: { recovers: true, retries: 1 },
  },
  {
    name: "503 with Retry-After on the POST: fails naming the 503 without a second POST",
    faults: [{ phase: "create", fault: { kind: "status", status: 503, retryAfter: "1" } }],
    expect: { error: [/→ 503 SERVICE_UNAVAILABLE/, OUTCOME_UNKNOWN, NOT_SENT_AGAIN], nextRunOneJob: true },
  },
  {
    name: "503 with Retry-After while polling: the retry waits the advised delay (plus jitter) and the wait recovers",
    faults: [{ phase: "poll", fault: { kind: "status", status: 503, retryAfter: "1" } }],
    expect: { recovers: true, retries: 1, retryDelayMs: 1000 },
  },
  {
    name: "503 while polling for longer than the client's retry budget: the wait keeps polling until the deadline and recovers",
    faults: [{ phase: "poll", fault: { kind: "status", status: 503, times: 8 } }],
    expect: { recovers: true, retries: 7 },
  },
  {
    name: "504 on the POST: fails naming the 504 without a second POST",
    faults: [{ phase: "create", fault: { kind: "status", status: 504 } }],
    expect: { error: [/→ 504 GATEWAY_TIMEOUT/, OUTCOME_UNKNOWN, NOT_SENT_AGAIN], nextRunOneJob: true },
  },
  {
    name: "504 while polling: recovers transparently",
    faults: [{ phase: "poll", fault: { kind: "status", status: 504 } }],
    expect: { recovers: true, retries: 1 },
  },
  // ---- the network ----------------------------------------------------------------------------
  {
    name: "connection reset mid-response to the POST (job created): the job is found and adopted, never POSTed again",
    faults: [{ phase: "create", fault: { kind: "reset-mid-response" } }],
    expect: { recovers: true, adopted: true },
  },
  {
    name: "connection reset mid-response while polling: recovers transparently",
    faults: [{ phase: "poll", fault: { kind: "reset-mid-response", times: 2 } }],
    expect: { recovers: true, retries: 2 },
  },
  {
    name: "the POST's response is lost after Atlas created the job: the next look-up adopts it, exactly one job",
    faults: [{ phase: "create", fault: { kind: "lost-response" } }],
    expect: { recovers: true, adopted: true },
  },
  {
    name: "a response to the POST that never arrives: the client times out, does not re-send, and fails naming the timeout",
    faults: [{ phase: "create", fault: { kind: "hang" } }],
    clientTimeoutMs: HANG_TIMEOUT_MS,
    expect: { error: [/POST \S+\/backup\/tenant\/restore timed out/, OUTCOME_UNKNOWN, NOT_SENT_AGAIN], nextRunOneJob: true },
  },
  {
    name: "a poll whose response never arrives: the GET times out, is retried and the wait recovers",
    faults: [{ phase: "poll", fault: { kind: "hang" } }],
    clientTimeoutMs: HANG_TIMEOUT_MS,
    expect: { recovers: true, retries: 1 },
  },
  {
    name: "an adoption look-up whose response never arrives: retried, then one job is created",
    faults: [{ phase: "list", fault: { kind: "hang" } }],
    clientTimeoutMs: HANG_TIMEOUT_MS,
    expect: { recovers: true, adopted: false, retries: 1 },
  },
  // ---- unreadable answers ---------------------------------------------------------------------
  {
    name: "malformed JSON in answer to the POST: not re-sent; fails naming the unreadable body",
    faults: [{ phase: "create", fault: { kind: "malformed" } }],
    expect: { error: [/not valid JSON/, OUTCOME_UNKNOWN, NOT_SENT_AGAIN], nextRunOneJob: true },
  },
  {
    name: "malformed JSON while polling: the GET is retried and the wait recovers",
    faults: [{ phase: "poll", fault: { kind: "malformed", times: 2 } }],
    expect: { recovers: true, retries: 2 },
  },
  {
    name: "an HTML error page in answer to the POST: fails quoting the page's title, without a second POST",
    faults: [{ phase: "create", fault: { kind: "html" } }],
    expect: { error: [/→ 502/, /body starts: 502 Bad Gateway/, OUTCOME_UNKNOWN], nextRunOneJob: true },
  },
  {
    name: "an HTML error page while polling: recovers transparently",
    faults: [{ phase: "poll", fault: { kind: "html", status: 503 } }],
    expect: { recovers: true, retries: 1 },
  },
  // ---- authentication and authorization -------------------------------------------------------
  {
    name: "a stale=true digest challenge on the POST: re-signed with the fresh nonce, one job",
    faults: [{ phase: "create", fault: { kind: "stale-nonce" } }],
    expect: { recovers: true, adopted: false },
  },
  {
    name: "a stale=true digest challenge while polling: re-signed transparently",
    faults: [{ phase: "poll", fault: { kind: "stale-nonce" } }],
    expect: { recovers: true },
  },
  {
    name: "a wrong key pair (401): fails before any POST, naming the key pair and the config keys",
    config: (sim) => ({ "mongodbatlas:publicKey": sim.publicKey, "mongodbatlas:privateKey": "not-the-private-key", "mongodbatlas:baseUrl": sim.url }),
    expect: { error: [/→ 401/, /rejected the API key pair/, /mongodbatlas:privateKey/], posts: 0 },
  },
  {
    name: "401 while polling (key revoked mid-wait): stops waiting with partial state naming the key pair; the job is kept",
    faults: [{ phase: "poll", fault: { kind: "status", status: 401, body: { error: 401, errorCode: "UNAUTHORIZED", detail: "key revoked" } } }],
    expect: { error: [/→ 401/, /rejected the API key pair/, /stopped waiting/, /run `pulumi up` again/], partial: true },
  },
  {
    name: "caller IP not on the access list (403) on the POST: fails naming the access list; nothing was started",
    faults: [{ phase: "create", fault: { kind: "forbidden-ip" } }],
    expect: { error: [/→ 403 IP_ADDRESS_NOT_ON_ACCESS_LIST/, /API access list/] },
  },
  {
    name: "caller IP not on the access list (403) on the look-up: fails before any POST",
    faults: [{ phase: "list", fault: { kind: "forbidden-ip" } }],
    expect: { error: [/→ 403 IP_ADDRESS_NOT_ON_ACCESS_LIST/, /API access list/], posts: 0 },
  },
  {
    name: "caller IP not on the access list (403) while polling: stops waiting with partial state; the job is kept",
    faults: [{ phase: "poll", fault: { kind: "forbidden-ip" } }],
    expect: { error: [/→ 403 IP_ADDRESS_NOT_ON_ACCESS_LIST/, /stopped waiting/], partial: true },
  },
  // ---- the job itself -------------------------------------------------------------------------
  {
    name: "the job vanishes (404) during the wait: fails with partial state (jobVisible false) saying Atlas no longer knows the job",
    // At the first progress line (the job exists, the wait begins) Atlas forgets the job.
    onLog: (line, ctx) => {
      const id = /job ([a-f0-9]{24})/.exec(line)?.[1];
      if (id && ctx.h.logs.length === 1) assert.ok(ctx.h.sim.removeRestoreJob(id), "removed the job mid-wait");
    },
    expect: { error: [/answers 404/, /jobVisible: false/, /does not restore again/, /pulumi up --replace/], partial: true },
  },
  {
    name: "409 because another restore of a different snapshot to the same target is running: fails naming that job",
    arrange: async (ctx) => {
      const other = otherSnapshot(ctx.h.sim);
      const job = await directClient(ctx.h.sim).createTenantRestore({ ...source(ctx.h.sim), snapshotId: other, targetDeploymentItemName: ctx.h.sim.seed.defaultTargetCluster });
      ctx.foreignPosts++;
      ctx.foreignJobId = job.id;
    },
    expect: { error: [/→ 409 RESTORE_IN_PROGRESS/, /restore job [a-f0-9]{24} \(snapshot [a-f0-9]{24} → staging-m2, status PENDING\) is in progress/, /Wait until that job finishes/] },
  },
  {
    name: "409 because the same restore was started by another run between look-up and POST: that job is adopted",
    // The provider's POST is held 600 ms; meanwhile another pipeline starts the identical restore,
    // so the held POST meets a real 409 and the provider's second look-up adopts the other job.
    faults: [{ phase: "create", fault: { kind: "delay", ms: 600 } }],
    arrange: (ctx) => {
      ctx.background = (async () => {
        // The delay fault is used up once the provider's POST is being held.
        while (ctx.h.sim.faults.pending().length > 0) await new Promise((r) => setTimeout(r, 5));
        const job = await directClient(ctx.h.sim).createTenantRestore({ ...source(ctx.h.sim), snapshotId: ctx.h.sim.seed.defaultSnapshotId, targetDeploymentItemName: ctx.h.sim.seed.defaultTargetCluster });
        ctx.foreignPosts++;
        ctx.foreignJobId = job.id;
      })();
    },
    expect: { recovers: true, adopted: true, foreignJob: true },
  },
];

const source = (sim: AtlasSimulator) => ({ projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster });
function otherSnapshot(sim: AtlasSimulator): string {
  const snaps = sim.seed.projects.find((p) => p.id === sim.seed.defaultProjectId)!.tenantClusters.find((c) => c.name === sim.seed.defaultSourceCluster)!.snapshots;
  return snaps.map((s) => s.id).find((id) => id !== sim.seed.defaultSnapshotId)!;
}
/** Another pipeline, talking to the same Atlas with its own client. */
const directClient = (sim: AtlasSimulator) =>
  new AtlasClient({ publicKey: sim.publicKey, privateKey: sim.privateKey, baseUrl: sim.url, env: {} });

/**
 * POSTs Atlas accepted for processing: every POST exchange except those refused before any
 * processing, i.e. digest 401s (challenge, stale nonce) and 429 (rate limited).
 */
const postsAccepted = (sim: AtlasSimulator) =>
  sim.requestLog.entries({ method: "POST" }).filter((e) => e.status !== 401 && e.status !== 429).length;
/** Every POST exchange that passed authentication (a 429'd POST counts, a digest challenge does not). */
const postsSent = (sim: AtlasSimulator) => sim.requestLog.entries({ method: "POST", authenticated: true }).filter((e) => e.fault !== "stale-nonce").length;
const jobsOnTarget = (sim: AtlasSimulator) =>
  [...sim.state.restoreJobs.values()].filter(
    (j) => j.deliveryType === "RESTORE" && j.targetProjectId === sim.seed.defaultProjectId && j.targetDeploymentItemName === sim.seed.defaultTargetCluster,
  );
const history = (sim: AtlasSimulator) => sim.restoreHistory(sim.seed.defaultProjectId, sim.seed.defaultTargetCluster);

describe("fault table: TenantRestore create under every Atlas fault", function () {
  this.timeout(10_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  for (const row of CREATE_ROWS) {
    it(row.name, async () => {
      const clock = new ManualClock();
      h = await startHarness({ now: () => clock.now(), clock, lifecycle: { pendingMs: 50, queuedMs: 50, runningMs: 100 } });
      const ctx: Ctx = { h, retries: [], foreignPosts: 0 };
      const harness = h;
      providerHooks.clientOptions = {
        ...providerHooks.clientOptions,
        clock,
        timeoutMs: row.clientTimeoutMs ?? 2000,
        // room for two Retry-After: 1 waits plus their jitter (the harness default budget is 2 s)
        retry: { ...providerHooks.clientOptions.retry, maxTotalMs: 5000 },
        onRetry: (info) => ctx.retries.push(info),
      };
      if (row.config) await harness.provider.configure(configureRequest(row.config(harness.sim)));
      if (row.onLog) providerHooks.log = (line) => (harness.logs.push(line), row.onLog!(line, ctx));
      const scripted = (row.faults ?? []).reduce((n, f) => n + firings(f.phase, f.fault), 0);
      for (const f of row.faults ?? []) addFault(harness.sim, f.phase, f.fault);
      await row.arrange?.(ctx);

      const outcome = await harness.provider.create(harness.inputs()).then(
        (value) => ({ value, error: undefined }),
        (error: unknown) => ({ value: undefined, error: error as Error }),
      );
      await ctx.background;

      // Every scripted fault fired (else the row tested nothing).
      assert.deepEqual(harness.sim.faults.pending(), [], "every scripted fault was used");
      assert.equal(harness.sim.requestLog.entries().filter((e) => e.fault !== undefined).length, scripted, "faulted exchanges");
      // Never a second restore.
      const posts = postsAccepted(harness.sim) - ctx.foreignPosts;
      assert.ok(posts <= 1, `at most one POST accepted by Atlas (got ${posts})`);
      const sent = postsSent(harness.sim) - ctx.foreignPosts;
      assert.equal(sent, posts + (row.rejectedPosts ?? 0), "POSTs sent: the accepted one plus those refused unprocessed (429)");
      assert.ok(jobsOnTarget(harness.sim).length <= 1, `at most one restore job on the target (got ${jobsOnTarget(harness.sim).length})`);
      assert.ok(history(harness.sim).length <= 1, "restoreHistory has at most one entry");

      const e = row.expect;
      if ("recovers" in e) {
        assert.equal(outcome.error, undefined, `expected recovery, got: ${outcome.error?.message}`);
        const { id, outs } = outcome.value!;
        assert.equal(outs.status, "COMPLETED");
        if (e.adopted !== undefined) assert.equal(outs.adopted, e.adopted, "adopted");
        assert.equal(posts, e.posts ?? 1, "POSTs the provider made");
        if (e.foreignJob) assert.equal(id, ctx.foreignJobId, "adopted the other run's job");
        assert.deepEqual(jobsOnTarget(harness.sim).map((j) => j.id), [id], "exactly one job: this one");
        assert.deepEqual(history(harness.sim).map((x) => x.restoreJobId), [id], "the target was restored once");
        if (e.retries !== undefined) assert.ok(ctx.retries.length >= e.retries, `≥ ${e.retries} client retries (got ${ctx.retries.length})`);
        if (e.retryDelayMs !== undefined) {
          // Retry-After is a floor; the harness caps the jittered backoff step on top at 5 ms
          const floor = e.retryDelayMs;
          assert.ok(
            ctx.retries.some((r) => r.delayMs >= floor && r.delayMs <= floor + 5),
            `a retry slept Retry-After (${floor} ms) plus at most 5 ms: ${JSON.stringify(ctx.retries)}`,
          );
        }
      } else {
        assert.ok(outcome.error, "expected create to fail");
        const err = outcome.error;
        for (const pattern of e.error) assert.match(err.message, pattern);
        assert.doesNotMatch(err.message, new RegExp(harness.sim.privateKey), "no key in the message");
        if (e.posts !== undefined) assert.equal(posts, e.posts, "POSTs the provider made");
        if (e.partial) {
          assert.ok(err instanceof PartialStateError, `partial state expected, got ${err.name}`);
          assert.match(err.id, /^[a-f0-9]{24}$/);
          assert.equal(err.properties.restoreJobId, err.id);
          assert.equal(err.properties.__provider, PROVIDER_TEXT);
        } else {
          assert.ok(!(err instanceof PartialStateError), "no job to keep in the stack");
        }
        if (e.nextRunOneJob) {
          harness.sim.faults.clear();
          const next = await harness.provider.create(harness.inputs());
          assert.equal(next.outs.status, "COMPLETED");
          assert.deepEqual(jobsOnTarget(harness.sim).map((j) => j.id), [next.id], "the next run leaves exactly one job");
          assert.equal(history(harness.sim).length, 1);
        }
      }
    });
  }
});

// ---- lookups ----------------------------------------------------------------------------------

interface LookupRow {
  name: string;
  fault?: FaultBody;
  /** Use this private key instead of the right one. */
  privateKey?: string;
  clientTimeoutMs?: number;
  /**
   * Reuse one client that already holds a digest challenge (as a program making several lookups
   * does); with `expireNonceMs` the clock first moves past the nonce lifetime.
   */
  warm?: { expireNonceMs?: number };
  expect: { recovers: true; retries: number } | { error: RegExp[] };
}

const LOOKUP_ROWS: LookupRow[] = [
  { name: "getTenantRestoreJob under 503 with Retry-After recovers after the advised delay", fault: { kind: "status", status: 503, retryAfter: "1", times: 2 }, expect: { recovers: true, retries: 2 } },
  { name: "getTenantRestoreJob under 429 recovers", fault: { kind: "status", status: 429 }, expect: { recovers: true, retries: 1 } },
  { name: "getTenantRestoreJob under 500, 502 and 504 recovers", fault: { kind: "status", status: 502, times: 1 }, expect: { recovers: true, retries: 1 } },
  { name: "getTenantRestoreJob after a connection reset mid-response recovers", fault: { kind: "reset-mid-response" }, expect: { recovers: true, retries: 1 } },
  { name: "getTenantRestoreJob whose answer never arrives times out and recovers on the retry", fault: { kind: "hang" }, clientTimeoutMs: HANG_TIMEOUT_MS, expect: { recovers: true, retries: 1 } },
  { name: "getTenantRestoreJob with malformed JSON recovers", fault: { kind: "malformed" }, expect: { recovers: true, retries: 1 } },
  { name: "getTenantRestoreJob behind an HTML error page recovers", fault: { kind: "html" }, expect: { recovers: true, retries: 1 } },
  {
    name: "getTenantRestoreJob on a reused client answered stale=true re-signs with the fresh nonce and recovers",
    fault: { kind: "stale-nonce" },
    warm: {},
    expect: { recovers: true, retries: 0 },
  },
  {
    name: "getTenantRestoreJob on a reused client whose nonce expired (stale=true from Atlas's own clock) recovers",
    warm: { expireNonceMs: DEFAULT_NONCE_TTL_MS + 1000 },
    expect: { recovers: true, retries: 0 },
  },
  {
    name: "getTenantRestoreJob whose answer never arrives, on every attempt, fails naming the timeout",
    fault: { kind: "hang", times: 5 },
    clientTimeoutMs: 100,
    expect: { error: [/GET \S+\/restores\/[a-f0-9]{24} timed out/, /after 4 retries/] },
  },
  { name: "getTenantRestoreJob with a wrong key pair (401) fails naming the key pair", privateKey: "wrong", expect: { error: [/→ 401/, /rejected the API key pair/, /MONGODB_ATLAS_PUBLIC_API_KEY/] } },
  { name: "getTenantRestoreJob from an IP not on the access list (403) fails naming the access list", fault: { kind: "forbidden-ip" }, expect: { error: [/→ 403 IP_ADDRESS_NOT_ON_ACCESS_LIST/, /API access list/] } },
  {
    name: "getTenantRestoreJob under 503 beyond the retry budget fails naming the 503 and the retries",
    fault: { kind: "status", status: 503, times: 5 },
    expect: { error: [/GET \S+ → 503 SERVICE_UNAVAILABLE/, /server error \(after 4 retries\)/] },
  },
];

describe("fault table: lookups under Atlas faults", function () {
  this.timeout(10_000);
  let sim: AtlasSimulator;
  let clock: ManualClock;
  let jobId: string;
  before(async () => {
    clock = new ManualClock();
    sim = await startAtlasSimulator({ now: () => clock.now() });
    jobId = sim.seed.projects.find((p) => p.id === sim.seed.defaultProjectId)!.tenantClusters.find((c) => c.name === sim.seed.defaultSourceCluster)!
      .downloadRestoreJobIds[0];
  });
  after(async () => sim.stop());
  afterEach(() => {
    sim.faults.clear();
    sim.requestLog.clear();
  });

  for (const row of LOOKUP_ROWS) {
    it(row.name, async () => {
      const retries: RetryInfo[] = [];
      const clientOptions: AtlasClientOptions = {
          env: { MONGODB_ATLAS_PUBLIC_API_KEY: sim.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: row.privateKey ?? sim.privateKey, MONGODB_ATLAS_BASE_URL: sim.url },
          clock,
          timeoutMs: row.clientTimeoutMs ?? 2000,
          retry: { backoffBaseMs: 1, backoffLimitMs: 5 },
          onRetry: (info) => retries.push(info),
      };
      const opts: LookupOptions = { clientOptions };
      if (row.warm) {
        opts.client = new AtlasClient(clientOptions);
        await getTenantRestoreJob({ ...source(sim), restoreJobId: jobId }, opts);
        if (row.warm.expireNonceMs) clock.advance(row.warm.expireNonceMs);
        sim.requestLog.clear();
      }
      if (row.fault) sim.faults.add({ method: "GET", path: /\/restores\/[a-f0-9]{24}$/, ...row.fault } as FaultSpec);
      const outcome = await getTenantRestoreJob({ ...source(sim), restoreJobId: jobId }, opts).then(
        (value) => ({ value, error: undefined }),
        (error: unknown) => ({ value: undefined, error: error as Error }),
      );
      assert.deepEqual(sim.faults.pending(), [], "every scripted fault was used");
      if (row.warm) assert.equal(sim.requestLog.count({ status: 401 }), 1, "exactly one stale=true answer, then the re-signed request");
      if ("recovers" in row.expect) {
        assert.equal(outcome.error, undefined, `expected recovery, got: ${outcome.error?.message}`);
        assert.equal(outcome.value!.id, jobId);
        assert.equal(retries.length, row.expect.retries, `client retries: ${JSON.stringify(retries)}`);
        if (row.fault?.kind === "status" && row.fault.retryAfter) assert.ok(retries.every((r) => r.delayMs >= 1000 && r.delayMs <= 1005), "Retry-After honoured (plus ≤ 5 ms jitter)");
      } else {
        assert.ok(outcome.error, "expected the lookup to fail");
        for (const pattern of row.expect.error) assert.match(outcome.error.message, pattern);
      }
    });
  }
});
