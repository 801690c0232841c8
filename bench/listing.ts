import { performance } from "node:perf_hooks";
import type { AtlasClient, AtlasClientOptions } from "../src/atlas";
import type { AtlasSimulator } from "../src/simulator";
import { clientFor, withSimulator } from "./sim";
import { fmt, type Row } from "./table";

/**
 * Benchmark 3: list 10,000 Cloud Backup restore jobs of one dedicated cluster, with 50 ms of real
 * latency added by the simulator to every exchange (digest challenges included). Real wall time.
 */

export const JOBS = 10_000;
export const LATENCY_MS = 50;
const CLUSTER = "bench-m10";
const TARGET_REQUESTS = 20;
const TARGET_ROUND_TRIPS = 3;
const BASELINE_PAGE_SIZE = 100;

interface Measured {
  items: number;
  requests: number;
  exchanges: number;
  wallMs: number;
  /** Exchanges on the critical path: the longest chain in which each starts after the previous ended. */
  roundTrips: number;
}

/**
 * The most exchanges that happened one after another (none overlapping the next), from the request
 * log's start times and durations: the number of sequential round trips the listing cost. Greedy by
 * earliest end is optimal for this (interval scheduling). 1 ms slack for the log's ms-rounded start.
 */
export function sequentialRoundTrips(entries: ReadonlyArray<{ at: string; ms: number }>): number {
  const spans = entries.map((e) => ({ start: Date.parse(e.at), end: Date.parse(e.at) + e.ms })).sort((a, b) => a.end - b.end);
  let count = 0;
  let lastEnd = -Infinity;
  for (const span of spans) {
    if (span.start >= lastEnd - 1) {
      count++;
      lastEnd = span.end;
    }
  }
  return count;
}

async function measure(
  sim: AtlasSimulator,
  list: (client: AtlasClient) => Promise<number>,
  client: AtlasClient,
  latencyMs: number,
): Promise<Measured> {
  sim.requestLog.clear();
  sim.faults.clear();
  // One delay per exchange, before authentication, so challenges pay the round trip too.
  if (latencyMs > 0) sim.faults.add({ kind: "delay", ms: latencyMs, beforeAuth: true, path: /\/backup\/restoreJobs$/, times: 10 * JOBS });
  const t0 = performance.now();
  const items = await list(client);
  const wallMs = performance.now() - t0;
  sim.faults.clear();
  const log = sim.requestLog.entries();
  return { items, requests: log.filter((e) => e.authenticated).length, exchanges: log.length, wallMs, roundTrips: sequentialRoundTrips(log) };
}

export async function benchListing(): Promise<{ rows: Row[]; notes: string[] }> {
  return withSimulator({}, async (sim) => {
    const projectId = sim.seed.defaultProjectId;
    sim.addCloudBackupRestoreJobs(projectId, CLUSTER, JOBS);
    const ref = { projectId, clusterName: CLUSTER };

    const iterate = async (client: AtlasClient) => {
      let n = 0;
      for await (const _job of client.iterateCloudBackupRestoreJobs(ref)) n++;
      return n;
    };
    const sequential = async (client: AtlasClient) => {
      let n = 0;
      for (let pageNum = 1; pageNum <= 1000; pageNum++) {
        const page = await client.listCloudBackupRestoreJobs({ ...ref, pageNum, itemsPerPage: BASELINE_PAGE_SIZE });
        n += page.results.length;
        if (page.results.length < BASELINE_PAGE_SIZE || (page.totalCount !== undefined && n >= page.totalCount)) break;
      }
      return n;
    };

    // Each variant starts with a fresh client, as a lookup in a Pulumi program does (so the first
    // request pays the digest challenge).
    const variants: Array<[string, (c: AtlasClient) => Promise<number>, Partial<AtlasClientOptions>, boolean]> = [
      ["ours (iterateCloudBackupRestoreJobs, defaults)", iterate, {}, true],
      ["ours, pagination.concurrency 19 (all pages at once)", iterate, { pagination: { concurrency: 19 } }, false],
      [`sequential pages of ${BASELINE_PAGE_SIZE} (plain loop)`, sequential, {}, false],
    ];
    const rows: Row[] = [];
    for (const [name, list, options, judged] of variants) {
      const m = await measure(sim, list, clientFor(sim, options), LATENCY_MS);
      if (m.items !== JOBS) throw new Error(`${name}: listed ${m.items} of ${JOBS} jobs`);
      const ratio = m.wallMs / LATENCY_MS;
      rows.push({
        benchmark: "listing",
        variant: `${JOBS.toLocaleString("en-US")} jobs, ${name}`,
        requests: `${m.requests} req (${m.exchanges} exch)`,
        time: `wall ${fmt.ms(m.wallMs)} = ${ratio.toFixed(1)} × latency; ${m.roundTrips} sequential RT`,
        target: judged ? `${TARGET_REQUESTS} req, ≤ ${TARGET_ROUND_TRIPS} RT + overhead` : "—",
        pass: judged ? m.requests <= TARGET_REQUESTS && m.roundTrips <= TARGET_ROUND_TRIPS : undefined,
      });
    }
    // The same listing without latency: what the simulator and the client cost on their own.
    const overhead = await measure(sim, iterate, clientFor(sim), 0);
    const notes = [
      `**listing** — real time. ${JOBS.toLocaleString("en-US")} finished Cloud Backup restore jobs on one dedicated ` +
        `cluster; the simulator delays every exchange of the list route by ${LATENCY_MS} ms (a \`delay\` fault with ` +
        "`beforeAuth`, so digest challenges pay it too). Each variant uses a fresh `AtlasClient` (first request pays " +
        "the challenge). *ours* = `iterateCloudBackupRestoreJobs` (500 per page; first page with the count, then " +
        "the remaining pages `pagination.concurrency` at a time, default 4); the concurrency-19 row is not a " +
        `target, it shows what the ${TARGET_ROUND_TRIPS}-round-trip target needs. Baseline = \`listCloudBackupRestoreJobs({pageNum, itemsPerPage: ${BASELINE_PAGE_SIZE}})\` ` +
        "in a loop, stopping at a short page or when `totalCount` is reached. *req* = authenticated requests, " +
        "*exch* = all exchanges. *wall / latency* is the ratio asked for; it includes the simulator (same " +
        "process) answering and the client validating every page, which is large here because the simulator " +
        "renders and sorts all 10,000 jobs for every page it serves: the default *ours* listing takes " +
        `${fmt.ms(overhead.wallMs)} at 0 ms latency on this machine (the overhead). *sequential RT* = round trips on ` +
        "the critical path, from the request log (the longest chain of exchanges each starting after the previous " +
        `one ended); the target is judged on it (≤ ${TARGET_ROUND_TRIPS}: challenge, first page, all other pages in ` +
        "parallel) and on the request count.",
    ];
    return { rows, notes };
  });
}
