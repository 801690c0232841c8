import { ACCESS_TOKEN_ENV_VARS, CLIENT_SECRET_ENV_VARS, PRIVATE_KEY_ENV_VARS } from "../atlas/credentials";

/**
 * Credentials never leave the fleet in text: every message, line and summary it prints or writes
 * goes through `redactSecrets` (a URL's userinfo password, a `password=` query or key/value
 * parameter) and `redactKnown` (the exact secret values of this run, e.g. the backend password).
 */

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#]*):[^\s@/?#]*@/gi;
const PASSWORD_PARAM = /\b(password|passwd|pwd|sslpassword)=([^\s&;'"]+)/gi;

/** Passwords in URLs (`user:PASSWORD@`, `?password=PASSWORD`) and `password=…` key/values become ****. */
export function redactSecrets(text: string): string {
  return text.replace(USERINFO, "$1:****@").replace(PASSWORD_PARAM, "$1=****");
}

/** `redactSecrets`, plus every given secret value (and its URL-encoded form) replaced by ****. */
export function redactKnown(text: string, secrets: readonly string[]): string {
  let out = redactSecrets(text);
  for (const s of secrets) {
    if (s.length < 6) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join("****");
  }
  return out;
}

/**
 * The secret values a run knows of in its environment (Atlas private key, client secret or token,
 * the backend password). Not the passphrase: Pulumi never prints it, and a short one ("fleet")
 * would blank ordinary words. Values shorter than 6 characters are left to the URL rules.
 */
export function knownSecrets(env: NodeJS.ProcessEnv, extra: ReadonlyArray<string | undefined> = []): string[] {
  const names = [...PRIVATE_KEY_ENV_VARS, ...CLIENT_SECRET_ENV_VARS, ...ACCESS_TOKEN_ENV_VARS, "PGPASSWORD"];
  return [...names.map((n) => env[n]), ...extra].filter((v): v is string => typeof v === "string" && v.length >= 6);
}
