import { randomBytes } from "node:crypto";
import type { AtlasClient } from "../atlas/client";
import { AtlasApiError } from "../atlas/errors";
import { ClusterWithConnectionStrings } from "../schemas/database-user";
import type { Clock } from "../util/clock";
import { MaskError } from "./mask-errors";

/** A temporary user lives at most this long: Atlas deletes it then, even if the run that made it was killed. */
export const TEMPORARY_USER_LIFETIME_MS = 55 * 60_000;
export const TEMPORARY_USER_ROLE = { roleName: "readWriteAnyDatabase", databaseName: "admin" } as const;

export interface TemporaryUser {
  username: string;
  deleteAfterDate: string;
}

/** `uri` with `username:password@` and `authSource=admin`; the password is URI-encoded. */
export function withCredentials(uri: string, username: string, password: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new MaskError("CONNECT", `the cluster's connection string is not a mongodb:// or mongodb+srv:// URI`);
  const query = m[4] ?? "";
  const auth = /[?&]authSource=/.test(query) ? query : `${query ? `${query}&` : "?"}authSource=admin`;
  return `${m[1]}${encodeURIComponent(username)}:${encodeURIComponent(password)}@${m[2]}${m[3] ?? "/"}${auth}`;
}

/**
 * Runs `work` with a database user made for it: the cluster's connection string (standardSrv, else
 * standard) from the cluster GET, a user scoped to that one cluster with `deleteAfterDate` under an
 * hour ahead, deleted again when `work` ends (success or not). Its password exists only in this
 * process's memory. If the process is killed, Atlas removes the user at `deleteAfterDate`.
 */
export async function withTemporaryUser<T>(
  client: AtlasClient,
  ref: { projectId: string; clusterName: string },
  clock: Clock,
  log: (line: string) => void,
  work: (uri: string, user: TemporaryUser) => Promise<T>,
): Promise<T> {
  const cluster = ClusterWithConnectionStrings.parse(await client.getCluster(ref));
  const base = cluster.connectionStrings?.standardSrv ?? cluster.connectionStrings?.standard;
  if (base === undefined) throw new MaskError("CONNECT", `cluster ${ref.clusterName} has no connection string in Atlas (connectionStrings.standardSrv/standard): is it still being created?`);
  const username = `pulumi-mask-${randomBytes(6).toString("hex")}`;
  const password = randomBytes(24).toString("base64url");
  const deleteAfterDate = new Date(clock.now() + TEMPORARY_USER_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
  await client.createDatabaseUser({
    projectId: ref.projectId,
    databaseName: "admin",
    username,
    password,
    roles: [TEMPORARY_USER_ROLE],
    scopes: [{ name: ref.clusterName, type: "CLUSTER" }],
    deleteAfterDate,
    description: "pulumi-atlas-restore DataMask (temporary)",
  });
  log(`DataMask: temporary database user ${username} created on ${ref.clusterName} (Atlas deletes it at ${deleteAfterDate} at the latest)`);
  try {
    return await work(withCredentials(base, username, password), { username, deleteAfterDate });
  } finally {
    try {
      await client.deleteDatabaseUser({ projectId: ref.projectId, databaseName: "admin", username });
      log(`DataMask: temporary database user ${username} deleted`);
    } catch (error) {
      if (!(error instanceof AtlasApiError && error.status === 404)) {
        log(`DataMask: could not delete temporary database user ${username} (${(error as Error).message}); Atlas deletes it at ${deleteAfterDate}`);
      }
    }
  }
}
