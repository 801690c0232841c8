import { badRequest, notFound, SimulatedApiError } from "../errors";
import { ATLAS_2023_01_01 } from "../media-types";
import type { Route, RouteContext } from "../router";
import type { SimulatorState } from "../state";
import { cloudBackupRoutes } from "./cloud-backup";
import { checkClusterNameParam, checkObjectIdParam, requireCluster, requireProject } from "./lookup";

/**
 * Database users (`/groups/{groupId}/databaseUsers`, v1.0 and v2, media type 2023-01-01), as
 * Atlas's public API reference describes `CloudDatabaseUser`. No OpenAPI extract covers these
 * routes here; where a rule below is not confirmed by the reference it says "unconfirmed".
 * Also: the cluster GET answers with `connectionStrings`, which tests can point at a local server.
 * State lives beside the simulator's state (keyed by it), so this file stays self-contained.
 */
export interface SimDatabaseUser {
  groupId: string;
  databaseName: string;
  username: string;
  /** Kept so a test can mirror the user into a local server; Atlas never returns it. */
  password: string;
  roles: { roleName: string; databaseName: string; collectionName?: string }[];
  scopes: { name: string; type: string }[];
  deleteAfterDate?: string;
  description?: string;
  createdAt: number;
  deletedAt?: number;
}

interface UsersWorld {
  users: SimDatabaseUser[];
  connectionStrings: Map<string, { standard?: string; standardSrv?: string }>;
  onCreate?: (user: SimDatabaseUser) => void;
}
const worlds = new WeakMap<SimulatorState, UsersWorld>();
/** The database users of a simulator (deleted ones included, marked), its connection strings and a creation hook: for tests. */
export function databaseUsersWorld(state: SimulatorState): UsersWorld {
  let w = worlds.get(state);
  if (w === undefined) worlds.set(state, (w = { users: [], connectionStrings: new Map() }));
  return w;
}
/** Points a cluster's `connectionStrings` at a server of the test's own (e.g. `mongodb://127.0.0.1:PORT/`). */
export function setClusterConnectionString(state: SimulatorState, projectId: string, clusterName: string, uri: string): void {
  databaseUsersWorld(state).connectionStrings.set(`${projectId}/${clusterName}`, uri.startsWith("mongodb+srv://") ? { standardSrv: uri } : { standard: uri });
}

const live = (w: UsersWorld, now: number) =>
  w.users.filter((u) => u.deletedAt === undefined && (u.deleteAfterDate === undefined || Date.parse(u.deleteAfterDate) > now));

const WEEK_MS = 7 * 24 * 3600_000;
function parseUser(ctx: RouteContext, groupId: string): SimDatabaseUser {
  const b = (ctx.body ?? {}) as Record<string, unknown>;
  const fields: { field: string; description: string }[] = [];
  const need = (name: string, ok: boolean, description: string) => ok || fields.push({ field: name, description });
  need("databaseName", typeof b.databaseName === "string", "databaseName is required");
  need("username", typeof b.username === "string" && b.username.length > 0, "username is required");
  need("roles", Array.isArray(b.roles) && b.roles.length > 0, "roles is required");
  if (fields.length > 0) throw badRequest("INVALID_ATTRIBUTE", `Invalid attribute ${fields[0]!.field} specified.`, fields);
  if (b.groupId !== undefined && b.groupId !== groupId) throw badRequest("INVALID_ATTRIBUTE", "Invalid attribute groupId specified."); // unconfirmed
  // SCRAM users authenticate against admin; $external is for LDAP/X.509/AWS IAM/OIDC users (not modelled).
  if (b.databaseName !== "admin") throw badRequest("INVALID_ATTRIBUTE", "Invalid attribute databaseName specified."); // errorCode unconfirmed
  if (typeof b.password !== "string" || b.password.length < 8) throw badRequest("INVALID_ATTRIBUTE", "Invalid attribute password specified."); // minimum unconfirmed
  if (b.deleteAfterDate !== undefined) {
    const at = Date.parse(String(b.deleteAfterDate));
    // Atlas's reference (v1.0 "Create a Database User"): "in the future and within one week" of the request. errorCode unconfirmed.
    if (Number.isNaN(at) || at <= ctx.now || at > ctx.now + WEEK_MS) throw badRequest("INVALID_ATTRIBUTE", "Invalid attribute deleteAfterDate specified.");
  }
  const scopes = Array.isArray(b.scopes) ? (b.scopes as { name: string; type: string }[]) : [];
  for (const s of scopes) if (s.type === "CLUSTER") requireCluster(ctx.state, groupId, checkClusterNameParam(String(s.name), "scopes.name"), ["tenant", "flex", "dedicated"]); // 404 for an unknown cluster: unconfirmed
  return {
    groupId,
    databaseName: "admin",
    username: String(b.username),
    password: b.password,
    roles: b.roles as SimDatabaseUser["roles"],
    scopes,
    ...(b.deleteAfterDate !== undefined ? { deleteAfterDate: new Date(Date.parse(String(b.deleteAfterDate))).toISOString().replace(/\.000Z$/, "Z") } : {}),
    ...(typeof b.description === "string" ? { description: b.description } : {}),
    createdAt: ctx.now,
  };
}

