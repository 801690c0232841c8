import { z } from "zod";
import { ClusterName, ObjectId } from "./ids";

/**
 * Database users (Atlas `CloudDatabaseUser`), as far as DataMask's temporary user needs them:
 * `POST /groups/{groupId}/databaseUsers` and `DELETE /groups/{groupId}/databaseUsers/{databaseName}/{username}`.
 * Field names follow Atlas's public API reference; response fields this package does not use are accepted, not required.
 */
export const DatabaseUserRole = z.strictObject({ roleName: z.string(), databaseName: z.string(), collectionName: z.string().optional() });
export const DatabaseUserScope = z.strictObject({ name: z.string(), type: z.enum(["CLUSTER", "DATA_LAKE", "STREAM"]) });

export const CreateDatabaseUserParams = z.strictObject({
  projectId: ObjectId,
  /** SCRAM users authenticate against "admin". */
  databaseName: z.literal("admin"),
  username: z.string().min(1).max(1024),
  password: z.string().min(8),
  roles: z.array(DatabaseUserRole).min(1),
  scopes: z.array(DatabaseUserScope).min(1),
  /** ISO 8601 UTC: Atlas deletes the user then (the API accepts dates up to one week ahead). */
  deleteAfterDate: z.iso.datetime(),
  description: z.string().max(100).optional(),
});
export type CreateDatabaseUserParams = z.infer<typeof CreateDatabaseUserParams>;

export const DeleteDatabaseUserParams = z.strictObject({ projectId: ObjectId, databaseName: z.string(), username: z.string() });
export type DeleteDatabaseUserParams = z.infer<typeof DeleteDatabaseUserParams>;

/** Atlas's answer: the user without its password. */
export const DatabaseUser = z.looseObject({
  username: z.string(),
  databaseName: z.string(),
  groupId: z.string().optional(),
  deleteAfterDate: z.string().optional(),
  scopes: z.array(z.looseObject({ name: z.string(), type: z.string() })).optional(),
});
export type DatabaseUser = z.infer<typeof DatabaseUser>;

/** `connectionStrings` of a cluster description (`ClusterConnectionStrings`): the public ones DataMask may use. */
export const ClusterConnectionStrings = z.looseObject({
  standardSrv: z.string().optional(),
  standard: z.string().optional(),
});
export const ClusterWithConnectionStrings = z.looseObject({ name: ClusterName, connectionStrings: ClusterConnectionStrings.optional() });
export type ClusterWithConnectionStrings = z.infer<typeof ClusterWithConnectionStrings>;
