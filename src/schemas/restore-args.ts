import { z } from "zod";
import { ClusterName, DeploymentItemName, ObjectId } from "./ids";

/** Limits of the wait settings of TenantRestore / FlexRestore (README: "Inputs"). */
export const RESTORE_TIMEOUT_SECONDS = { min: 1, max: 172_800, default: 3600 } as const;
/** Below 1 s is meant for the local simulator; against Atlas keep the default 2 s or more. */
export const POLL_INTERVAL_SECONDS = { min: 0.01, max: 600, default: 2 } as const;
export const ADOPTION_WINDOW_SECONDS = { min: 0, max: 604_800, default: 86_400 } as const;

const whole = { error: "must be a whole number of seconds" };

/** The wait settings every restore resource shares (rules: RestoreResourceArgs). */
export const RESTORE_WAIT_SHAPE = {
  waitForCompletion: z.boolean({ error: "must be true or false" }).optional(),
  timeoutSeconds: z
    .number({ error: "must be a number of seconds" })
    .int(whole)
    .min(RESTORE_TIMEOUT_SECONDS.min, { error: `must be at least ${RESTORE_TIMEOUT_SECONDS.min}` })
    .max(RESTORE_TIMEOUT_SECONDS.max, { error: `must be at most ${RESTORE_TIMEOUT_SECONDS.max} (48 hours)` })
    .optional(),
  pollIntervalSeconds: z
    .number({ error: "must be a number of seconds" })
    .min(POLL_INTERVAL_SECONDS.min, { error: `must be at least ${POLL_INTERVAL_SECONDS.min}` })
    .max(POLL_INTERVAL_SECONDS.max, { error: `must be at most ${POLL_INTERVAL_SECONDS.max}` })
    .optional(),
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

/**
 * The inputs of a restore resource. Strict: a misspelt input is an error, not silently ignored.
 * - `timeoutSeconds`: integer 1..172800 (48 h), default 3600. Atlas can't cancel a restore; the wait just ends.
 * - `pollIntervalSeconds`: 0.01..600, default 2; the first pause between status checks, growing ×1.5 to 30 s.
 * - `waitForCompletion`: default true; false records the job as soon as Atlas accepted it.
 * - `adoptionWindowSeconds`: integer 0..604800 (7 days), default 86400; how old a COMPLETED identical restore may be
 *   to be adopted instead of starting another (0: never adopt a finished one). See `findAdoptableJob`.
 */
export const RestoreResourceArgs = z.strictObject({
  projectId: ObjectId,
  clusterName: ClusterName,
  snapshotId: ObjectId,
  targetProjectId: ObjectId.optional(),
  targetDeploymentItemName: DeploymentItemName,
  ...RESTORE_WAIT_SHAPE,
});
export type RestoreResourceArgs = z.infer<typeof RestoreResourceArgs>;

/** Inputs that name the restore itself: changing one means a different restore (replacement). */
export const RESTORE_IDENTITY_FIELDS = ["projectId", "clusterName", "snapshotId", "targetProjectId", "targetDeploymentItemName"] as const;
/** Inputs that only steer this tool's waiting: changing one touches nothing in Atlas. */
export const RESTORE_WAIT_FIELDS = ["waitForCompletion", "timeoutSeconds", "pollIntervalSeconds", "adoptionWindowSeconds"] as const;