function render(u: SimDatabaseUser, apiBase: string): Record<string, unknown> {
  return {
    awsIAMType: "NONE",
    databaseName: u.databaseName,
    ...(u.deleteAfterDate !== undefined ? { deleteAfterDate: u.deleteAfterDate } : {}),
    ...(u.description !== undefined ? { description: u.description } : {}),
    groupId: u.groupId,
    labels: [],
    ldapAuthType: "NONE",
    links: [{ href: `${apiBase}/groups/${u.groupId}/databaseUsers/admin/${encodeURIComponent(u.username)}`, rel: "self" }],
    oidcAuthType: "NONE",
    roles: u.roles,
    scopes: u.scopes,
    username: u.username,
    x509Type: "NONE",
  };
}

const common = { versions: ["v1.0", "v2"], mediaType: ATLAS_2023_01_01 } as const;
const BASE = "/groups/:groupId/databaseUsers";
const findUser = (ctx: RouteContext) => {
  const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
  requireProject(ctx.state, groupId);
  const u = live(databaseUsersWorld(ctx.state), ctx.now).find((x) => x.groupId === groupId && x.databaseName === ctx.params.databaseName && x.username === decodeURIComponent(ctx.params.username!));
  if (u === undefined) throw notFound("USERNAME_NOT_FOUND", `No user with username ${ctx.params.username} exists.`); // errorCode unconfirmed
  return u;
};

const baseGetCluster = cloudBackupRoutes.find((r) => r.name === "getCluster")!;

export const databaseUserRoutes: Route[] = [
  {
    ...common,
    name: "createDatabaseUser",
    method: "POST",
    pattern: BASE,
    handle: (ctx) => {
      const groupId = checkObjectIdParam(ctx.params.groupId!, "groupId");
      requireProject(ctx.state, groupId);
      const user = parseUser(ctx, groupId);
      const w = databaseUsersWorld(ctx.state);
      if (live(w, ctx.now).some((u) => u.groupId === groupId && u.username === user.username)) {
        throw new SimulatedApiError(409, "USER_ALREADY_EXISTS", `The specified database user already exists.`); // unconfirmed
      }
      w.users.push(user);
      w.onCreate?.(user);
      return { status: 201, body: render(user, ctx.apiBase) };
    },
  },
  { ...common, name: "getDatabaseUser", method: "GET", pattern: `${BASE}/:databaseName/:username`, handle: (ctx) => ({ status: 200, body: render(findUser(ctx), ctx.apiBase) }) },
  {
    ...common,
    name: "deleteDatabaseUser",
    method: "DELETE",
    pattern: `${BASE}/:databaseName/:username`,
    handle: (ctx) => {
      findUser(ctx).deletedAt = ctx.now;
      return { status: 204, body: undefined }; // v2: 204 No Content (unconfirmed for v1.0, which may answer 200 {})
    },
  },
  {
    // The cluster description with `connectionStrings` (ClusterConnectionStrings): a made-up SRV host
    // unless a test pointed the cluster at a server of its own.
    ...baseGetCluster,
    handle: (ctx) => {
      const out = baseGetCluster.handle(ctx);
      const key = `${ctx.params.groupId}/${ctx.params.clusterName}`;
      const own = databaseUsersWorld(ctx.state).connectionStrings.get(key);
      const connectionStrings = own ?? { standardSrv: `mongodb+srv://${String(ctx.params.clusterName).toLowerCase()}.sim0.mongodb.net` };
      return { ...out, body: { ...(out.body as Record<string, unknown>), connectionStrings } };
    },
  },
];
