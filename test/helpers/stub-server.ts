import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What a stub route answers. `reset` closes the socket before any response; `cut` sends headers and half a body, then closes; `hang` never answers. */
export type StubReply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { kind: "reset" }
  | { kind: "cut"; status?: number; text: string }
  | { kind: "hang" };

export interface StubRequest {
  method: string;
  /** Path and query. */
  path: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface StubRoute {
  method?: string;
  path: RegExp | string;
  /** Answer this many times, then drop the route. */
  times?: number;
  reply: (req: StubRequest) => StubReply | Promise<StubReply>;
}

export interface StubServer {
  url: string;
  publicKey: string;
  privateKey: string;
  /** Authenticated requests that reached a route (or the 501 fallback). */
  requests: StubRequest[];
  /** Every HTTP request received, digest challenges included. */
  received: number;
  /** Prepends a route (routes added later win). */
  use(route: StubRoute): void;
  /** Makes every nonce issued so far stale: the next signed request gets `401 stale=true`. */
  expireNonces(): void;
  close(): Promise<void>;
}

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const REALM = "MMS Public API";

function parseDigest(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith("Digest ")) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1]] = m[2] ?? m[3] ?? "";
  return out;
}

/** A tiny Atlas stand-in on node:http, port 0, with real MD5 digest auth (qop=auth). */
export async function startStubServer(opts: { publicKey?: string; privateKey?: string } = {}): Promise<StubServer> {
  const publicKey = opts.publicKey ?? "stubpublic";
  const privateKey = opts.privateKey ?? "stub-private-0000-secret";
  const routes: StubRoute[] = [];
  const nonces = new Set<string>();
  const stale = new Set<string>();
  const sockets = new Set<Socket>();
  const state: StubServer = {
    url: "",
    publicKey,
    privateKey,
    requests: [],
    received: 0,
    use: (route) => void routes.unshift(route),
    expireNonces: () => nonces.forEach((n) => stale.add(n)),
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
  const challenge = (res: ServerResponse, isStale: boolean) => {
    const nonce = randomBytes(12).toString("hex");
    nonces.add(nonce);
    res.writeHead(401, {
      "Content-Type": "application/json",
      "WWW-Authenticate": `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${isStale}`,
    });
    res.end(JSON.stringify({ error: 401, errorCode: "NOT_ORG_GROUP_CREATOR", detail: "Current user is not authorized.", reason: "Unauthorized" }));
  };
  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    const p = parseDigest(req.headers.authorization);
    if (!p || p.username !== publicKey) return challenge(res, false), false;
    const ha1 = md5(`${publicKey}:${REALM}:${privateKey}`);
    const ha2 = md5(`${req.method}:${p.uri}`);
    if (p.uri !== req.url || md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) !== p.response) return challenge(res, false), false;
    if (!nonces.has(p.nonce) || stale.has(p.nonce)) return challenge(res, true), false;
    return true;
  };
  const server = createServer(async (req, res) => {
    state.received++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!authorized(req, res)) return;
    const url = new URL(req.url ?? "/", "http://stub");
    const request: StubRequest = { method: req.method ?? "GET", path: req.url ?? "/", url, headers: req.headers, body: Buffer.concat(chunks).toString() };
    state.requests.push(request);
    const route = routes.find(
      (r) => (!r.method || r.method === request.method) && (typeof r.path === "string" ? url.pathname === r.path : r.path.test(url.pathname)),
    );
    if (!route) return void res.writeHead(501, { "Content-Type": "application/json" }).end(JSON.stringify({ error: 501, errorCode: "NO_STUB_ROUTE" }));
    if (route.times !== undefined && --route.times <= 0) routes.splice(routes.indexOf(route), 1);
    const reply = await route.reply(request);
    if ("kind" in reply) {
      if (reply.kind === "hang") return;
      if (reply.kind === "reset") return void req.socket.destroy();
      res.writeHead(reply.status ?? 200, { "Content-Type": "application/json", "Content-Length": String(reply.text.length * 2) });
      res.write(reply.text);
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    const text = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    res.writeHead(reply.status, { "Content-Type": reply.json !== undefined ? "application/json" : "text/html", ...reply.headers });
    res.end(text);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** A URL on 127.0.0.1 where nothing listens (a port just freed), for ECONNREFUSED. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
