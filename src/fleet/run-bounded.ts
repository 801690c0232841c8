/**
 * Runs `work` for every item with at most `limit` in flight, in order of the list. Launches stop
 * when `signal` aborts (items not started get `onSkipped`). Never rejects: `work` reports its own
 * failures. `staggerMs(i)` delays the first wave so its polls don't all land on the same second.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  options: { signal?: AbortSignal; onSkipped?: (item: T, index: number) => void; staggerMs?: (index: number) => number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let next = 0;
  const lane = async (laneIndex: number) => {
    const stagger = options.staggerMs?.(laneIndex) ?? 0;
    if (stagger > 0) await sleep(stagger);
    while (next < items.length) {
      const i = next++;
      if (options.signal?.aborted) {
        options.onSkipped?.(items[i]!, i);
        continue;
      }
      await work(items[i]!, i);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
}
