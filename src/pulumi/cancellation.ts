import { CANCEL_RPC_PATH, observeProviderRpcs, providerRpcsSeen } from "./cancel-rpc-hook";
import type { ServerHttp2Stream } from "node:http2";
import { PACKAGE_NAME } from "../version";

/**
 * Interrupting the provider process, so Ctrl-C (or SIGTERM) stops `pulumi up` promptly while the
 * job id and last status still reach the stack as partial state.
 *
 * One AbortSignal per process (`cancellationSignal()`) reaches every Atlas request, every retry
 * back-off and every pause between polls. It is aborted by the Cancel RPC (cancel-rpc-hook.ts), or
 * by SIGINT/SIGTERM to the provider process (the CLI interrupts its plugins when it terminates; a
 * CI runner may signal the whole tree). Sticky: the engine starts no new steps after a cancel.
 */
let controller = new AbortController();

export function cancellationSignal(): AbortSignal {
  return controller.signal;
}

/** Aborts the process's signal (once; later reasons are ignored). Returns false if it was already aborted. */
export function interruptWaits(reason: string): boolean {
  if (controller.signal.aborted) return false;
  controller.abort(new Error(reason));
  return true;
}

/** Why this process was interrupted, if it was. */
export function interruptionReason(): string | undefined {
  const reason: unknown = controller.signal.reason;
  return controller.signal.aborted ? (reason instanceof Error ? reason.message : String(reason)) : undefined;
}

/** A fresh signal (tests). Clients built on the old one must be rebuilt. */
export function resetInterruption(): void {
  controller = new AbortController();
}

/** Provider RPC calls in progress (their answers not yet sent) and provider operations running. */
const openCalls = new Set<ServerHttp2Stream>();
let operations = 0;

const hooked = observeProviderRpcs(({ path, stream }) => {
  if (path === CANCEL_RPC_PATH) {
    interruptWaits("Pulumi is cancelling the update");
    return;
  }
  openCalls.add(stream);
  stream.once("close", () => openCalls.delete(stream));
});

/** The longest a signalled provider process stays alive to send the interrupted operations' answers. */
export const SIGNAL_EXIT_MAX_MS = 1500;

/** True inside Pulumi's Node dynamic-provider host (a provider RPC was seen, or the host is the main script). */
function inProviderHost(): boolean {
  return providerRpcsSeen() > 0 || /[\\/]cmd[\\/]dynamic-provider[\\/]/.test(process.argv[1] ?? "");
}

/**
 * Resolves once every interrupted operation has settled and every provider call's answer has been
 * sent (or, when calls cannot be observed, shortly after the operations settled), or after `maxMs`.
 */
export async function answersSent(maxMs: number = SIGNAL_EXIT_MAX_MS): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  while (operations > 0 || openCalls.size > 0) {
    if (Date.now() >= deadline) return false;
    await tick();
  }
  // Without the hook nothing tells when the host has written the answer: give it a moment.
  if (providerRpcsSeen() === 0) await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
  return true;
}

let signalsHandled = false;
/** On SIGINT/SIGTERM: interrupt, let the answers (partial state) reach the engine, then die of the signal. */
function handleSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = () => {
      interruptWaits(`the provider process received ${signal}`);
      void answersSent().then(() => process.kill(process.pid, signal));
    };
    process.once(signal, onSignal); // a second signal meets the default action: exit at once
  }
}

/** Runs one provider operation, counted so a signalled process waits for its answer. */
export async function trackOperation<T>(work: () => Promise<T>): Promise<T> {
  if (inProviderHost()) handleSignals();
  operations++;
  try {
    return await work();
  } finally {
    operations--;
  }
}

/** What the provider host can tell about the Cancel hook. */
export interface CancelHookState {
  inProviderHost: boolean;
  /** The http2 hook is installed. */
  hooked: boolean;
  /** Provider RPCs seen through it. */
  rpcsSeen: number;
}

/**
 * The notice for a provider host whose Cancel RPC cannot be observed (e.g. after an @pulumi/pulumi
 * upgrade changed the host), else undefined: Ctrl-C then stops a wait only through SIGINT/SIGTERM.
 */
export function cancelHookNotice(state: CancelHookState): string | undefined {
  if (!state.inProviderHost || (state.hooked && state.rpcsSeen > 0)) return undefined;
  return (
    `${PACKAGE_NAME}: cannot observe Pulumi's Cancel request in this provider process, so a first Ctrl-C does not stop ` +
    "this wait; it stops when the provider process receives SIGINT or SIGTERM (the CLI sends SIGINT to its plugins " +
    "when it exits; a CI runner may signal every process), and the job id is recorded either way. " +
    "Please report this with your @pulumi/pulumi version."
  );
}

let noticeGiven = false;
/** cancelHookNotice for this process, said once (at the start of the first wait that needs it). */
export function takeCancelHookNotice(): string | undefined {
  if (noticeGiven) return undefined;
  const notice = cancelHookNotice({ inProviderHost: inProviderHost(), hooked, rpcsSeen: providerRpcsSeen() });
  if (notice !== undefined) noticeGiven = true;
  return notice;
}
