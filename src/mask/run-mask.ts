import { createHmac } from "node:crypto";
import { systemClock, type Clock } from "../util/clock";
import { connectTarget } from "./connect";
import { MaskControl } from "./mask-control";
import { maskCollection, maskedByOtherRules } from "./mask-collection";
import { MaskError } from "./mask-errors";
import type { MaskRule } from "./mask-rules";
import { planMask } from "./mask-plan";

export interface RunMaskOptions {
  /** mongodb:// or mongodb+srv:// with credentials. Never logged (messages mask the password). */
  uri: string;
  rules: readonly MaskRule[];
  key: string;
  /** The restore job this masking follows ("none" without one): part of the run's identity. */
  restore: string;
  verify?: boolean;
  /** Documents per read batch and per insert; default 1000. */
  batchSize?: number;
  authWaitMs?: number;
  clock?: Clock;
  log?: (line: string) => void;
  onBatch?: (namespace: string, written: number) => void | Promise<void>;
  onSwap?: (namespace: string, step: "original-dropped") => void | Promise<void>;
  /** Called with each command sent to the target (benchmarks). */
  onCommand?: (name: string) => void;
  /** Server selection timeout for the connection; default 10 s. */
  serverSelectionTimeoutMS?: number;
}

export interface MaskRunResult {
  runId: string;
  /** Documents masked, all namespaces (counting those an interrupted earlier attempt of this run finished). */
  maskedDocuments: number;
  /** Masked documents per namespace. */
  namespaces: Record<string, number>;
  dropped: string[];
  /** True when verify ran on every masked namespace and passed; false when verify was off. */
  verified: boolean;
}

/** The identity of a masking run: keyed, so it reveals nothing about the key; same restore, rules and key → same run. */
export function maskRunId(key: string, restore: string, rules: readonly MaskRule[]): string {
  return createHmac("sha256", key).update(`run\u0000${restore}\u0000${JSON.stringify(rules)}`).digest("hex").slice(0, 24);
}

/**
 * Masks the target per the rules: connects (refused connection or authentication → error, nothing
 * written), plans (a missing namespace → error, nothing written), then masks each collection (see
 * maskCollection) and drops what the rules drop. Resumable: the same run, called again after any
 * interruption, finishes the job and masks every document exactly once.
 */
export async function runMask(o: RunMaskOptions): Promise<MaskRunResult> {
  const log = o.log ?? (() => undefined);
  const client = await connectTarget(o.uri, { clock: o.clock ?? systemClock, authWaitMs: o.authWaitMs, onCommand: o.onCommand, serverSelectionTimeoutMS: o.serverSelectionTimeoutMS });
  try {
    const runId = maskRunId(o.key, o.restore, o.rules);
    const control = new MaskControl(client, runId, o.restore);
    const others = await control.maskedByOtherRuns();
    if (others.length > 0) {
      throw new MaskError(
        "ALREADY_MASKED",
        `${others.join(", ")} already masked since restore ${o.restore} by other rules or another key; masking again would mask masked values (a hash of a hash breaks joins). Nothing was written. Restore again (a new afterRestore) to apply the changed rules or key.`,
      );
    }
    const plan = await planMask(client, o.rules, control);
    const rulesIdOf = (rules: unknown) => createHmac("sha256", o.key).update(`rules\u0000${JSON.stringify(rules)}`).digest("hex").slice(0, 24);
    const conflicts: string[] = [];
    for (const step of plan) {
      if (step.action === "mask" && (await maskedByOtherRules(client.db(step.db), step.collection, control, rulesIdOf(step.rules)))) conflicts.push(step.namespace);
    }
    if (conflicts.length > 0) {
      throw new MaskError("ALREADY_MASKED", `${conflicts.join(", ")} already masked by an earlier run (other rules or another key) and not restored since; masking again would mask masked values. Nothing was written. Restore again to apply the changed rules or key.`);
    }
    const result: MaskRunResult = { runId, maskedDocuments: 0, namespaces: {}, dropped: [], verified: o.verify !== false };
    for (const step of plan) {
      const db = client.db(step.db);
      if (step.action === "drop") {
        await db.collection(step.collection).drop().catch(() => undefined);
        await control.set(step.namespace, { phase: "dropped", originalCount: 0 });
        result.dropped.push(step.namespace);
        log(`DataMask: dropped ${step.namespace}`);
        continue;
      }
      const r = await maskCollection(db, step.collection, {
        key: o.key,
        rules: step.rules,
        verify: o.verify !== false,
        batchSize: o.batchSize ?? 1000,
        control,
        rulesId: rulesIdOf(step.rules),
        onBatch: o.onBatch,
        onSwap: o.onSwap,
      });
      result.namespaces[step.namespace] = r.maskedCount;
      result.maskedDocuments += r.maskedCount;
      if (r.verified !== true) result.verified = false;
      log(`DataMask: ${step.namespace}: ${r.maskedCount} documents masked${r.alreadyDone ? " (by an earlier run; unchanged since, not masked again)" : ""}${r.verified ? ", verified" : ""}`);
    }
    return result;
  } finally {
    await client.close().catch(() => undefined);
  }
}
