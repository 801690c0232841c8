import { SimulatedApiError } from "./errors";
import { ATLAS_2023_01_01, JSON_MEDIA_TYPE, isContentType, negotiateMediaType } from "./media-types";
import type { RateLimiter } from "./rate-limit";
import { envelope, serializeJson, type Outgoing } from "./respond";
import { API_PREFIX, type RouteMatch } from "./router";
import type { SimulatorState } from "./state";

export interface DispatchInput {
  method: string;
  url: URL;
  rawUrl: string;
  match: RouteMatch | undefined;
  bodyText: string;
  accept: string | undefined;
  contentType: string | undefined;
  now: number;
  state: SimulatorState;
  limiter: RateLimiter | undefined;
  sunsetTenantV2: boolean;
  baseUrl: string;
}

/** Tenant paths were sunset on this date (spec `x-sunset`). */
export const TENANT_SUNSET_DATE = "2026-01-22";

/**
 * Turns an authenticated request into an answer: rate limit (429 RATE_LIMITED with Retry-After),
 * unknown route (404 RESOURCE_NOT_FOUND), v2 media type (406 INVALID_VERSION_DATE when Accept
 * lacks the route's versioned type; 415 INVALID_VERSION_DATE when a POST's Content-Type is not
 * it), v2 tenant sunset (410 VERSION_GONE), body JSON (400 INVALID_JSON), then the handler.
 * `RateLimit-*` headers go on every answer of a rate-limited project.
 */
export function dispatch(input: DispatchInput): Outgoing {
  const headers: Record<string, string> = {};
  const pretty = input.url.searchParams.get("pretty") === "true";
  const wrap = input.url.searchParams.get("envelope") === "true";
  const finish = (status: number, body: unknown, contentType: string): Outgoing =>
    wrap
      ? { status: 200, contentType, body: serializeJson(envelope(status, body), pretty), headers }
      : { status, contentType, body: body === undefined ? "" : serializeJson(body, pretty), headers }; // 204: no body
  try {
    const groupId = /\/groups\/([^/]+)/.exec(input.url.pathname)?.[1];
    if (input.limiter !== undefined && groupId !== undefined) {
      const decision = input.limiter.take(groupId);
      headers["RateLimit-Limit"] = String(decision.limit);
      headers["RateLimit-Remaining"] = String(decision.remaining);
      if (!decision.allowed) {
        headers["Retry-After"] = String(decision.retryAfterSeconds);
        throw new SimulatedApiError(429, "RATE_LIMITED", `Too many requests for group ${groupId}; retry after ${decision.retryAfterSeconds} seconds.`);
      }
    }
    const { match } = input;
    if (match === undefined) {
      throw new SimulatedApiError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${input.url.pathname}.`);
    }
    const { route, version } = match;
    let mediaType: string | undefined;
    if (version === "v2" && route.mediaType !== undefined) {
      const served = route.mediaTypes ?? [route.mediaType];
      mediaType = negotiateMediaType(input.accept, served);
      if (mediaType === undefined) throw versionError(406, "accept", served);
      if (input.method === "POST" && !served.some((t) => isContentType(input.contentType, t))) {
        throw versionError(415, "content-type", served);
      }
      if (route.sunsetOnV2 && input.sunsetTenantV2) {
        throw new SimulatedApiError(410, "VERSION_GONE", `This resource was sunset on ${TENANT_SUNSET_DATE} (API version ${ATLAS_2023_01_01}); use the Flex restore job endpoints instead.`);
      }
    }
    let body: unknown;
    if (input.bodyText.trim().length > 0) {
      try {
        body = JSON.parse(input.bodyText);
      } catch {
        throw new SimulatedApiError(400, "INVALID_JSON", "Received JSON is malformed.");
      }
    }
    const result = route.handle({
      params: match.params, query: input.url.searchParams, body, version, state: input.state, now: input.now,
      apiBase: `${input.baseUrl}${API_PREFIX}${version}`, requestUrl: `${input.baseUrl}${input.rawUrl}`, mediaType,
    });
    const contentType = mediaType ?? JSON_MEDIA_TYPE;
    return finish(result.status, result.body, contentType);
  } catch (error) {
    if (!(error instanceof SimulatedApiError)) throw error;
    Object.assign(headers, error.headers);
    return finish(error.status, error.body, JSON_MEDIA_TYPE);
  }
}

function versionError(status: 406 | 415, header: "accept" | "content-type", served: readonly string[]): SimulatedApiError {
  return new SimulatedApiError(status, "INVALID_VERSION_DATE", `Invalid ${header} header or version date. This resource requires ${served.join(" or ")}.`);
}

