import { createHash } from "node:crypto";

/** `--shard i/n`: this runner takes the environments whose stack name hashes to shard i of n. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The shard (1 … count) of a stack: from a hash of its name alone, so an environment always falls
 * to the same shard, whatever the order of the fleet file and whatever is added or removed.
 */
export function shardOf(stack: string, count: number): number {
  return (createHash("sha256").update(stack).digest().readUInt32BE(0) % count) + 1;
}

export const inShard = (stack: string, shard: Shard | undefined): boolean => shard === undefined || shardOf(stack, shard.count) === shard.index;
