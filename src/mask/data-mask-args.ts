import { z } from "zod";
import { ClusterName, ObjectId } from "../schemas/ids";
import { MIN_KEY_LENGTH } from "./keyed-hash";
import { MaskRules } from "./mask-rules";

/** The restore statuses after which masking may run (tenant/Flex/Cloud Backup: COMPLETED; collection restore: SUCCESSFUL). */
export const FINISHED_RESTORE_STATUSES = ["COMPLETED", "SUCCESSFUL"] as const;

/**
 * Inputs of DataMask. Target: `connectionString`, or `projectId` + `clusterName` (a temporary
 * database user through the Admin API). Strict: a misspelt option is an error.
 */
export const DataMaskArgs = z
  .strictObject({
    /** mongodb:// or mongodb+srv:// with a user that may read, write, rename and drop collections. Secret. */
    connectionString: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/[^/?]+/, { error: "must be a mongodb:// or mongodb+srv:// connection string" })
      .optional(),
    /** Project of the target cluster (24 hex digits), with clusterName. */
    projectId: ObjectId.optional(),
    /** The target cluster, with projectId: a temporary database user is made for the run. */
    clusterName: ClusterName.optional(),
    /** The restoreJobId of the restore this masking follows: a new restore masks again. */
    afterRestore: z.string().min(1).optional(),
    /** The status of that restore, when DataMask was given the restore resource itself (set by the class). */
    afterRestoreStatus: z.string().optional(),
    rules: MaskRules,
    /** The key of `hash` and `fake` (secret, at least 16 characters); default: one generated once for this resource and kept as a secret output. */
    key: z.string().min(MIN_KEY_LENGTH, { error: `must be at least ${MIN_KEY_LENGTH} characters (a short key makes hashes guessable)` }).optional(),
    /** Check every masked document against its original before the swap; default true. */
    verify: z.boolean().optional(),
    /** Documents per read batch and per insert; default 1000. */
    batchSize: z.number().int().min(1).max(100_000).optional(),
  })
  .superRefine((a, ctx) => {
    const byCluster = a.projectId !== undefined || a.clusterName !== undefined;
    if (a.connectionString !== undefined && byCluster) {
      ctx.addIssue({ code: "custom", path: ["connectionString"], message: "must not be given together with projectId/clusterName (one target)", params: { involves: ["connectionString", "projectId", "clusterName"] } });
    } else if (a.connectionString === undefined && (a.projectId === undefined || a.clusterName === undefined)) {
      const field = a.projectId === undefined && a.clusterName !== undefined ? "projectId" : a.clusterName === undefined && a.projectId !== undefined ? "clusterName" : "connectionString";
      ctx.addIssue({ code: "custom", path: [field], message: "is required: give connectionString, or projectId and clusterName", params: { involves: ["connectionString", "projectId", "clusterName"] } });
    }
  });
export type DataMaskArgs = z.infer<typeof DataMaskArgs>;
