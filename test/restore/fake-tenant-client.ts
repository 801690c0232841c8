import { AtlasApiError, AtlasNetworkError } from "../../src/atlas/errors";
import type { RestoreSource, TenantRestoreClient } from "../../src/restore";
import type { TenantRestoreJob } from "../../src/schemas";
import type { Clock } from "../../src/util/clock";

export const PROJECT = "aaaaaaaaaaaaaaaaaaaaaaaa";
export const OTHER_PROJECT = "bbbbbbbbbbbbbbbbbbbbbbbb";
export const SNAPSHOT = "cccccccccccccccccccccccc";
export const OTHER_SNAPSHOT = "dddddddddddddddddddddddd";
export const request = { projectId: PROJECT, clusterName: "prod-m2", snapshotId: SNAPSHOT, targetDeploymentItemName: "staging-m2" };

type Fault = "lost-response" | "500" | "409" | "400" | "network-before-send";

export const apiError = (status: number, method = "GET", path = "/x") =>
  new AtlasApiError({ status, method, path, errorCode: `E${status}` }, `${method} ${path} → ${status}`);

/**
 * An in-memory tenant restore API: jobs advance one status per `stepMs` of the shared clock
 * (PENDING → QUEUED → RUNNING → COMPLETED, or FAILED when `failNext`), plus scripted faults.
 */
export class FakeTenantClient implements TenantRestoreClient {
  jobs: (TenantRestoreJob & { createdAt: number })[] = [];
  calls = { create: 0, get: 0, list: 0 };
  postFaults: Fault[] = [];
  getFaults: (Error | "404")[] = [];
  listFaults: Error[] = [];
  failNext = false;
  private seq = 0;
  constructor(
    readonly clock: Clock,
    readonly stepMs = 10_000,
  ) {}

  private view(job: TenantRestoreJob & { createdAt: number; fails?: boolean }): TenantRestoreJob {
    const order = ["PENDING", "QUEUED", "RUNNING", job.fails ? "FAILED" : "COMPLETED"];
    const step = Math.min(order.length - 1, Math.floor((this.clock.now() - job.createdAt) / this.stepMs));
    const { createdAt: _c, fails: _f, ...rest } = job;
    return { ...rest, status: order[step] };
  }

  add(job: Partial<TenantRestoreJob> & { createdAt?: number }): TenantRestoreJob {
    const id = (++this.seq).toString(16).padStart(24, "e");
    const full = {
      id,
      projectId: PROJECT,
      clusterName: "prod-m2",
      targetProjectId: PROJECT,
      restoreScheduledDate: new Date(job.createdAt ?? this.clock.now()).toISOString(),
      deliveryType: "RESTORE",
      createdAt: this.clock.now(),
      ...job,
    } as TenantRestoreJob & { createdAt: number };
    this.jobs.push(full);
    return full;
  }

  async createTenantRestore(p: { projectId: string; clusterName: string; snapshotId: string; targetProjectId?: string; targetDeploymentItemName: string }) {
    this.calls.create++;
    const fault = this.postFaults.shift();
    if (fault === "409") throw apiError(409, "POST");
    if (fault === "400") throw apiError(400, "POST");
    if (fault === "500") throw apiError(500, "POST");
    if (fault === "network-before-send") {
      throw new AtlasNetworkError({ method: "POST", path: "/x", errno: "ECONNREFUSED", requestSent: false, timedOut: false });
    }
    const job = this.add({
      projectId: p.projectId,
      clusterName: p.clusterName,
      snapshotId: p.snapshotId,
      targetProjectId: p.targetProjectId ?? p.projectId,
      targetDeploymentItemName: p.targetDeploymentItemName,
      fails: this.failNext,
    } as Partial<TenantRestoreJob>);
    if (fault === "lost-response") {
      throw new AtlasNetworkError({ method: "POST", path: "/x", errno: "ECONNRESET", requestSent: true, timedOut: false });
    }
    return this.view(job as TenantRestoreJob & { createdAt: number });
  }

  async getTenantRestore(p: { restoreJobId: string }) {
    this.calls.get++;
    const fault = this.getFaults.shift();
    if (fault === "404") throw apiError(404);
    if (fault) throw fault;
    const job = this.jobs.find((j) => j.id === p.restoreJobId);
    if (!job) throw apiError(404);
    return this.view(job);
  }

  async listTenantRestores(_s: RestoreSource) {
    this.calls.list++;
    const fault = this.listFaults.shift();
    if (fault) throw fault;
    return { results: this.jobs.map((j) => this.view(j)) };
  }
}
