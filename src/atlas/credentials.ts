import { AtlasConfigError } from "./errors";

/** Environment variables read, first non-empty wins (the Atlas CLI and Terraform provider use the same names). */
export const PUBLIC_KEY_ENV_VARS = ["MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY"] as const;
export const PRIVATE_KEY_ENV_VARS = ["MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY"] as const;
export const CLIENT_ID_ENV_VARS = ["MONGODB_ATLAS_CLIENT_ID"] as const;
export const CLIENT_SECRET_ENV_VARS = ["MONGODB_ATLAS_CLIENT_SECRET"] as const;
export const ACCESS_TOKEN_ENV_VARS = ["MONGODB_ATLAS_ACCESS_TOKEN"] as const;

/** The credential settings, each with its environment variables (Pulumi config: `mongodbatlas:<name>`). */
export const CREDENTIAL_ENV_VARS = Object.freeze({
  accessToken: ACCESS_TOKEN_ENV_VARS,
  clientId: CLIENT_ID_ENV_VARS,
  clientSecret: CLIENT_SECRET_ENV_VARS,
  publicKey: PUBLIC_KEY_ENV_VARS,
  privateKey: PRIVATE_KEY_ENV_VARS,
});
export type CredentialName = keyof typeof CREDENTIAL_ENV_VARS;
type Env = Record<string, string | undefined>;

/** Where the credentials came from: the options (a Pulumi program's stack config) or the environment. */
export type CredentialSource = "options" | "environment";

/**
 * The one auth method a client uses. Precedence within one source follows the Terraform provider:
 * access token, then service account, then API key.
 */
export type AtlasCredentials =
  | { kind: "accessToken"; source: CredentialSource; accessToken: string }
  | { kind: "serviceAccount"; source: CredentialSource; clientId: string; clientSecret: string }
  | { kind: "apiKey"; source: CredentialSource; publicKey: string; privateKey: string };

/** How a setting is named for a person, in the words of the source it came from. */
export function credentialLabel(name: CredentialName, source: CredentialSource): string {
  return source === "options" ? `${name} (Pulumi config mongodbatlas:${name})` : CREDENTIAL_ENV_VARS[name].join(" / ");
}

const KIND_LABEL = { accessToken: "access token", serviceAccount: "service account (clientId/clientSecret)", apiKey: "API key (publicKey/privateKey)" };

const trimmed = (v: string | undefined) => (v !== undefined && v.trim() !== "" ? v.trim() : undefined);

function fromOptions(options: Partial<Record<CredentialName, string>>): Partial<Record<CredentialName, string>> {
  const found: Partial<Record<CredentialName, string>> = {};
  for (const name of Object.keys(CREDENTIAL_ENV_VARS) as CredentialName[]) {
    const v = trimmed(options[name]);
    if (v !== undefined) found[name] = v;
  }
  return found;
}

function fromEnv(env: Env): Partial<Record<CredentialName, string>> {
  const found: Partial<Record<CredentialName, string>> = {};
  for (const [name, vars] of Object.entries(CREDENTIAL_ENV_VARS) as [CredentialName, readonly string[]][]) {
    const v = vars.map((n) => trimmed(env[n])).find((x) => x !== undefined);
    if (v !== undefined) found[name] = v;
  }
  return found;
}

function checkPair(found: Partial<Record<CredentialName, string>>, a: CredentialName, b: CredentialName, what: string, source: CredentialSource): void {
  if ((found[a] === undefined) === (found[b] === undefined)) return;
  const [set, unset] = found[a] !== undefined ? [a, b] : [b, a];
  throw new AtlasConfigError(
    unset,
    `${credentialLabel(set, source)} is set but ${credentialLabel(unset, source)} is not: ${what} needs both. ` +
      `Set ${unset} too, or remove ${set}.` +
      (source === "options" ? " (Credentials are not merged across sources: with any of them in the options or stack config, the environment is not read.)" : ""),
  );
}

/**
 * Picks the credentials: from the options if any credential option is set, else from the
 * environment; sources are never merged. A half-set pair is an error naming both names. Several
 * complete methods in one source: access token, then service account, then API key, and `notice`
 * says which was used. Never puts a secret into a message.
 */
export function resolveCredentials(options: Partial<Record<CredentialName, string>>, env: Env): { credentials: AtlasCredentials; notice?: string } {
  let source: CredentialSource = "options";
  let found = fromOptions(options);
  if (Object.keys(found).length === 0) {
    source = "environment";
    found = fromEnv(env);
  }
  if (Object.keys(found).length === 0) {
    throw new AtlasConfigError(
      "credentials",
      "no Atlas credentials: give a service account (options clientId + clientSecret; Pulumi config mongodbatlas:clientId + secret mongodbatlas:clientSecret; " +
        `or ${CLIENT_ID_ENV_VARS[0]} + ${CLIENT_SECRET_ENV_VARS[0]}), an API key (publicKey + privateKey; mongodbatlas:publicKey + secret mongodbatlas:privateKey; ` +
        `or ${PUBLIC_KEY_ENV_VARS.join(", ")} + ${PRIVATE_KEY_ENV_VARS.join(", ")}), or an access token (accessToken; mongodbatlas:accessToken; ${ACCESS_TOKEN_ENV_VARS[0]})`,
    );
  }
  checkPair(found, "clientId", "clientSecret", "a service account", source);
  checkPair(found, "publicKey", "privateKey", "an API key", source);
  const complete: AtlasCredentials[] = [];
  if (found.accessToken) complete.push({ kind: "accessToken", source, accessToken: found.accessToken });
  if (found.clientId && found.clientSecret) complete.push({ kind: "serviceAccount", source, clientId: found.clientId, clientSecret: found.clientSecret });
  if (found.publicKey && found.privateKey) complete.push({ kind: "apiKey", source, publicKey: found.publicKey, privateKey: found.privateKey });
  const [credentials, ...ignored] = complete as [AtlasCredentials, ...AtlasCredentials[]];
  if (ignored.length === 0) return { credentials };
  const where = source === "options" ? "the options / stack config" : "the environment";
  const notice =
    `pulumi-atlas-restore: ${where} hold${source === "options" ? "" : "s"} several Atlas credentials; using the ${KIND_LABEL[credentials.kind]}, ` +
    `ignoring the ${ignored.map((c) => KIND_LABEL[c.kind]).join(" and the ")} (precedence: access token, service account, API key).`;
  return { credentials, notice };
}

const noticed = new Set<string>();
/** Prints a credentials notice to stderr, once per process for each distinct line. */
export function noticeOnce(line: string): void {
  if (noticed.has(line)) return;
  noticed.add(line);
  console.warn(line);
}
