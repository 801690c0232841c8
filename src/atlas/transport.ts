import { AtlasAbortedError } from "./aborted-error";
import { AtlasNetworkError } from "./errors";

/** One HTTP request as the client builds it. Headers are a plain object (digest-fetch sets Authorization on it). */
export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the exchange (AtlasAbortedError); see createExchange. */
  signal?: AbortSignal;
}

/** A fully read response: status, headers and the whole body text. */
export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The send hook: everything above it (retry, pagination) is blind to auth and sockets. */
export type Send = (request: TransportRequest) => Promise<TransportResponse>;

export interface ExchangeOptions {
  timeoutMs: number;
  /** Underlying fetch; default global fetch. */
  fetch?: typeof fetch;
  /** Called once per HTTP round trip attempted (digest challenges included). */
  onExchange?: () => void;
}

const UNSENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const TIMEOUTS = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** Finds the innermost errno-like code in an error chain (undici wraps it in `cause`). */
function errnoOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns a fetch failure into an AtlasNetworkError that says whether the request may have arrived. */
export function classifyNetworkError(err: unknown, method: string, url: string, timedOut: boolean, stage: "connect" | "body"): AtlasNetworkError {
  const errno = timedOut ? "TIMEOUT" : (errnoOf(err) ?? "UNKNOWN");
  const isTimeout = timedOut || TIMEOUTS.has(errno);
  const requestSent = stage === "body" || !(UNSENT.has(errno) && !isTimeout);
  const message = err instanceof Error ? (errnoOf(err) === undefined ? err.message : undefined) : undefined;
  return new AtlasNetworkError({
    method,
    path: pathOf(url),
    errno,
    requestSent,
    timedOut: isTimeout,
    cause: err,
    detail: stage === "body" && !isTimeout ? `response cut off${message ? `: ${message}` : ""}` : message,
  });
}

/**
 * Builds the per-exchange fetch: one AbortController per round trip (so `timeoutMs` bounds each
 * exchange, body included, and the caller's `init.signal` ends it at once), the body read in full,
 * and failures classified. Returns a real Response
 * over the buffered body so digest-fetch can read status and headers.
 */
export function createExchange(options: ExchangeOptions): (url: string, init: RequestInit) => Promise<Response> {
  const underlying = options.fetch ?? fetch;
  return async (url, init) => {
    const method = init.method ?? "GET";
    // The caller's signal (init.signal) ends the exchange too: AtlasAbortedError, sent or not.
    const outer = init.signal ?? undefined;
    if (outer?.aborted) throw new AtlasAbortedError(method, pathOf(url), false, outer.reason);
    options.onExchange?.();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener("abort", onAbort, { once: true });
    let stage: "connect" | "body" = "connect";
    try {
      const res = await underlying(url, { ...init, signal: controller.signal, redirect: "manual" });
      stage = "body";
      const text = await res.text();
      const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
      return new Response(nullBody ? null : text, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      if (outer?.aborted && !timedOut) throw new AtlasAbortedError(method, pathOf(url), true, outer.reason);
      throw classifyNetworkError(err, method, url, timedOut, stage);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    }
  };
}
