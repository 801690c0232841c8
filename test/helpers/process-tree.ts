import { readdirSync, readFileSync } from "node:fs";

/** Pids of `root` and every process below it, read from /proc (Linux). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // the parent pid is the second field after the parenthesised command name
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree: number[] = [];
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** SIGKILL for the CLI and everything under it. Plugins run in their own process groups, so the tree is frozen first (SIGSTOP, until no new process appears), then killed. */
export function killTree(root: number): number[] {
  const frozen = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const fresh = processTree(root).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      try {
        process.kill(pid, "SIGSTOP");
        frozen.add(pid);
      } catch {
        // already gone
      }
    }
  }
  for (const pid of frozen) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return [...frozen];
}
