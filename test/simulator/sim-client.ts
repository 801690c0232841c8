import DigestClient from "digest-fetch";
import type { AtlasSimulator } from "../../src/simulator";
import { ATLAS_2023_01_01, ATLAS_2024_11_13, startAtlasSimulator } from "../../src/simulator";
import { ManualClock } from "../../src/util/clock";

/** A response read whole; `json` is undefined when the body is not JSON. */
export interface SimResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface SimRequestOptions {
  /** Accept header; default: the route family's v2 media type, or application/json on v1.0. */
  accept?: string | null;
  /** Content-Type of a POST; default: same as accept. */
  contentType?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The v2 media type a path needs: Flex paths 2024-11-13, the rest 2023-01-01. */
export function mediaTypeFor(path: string): string {
  if (!path.startsWith("/api/atlas/v2")) return "application/json";
  return path.includes("/flexClusters/") ? ATLAS_2024_11_13 : ATLAS_2023_01_01;
}

async function read(response: Response): Promise<SimResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Digest-authenticated requests through the npm `digest-fetch` client, as the real client makes them. */
export class SimClient {
  readonly digest: DigestClient;
  constructor(
    readonly sim: AtlasSimulator,
    credentials: { publicKey?: string; privateKey?: string } = {},
  ) {
    this.digest = new DigestClient(credentials.publicKey ?? sim.publicKey, credentials.privateKey ?? sim.privateKey);
  }

  async request(method: string, path: string, options: SimRequestOptions = {}): Promise<SimResponse> {
    const accept = options.accept === undefined ? mediaTypeFor(path.split("?")[0]!) : options.accept;
    const headers: Record<string, string> = { ...options.headers };
    if (accept !== null) headers.Accept = accept;
    const init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal } = { method, headers };
    if (options.signal !== undefined) init.signal = options.signal;
    if (options.body !== undefined) {
      headers["Content-Type"] = options.contentType ?? accept ?? "application/json";
      init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    return read((await this.digest.fetch(this.sim.url + path, init)) as Response);
  }

  get(path: string, options?: SimRequestOptions): Promise<SimResponse> {
    return this.request("GET", path, options);
  }
  post(path: string, body: unknown, options?: SimRequestOptions): Promise<SimResponse> {
    return this.request("POST", path, { ...options, body });
  }
}

/** An unauthenticated request (plain fetch). */
export async function rawRequest(url: string, init: RequestInit = {}): Promise<SimResponse> {
  return read(await fetch(url, init));
}

/** Paths of the default seed's resources, for both API versions. */
export function paths(sim: AtlasSimulator, version: "v1.0" | "v2" = "v2") {
  const s = sim.seed;
  const base = `/api/atlas/${version}/groups/${s.defaultProjectId}`;
  const tenant = `${base}/clusters/${s.defaultSourceCluster}/backup/tenant`;
  const flex = `${base}/flexClusters/${s.defaultFlexSourceCluster}/backup`;
  const dedicated = `${base}/clusters/${s.defaultDedicatedCluster}`;
  return {
    base,
    tenantRestore: `${tenant}/restore`,
    tenantRestores: `${tenant}/restores`,
    tenantSnapshots: `${tenant}/snapshots`,
    flexRestoreJobs: `${flex}/restoreJobs`,
    flexSnapshots: `${flex}/snapshots`,
    cloudBackupRestoreJobs: `${dedicated}/backup/restoreJobs`,
    legacyRestoreJobs: `${dedicated}/restoreJobs`,
  };
}

/** The suite's simulator (fresh before every test, on a ManualClock) and a digest client for it. */
export interface SimulatorFixture {
  readonly sim: AtlasSimulator;
  readonly client: SimClient;
  readonly clock: ManualClock;
}

/** Registers beforeEach/afterEach hooks in the calling describe block; read the fields inside tests. */
export function useSimulator(): SimulatorFixture {
  const fixture = { clock: new ManualClock() } as { sim: AtlasSimulator; client: SimClient; clock: ManualClock };
  beforeEach(async () => {
    fixture.sim = await startAtlasSimulator({ now: () => fixture.clock.now() });
    fixture.client = new SimClient(fixture.sim);
  });
  afterEach(() => fixture.sim.stop());
  return fixture;
}
