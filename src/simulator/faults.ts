/**
 * Scripted failures, msw-style: handlers are values, `add` prepends (the newest wins), each fires
 * `times` times (default 1) and is then used up.
 *
 * When a fault is consulted:
 * - Faults apply to requests whose digest is valid, after authentication and before rate limiting
 *   and routing. The 401 challenge exchanges of a digest client never consume a fault, so
 *   `times: 1` hits the first authenticated matching request.
 * - `drop` and `delay` accept `beforeAuth: true`: they then apply to the first matching request
 *   even before (or without) authentication, like a network fault would.
 * - At most one fault shapes one request (the first match in list order).
 *
 * Whether the request is processed (state changed, e.g. a restore job created):
 * - processed normally: `delay` (then answered normally), `lost-response` (socket destroyed
 *   instead of answering), `reset-mid-response` (status line, headers with the full
 *   Content-Length and the first half of the real body, then the socket is destroyed).
 * - not processed: `status`, `drop`, `hang`, `malformed`, `html`, `stale-nonce`, `forbidden-ip`.
 *
 * Answers: `status` sends `status` with `body` (JSON; default: an Atlas error body whose
 * errorCode follows the spec's examples) and `Retry-After: retryAfter` when given. `malformed`
 * sends 200 with a truncated JSON body. `html` sends a text/html proxy error page (default 502).
 * `stale-nonce` sends 401 with a fresh challenge carrying `stale=true`. `forbidden-ip` sends 403
 * `IP_ADDRESS_NOT_ON_ACCESS_LIST`. `hang` never answers; `stop()` destroys its socket.
 */
export type FaultKindSpec =
  | { kind: "status"; status: number; retryAfter?: string; body?: unknown }
  | { kind: "drop"; beforeAuth?: boolean }
  | { kind: "reset-mid-response" }
  | { kind: "delay"; ms: number; beforeAuth?: boolean }
  | { kind: "hang" }
  | { kind: "malformed" }
  | { kind: "html"; status?: number }
  | { kind: "lost-response" }
  | { kind: "stale-nonce" }
  | { kind: "forbidden-ip" };

export interface FaultMatch {
  method?: "GET" | "POST" | "DELETE" | "PATCH" | "PUT";
  /** A RegExp tested on the path (no query), or a string equal to the path or to its tail. */
  path?: RegExp | string;
  /** How many matching requests this fault shapes; default 1. */
  times?: number;
}

export type FaultSpec = FaultMatch & FaultKindSpec;
export type FaultKind = FaultKindSpec["kind"];

/** A queued fault and how many more requests it will shape. */
export type PendingFault = FaultSpec & { remaining: number };

export class Faults {
  private readonly queue: PendingFault[] = [];

  /** Prepends a fault: it is consulted before those added earlier. */
  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault times must be a positive integer, got ${times}`);
    this.queue.unshift({ ...spec, remaining: times });
  }
  clear(): void {
    this.queue.length = 0;
  }
  /** Faults not yet used up, in the order they are consulted. */
  pending(): PendingFault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  /** Finds and uses up one firing of the first fault matching this request in this phase. */
  take(method: string, path: string, authenticated: boolean): FaultSpec | undefined {
    const index = this.queue.findIndex((f) => applies(f, method, path, authenticated));
    if (index < 0) return undefined;
    const fault = this.queue[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.queue.splice(index, 1);
    return fault;
  }
}

function applies(f: PendingFault, method: string, path: string, authenticated: boolean): boolean {
  const early = (f.kind === "drop" || f.kind === "delay") && f.beforeAuth === true;
  if (!authenticated && !early) return false;
  if (f.method !== undefined && f.method !== method) return false;
  if (f.path instanceof RegExp) return f.path.test(path);
  if (typeof f.path === "string") return path === f.path || path.endsWith(f.path);
  return true;
}
