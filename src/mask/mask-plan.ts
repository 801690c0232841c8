import type { MongoClient } from "mongodb";
import type { MaskControl } from "./mask-control";
import { WORK_PREFIX } from "./mask-control";
import { orderFieldRules, type FieldRules } from "./mask-document";
import { MaskError } from "./mask-errors";
import { splitNamespace, type MaskRule, type MaskStrategy } from "./mask-rules";

export type PlanStep = { namespace: string; db: string; collection: string } & ({ action: "mask"; rules: FieldRules } | { action: "drop" });

/**
 * Turns the rules into one step per collection, reading only: `db.*` becomes every collection of
 * the database (views, system and work collections excepted). A rule naming a collection (or a
 * database) that does not exist is refused here, before anything is written, unless this run's
 * checkpoint shows it already dropped or swapped it, or the rule drops it anyway. A collection named by a `db.*` rule and an
 * exact rule gets both rules' fields (the exact rule's strategy wins on the same path); a drop wins.
 */
export async function planMask(client: MongoClient, rules: readonly MaskRule[], control: MaskControl): Promise<PlanStep[]> {
  const listed = new Map<string, string[]>();
  const collectionsOf = async (db: string) => {
    let names = listed.get(db);
    if (names === undefined) {
      const infos = await client.db(db).listCollections({}, { nameOnly: false }).toArray();
      names = infos.filter((i) => (i.type ?? "collection") === "collection" && !i.name.startsWith("system.") && !i.name.startsWith(WORK_PREFIX)).map((i) => i.name).sort();
      listed.set(db, names);
    }
    return names;
  };
  const fields = new Map<string, Record<string, MaskStrategy>>();
  const drops = new Set<string>();
  const missing: string[] = [];
  const ordered = [...rules].sort((a, b) => Number(splitNamespace(b.namespace).collection === "*") - Number(splitNamespace(a.namespace).collection === "*"));
  for (const rule of ordered) {
    const { db, collection } = splitNamespace(rule.namespace);
    const present = await collectionsOf(db);
    let targets: string[];
    if (collection === "*") {
      targets = present;
      if (targets.length === 0) missing.push(`${rule.namespace} (database ${db} has no collections)`);
    } else if (present.includes(collection)) {
      targets = [collection];
    } else {
      const record = await control.get(rule.namespace);
      // A drop rule's collection already gone is the end state it asks for; a field rule's is a mistake.
      if (record === null && rule.action !== "drop") missing.push(rule.namespace);
      targets = record === null || record.phase === "dropped" ? [] : [collection];
      if (record?.phase === "dropped") drops.add(rule.namespace);
    }
    for (const c of targets) {
      const ns = `${db}.${c}`;
      if (rule.action === "drop") drops.add(ns);
      else fields.set(ns, { ...(rule.fields ?? {}), ...(fields.get(ns) ?? {}) });
    }
  }
  if (missing.length > 0) {
    throw new MaskError("NAMESPACE", `rules name namespaces that do not exist on the target: ${missing.join(", ")}. Nothing was written. Check the rules' namespace (database.collection) against the restored data.`);
  }
  const steps: PlanStep[] = [];
  for (const [namespace, f] of fields) if (!drops.has(namespace)) steps.push({ namespace, ...splitNamespace(namespace), action: "mask", rules: orderFieldRules(f) });
  for (const namespace of drops) steps.push({ namespace, ...splitNamespace(namespace), action: "drop" });
  return steps.sort((a, b) => a.namespace.localeCompare(b.namespace));
}
