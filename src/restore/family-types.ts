import type { z } from "zod";
import type { ClusterRef, CreateRestoreParams, GetRestoreParams } from "../schemas/requests";
import type { RestoreWaitArgs } from "../schemas/restore-args";
import type { FlexRestoreJob, TenantRestoreJob } from "../schemas/restore-job";
import type { RestoreIdentity } from "./restore-identity";

/** Any restore job as Atlas returns it: an id plus fields the family knows how to read. */
export type AnyRestoreJob = { id: string } & { [key: string]: unknown };

/** A tenant or Flex restore job (both carry Atlas's `status`; they differ only in the source's field name). */
export type RestoreJob = TenantRestoreJob | FlexRestoreJob;

/** The source cluster of a restore (`clusterName` is the Flex cluster's name for Flex). */
export type RestoreSource = ClusterRef;

/** One restore job of a source cluster. */
export type RestoreJobRef = GetRestoreParams;

/**
 * What a person asks for (tenant, Flex): restore `snapshotId` of the source onto
 * `targetDeploymentItemName`; `targetProjectId` defaults to `projectId` (Atlas does the same).
 */
export type RestoreRequest = CreateRestoreParams;

/** The kinds of restore this package runs; one row of the family table each. */
export type RestoreKind = "tenant" | "flex" | "cloudBackup" | "collection";

/**
 * Where a job stands, whatever its family reports:
 * - `inFlight`: Atlas is working on it (adoptable whatever its age; waiting goes on);
 * - `succeeded`: done, the data is in place (or the download is ready);
 * - `failed`: Atlas ended it without success (failed, cancelled, expired): never adopted, waiting fails;
 * - `unknown`: a state this version does not recognise: waiting goes on, adoption ignores it.
 */
export type RestorePhase = "inFlight" | "succeeded" | "failed" | "unknown";

/** How to read a family's jobs: all that waiting and messages need. */
export interface RestoreJobReader<J = AnyRestoreJob> {
  /** One upper-case word for outputs and messages: Atlas's `status`, or one derived from the job's flags. */
  status(job: J): string | undefined;
  phase(job: J): RestorePhase;
  /** What to do after a `failed` job (the second half of RestoreJobFailedError's message). */
  failureAdvice?(job: J): string;
  /**
   * A progress line for a job seen while waiting (at most one per poll; status changes print their
   * own line instead), or undefined when there is nothing new. `previous` is the job and time of the
   * last line, for rates. Families without progress figures leave this out.
   */
  progressLine?(job: J, nowMs: number, previous?: { job: J; atMs: number }): string | undefined;
}

/** The wait settings every restore resource shares, and a source. */
export type RestoreArgsBase = RestoreSource & RestoreWaitArgs & { targetProjectId?: string };

/**
 * One row of the restore-family table (see restore-family.ts for how to add one). `C` is the client
 * (the AtlasClient satisfies every family's client structurally), `R` the parsed resource inputs
 * (they double as the request), `J` the job as Atlas returns it.
 */
export interface RestoreFamily<C = unknown, R extends RestoreArgsBase = RestoreArgsBase, J extends AnyRestoreJob = AnyRestoreJob>
  extends RestoreJobReader<J> {
  readonly kind: RestoreKind;
  /** Used in messages and as the Pulumi type name, e.g. `TenantRestore`. */
  readonly label: string;
  /** An API version the family's endpoints require (Flex: "v2"); else the configured one. */
  readonly apiVersion?: "v2";

  // ── Atlas ──
  create(client: C, request: R): Promise<J>;
  get(client: C, ref: RestoreJobRef): Promise<J>;
  /**
   * The listing does not tell a finished job's whole outcome (collection restores: per-collection
   * states): an adopted finished job is read once more with `get` before it is taken as done.
   */
  readonly readBeforeAdopting?: boolean;
  /** The source cluster's restore jobs (all of them; callers filter by the adoption rule). */
  list(client: C, source: RestoreSource): Promise<J[]>;
  /** Cancels a job in Atlas; needed when `deletion` can answer "cancel". */
  cancel?(client: C, ref: RestoreJobRef): Promise<void>;
  /** A clearer error for a refused create (e.g. the tenant sunset), or `error` itself. */
  explainCreateError?(error: unknown, request: R): unknown;

  // ── matching (adoption, 409 diagnosis) and timing (adoption window, duration estimates) ──
  /** Same source, same data (snapshot or point in time), same target, same delivery: status and age aside. */
  isSameRestore(job: J, request: R): boolean;
  /** The job writes to the target `request` names (the likely cause of a 409). */
  isOnTarget(job: J, request: R): boolean;
  /** When Atlas took the job, epoch ms (undefined when the job has no readable date). */
  startedAt(job: J): number | undefined;
  /** When the job finished, epoch ms (undefined while running or when unknown). */
  finishedAt(job: J): number | undefined;
  /**
   * Set when the family's jobs can never give a duration history (Atlas sends no start date): the
   * wait then says so in one line instead of forecasting. Never filled from a field Atlas does not send.
   */
  readonly noHistoryReason?: string;

  // ── the Pulumi resource ──
  /** The resource's inputs (strict zod object, cross-field rules included); parsed inputs are the request. */
  readonly args: z.ZodType<R>;
  /**
   * What makes two restores the same (restore-identity.ts), for adoption (`isSameRestore` is
   * `isSameIdentity` of it) and for diff (an input whose canonical value changes is a replacement).
   */
  readonly identity: RestoreIdentity<J, R>;
  /** Output properties taken from the job (declared on the resource, cleared on refresh when absent). */
  readonly jobOutputFields: readonly string[];
  /** Outputs that are always secret (download URLs). */
  readonly secretOutputs: readonly string[];
  /** Values for `jobOutputFields` (undefined where the job has none). */
  jobOutputs(job: J): Record<string, unknown>;
  /** The job as recorded in outputs: enough for `phase`/`status` and to resume waiting. */
  storedJob(id: string, outputs: Record<string, unknown>): J;
  /** The target project the job names, if it does (for the `targetProjectId` output when not given). */
  targetProjectOf(job: J): string | undefined;
  /** What `pulumi destroy` does with a job recorded in state: only forget it, or cancel it in Atlas. */
  deletion(job: J): "forget" | "cancel";
  /** Why a forgotten job is not cancelled, for the destroy message. */
  readonly forgetReason: string;
}
