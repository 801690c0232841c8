import { z } from "zod";
import { ApiErrorBody } from "../schemas/api-error";
import type { Clock } from "../util/clock";
import { apiErrorMessage } from "./api-error-message";
import { AtlasApiError, AtlasNetworkError, AtlasSchemaError, type AtlasApiErrorInit } from "./errors";
import { retryAfterMs } from "./retry-after";
import { describeOutcome, retryDelay, type RetryOutcome, type RetryPolicy } from "./retry-policy";
import type { Send, TransportResponse } from "./transport";

export interface RetryInfo {
  method: string;
  path: string;
  /** The attempt that failed (1 = first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface AtlasStats {
  /** Logical API requests (one per page, not counting retries). */
  calls: number;
  /** HTTP round trips attempted, digest challenges included. */
  exchanges: number;
  /** Attempts repeated by the retry policy. */
  retries: number;
}

export interface RequesterContext {
  baseUrl: string;
  send: Send;
  clock: Clock;
  policy: Readonly<RetryPolicy>;
  random: () => number;
  userAgent: string;
  stats: AtlasStats;
  query: Record<string, string>;
  envelope: boolean;
  onRetry?: (info: RetryInfo) => void;
}

export interface RequestSpec<T extends z.ZodType> {
  method: "GET" | "POST" | "DELETE";
  /** Path from the host root, e.g. /api/atlas/v2/groups/…; query added from `query`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  mediaType: string;
  body?: unknown;
  schema: T;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; outcome: RetryOutcome; fail: (retries: number) => Error };

function snippet(text: string): string {
  const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * With `envelope=true` Atlas answers 200 and puts the real status in the body: `{status, content}`
 * for one object, `{status, results, totalCount, links}` for a list. Returns the effective status and body.
 */
function unwrap(res: TransportResponse, envelope: boolean): { status: number; body: unknown; json: boolean } {
  let body: unknown;
  try {
    body = res.text === "" ? undefined : JSON.parse(res.text);
  } catch {
    return { status: res.status, body: res.text, json: false };
  }
  const ok = res.status >= 200 && res.status < 300;
  if (envelope && ok && body !== null && typeof body === "object" && typeof (body as { status?: unknown }).status === "number") {
    const { status, content, ...rest } = body as { status: number; content?: unknown };
    return { status, body: content !== undefined ? content : rest, json: true };
  }
  return { status: res.status, body, json: body !== undefined };
}

function interpret<T extends z.ZodType>(ctx: RequesterContext, spec: RequestSpec<T>, path: string, res: TransportResponse): Attempt<z.infer<T>> {
  const { status, body, json } = unwrap(res, ctx.envelope);
  if (status >= 200 && status < 300) {
    // 204 No Content (a DELETE): fine when the endpoint expects no body.
    if (res.text === "" && spec.schema.safeParse(undefined).success) return { ok: true, value: undefined as z.infer<T> };
    if (!json) {
      const fail = () => new AtlasSchemaError(spec.method, path, status, `the response body is not valid JSON (${res.text === "" ? "empty" : `starts: ${snippet(res.text)}`})`);
      return { ok: false, outcome: { kind: "malformed" }, fail };
    }
    const parsed = spec.schema.safeParse(body);
    if (parsed.success) return { ok: true, value: parsed.data };
    const message = `the response does not match the documented shape:\n${z.prettifyError(parsed.error)}`;
    return { ok: false, outcome: { kind: "status", status }, fail: () => new AtlasSchemaError(spec.method, path, status, message) };
  }
  const wait = retryAfterMs(res.headers.get("retry-after"), ctx.clock.now());
  const apiBody = ApiErrorBody.safeParse(body);
  const init: AtlasApiErrorInit = { status, method: spec.method, path, retryAfterMs: wait };
  if (apiBody.success) {
    Object.assign(init, {
      errorCode: apiBody.data.errorCode,
      detail: apiBody.data.detail ?? undefined,
      reason: apiBody.data.reason ?? undefined,
      parameters: apiBody.data.parameters,
    });
  } else if (typeof body === "string" || body !== undefined) {
    init.bodySnippet = snippet(typeof body === "string" ? body : res.text);
  }
  const fail = (retries: number) => {
    const full = { ...init, retries };
    return new AtlasApiError(full, apiErrorMessage(full));
  };
  return { ok: false, outcome: { kind: "status", status, retryAfterMs: wait }, fail };
}

function buildPath(spec: RequestSpec<z.ZodType>, ctx: RequesterContext): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) params.set(k, String(v));
  for (const [k, v] of Object.entries(ctx.query)) params.set(k, v);
  const qs = params.toString();
  return qs ? `${spec.path}?${qs}` : spec.path;
}

/**
 * One logical request: send, map the answer (envelope, ApiError, schema), and retry as the policy
 * allows, sleeping on the injected clock. Throws AtlasApiError, AtlasSchemaError or AtlasNetworkError.
 */
export async function atlasRequest<T extends z.ZodType>(ctx: RequesterContext, spec: RequestSpec<T>): Promise<z.infer<T>> {
  ctx.stats.calls++;
  const path = buildPath(spec, ctx);
  const headers: Record<string, string> = { Accept: spec.mediaType, "User-Agent": ctx.userAgent };
  let body: string | undefined;
  if (spec.body !== undefined) {
    headers["Content-Type"] = spec.mediaType;
    body = JSON.stringify(spec.body);
  }
  const started = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    let result: Attempt<z.infer<T>>;
    try {
      const res = await ctx.send({ method: spec.method, url: `${ctx.baseUrl}${path}`, headers, body });
      result = interpret(ctx, spec, path, res);
    } catch (err) {
      if (!(err instanceof AtlasNetworkError)) throw err;
      const outcome: RetryOutcome = { kind: "network", requestSent: err.requestSent, timedOut: err.timedOut, errno: err.errno };
      result = { ok: false, outcome, fail: (retries: number) => err.withRetries(retries) };
    }
    if (result.ok) return result.value;
    const elapsedMs = ctx.clock.now() - started;
    const delayMs = retryDelay(ctx.policy, { method: spec.method, attempt, elapsedMs, random: ctx.random }, result.outcome);
    if (delayMs === undefined) throw result.fail(attempt - 1);
    ctx.stats.retries++;
    ctx.onRetry?.({ method: spec.method, path, attempt, delayMs, reason: describeOutcome(result.outcome) });
    await ctx.clock.sleep(delayMs);
  }
}
