import { performance } from "node:perf_hooks";
import { AtlasClient } from "../src/atlas";
import { resetServiceAccountTokens } from "../src/atlas/token-manager";
import { ManualClock } from "../src/util/clock";
import { withSimulator } from "./sim";
import { fmt, type Row } from "./table";

/**
 * Service-account (OAuth 2.0) auth, counted by the simulator's request log:
 *  - HTTP exchanges per authenticated call: 1,000 sequential GETs of one restore job with one
 *    token, next to the digest row of the auth benchmark (target 1.00 API exchanges per call);
 *  - token requests per hour of continuous polling: one GET every 30 s for 24 simulated hours
 *    (ManualClock), tokens of 3,600 s renewed 60 s before expiry: one per 59 minutes plus the first
 *    (target ≤ 1.05 per hour; a token per call would be 120 per hour).
 */
const CALLS = 1000;
const HOURS = 24;
/** The poll policy's longest pause. */
const POLL_MS = 30_000;

export async function benchServiceAccount(): Promise<{ rows: Row[]; notes: string[] }> {
  resetServiceAccountTokens();
  const perCall = await withSimulator({}, async (sim) => {
    const job = sim.seed.projects.find((p) => p.id === sim.seed.defaultProjectId)!.tenantClusters.find((c) => c.name === sim.seed.defaultSourceCluster)!
      .downloadRestoreJobIds[0]!;
    const params = { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster, restoreJobId: job };
    const client = new AtlasClient({ baseUrl: sim.url, ...sim.serviceAccount, env: {} });
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await client.getTenantRestore(params);
    const ms = performance.now() - t0;
    return { ms, api: sim.requestLog.count({ auth: "bearer" }), tokens: sim.requestLog.count({ route: "oauthToken" }), total: sim.requestLog.count(), client: client.stats.exchanges };
  });
  resetServiceAccountTokens();
  const clock = new ManualClock();
  const polling = await withSimulator({ now: () => clock.now() }, async (sim) => {
    const params = { projectId: sim.seed.defaultProjectId, clusterName: sim.seed.defaultSourceCluster };
    const client = new AtlasClient({ baseUrl: sim.url, ...sim.serviceAccount, env: {}, clock });
    const end = clock.now() + HOURS * 3_600_000;
    let polls = 0;
    for (; clock.now() < end; polls++) {
      await client.listTenantSnapshots(params);
      await clock.sleep(POLL_MS);
    }
    return { polls, tokens: sim.requestLog.count({ route: "oauthToken" }), refused: sim.requestLog.count({ status: 401 }) };
  });
  const tokensPerHour = polling.tokens / HOURS;
  const rows: Row[] = [
    {
      benchmark: "auth",
      variant: `${CALLS.toLocaleString("en-US")} GETs, service account (one shared token)`,
      requests: `${perCall.api} API exch = ${(perCall.api / CALLS).toFixed(3)}/call + ${perCall.tokens} token req (${perCall.total} total = ${(perCall.total / CALLS).toFixed(3)}/call; client: ${perCall.client})`,
      time: `wall ${fmt.ms(perCall.ms)}`,
      target: "1.00 API exch/call",
      pass: perCall.api / CALLS <= 1.0 && perCall.tokens === 1,
    },
    {
      benchmark: "auth",
      variant: `service account, ${HOURS} h of polling every ${POLL_MS / 1000} s (simulated)`,
      requests: `${polling.polls} GETs, ${polling.tokens} token req = ${tokensPerHour.toFixed(2)}/h; ${polling.refused} refused (401)`,
      time: "simulated time (ManualClock)",
      target: "≤ 1.05 token req/h, 0 × 401",
      pass: tokensPerHour <= 1.05 && polling.refused === 0,
    },
  ];
  const notes = [
    "**auth, service account** — simulator on 127.0.0.1. *per call*: one `AtlasClient` with `clientId`/`clientSecret`, the same " +
      "1,000 GETs as the digest rows; *API exch* are the Bearer-authenticated exchanges in the simulator's request log, *token req* the " +
      "`POST /api/oauth/token` exchanges (the client's own `stats.exchanges` counts both). *per hour*: `listTenantSnapshots` every 30 s (the poll policy's longest pause) for " +
      "24 hours on a ManualClock shared by client and simulator; tokens last 3,600 s and are renewed 60 s before they expire, so one " +
      "token serves 59 minutes (60/59 = 1.017 per hour, plus the first token: 25 in 24 h) and no call meets an expired token.",
  ];
  return { rows, notes };
}
