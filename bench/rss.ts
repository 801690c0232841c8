import { existsSync, readFileSync } from "node:fs";
import { processTree } from "../test/helpers/process-tree";

/** What the sampler saw: the highest RSS of any one matching process, and of all of them together. */
export interface RssPeak {
  /** False where /proc is missing (not Linux): nothing was measured. */
  supported: boolean;
  peakProcessKiB: number;
  peakTotalKiB: number;
  /** Distinct matching pids seen. */
  processes: number;
  samples: number;
}

/**
 * Samples /proc every `everyMs` for descendants of `rootPid()` whose argv has an argument matching
 * `argMatch` (e.g. the dynamic provider `node …/@pulumi/pulumi/cmd/dynamic-provider/index.js`) and
 * records their VmRSS. Other users' processes (a colleague's `pulumi up`) are not counted. Reads
 * only /proc; stop() ends the timer.
 */
export function startRssSampler(argMatch: RegExp, rootPid: () => number | undefined, everyMs = 100): { stop(): RssPeak } {
  const supported = existsSync("/proc/self/status");
  const peak: RssPeak = { supported, peakProcessKiB: 0, peakTotalKiB: 0, processes: 0, samples: 0 };
  const seen = new Set<number>();
  const sample = () => {
    let total = 0;
    const root = rootPid();
    if (root === undefined) return;
    for (const entry of processTree(root)) {
      try {
        const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
        if (!argv.some((a) => argMatch.test(a))) continue;
        const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
        seen.add(Number(entry));
        total += kib;
        peak.peakProcessKiB = Math.max(peak.peakProcessKiB, kib);
      } catch {
        // the process ended between readdir and read
      }
    }
    peak.peakTotalKiB = Math.max(peak.peakTotalKiB, total);
    peak.samples++;
  };
  const timer = supported ? setInterval(sample, everyMs) : undefined;
  return {
    stop() {
      if (timer !== undefined) {
        clearInterval(timer);
        sample();
      }
      return { ...peak, processes: seen.size };
    },
  };
}
