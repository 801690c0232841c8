import { createHash, randomBytes } from "node:crypto";

/** The realm Atlas announces in its challenge. */
export const DIGEST_REALM = "MMS Public API";

export interface DigestAuthOptions {
  publicKey: string;
  privateKey: string;
  now: () => number;
  nonceTtlMs: number;
}

/**
 * Why a request was not authenticated:
 * - `missing`: no (or a non-Digest / unparsable) Authorization header: a plain challenge.
 * - `unknown-user`: the username is not the public key. `bad-response`: wrong private key, realm,
 *   uri or qop. Both: rejected key pair, fresh challenge with `stale=false`.
 * - `stale`: the digest is right but the nonce expired (or was never issued by this server):
 *   challenge with `stale=true`, so the client re-hashes without asking for the password again.
 */
export type DigestFailure = "missing" | "unknown-user" | "bad-response" | "stale";
export type DigestResult = { ok: true } | { ok: false; failure: DigestFailure };

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** Splits `Digest a="x", b=y` into its parameters. */
export function parseDigestHeader(header: string): Record<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(match[1]!); m !== null; m = re.exec(match[1]!)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
  }
  return params;
}

/**
 * HTTP Digest (RFC 2617, MD5, qop=auth) as Atlas speaks it. One nonce serves any number of
 * requests until it is `nonceTtlMs` old by the injected clock; `nc` is not checked for order
 * because digest-fetch sends concurrent requests with the same `nc`.
 */
export class DigestAuthenticator {
  private readonly nonces = new Map<string, number>();
  constructor(private readonly options: DigestAuthOptions) {}

  /** A `WWW-Authenticate` value with a fresh nonce, in Atlas's parameter order. */
  challenge(stale: boolean): string {
    const now = this.options.now();
    for (const [nonce, issued] of this.nonces) if (now - issued >= this.options.nonceTtlMs) this.nonces.delete(nonce);
    const nonce = randomBytes(24).toString("base64");
    this.nonces.set(nonce, now);
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** Checks `Authorization` against the request's method and the uri as sent (path and query). */
  verify(method: string, requestUri: string, authorization: string | undefined): DigestResult {
    const p = authorization === undefined ? undefined : parseDigestHeader(authorization);
    if (p === undefined || !p.username || !p.nonce || !p.response || p.uri === undefined) return { ok: false, failure: "missing" };
    if (p.username !== this.options.publicKey) return { ok: false, failure: "unknown-user" };
    const algorithmOk = p.algorithm === undefined || p.algorithm.toUpperCase() === "MD5";
    const uriOk = p.uri === requestUri || safeDecode(p.uri) === safeDecode(requestUri);
    if (p.realm !== DIGEST_REALM || p.qop !== "auth" || !algorithmOk || !uriOk || !p.nc || !p.cnonce) {
      return { ok: false, failure: "bad-response" };
    }
    const ha1 = md5(`${p.username}:${DIGEST_REALM}:${this.options.privateKey}`);
    const ha2 = md5(`${method.toUpperCase()}:${p.uri}`);
    const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    if (expected !== p.response.toLowerCase()) return { ok: false, failure: "bad-response" };
    const issued = this.nonces.get(p.nonce);
    if (issued === undefined || this.options.now() - issued >= this.options.nonceTtlMs) return { ok: false, failure: "stale" };
    return { ok: true };
  }
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
