import type { Faults } from "./faults";
import type { RequestLog } from "./request-log";
import type { SeedInfo } from "./seed-info";
import type { RestoreHistoryEntry, SimulatorState } from "./state";

/** Which new restore jobs `failRestores` turns into FAILED. */
export interface FailRestoresMatch {
  targetDeploymentItemName?: string;
  snapshotId?: string;
  /** How many matching new jobs fail; default: all of them. */
  times?: number;
}

/** A running local Atlas. */
export interface AtlasSimulator {
  /** `http://127.0.0.1:<port>`: the API is under `/api/atlas/v1.0` and `/api/atlas/v2`. */
  url: string;
  publicKey: string;
  privateKey: string;
  /** The first configured service account (the demo one by default): for clientId / clientSecret. */
  serviceAccount: { clientId: string; clientSecret: string };
  /** Every access token the token endpoint issued so far, oldest first. */
  issuedTokens(): string[];
  /** Forgets every issued token (as a revocation would): API calls with one get 401. */
  revokeTokens(): void;
  /** What was seeded at start. */
  seed: SeedInfo;
  requestLog: RequestLog;
  faults: Faults;
  /** The simulated world, for tests to read and tweak. */
  state: SimulatorState;
  /** Every RESTORE that COMPLETED onto this cluster, oldest first ([] for an unknown cluster). */
  restoreHistory(projectId: string, clusterName: string): RestoreHistoryEntry[];
  /** Adds `count` finished Cloud Backup restore jobs (older than the existing ones); creates the dedicated cluster if missing. */
  addCloudBackupRestoreJobs(projectId: string, clusterName: string, count: number): void;
  /** Atlas "forgets" a job (tenant, Flex, Cloud Backup or legacy): later GETs answer 404. */
  removeRestoreJob(restoreJobId: string): boolean;
  /** Matching new tenant / Flex jobs end FAILED instead of COMPLETED. */
  failRestores(match: FailRestoresMatch): void;
  /** Closes the server and every socket (keep-alive and hanging ones too). Idempotent. */
  stop(): Promise<void>;
}
