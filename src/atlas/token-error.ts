import { credentialLabel, type CredentialSource } from "./credentials";
import { AtlasError } from "./errors";

export interface AtlasTokenErrorInit {
  clientId: string;
  /** Where the client secret came from, so the message names the setting to fix. */
  source: CredentialSource;
  /** HTTP status of the token endpoint's last answer (200 when its body was not a token). */
  status: number;
  /** OAuth `error` (e.g. `invalid_client`) or Atlas `errorCode` (e.g. `RATE_LIMITED`). */
  errorCode: string;
  /** `error_description` or Atlas `detail`; never holds a secret (the server does not echo it). */
  detail?: string;
  retries?: number;
}

/**
 * The token endpoint (`POST /api/oauth/token`) gave no token for a service account: wrong or
 * revoked secret (no retry), or still rate limited / failing after the retry policy gave up.
 * Names the client id and the setting to fix; never the secret or a token.
 */
export class AtlasTokenError extends AtlasError {
  override name = "AtlasTokenError" as const;
  override readonly code = "ATLAS_TOKEN" as const;
  readonly clientId: string;
  readonly status: number;
  readonly errorCode: string;
  readonly detail?: string;
  readonly retries: number;
  readonly method = "POST" as const;
  readonly path = "/api/oauth/token" as const;
  constructor(init: AtlasTokenErrorInit) {
    super(tokenErrorMessage(init));
    this.clientId = init.clientId;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.retries = init.retries ?? 0;
  }
  /** True when Atlas refused the client id / secret themselves (asking again cannot help). */
  get rejectedCredentials(): boolean {
    return this.status === 400 || this.status === 401;
  }
}

function tokenErrorMessage(e: AtlasTokenErrorInit): string {
  const head = `service account ${e.clientId}: POST /api/oauth/token → ${e.status} ${e.errorCode}`;
  const says = e.detail ? ` Atlas says: ${e.detail}` : "";
  const retried = e.retries ? ` after ${e.retries} retr${e.retries === 1 ? "y" : "ies"}` : "";
  if (e.status === 400 || e.status === 401) {
    return (
      `${head}: Atlas refused the service account's credentials, so no token was issued. Check the client secret in ` +
      `${credentialLabel("clientSecret", e.source)} and the client id in ${credentialLabel("clientId", e.source)}, and that the ` +
      `service account and its secret still exist and have not expired in Atlas (Organization → Access Manager → Service Accounts).${says}`
    );
  }
  if (e.status === 429) {
    return `${head}: the token endpoint is rate limited (about 50 requests a minute per IP address and client) and still refused${retried}. Wait a minute and try again; runs that share a service account share this limit.${says}`;
  }
  if (e.status >= 200 && e.status < 300) return `${head}: the answer is not a token.${says}`;
  return `${head}: no token${retried}.${says}`;
}
