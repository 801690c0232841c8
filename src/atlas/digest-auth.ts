// First: on an unsupported Node.js, one clear line instead of ERR_REQUIRE_ESM from digest-fetch.
import "../util/node-support-guard";
import DigestClient from "digest-fetch";
import type { Send, TransportRequest } from "./transport";

type Exchange = (url: string, init: RequestInit) => Promise<Response>;

/**
 * digest-fetch, pointed at our counting, time-limited exchange instead of the global fetch. It keeps
 * the server's challenge after the first 401, so N calls cost about N + 1 round trips, and answers a
 * `stale=true` 401 by retrying once with the new nonce.
 */
class ExchangeDigestClient extends DigestClient {
  constructor(
    publicKey: string,
    privateKey: string,
    private readonly exchange: Exchange,
  ) {
    super(publicKey, privateKey, { algorithm: "MD5" });
  }
  override async getClient(): Promise<typeof fetch> {
    return this.exchange as typeof fetch;
  }
  /** Gives each signed request its own nonce count, so concurrent requests never share one. */
  override addAuth(url: unknown, options: unknown): unknown {
    const signed = super.addAuth(url, options);
    if (this.hasAuth) this.digest.nc++;
    return signed;
  }
}

/**
 * The auth hook: wraps one DigestClient (one per AtlasClient, so the challenge is reused) behind a
 * `send(request)` function. Keys live only inside the DigestClient.
 */
export function createDigestSend(publicKey: string, privateKey: string, exchange: Exchange): Send {
  const client = new ExchangeDigestClient(publicKey, privateKey, exchange);
  return async (request: TransportRequest) => {
    // A fresh plain headers object per call: digest-fetch writes Authorization into it.
    const init: RequestInit & { headers: Record<string, string> } = {
      method: request.method,
      headers: { ...request.headers },
    };
    if (request.body !== undefined) init.body = request.body;
    if (request.signal !== undefined) init.signal = request.signal;
    const res = (await client.fetch(request.url, init)) as Response;
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}
