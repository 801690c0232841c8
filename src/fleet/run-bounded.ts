/** What `work` may answer on an item's first turn: "defer" puts it back, behind every item not started yet. */
export type WorkOutcome = void | "defer";

/**
 * Runs `work` for every item with at most `limit` in flight, in order of the list. An item whose
 * first turn answers "defer" (another runner holds it) comes back once every item has had its first
 * turn, with `second: true` (its answer is then final). So no lane waits on a deferred item while
 * an item not started yet remains. Launches stop when `signal` aborts (items not started get
 * `onSkipped`). Never rejects: `work` reports its own failures. `staggerMs(i)` delays the first
 * wave so its polls don't all land on the same second.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number, turn: { second: boolean }) => Promise<WorkOutcome>,
  options: { signal?: AbortSignal; onSkipped?: (item: T, index: number) => void; staggerMs?: (index: number) => number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let next = 0;
  const deferred: number[] = [];
  const take = (): [number, boolean] | undefined => {
    if (next < items.length) return [next++, false];
    const i = deferred.shift();
    return i === undefined ? undefined : [i, true];
  };
  const lane = async (laneIndex: number) => {
    const stagger = options.staggerMs?.(laneIndex) ?? 0;
    if (stagger > 0) await sleep(stagger);
    for (let turn = take(); turn !== undefined; turn = take()) {
      const [i, second] = turn;
      if (options.signal?.aborted) {
        options.onSkipped?.(items[i]!, i);
        continue;
      }
      if ((await work(items[i]!, i, { second })) === "defer" && !second) deferred.push(i);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
}
