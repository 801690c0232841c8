/**
 * Errors of the Atlas client. One base, one class per concept, a stable `code` each.
 * No message, field or cause ever holds a key, a password or an Authorization header.
 *
 * `requestSent` on every error answers one question for callers that create things: "may Atlas
 * have acted on this request?" If true after a POST, look the job up instead of sending it again.
 */
export class AtlasError extends Error {
  override name = "AtlasError";
  readonly code: string = "ATLAS_ERROR";
  readonly requestSent: boolean = false;
}

/** A bad client setting (missing key, bad base URL, unsupported apiVersion); raised before any request. */
export class AtlasConfigError extends AtlasError {
  override name = "AtlasConfigError" as const;
  override readonly code = "ATLAS_CONFIG" as const;
  constructor(
    /** The option at fault, e.g. `publicKey`, `baseUrl`, `apiVersion`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AtlasApiErrorInit {
  status: number;
  method: string;
  /** Path and query, without host or credentials. */
  path: string;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  retryAfterMs?: number;
  /** Retries spent before giving up. */
  retries?: number;
  /** Start of a non-JSON body (e.g. an HTML page from a proxy), whitespace collapsed. */
  bodySnippet?: string;
  /** The client's auth method (for the 401 advice); default apiKey. */
  auth?: "apiKey" | "serviceAccount" | "accessToken";
}

/** Atlas answered with an error status. The message says what to do about it. */
export class AtlasApiError extends AtlasError {
  override name = "AtlasApiError" as const;
  override readonly code = "ATLAS_API" as const;
  readonly status: number;
  readonly errorCode: string;
  readonly detail?: string;
  readonly reason?: string;
  readonly parameters?: unknown[];
  readonly method: string;
  readonly path: string;
  readonly retryAfterMs?: number;
  readonly retries: number;
  readonly bodySnippet?: string;
  /** True unless the status proves Atlas rejected the request unprocessed (4xx). */
  override readonly requestSent: boolean;
  constructor(init: AtlasApiErrorInit, message: string) {
    super(message);
    this.status = init.status;
    this.errorCode = init.errorCode ?? `HTTP_${init.status}`;
    this.detail = init.detail;
    this.reason = init.reason;
    this.parameters = init.parameters;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
    this.retries = init.retries ?? 0;
    this.bodySnippet = init.bodySnippet;
    this.requestSent = !(init.status >= 400 && init.status < 500);
  }
}

/** A response that is not what the API documents (bad JSON, or a shape the schema rejects). */
export class AtlasSchemaError extends AtlasError {
  override name = "AtlasSchemaError" as const;
  override readonly code = "ATLAS_SCHEMA" as const;
  /** Atlas answered 2xx, so it processed the request. */
  override readonly requestSent = true;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(`${method} ${path} → ${status}: ${message}`);
  }
}

export interface AtlasNetworkErrorInit {
  method: string;
  path: string;
  errno: string;
  requestSent: boolean;
  timedOut: boolean;
  cause?: unknown;
  retries?: number;
  detail?: string;
}

/** The exchange failed below HTTP: refused, reset, timed out, or the response was cut off. */
export class AtlasNetworkError extends AtlasError {
  override name = "AtlasNetworkError" as const;
  override readonly code = "ATLAS_NETWORK" as const;
  override readonly requestSent: boolean;
  readonly method: string;
  readonly path: string;
  readonly timedOut: boolean;
  /** Low-level code such as ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, or TIMEOUT. */
  readonly errno: string;
  constructor(private readonly init: AtlasNetworkErrorInit) {
    const what = init.timedOut ? `timed out (${init.detail ?? "no answer in time"})` : `failed (${init.errno}${init.detail ? `: ${init.detail}` : ""})`;
    const after = init.retries ? ` after ${init.retries} retr${init.retries === 1 ? "y" : "ies"}` : "";
    const next = init.requestSent
      ? "; the request may have reached Atlas, so check its effect (look the job up) before sending it again"
      : "; the request was not sent";
    super(`${init.method} ${init.path} ${what}${after}${next}`, { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.errno = init.errno;
    this.requestSent = init.requestSent;
    this.timedOut = init.timedOut;
  }
  /** The same failure, reported after `retries` retries. */
  withRetries(retries: number): AtlasNetworkError {
    return retries === 0 ? this : new AtlasNetworkError({ ...this.init, retries });
  }
}

/** A list went on for more pages than the page cap allows. */
export class AtlasPaginationError extends AtlasError {
  override name = "AtlasPaginationError" as const;
  override readonly code = "ATLAS_PAGINATION" as const;
  constructor(
    readonly path: string,
    readonly maxPages: number,
  ) {
    super(`GET ${path}: more than ${maxPages} pages; stopped (raise pagination.maxPages if this is expected)`);
  }
}
