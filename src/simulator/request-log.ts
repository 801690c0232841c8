/** One HTTP exchange as the simulator saw it (the Authorization header is never stored). */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. `/api/atlas/v2/groups/…/backup/tenant/restore`. */
  path: string;
  query: Record<string, string>;
  /** HTTP status sent; 0 when no status line was sent (drop, hang, lost-response). */
  status: number;
  /** Real elapsed milliseconds spent answering. */
  ms: number;
  /** True when the digest or the Bearer token was valid. */
  authenticated: boolean;
  /** How an authenticated request proved itself: `digest` (API key) or `bearer` (service-account token). */
  auth?: "digest" | "bearer";
  /** ISO time by the injected clock. */
  at: string;
  /** False for an unknown route (answered 404 RESOURCE_NOT_FOUND): tests should fail on those. */
  matched: boolean;
  /** Name of the route that answered, when one matched. */
  route?: string;
  /** The scripted fault that shaped this exchange, if any. */
  fault?: string;
}

export interface RequestLogFilter {
  method?: string;
  path?: string | RegExp;
  status?: number;
  authenticated?: boolean;
  matched?: boolean;
  route?: string;
  auth?: "digest" | "bearer";
}

function matches(entry: RequestLogEntry, f: RequestLogFilter): boolean {
  if (f.method !== undefined && entry.method !== f.method.toUpperCase()) return false;
  if (typeof f.path === "string" && entry.path !== f.path && !entry.path.endsWith(f.path)) return false;
  if (f.path instanceof RegExp && !f.path.test(entry.path)) return false;
  if (f.status !== undefined && entry.status !== f.status) return false;
  if (f.authenticated !== undefined && entry.authenticated !== f.authenticated) return false;
  if (f.matched !== undefined && entry.matched !== f.matched) return false;
  if (f.route !== undefined && entry.route !== f.route) return false;
  if (f.auth !== undefined && entry.auth !== f.auth) return false;
  return true;
}

/** Every exchange, 401 challenges included, so tests can count round trips. */
export class RequestLog {
  private readonly list: RequestLogEntry[] = [];
  add(entry: RequestLogEntry): void {
    this.list.push(entry);
  }
  entries(filter?: RequestLogFilter): RequestLogEntry[] {
    return filter === undefined ? [...this.list] : this.list.filter((e) => matches(e, filter));
  }
  count(filter?: RequestLogFilter): number {
    return this.entries(filter).length;
  }
  /** Requests no route answered. */
  unmatched(): RequestLogEntry[] {
    return this.entries({ matched: false });
  }
  clear(): void {
    this.list.length = 0;
  }
}
