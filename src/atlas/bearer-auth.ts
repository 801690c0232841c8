import type { Send, TransportRequest } from "./transport";

type Exchange = (url: string, init: RequestInit) => Promise<Response>;

/** Where a bearer client gets its token; `renew` is absent for a fixed access token. */
export interface TokenSource {
  token(): Promise<string>;
  renew?(rejected: string): Promise<string>;
}

/**
 * The auth hook for OAuth 2.0 bearer tokens: one exchange per call. A 401 although the token
 * should still be valid (revoked, server restarted) gets one renewal and one resend; a request
 * answered 401 was not processed, so this is safe for POST too. When the source keeps the token
 * (it was just issued, so the 401 means no access), the 401 stands. The token never leaves this
 * function's scope except in the Authorization header of the exchange.
 */
export function createBearerSend(source: TokenSource, exchange: Exchange): Send {
  const once = async (request: TransportRequest, token: string) => {
    const init: RequestInit = { method: request.method, headers: { ...request.headers, Authorization: `Bearer ${token}` } };
    if (request.body !== undefined) init.body = request.body;
    const res = await exchange(request.url, init);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  return async (request) => {
    const token = await source.token();
    const res = await once(request, token);
    if (res.status !== 401 || source.renew === undefined) return res;
    const renewed = await source.renew(token);
    return renewed === token ? res : once(request, renewed);
  };
}
