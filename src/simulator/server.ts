import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AtlasSimulator } from "./atlas-simulator";
import { DigestAuthenticator } from "./digest-auth";
import { Faults } from "./faults";
import { advanceRestoreJobs } from "./lifecycle";
import { TokenIssuer } from "./oauth-token";
import { normalizeOptions, type SimulatorOptions } from "./options";
import { RequestPipeline } from "./pipeline";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { routes } from "./routes";
import { addCloudBackupJobs, addCluster, applySeed } from "./seed";
import { seedCollectionRestore } from "./collection-restore-seed";
import { seedRestoreHistory } from "./seed-history";
import { describeSeed } from "./seed-info";
import { createState, findCluster } from "./state";

/** Starts the local Atlas Admin API on 127.0.0.1 (port 0 by default) with the default seed. */
export async function startAtlasSimulator(options: SimulatorOptions = {}): Promise<AtlasSimulator> {
  const o = normalizeOptions(options);
  const state = createState(o.lifecycle);
  applySeed(state, o.seed, o.now());
  if (!o.seed?.replaceDefault) seedCollectionRestore(state);
  const requestLog = new RequestLog();
  const faults = new Faults();
  const auth = new DigestAuthenticator({ publicKey: o.publicKey, privateKey: o.privateKey, now: o.now, nonceTtlMs: o.nonceTtlMs });
  const limiter = o.rateLimit === false ? undefined : new RateLimiter(o.rateLimit, o.now);
  const tokens = new TokenIssuer({
    accounts: o.serviceAccounts,
    lifetimeSeconds: o.tokenLifetimeSeconds,
    now: o.now,
    limiter: o.tokenRateLimit === false ? undefined : new RateLimiter(o.tokenRateLimit, o.now),
  });
  let url = "";
  const pipeline = new RequestPipeline({
    state, routes, auth, tokens, faults, log: requestLog, limiter, now: o.now, sunsetTenantV2: o.sunsetTenantV2, baseUrl: () => url,
  });
  const server = createServer((req, res) => void pipeline.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopping: Promise<void> | undefined;

  return {
    url,
    publicKey: o.publicKey,
    privateKey: o.privateKey,
    serviceAccount: { ...o.serviceAccounts[0]! },
    issuedTokens: () => [...tokens.issued],
    revokeTokens: () => tokens.revokeAll(),
    seed: describeSeed(state),
    requestLog,
    faults,
    state,
    restoreHistory(projectId, clusterName) {
      advanceRestoreJobs(state, o.now());
      return (findCluster(state, projectId, clusterName)?.restoreHistory ?? []).map((h) => ({ ...h }));
    },
    addCloudBackupRestoreJobs(projectId, clusterName, count) {
      const project = state.projects.get(projectId);
      if (project === undefined) throw new Error(`addCloudBackupRestoreJobs: no project ${projectId}`);
      const cluster = project.clusters.get(clusterName) ?? addCluster(state, project, clusterName, "dedicated", "7.0.16");
      if (cluster.kind !== "dedicated") throw new Error(`addCloudBackupRestoreJobs: ${clusterName} is a ${cluster.kind} cluster`);
      addCloudBackupJobs(state, projectId, clusterName, count, o.now());
    },
    seedRestoreHistory(projectId, clusterName, history) {
      const cluster = findCluster(state, projectId, clusterName);
      if (cluster === undefined) throw new Error(`seedRestoreHistory: no cluster ${clusterName} in project ${projectId}`);
      return seedRestoreHistory(state, cluster, history, o.now());
    },
    removeRestoreJob(restoreJobId) {
      return state.restoreJobs.delete(restoreJobId) || state.cloudBackupJobs.delete(restoreJobId) || state.legacyJobs.delete(restoreJobId);
    },
    failRestores(match) {
      const times = match.times ?? Infinity;
      if (!(times > 0)) throw new RangeError("failRestores: times must be positive");
      state.failRules.push({ targetDeploymentItemName: match.targetDeploymentItemName, snapshotId: match.snapshotId, remaining: times });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        pipeline.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
