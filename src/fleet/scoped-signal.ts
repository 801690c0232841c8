/**
 * Runs `op` with a signal of its own that follows `parent`, and detaches it when `op` ends. Each
 * Automation API command adds an "abort" listener to the signal it gets and never removes it, so
 * handing the run's one signal to every command leaked a listener per command
 * (MaxListenersExceededWarning at 11 environments, or after ~40 s of lock polling).
 */
export async function withScopedSignal<T>(parent: AbortSignal | undefined, op: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!parent) return op(undefined);
  const own = new AbortController();
  if (parent.aborted) own.abort();
  const follow = () => own.abort();
  parent.addEventListener("abort", follow, { once: true });
  try {
    return await op(own.signal);
  } finally {
    parent.removeEventListener("abort", follow);
  }
}

/** `{ signal }` for a command's options when there is one. */
export const signalOption = (signal: AbortSignal | undefined): { signal?: AbortSignal } => (signal ? { signal } : {});
