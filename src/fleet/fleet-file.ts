import { z } from "zod";
import { ClusterName, DeploymentItemName, ObjectId } from "../schemas/ids";
import { RESTORE_WAIT_SHAPE, refineWaitSettings } from "../schemas/restore-args";
import { MaskRules } from "../mask/mask-rules";

/**
 * The fleet file (YAML or JSON): one source, one snapshot choice, wait defaults and the
 * environments to seed from it. Strict objects: a misspelt key is an error, not ignored.
 * Cross-field rules (duplicate stacks or targets, kind-specific fields) live in fleet-rules.ts.
 */

/** Restore kinds a fleet can seed; `dedicated` maps to CloudBackupRestore (see fleet-kinds.ts). */
export const FLEET_KINDS = ["tenant", "flex", "dedicated"] as const;
export type FleetKind = (typeof FLEET_KINDS)[number];

/** A Pulumi stack name as the DIY (file, PostgreSQL) backends accept it. */
export const StackName = z
  .string({ error: "must be a stack name (string)" })
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: "may contain only letters, digits, - _ . (1-100 characters)" });

const FleetSource = z.strictObject({
  kind: z.enum(FLEET_KINDS, { error: `must be one of ${FLEET_KINDS.join(", ")}` }),
  projectId: ObjectId,
  clusterName: ClusterName,
}, { error: "must be a map with kind, projectId and clusterName" });

/** `latest` (resolved once per run), a fixed snapshot, or a point in time (dedicated only). */
export const SnapshotChoice = z.union(
  [
    z.literal("latest"),
    z.strictObject({ snapshotId: ObjectId }),
    z.strictObject({ pointInTime: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-12-01T03:00:00Z" }) }),
  ],
  { error: 'must be "latest", { snapshotId: <24 hex digits> } or { pointInTime: <ISO 8601 date-time> }' },
);
export type SnapshotChoice = z.infer<typeof SnapshotChoice>;

/** Wait settings of each restore resource (same rules as the resource inputs). */
export const FleetWait = z
  .strictObject({
    timeoutSeconds: RESTORE_WAIT_SHAPE.timeoutSeconds,
    pollIntervalSeconds: RESTORE_WAIT_SHAPE.pollIntervalSeconds,
    maxPollIntervalSeconds: RESTORE_WAIT_SHAPE.maxPollIntervalSeconds,
    adoptionWindowSeconds: RESTORE_WAIT_SHAPE.adoptionWindowSeconds,
  })
  .superRefine(refineWaitSettings);
export type FleetWait = z.infer<typeof FleetWait>;

/**
 * `mask:` (fleet-wide, or per environment: replaces the fleet's; `false` turns it off): each
 * environment's stack declares a DataMask after its restore, on the target cluster, through a
 * temporary database user. The key is generated per stack and kept there as a secret.
 */
export const FleetMask = z.strictObject({
  rules: MaskRules,
  verify: z.boolean().optional(),
  batchSize: z.number().int().min(1).max(100_000).optional(),
});
export type FleetMask = z.infer<typeof FleetMask>;

export const FleetEnvironment = z.strictObject({
  /** The Pulumi stack of this environment. */
  stack: StackName,
  /** Default: the source project. */
  targetProjectId: ObjectId.optional(),
  /** Target of a tenant or Flex restore. */
  targetDeploymentItemName: DeploymentItemName.optional(),
  /** Target of a dedicated (Cloud Backup) restore. */
  targetClusterName: ClusterName.optional(),
  snapshot: SnapshotChoice.optional(),
  wait: FleetWait.optional(),
  mask: z.union([FleetMask, z.literal(false)]).optional(),
}, { error: "must be a map with stack and the target cluster" });
export type FleetEnvironment = z.infer<typeof FleetEnvironment>;

export const FleetFile = z.strictObject({
  /** Pulumi project name of the fleet's stacks (default "atlas-restore-fleet"). */
  project: z
    .string({ error: "must be a string" })
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: "may contain only letters, digits, - _ . (1-100 characters)" })
    .default("atlas-restore-fleet"),
  /** State backend URL (postgres://…, file://…); PULUMI_BACKEND_URL takes precedence. */
  backend: z.string({ error: "must be a backend URL" }).regex(/^[a-z0-9+]+:\/\/./, { error: "must be a URL such as postgres://user@host:5432/db or file:///abs/dir" }).optional(),
  atlas: z
    .strictObject({
      /** Atlas base URL (keys come from the environment only, never from this file). */
      baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
      /** The per-project request budget the fleet's polls are spread under (Atlas: 100/min). */
      requestsPerMinute: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(10, { error: "must be at least 10" }).max(100_000).default(100),
    })
    .prefault({}),
  source: FleetSource,
  snapshot: SnapshotChoice.default("latest"),
  wait: FleetWait.default({}),
  mask: FleetMask.optional(),
  /** up: never adopt a finished restore job when a restore is created (as `up --fresh`). */
  fresh: z.boolean({ error: "must be true or false" }).default(false),
  environments: z.array(FleetEnvironment, { error: "must be a list of environments" }).min(1, { error: "must list at least one environment" }),
});
export type FleetFile = z.infer<typeof FleetFile>;
