import { performance } from "node:perf_hooks";
import DigestClient from "digest-fetch";
import { API_BASE_PATHS, endpoints, fillPath } from "../src/atlas/endpoints";
import { clientFor, withSimulator } from "./sim";
import { fmt, type Row } from "./table";

/**
 * Benchmark 2: HTTP exchanges for 1,000 sequential GETs of one restore job. Ours keeps the
 * server's digest challenge for the life of the AtlasClient; the baseline creates a new digest
 * client per call, as the official Go clients do per request (challenge, then the signed request).
 * Counted by the simulator's request log (every exchange, 401 challenges included).
 */

export const CALLS = 1000;
const TARGET_EXCHANGES_PER_CALL = 1.01;

export async function benchAuth(): Promise<{ rows: Row[]; notes: string[] }> {
  return withSimulator({}, async (sim) => {
    const projectId = sim.seed.defaultProjectId;
    const clusterName = sim.seed.defaultSourceCluster;
    const restoreJobId = sim.seed.projects.find((p) => p.id === projectId)?.tenantClusters.find((c) => c.name === clusterName)
      ?.downloadRestoreJobIds[0];
    if (restoreJobId === undefined) throw new Error(`the default seed has no restore job on ${clusterName}`);
    const params = { projectId, clusterName, restoreJobId };

    // Ours: one AtlasClient, 1,000 calls.
    sim.requestLog.clear();
    const client = clientFor(sim);
    let t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await client.getTenantRestore(params);
    const oursMs = performance.now() - t0;
    const oursExchanges = sim.requestLog.count();
    const oursOk = sim.requestLog.count({ status: 200 });
    if (oursOk !== CALLS) throw new Error(`ours: ${oursOk} of ${CALLS} calls answered 200`);

    // Baseline: a new digest-fetch client per call (no challenge reuse).
    sim.requestLog.clear();
    const url = `${sim.url}${API_BASE_PATHS["v1.0"]}${fillPath(endpoints.getTenantRestore.path, params)}`;
    t0 = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const perCall = new DigestClient(sim.publicKey, sim.privateKey, { algorithm: "MD5" });
      const res = (await perCall.fetch(url, { method: "GET", headers: { Accept: "application/json" } })) as Response;
      await res.text();
      if (res.status !== 200) throw new Error(`challenge-per-request call ${i} answered ${res.status}`);
    }
    const baseMs = performance.now() - t0;
    const baseExchanges = sim.requestLog.count();

    const perCall = (n: number) => (n / CALLS).toFixed(3);
    const rows: Row[] = [
      {
        benchmark: "auth",
        variant: `${CALLS.toLocaleString("en-US")} GETs, ours (AtlasClient reuses the challenge)`,
        requests: `${oursExchanges} exch = ${perCall(oursExchanges)}/call (client: ${client.stats.exchanges})`,
        time: `wall ${fmt.ms(oursMs)}`,
        target: `≤ ${TARGET_EXCHANGES_PER_CALL} exch/call`,
        pass: oursExchanges / CALLS <= TARGET_EXCHANGES_PER_CALL,
      },
      {
        benchmark: "auth",
        variant: `${CALLS.toLocaleString("en-US")} GETs, challenge per request (new DigestClient per call)`,
        requests: `${baseExchanges} exch = ${perCall(baseExchanges)}/call`,
        time: `wall ${fmt.ms(baseMs)}`,
        target: "—",
      },
    ];
    const notes = [
      "**auth** — real time, simulator on 127.0.0.1, one seeded tenant restore job fetched 1,000 times in " +
        "sequence. *ours* = one `AtlasClient` (`getTenantRestore`, response validated); baseline = " +
        "`new DigestClient(…)` from `digest-fetch` per call, then `fetch` (the challenge-per-request behaviour of " +
        "the official Go clients). *exch* counted by the simulator's request log (401 challenges included); " +
        "`client:` is the client's own `stats.exchanges`, which must agree. Wall time is loopback only, so it " +
        "shows CPU cost, not the network round trip a real challenge costs.",
    ];
    return { rows, notes };
  });
}
