/** What the CLI writes to: process.stdout / process.stderr, or a test's stand-in. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  on?(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
  listenerCount?(event: string): number;
}

const guarded = new WeakSet<object>();

/**
 * A reader that went away (`atlas-restore-fleet status | head -1`) is not an error: EPIPE on the
 * stream is ignored (the rest of the output has nowhere to go), anything else is rethrown.
 */
export function ignoreEpipe(stream: OutStream): void {
  if (typeof stream.on !== "function" || guarded.has(stream)) return;
  guarded.add(stream);
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}
