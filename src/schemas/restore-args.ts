import { z } from "zod";
import { CreateRestoreParams, GetRestoreParams } from "./requests";

/** Limits of the wait settings of TenantRestore / FlexRestore (README: "Inputs"). */
export const RESTORE_TIMEOUT_SECONDS = { min: 1, max: 172_800, default: 3600 } as const;
/** Below 1 s is meant for the local simulator; against Atlas keep 1 s or more (or leave it unset). */
export const POLL_INTERVAL_SECONDS = { min: 0.01, max: 600 } as const;
/**
 * The longest pause between two status checks (README: "Inputs"): 30 s unless set, with or without
 * a history; above 30 s a forecast may space polls out up to it (economy mode).
 */
export const MAX_POLL_INTERVAL_SECONDS = { min: 0.01, max: 3600, default: 30 } as const;
export const ADOPTION_WINDOW_SECONDS = { min: 0, max: 604_800, default: 86_400 } as const;

const whole = { error: "must be a whole number of seconds" };

/** The wait settings every restore resource shares (rules: RestoreResourceArgs). */
export const RESTORE_WAIT_SHAPE = {
  /** Default true: `pulumi up` waits until the restore finished; false records the job once Atlas accepted it. */
  waitForCompletion: z.boolean({ error: "must be true or false" }).optional(),
  /** Default 3600, 1..172800 (48 h): give up waiting after this long (the job keeps its id in state). */
  timeoutSeconds: z
    .number({ error: "must be a number of seconds" })
    .int(whole)
    .min(RESTORE_TIMEOUT_SECONDS.min, { error: `must be at least ${RESTORE_TIMEOUT_SECONDS.min}` })
    .max(RESTORE_TIMEOUT_SECONDS.max, { error: `must be at most ${RESTORE_TIMEOUT_SECONDS.max} (48 hours)` })
    .optional(),
  /** First pause between status checks (0.01..600), growing ×1.4 to 30 s; unset: 1.5 s ×1.4, or the forecast. */
  pollIntervalSeconds: z
    .number({ error: "must be a number of seconds" })
    .min(POLL_INTERVAL_SECONDS.min, { error: `must be at least ${POLL_INTERVAL_SECONDS.min}` })
    .max(POLL_INTERVAL_SECONDS.max, { error: `must be at most ${POLL_INTERVAL_SECONDS.max}` })
    .optional(),
  /**
   * The longest pause between two status checks (0.01..3600, default 30), so a finish is seen at
   * most this late (a server's Retry-After still wins), with or without a history. Above 30 s with
   * a history: economy mode, sparse polls far from the expected finish. Not below `pollIntervalSeconds`.
   */
  maxPollIntervalSeconds: z
    .number({ error: "must be a number of seconds" })
    .min(MAX_POLL_INTERVAL_SECONDS.min, { error: `must be at least ${MAX_POLL_INTERVAL_SECONDS.min}` })
    .max(MAX_POLL_INTERVAL_SECONDS.max, { error: `must be at most ${MAX_POLL_INTERVAL_SECONDS.max} (1 hour)` })
    .optional(),
  /** Default 86400 (0..604800): how old a COMPLETED identical restore may be to be adopted; 0 never adopts one. */
  adoptionWindowSeconds: z
    .number({ error: "must be a number of seconds" })
    .int(whole)
    .min(ADOPTION_WINDOW_SECONDS.min, { error: `must be at least ${ADOPTION_WINDOW_SECONDS.min}` })
    .max(ADOPTION_WINDOW_SECONDS.max, { error: `must be at most ${ADOPTION_WINDOW_SECONDS.max} (7 days)` })
    .optional(),
};
/** The wait settings alone (for families whose other inputs differ). */
export const RestoreWaitArgs = z.object(RESTORE_WAIT_SHAPE);
export type RestoreWaitArgs = z.infer<typeof RestoreWaitArgs>;

/** The rule between wait settings, for every schema that spreads them (call it in its superRefine). */
export function refineWaitSettings(a: { pollIntervalSeconds?: number; maxPollIntervalSeconds?: number }, ctx: z.RefinementCtx): void {
  const { pollIntervalSeconds: first, maxPollIntervalSeconds: max } = a;
  if (first !== undefined && max !== undefined && typeof first === "number" && typeof max === "number" && max < first) {
    ctx.addIssue({
      code: "custom",
      path: ["maxPollIntervalSeconds"],
      input: max,
      params: { involves: ["pollIntervalSeconds", "maxPollIntervalSeconds"] },
      message: `must be at least pollIntervalSeconds (${first}): it bounds the pauses that pollIntervalSeconds starts; raise it or lower pollIntervalSeconds`,
    });
  }
}

/**
 * The inputs of a restore resource. Strict: a misspelt input is an error, not silently ignored.
 * - `timeoutSeconds`: integer 1..172800 (48 h), default 3600. Atlas can't cancel a restore; the wait just ends.
 * - `pollIntervalSeconds`: 0.01..600; when set, a fixed schedule from this first pause, growing ×1.4 to 30 s; unset: 1.5 s ×1.4, or the forecast from the cluster's history.
 * - `maxPollIntervalSeconds`: 0.01..3600, default 30, not below `pollIntervalSeconds`; no pause between checks is longer (Retry-After
 *   excepted); above 30 s a history may space polls out up to it (economy mode).
 * - `waitForCompletion`: default true; false records the job as soon as Atlas accepted it.
 * - `adoptionWindowSeconds`: integer 0..604800 (7 days), default 86400; how old a COMPLETED identical restore may be
 *   to be adopted instead of starting another (0: never adopt a finished one). See `findAdoptableJob`.
 */
export const RestoreResourceArgs = z.strictObject({ ...CreateRestoreParams.shape, ...RESTORE_WAIT_SHAPE }).superRefine(refineWaitSettings);
export type RestoreResourceArgs = z.infer<typeof RestoreResourceArgs>;

/** waitForTenantRestoreJob: one job, and how long / how often to check it (default 3600 s; pauses as for the resources). */
export const WaitForTenantRestoreJobArgs = GetRestoreParams.extend({
  timeoutSeconds: RESTORE_WAIT_SHAPE.timeoutSeconds,
  pollIntervalSeconds: RESTORE_WAIT_SHAPE.pollIntervalSeconds,
  maxPollIntervalSeconds: RESTORE_WAIT_SHAPE.maxPollIntervalSeconds,
}).superRefine(refineWaitSettings);
export type WaitForTenantRestoreJobArgs = z.infer<typeof WaitForTenantRestoreJobArgs>;

/** Inputs that only steer this tool's waiting: changing one touches nothing in Atlas. */
export const RESTORE_WAIT_FIELDS = ["waitForCompletion", "timeoutSeconds", "pollIntervalSeconds", "maxPollIntervalSeconds", "adoptionWindowSeconds"] as const;
