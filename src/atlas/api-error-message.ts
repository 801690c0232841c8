import type { AtlasApiErrorInit } from "./errors";
import { ACCESS_TOKEN_ENV_VARS, CLIENT_ID_ENV_VARS, PRIVATE_KEY_ENV_VARS, PUBLIC_KEY_ENV_VARS } from "./credentials";

/** Names what a path points at: `restore job 5f… of cluster Cluster0 in project 6a…`. */
export function describeTarget(path: string): string {
  const seg = path.split("?")[0].split("/").filter(Boolean);
  const after = (name: string) => {
    const i = seg.lastIndexOf(name);
    return i >= 0 && i + 1 < seg.length ? decodeURIComponent(seg[i + 1]) : undefined;
  };
  const project = after("groups");
  const cluster = after("clusters") ?? after("flexClusters");
  const job = after("restores") ?? after("restoreJobs");
  const snapshot = after("snapshots");
  const parts: string[] = [];
  if (job) parts.push(`restore job ${job}`);
  if (snapshot) parts.push(`snapshot ${snapshot}`);
  if (cluster) parts.push(`${seg.includes("flexClusters") ? "Flex cluster" : "cluster"} ${cluster}`);
  if (project) parts.push(`project ${project}`);
  if (parts.length === 0) return "the resource";
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(" of ")} in ${parts[parts.length - 1]}`;
}

/** A message a person can act on, for an Atlas error status. Holds no secret. */
export function apiErrorMessage(e: AtlasApiErrorInit): string {
  const head = `${e.method} ${e.path} → ${e.status}${e.errorCode ? ` ${e.errorCode}` : ""}`;
  const says = e.detail ?? e.reason ?? (e.bodySnippet ? `body starts: ${e.bodySnippet}` : undefined);
  const atlas = says ? ` Atlas says: ${says}` : "";
  const retried = e.retries ? ` (after ${e.retries} retr${e.retries === 1 ? "y" : "ies"})` : "";
  switch (true) {
    case e.status === 400:
      return `${head}: Atlas rejected the request as invalid.${atlas}`;
    case e.status === 401 && e.auth === "serviceAccount":
      return `${head}: Atlas rejected the service account's access token, also a freshly issued one: the service account may not belong to the organization of this project, or may lack access to it. Check ${CLIENT_ID_ENV_VARS[0]} (or Pulumi config mongodbatlas:clientId).${atlas}`;
    case e.status === 401 && e.auth === "accessToken":
      return `${head}: Atlas rejected the access token: it has expired (tokens last one hour and a given accessToken is never renewed) or is not valid for this project. Set a fresh ${ACCESS_TOKEN_ENV_VARS[0]} (or Pulumi config mongodbatlas:accessToken), or give clientId/clientSecret instead so tokens are renewed automatically.${atlas}`;
    case e.status === 401:
      return `${head}: Atlas rejected the API key pair. Check ${PUBLIC_KEY_ENV_VARS[0]} / ${PRIVATE_KEY_ENV_VARS[0]} (or Pulumi config mongodbatlas:publicKey / mongodbatlas:privateKey), and that the key is not disabled or deleted.${atlas}`;
    case e.status === 403:
      return `${head}: the API key may not do this: it lacks the needed project role, or the caller's IP address is not on the key's API access list.${atlas}`;
    case e.status === 404:
      return `${head}: not found: ${describeTarget(e.path)} (or one of them) does not exist or is not visible to this API key.${atlas}`;
    case e.status === 409:
      return `${head}: conflict: Atlas refused because of the current state (for example a restore to this target is already running).${atlas}`;
    case e.status === 410: {
      const tenant = e.path.includes("/backup/tenant/")
        ? " The M2/M5 (tenant) restore endpoints were sunset on 2026-01-22: use the Flex restore methods (createFlexRestoreJob, getFlexRestoreJob, …) with apiVersion \"v2\"."
        : "";
      return `${head}: this endpoint is gone (sunset).${tenant}${atlas}`;
    }
    case e.status === 429: {
      const wait = e.retryAfterMs !== undefined ? ` Atlas asked to wait ${Math.ceil(e.retryAfterMs / 1000)} s.` : "";
      return `${head}: rate limited by Atlas${retried || " (no retry left in the budget)"}.${wait} Try again later or make fewer calls.${atlas}`;
    }
    case e.status >= 500: {
      const post = e.method === "GET" ? "" : " The request may have been processed: look the job up before sending it again.";
      return `${head}: Atlas failed with a server error${retried}.${post}${atlas}`;
    }
    default:
      return `${head}: unexpected status${retried}.${atlas}`;
  }
}
