import { AtlasError } from "./errors";

/**
 * The caller's AbortSignal stopped a request (Ctrl-C, `pulumi cancel`): during the exchange, or
 * during a retry back-off. Never retried. `requestSent` keeps its meaning: true when the exchange
 * had begun, so Atlas may have acted on it (a POST is then an unknown outcome, never re-sent);
 * false when it was stopped before sending, or in a back-off after an attempt Atlas provably did
 * not process.
 */
export class AtlasAbortedError extends AtlasError {
  override name = "AtlasAbortedError" as const;
  override readonly code = "ATLAS_ABORTED" as const;
  override readonly requestSent: boolean;
  constructor(
    readonly method: string,
    readonly path: string,
    requestSent: boolean,
    /** The signal's reason (e.g. "Pulumi is cancelling the update"). */
    readonly reason: unknown,
  ) {
    const why = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "aborted";
    super(
      `${method} ${path} stopped: ${why}` +
        (requestSent ? "; the request may have reached Atlas, so check its effect (look the job up) before sending it again" : "; the request was not sent"),
      { cause: reason },
    );
    this.requestSent = requestSent;
  }
}
