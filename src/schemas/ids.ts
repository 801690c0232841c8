import { z } from "zod";

/** Patterns copied from the Atlas Admin API v2 specification (the reference extracts are kept beside the repository, never in it). */
export const OBJECT_ID_PATTERN = /^([a-f0-9]{24})$/;
export const CLUSTER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
export const DEPLOYMENT_ITEM_NAME_PATTERN = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;
/** Atlas limits cluster names to 64 characters. */
export const CLUSTER_NAME_MAX_LENGTH = 64;

/** A 24-hexadecimal-digit Atlas id (project, snapshot, restore job). */
export const ObjectId = z
  .string({ error: "must be a string of 24 hexadecimal digits" })
  .regex(OBJECT_ID_PATTERN, { error: "must be 24 lowercase hexadecimal digits (pattern ^([a-f0-9]{24})$)" });
export type ObjectId = z.infer<typeof ObjectId>;

/**
 * A cluster name as it appears in API paths. Length checks `abort`: an empty or over-long name gets
 * one message (the length), not a second one from the pattern.
 */
export const ClusterName = z
  .string({ error: "must be a cluster name (string)" })
  .min(1, { error: "must not be empty", abort: true })
  .max(CLUSTER_NAME_MAX_LENGTH, { error: `must be at most ${CLUSTER_NAME_MAX_LENGTH} characters`, abort: true })
  .regex(CLUSTER_NAME_PATTERN, {
    error: "must start with a letter or digit and contain only ASCII letters, digits and hyphens (pattern ^[a-zA-Z0-9][a-zA-Z0-9-]*$)",
  });
export type ClusterName = z.infer<typeof ClusterName>;

/** The target cluster of a restore (`targetDeploymentItemName`); length checks `abort` as for ClusterName. */
export const DeploymentItemName = z
  .string({ error: "must be a cluster name (string)" })
  .min(1, { error: "must not be empty", abort: true })
  .max(64, { error: "must be at most 64 characters", abort: true })
  .regex(DEPLOYMENT_ITEM_NAME_PATTERN, {
    error: "may contain only letters, digits and - _ . ( ) , : & @ + ' (pattern ^[\\p{L}\\p{N}\\-_.(),:&@+']{1,64}$)",
  });
export type DeploymentItemName = z.infer<typeof DeploymentItemName>;
