import { EventEmitter } from "node:events";

/**
 * Interrupting restore waits in the provider process, so Ctrl-C (or SIGTERM) stops `pulumi up`
 * promptly while the job id and last status still reach the stack as partial state.
 */

/** Waits in progress in this process, and why waiting was interrupted (sticky: the engine starts no new steps after a cancel). */
const waits = new Set<AbortController>();
let interruption: string | undefined;

/**
 * Ends every wait in progress (and any wait started later in this process) with partial state:
 * the job id and its last status go into the stack, and the next `pulumi up` resumes waiting on
 * that same job. Returns how many waits were interrupted.
 */
export function interruptWaits(reason: string): number {
  interruption ??= reason;
  const count = waits.size;
  for (const controller of waits) controller.abort(new Error(reason));
  waits.clear();
  return count;
}

/**
 * Pulumi cancels an update (first Ctrl-C, or SIGTERM, to the CLI) by sending the Cancel RPC to
 * every provider and then waits for the operations in flight. The Node SDK's dynamic-provider host
 * answers that RPC without telling the provider (@pulumi/pulumi 3.248 cmd/dynamic-provider:
 * `cancel` is a no-op), so the CLI would sit until the restore finished or timeoutSeconds passed.
 * Inside that host only, this watches the host's own gRPC server (an http2 server) for the Cancel
 * call, and handles SIGINT/SIGTERM sent to the provider process (the CLI interrupts its plugins
 * when it terminates; a CI runner may signal the whole tree): each interrupts the waits, then a
 * signal still ends the process as it would have without the handler.
 */
let watching = false;
export function watchForCancellation(): void {
  if (watching || !/[\\/]cmd[\\/]dynamic-provider[\\/]/.test(require.main?.filename ?? "")) return;
  watching = true;
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  for (const handle of handles) {
    if (!(handle instanceof EventEmitter) || handle.constructor.name !== "Http2Server") continue;
    handle.on("stream", (_stream: unknown, headers: Record<string, unknown>) => {
      if (headers[":path"] === "/pulumirpc.ResourceProvider/Cancel") interruptWaits("Pulumi is cancelling the update");
    });
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      const interrupted = interruptWaits(`the provider process received ${signal}`);
      // Give the interrupted operations a moment to send their partial state, then die of the signal.
      setTimeout(() => process.kill(process.pid, signal), interrupted > 0 ? 1000 : 0);
    });
  }
}

/** A controller for one wait: already aborted when the update is being cancelled. */
export function startWait(): AbortController {
  const controller = new AbortController();
  if (interruption !== undefined) controller.abort(new Error(interruption));
  else waits.add(controller);
  return controller;
}

export function endWait(controller: AbortController): void {
  waits.delete(controller);
}

/** Why waits were interrupted in this process, if they were. */
export function interruptionReason(): string | undefined {
  return interruption;
}

/** Forgets an interruption (tests). */
export function resetInterruption(): void {
  interruption = undefined;
}
