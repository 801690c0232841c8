import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { DigestAuthenticator, DigestFailure } from "./digest-auth";
import { atlasErrorBody } from "./errors";
import { answerFault } from "./fault-responses";
import type { FaultSpec, Faults } from "./faults";
import { advanceRestoreJobs } from "./lifecycle";
import { JSON_MEDIA_TYPE, negotiateMediaType } from "./media-types";
import { bearerTokenOf, type TokenIssuer } from "./oauth-token";
import { answerTokenRequest } from "./token-route";
import type { RateLimiter } from "./rate-limit";
import type { RequestLog, RequestLogEntry } from "./request-log";
import { writeOutgoing, type Outgoing } from "./respond";
import { matchRoute, type Route } from "./router";
import { dispatch } from "./dispatch";
import { OAUTH_TOKEN_PATH } from "../schemas/oauth-token";
import type { SimulatorState } from "./state";

export interface PipelineDeps {
  state: SimulatorState;
  routes: readonly Route[];
  auth: DigestAuthenticator;
  /** The OAuth token endpoint and Bearer checks (service accounts). */
  tokens: TokenIssuer;
  faults: Faults;
  log: RequestLog;
  limiter: RateLimiter | undefined;
  now: () => number;
  sunsetTenantV2: boolean;
  /** `http://127.0.0.1:<port>` once listening. */
  baseUrl: () => string;
}

const AUTH_ERRORS: Record<DigestFailure, [string, string]> = {
  missing: ["UNAUTHORIZED", "You are not authorized for this resource. Authenticate with HTTP Digest using an API key pair."],
  "unknown-user": ["USER_NOT_FOUND", "The API key pair was rejected: no API key with this public key exists."],
  "bad-response": ["UNAUTHORIZED", "The API key pair was rejected: the digest response does not match (wrong private key?)."],
  stale: ["UNAUTHORIZED", "The digest nonce has expired; retry with the fresh nonce (stale=true)."],
};

/**
 * One exchange, in this order: read body → `beforeAuth` faults → token endpoint (POST
 * /api/oauth/token, answered here) → Bearer token (401 invalid/expired) or digest (401 challenge) →
 * faults → lifecycle advance → rate limit (429) → route (404 unknown, 406/415 media type,
 * 410 sunset, handler) → answer (or lose / cut it for `lost-response` / `reset-mid-response`).
 */
export class RequestPipeline {
  private stopped = false;
  private readonly delays = new Set<AbortController>();
  constructor(private readonly deps: PipelineDeps) {}

  stop(): void {
    this.stopped = true;
    for (const c of this.delays) c.abort();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    const started = performance.now();
    const { deps } = this;
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const url = new URL(rawUrl, "http://127.0.0.1");
    const match = matchRoute(deps.routes, method, url.pathname);
    const entry: RequestLogEntry = {
      method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, ms: 0, authenticated: false,
      at: new Date(deps.now()).toISOString(), matched: match !== undefined, ...(match ? { route: match.route.name } : {}),
    };
    const finish = (status: number, fault?: FaultSpec) => {
      entry.status = status;
      entry.ms = performance.now() - started;
      if (fault !== undefined) entry.fault = fault.kind;
      deps.log.add(entry);
    };
    try {
      const bodyText = await readBody(req);
      let fault = deps.faults.take(method, url.pathname, false);
      if (fault?.kind === "drop") return finish(answerFault(fault, req, res, () => "", JSON_MEDIA_TYPE), fault);
      if (fault?.kind === "delay" && !(await this.delay(fault.ms))) return;

      if (method === "POST" && url.pathname === OAUTH_TOKEN_PATH) {
        Object.assign(entry, { matched: true, route: "oauthToken" });
        const token = answerTokenRequest(deps, req, res, bodyText, fault);
        return finish(token.status, token.fault);
      }
      const bearer = bearerTokenOf(req.headers.authorization);
      const rejected = bearer === undefined ? undefined : deps.tokens.rejection(bearer);
      if (rejected !== undefined) {
        writeOutgoing(res, rejected);
        return finish(401, fault);
      }
      const verdict = bearer !== undefined ? { ok: true as const } : deps.auth.verify(method, rawUrl, req.headers.authorization);
      if (!verdict.ok) {
        const [code, detail] = AUTH_ERRORS[verdict.failure];
        const challenge = deps.auth.challenge(verdict.failure === "stale");
        const body = JSON.stringify(atlasErrorBody(401, code, detail));
        writeOutgoing(res, { status: 401, contentType: JSON_MEDIA_TYPE, body, headers: { "WWW-Authenticate": challenge } });
        return finish(401, fault);
      }
      entry.authenticated = true;
      entry.auth = bearer !== undefined ? "bearer" : "digest";

      fault ??= deps.faults.take(method, url.pathname, true);
      const { route } = match ?? {};
      const successType = match?.version === "v2" && route?.mediaType
        ? (negotiateMediaType(req.headers.accept, route.mediaTypes ?? [route.mediaType]) ?? route.mediaType)
        : JSON_MEDIA_TYPE;
      if (fault?.kind === "delay" && fault.beforeAuth !== true && !(await this.delay(fault.ms))) return;
      if (fault !== undefined && !["delay", "lost-response", "reset-mid-response"].includes(fault.kind)) {
        return finish(answerFault(fault, req, res, (stale) => deps.auth.challenge(stale), successType), fault);
      }

      const out = this.respond(req, method, url, rawUrl, match, bodyText);
      if (fault?.kind === "lost-response") {
        req.socket.destroy();
        return finish(0, fault);
      }
      if (fault?.kind === "reset-mid-response") {
        res.writeHead(out.status, { ...out.headers, "Content-Type": out.contentType, "Content-Length": Buffer.byteLength(out.body) });
        res.write(out.body.slice(0, Math.floor(out.body.length / 2)), () => req.socket.destroy());
        return finish(out.status, fault);
      }
      writeOutgoing(res, out);
      finish(out.status, fault);
    } catch (error) {
      if (!res.headersSent && !res.destroyed) {
        const body = JSON.stringify(atlasErrorBody(500, "UNEXPECTED_ERROR", `Simulator error: ${(error as Error).message}`));
        writeOutgoing(res, { status: 500, contentType: JSON_MEDIA_TYPE, body });
      }
      finish(500);
    }
  }

  private respond(req: IncomingMessage, method: string, url: URL, rawUrl: string, match: ReturnType<typeof matchRoute>, bodyText: string): Outgoing {
    const { deps } = this;
    const now = deps.now();
    advanceRestoreJobs(deps.state, now);
    const out = dispatch({
      method, url, rawUrl, match, bodyText, accept: req.headers.accept, contentType: req.headers["content-type"], now, state: deps.state, limiter: deps.limiter,
      sunsetTenantV2: deps.sunsetTenantV2, baseUrl: deps.baseUrl(),
    });
    advanceRestoreJobs(deps.state, now);
    return out;
  }

  /** Real-time wait (network faults are about wall time); false when the simulator stopped meanwhile. */
  private async delay(ms: number): Promise<boolean> {
    const controller = new AbortController();
    this.delays.add(controller);
    try {
      await sleep(ms, undefined, { signal: controller.signal });
      return !this.stopped;
    } catch {
      return false;
    } finally {
      this.delays.delete(controller);
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
