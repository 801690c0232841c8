import { resolveCredentials, type AtlasCredentials } from "./credentials";
import { AtlasConfigError } from "./errors";

export {
  PUBLIC_KEY_ENV_VARS, PRIVATE_KEY_ENV_VARS, CLIENT_ID_ENV_VARS, CLIENT_SECRET_ENV_VARS, ACCESS_TOKEN_ENV_VARS,
} from "./credentials";
export const BASE_URL_ENV_VARS = ["MONGODB_ATLAS_BASE_URL"] as const;

export const DEFAULT_BASE_URL = "https://cloud.mongodb.com";
export const ATLAS_API_VERSIONS = ["v1.0", "v2"] as const;
export type AtlasApiVersion = (typeof ATLAS_API_VERSIONS)[number];

/** The part of the client options that names the account and the server. */
export interface AtlasSettingsInput {
  publicKey?: string;
  privateKey?: string;
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  baseUrl?: string;
  apiVersion?: string;
}

export interface AtlasSettings {
  /** The one auth method used (never merged across options and environment). */
  credentials: AtlasCredentials;
  /** One line saying which credentials were used when a source held several; else absent. */
  notice?: string;
  /** Host root without a trailing slash, e.g. `https://cloud.mongodb.com`. */
  baseUrl: string;
  apiVersion: AtlasApiVersion;
}

type Env = Record<string, string | undefined>;

function pick(option: string | undefined, env: Env, names: readonly string[]): { value?: string; from?: string } {
  if (option !== undefined && option.trim() !== "") return { value: option.trim(), from: "option" };
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== "") return { value: v.trim(), from: name };
  }
  return {};
}

/** Shows a URL without any user:password part. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, "//***@");
}

/** Validates a base URL: http(s), no credentials, query, fragment or path other than "/". */
export function normalizeBaseUrl(raw: string, from = "option"): string {
  const where = from === "option" ? "" : ` (from ${from})`;
  const bad = (why: string) =>
    new AtlasConfigError(
      "baseUrl",
      `baseUrl "${redactUrl(raw)}"${where} ${why}; expected a host root such as ${DEFAULT_BASE_URL}`,
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad("is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("must use http or https");
  if (url.username !== "" || url.password !== "") throw bad("must not contain credentials (use publicKey/privateKey)");
  if (url.search !== "" || url.hash !== "") throw bad("must not contain a query or fragment");
  if (url.pathname !== "/" && url.pathname !== "") {
    throw bad(`must not contain a path ("${url.pathname}"); the client adds /api/atlas/<version> itself`);
  }
  return `${url.protocol}//${url.host}`;
}

/**
 * Resolves credentials (see resolveCredentials: one source, never merged), base URL and API version
 * from options, then environment variables. Pure apart from reading `env`; throws AtlasConfigError
 * (before any request) naming the option and the environment variables that could supply it.
 * Never includes a key, secret or token in a message.
 */
export function resolveAtlasSettings(options: AtlasSettingsInput = {}, env: Env = process.env): AtlasSettings {
  const { credentials, notice } = resolveCredentials(options, env);
  const base = pick(options.baseUrl, env, BASE_URL_ENV_VARS);
  const baseUrl = base.value === undefined ? DEFAULT_BASE_URL : normalizeBaseUrl(base.value, base.from);
  // Bearer credentials (a service account's token, an access token) default to v2: Atlas documents
  // them for the versioned API, which every current Atlas client uses. API keys keep v1.0. Either
  // can be chosen explicitly.
  const apiVersion = options.apiVersion ?? (credentials.kind === "apiKey" ? "v1.0" : "v2");
  if (!(ATLAS_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw new AtlasConfigError(
      "apiVersion",
      `apiVersion "${String(apiVersion)}" is not supported; use one of ${ATLAS_API_VERSIONS.map((v) => `"${v}"`).join(", ")}`,
    );
  }
  return { credentials, ...(notice === undefined ? {} : { notice }), baseUrl, apiVersion: apiVersion as AtlasApiVersion };
}
