import * as http2 from "node:http2";

/**
 * Learning of Pulumi's Cancel RPC inside the Node dynamic-provider host.
 *
 * The engine cancels an update (first Ctrl-C, or SIGTERM, to the CLI) by sending
 * `pulumirpc.ResourceProvider/Cancel` to every provider, then waits for the operations in flight.
 * The Node SDK's dynamic-provider host answers that RPC itself and tells the provider nothing
 * (@pulumi/pulumi ≤ 3.248 `cmd/dynamic-provider`: `cancel` is a no-op, and a dynamic
 * `ResourceProvider` has no `cancel` method; only the component `Provider` class of
 * `@pulumi/pulumi/provider` gained one). So there is no documented hook; the least fragile one is
 * the public face of the transport: every gRPC server in Node is a `node:http2` server, and an
 * `Http2Server` emits the documented `'stream'` event, with the request headers (`:path` names the
 * RPC), for every call. Wrapping `emit` on the prototype of the objects `http2.createServer()`
 * returns sees the calls of servers created before this module loaded (the host's) as well,
 * without `process._getActiveHandles()`, class names or the host's file path.
 *
 * Whether the hook works is observed, not assumed: a provider RPC seen after installing it proves
 * it (`providerRpcsSeen()`); the engine always sends Check (or Diff) before Create (or Update), so
 * a create/update that waits in a working host has always seen one.
 */
export interface ProviderRpc {
  /** e.g. `/pulumirpc.ResourceProvider/Create`. */
  path: string;
  /** The call's HTTP/2 stream; `'close'` is emitted once the answer was sent (or the call was reset). */
  stream: http2.ServerHttp2Stream;
}

export const PROVIDER_RPC_PREFIX = "/pulumirpc.ResourceProvider/";
export const CANCEL_RPC_PATH = "/pulumirpc.ResourceProvider/Cancel";

type Observer = (rpc: ProviderRpc) => void;
interface HookState {
  observers: Set<Observer>;
  seen: number;
}

// Shared across copies of this module in one process (e.g. loaded by package name and by path).
const STATE_KEY = Symbol.for("pulumi-atlas-restore.cancel-rpc-hook");
const PATCHED = Symbol.for("pulumi-atlas-restore.cancel-rpc-hook.patched");

function hookState(): HookState {
  const global = globalThis as unknown as Record<symbol, HookState | undefined>;
  return (global[STATE_KEY] ??= { observers: new Set(), seen: 0 });
}

/** Wraps `emit` once on the Http2Server prototype; returns false if that prototype cannot be reached. */
function patchHttp2ServerPrototype(state: HookState): boolean {
  const proto = Object.getPrototypeOf(http2.createServer()) as Record<PropertyKey, unknown> | null;
  if (proto === null || typeof proto.emit !== "function") return false;
  if (Object.prototype.hasOwnProperty.call(proto, PATCHED)) return true;
  const inherited = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "stream") {
      const [stream, headers] = args as [http2.ServerHttp2Stream, http2.IncomingHttpHeaders | undefined];
      const path = headers?.[":path"];
      if (typeof path === "string" && path.startsWith(PROVIDER_RPC_PREFIX)) {
        state.seen++;
        for (const observe of state.observers) observe({ path, stream });
      }
    }
    return inherited.call(this, event, ...args);
  };
  Object.defineProperty(proto, PATCHED, { value: true });
  return true;
}

/** Calls `observe` for every provider RPC that reaches an http2 server of this process from now on. */
export function observeProviderRpcs(observe: Observer): boolean {
  const state = hookState();
  state.observers.add(observe);
  return patchHttp2ServerPrototype(state);
}

/** Provider RPCs seen since the hook was installed: more than 0 proves the Cancel RPC will be seen too. */
export function providerRpcsSeen(): number {
  return hookState().seen;
}
