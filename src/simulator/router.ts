import type { SimulatorState } from "./state";

export type ApiVersion = "v1.0" | "v2";
export const API_PREFIX = "/api/atlas/";

/** What a handler gets. `body` is the parsed JSON request body (undefined when there is none). */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  version: ApiVersion;
  state: SimulatorState;
  /** Injected-clock time of this request. */
  now: number;
  /** Absolute base of the answering version, e.g. `http://127.0.0.1:5/api/atlas/v2`. */
  apiBase: string;
  /** Absolute URL of this request, query included. */
  requestUrl: string;
  /** v2: the media type (version) negotiated from Accept; undefined on v1.0. */
  mediaType?: string;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

/** A route record: a value, like an msw handler. Handlers throw `SimulatedApiError` for Atlas errors. */
export interface Route {
  name: string;
  method: "GET" | "POST" | "DELETE";
  /** Path after `/api/atlas/{version}`, with `:name` parameters. */
  pattern: string;
  versions: readonly ApiVersion[];
  /**
   * v2 versioned media type: required in Accept (and Content-Type on POST), sent on success. A
   * route Atlas serves in several versions lists them all in `mediaTypes` (this one included):
   * the answer carries the version asked for, and the handler renders its shape.
   */
  mediaType?: string;
  mediaTypes?: readonly string[];
  /** A tenant path that `sunsetTenantV2` answers with 410 on v2. */
  sunsetOnV2?: boolean;
  handle(ctx: RouteContext): RouteResult;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  version: ApiVersion;
}

const compiled = new WeakMap<Route, { regex: RegExp; keys: string[] }>();

function compile(route: Route): { regex: RegExp; keys: string[] } {
  let c = compiled.get(route);
  if (c === undefined) {
    const keys: string[] = [];
    const source = route.pattern
      .split("/")
      .map((seg) => (seg.startsWith(":") ? (keys.push(seg.slice(1)), "([^/]+)") : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    c = { regex: new RegExp(`^${source}$`), keys };
    compiled.set(route, c);
  }
  return c;
}

/** Splits `/api/atlas/{version}/rest` into version and rest. */
export function splitVersion(path: string): { version: ApiVersion; rest: string } | undefined {
  for (const version of ["v1.0", "v2"] as const) {
    const base = `${API_PREFIX}${version}`;
    if (path.startsWith(`${base}/`)) return { version, rest: path.slice(base.length) };
  }
  return undefined;
}

/** The route answering `method path`, or undefined (an unknown route: 404 and logged as unmatched). */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const split = splitVersion(path);
  if (split === undefined) return undefined;
  for (const route of routes) {
    if (route.method !== method || !route.versions.includes(split.version)) continue;
    const { regex, keys } = compile(route);
    const m = regex.exec(split.rest);
    if (!m) continue;
    const params: Record<string, string> = {};
    keys.forEach((key, i) => (params[key] = safeDecode(m[i + 1]!)));
    return { route, params, version: split.version };
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
