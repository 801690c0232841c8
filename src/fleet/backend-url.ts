import { redactSecrets } from "./redact";

/**
 * The state backend URL as the Pulumi CLI gets it. A PostgreSQL password (in the userinfo or as
 * `?password=`) is taken out of the URL and handed over as PGPASSWORD (the driver, lib/pq, reads
 * it), so Pulumi never sees it: not in its error messages, lock descriptions, workspace or
 * credentials files.
 */
export interface BackendLogin {
  url: string;
  /** Set for a PostgreSQL URL that carried a password. */
  password?: string;
}

const POSTGRES = /^postgres(?:ql)?:\/\//i;

export function splitBackendPassword(url: string): BackendLogin {
  if (!POSTGRES.test(url)) return { url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  let password: string | undefined;
  if (parsed.password !== "") {
    password = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  const query = parsed.searchParams.get("password");
  if (query !== null) {
    password ??= query;
    parsed.searchParams.delete("password");
  }
  if (password === undefined) return { url };
  // URL keeps "user:@" after clearing the password on some inputs: drop the empty colon.
  return { url: parsed.toString().replace(/^([^:]+:\/\/[^:@/]*):@/, "$1@"), password };
}

/** A backend URL fit for messages: passwords replaced by ****. */
export const redactBackendUrl = (url: string): string => redactSecrets(url);
