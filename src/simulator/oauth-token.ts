import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { atlasErrorBody } from "./errors";
import { JSON_MEDIA_TYPE } from "./media-types";
import type { RateLimiter } from "./rate-limit";
import type { Outgoing } from "./respond";

/** One configured service account (client credentials). */
export interface SimServiceAccount {
  clientId: string;
  clientSecret: string;
}

export interface TokenIssuerOptions {
  accounts: readonly SimServiceAccount[];
  /** `expires_in` of every token, in seconds. */
  lifetimeSeconds: number;
  now: () => number;
  /** Token-endpoint limit per client id (Atlas: 50 a minute per IP and client); undefined = none. */
  limiter: RateLimiter | undefined;
}

/** Why a Bearer token was not accepted. */
export type BearerFailure = "unknown" | "expired";

const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>): Outgoing => ({
  status,
  contentType: JSON_MEDIA_TYPE,
  body: JSON.stringify({ error, error_description: description }),
  headers,
});

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Decodes `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): SimServiceAccount | undefined {
  const m = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  try {
    return { clientId: decode(text.slice(0, colon)), clientSecret: decode(text.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * `POST /api/oauth/token` (client credentials) and Bearer checks, as Atlas answers them: Basic
 * auth against the configured accounts (401 `invalid_client` otherwise), `grant_type` required
 * (400 `unsupported_grant_type`), a per-client rate limit (429 RATE_LIMITED with Retry-After),
 * random opaque tokens valid `lifetimeSeconds` by the injected clock.
 */
export class TokenIssuer {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  /** Every token issued, in order (tests check that none leaks into state or output). */
  readonly issued: string[] = [];
  constructor(private readonly options: TokenIssuerOptions) {}

  handle(headers: IncomingHttpHeaders, bodyText: string): Outgoing {
    const given = basicCredentials(headers.authorization);
    const account = given && this.options.accounts.find((a) => a.clientId === given.clientId);
    if (!given || !account || !sameText(account.clientSecret, given.clientSecret)) {
      return oauthError(401, "invalid_client", "Invalid client credentials.", { "WWW-Authenticate": 'Basic realm="oauth"' });
    }
    const decision = this.options.limiter?.take(account.clientId);
    if (decision && !decision.allowed) {
      const body = atlasErrorBody(429, "RATE_LIMITED", "Resource /api/oauth/token is limited to 50 requests every 1 minutes.");
      return { status: 429, contentType: JSON_MEDIA_TYPE, body: JSON.stringify(body), headers: { "Retry-After": String(decision.retryAfterSeconds) } };
    }
    if (!/^application\/x-www-form-urlencoded\b/i.test(String(headers["content-type"] ?? ""))) {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
    }
    if (new URLSearchParams(bodyText).get("grant_type") !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials.");
    }
    const token = `simtok_${randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, { clientId: account.clientId, expiresAt: this.options.now() + this.options.lifetimeSeconds * 1000 });
    this.issued.push(token);
    const body = { access_token: token, token_type: "Bearer", expires_in: this.options.lifetimeSeconds };
    return { status: 200, contentType: JSON_MEDIA_TYPE, body: JSON.stringify(body), headers: { "Cache-Control": "no-store" } };
  }

  /** Checks a Bearer token: undefined when valid, else the 401 Atlas answers. */
  rejection(token: string): Outgoing | undefined {
    const known = this.tokens.get(token);
    if (known === undefined) return bearerRejection("unknown");
    return this.options.now() >= known.expiresAt ? bearerRejection("expired") : undefined;
  }

  /** Atlas forgets every token (as after a revocation): the next API call with one gets 401. */
  revokeAll(): void {
    this.tokens.clear();
  }
}

/** The token of an `Authorization: Bearer <token>` header, else undefined (digest or none). */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

function bearerRejection(failure: BearerFailure): Outgoing {
  const detail = failure === "expired" ? "The access token has expired." : "The access token is invalid.";
  return {
    status: 401,
    contentType: JSON_MEDIA_TYPE,
    body: JSON.stringify(atlasErrorBody(401, "UNAUTHORIZED", detail)),
    headers: { "WWW-Authenticate": `Bearer error="invalid_token", error_description="${detail}"` },
  };
}
