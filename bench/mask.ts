import { performance } from "node:perf_hooks";
import type { Document, MongoClient } from "mongodb";
import { CONTROL_DB } from "../src/mask/mask-control";
import { MaskRules } from "../src/mask/mask-rules";
import { runMask } from "../src/mask/run-mask";
import { startFerretDb } from "../test/helpers/ferretdb";
import type { Row } from "./table";

/**
 * DataMask throughput on a real MongoDB-wire server (FerretDB v1.24.2, SQLite, started here):
 * masking one collection of DOCS documents (5 masked paths) against a plain read-and-rewrite copy
 * of the same collection on the same server (read in _id order, insertMany into another
 * collection, the same batch size). Median of ROUNDS alternating rounds; originals re-seeded
 * before each (not timed). Also: round trips (commands sent) per 1,000 documents, and the time verify adds.
 */
const DOCS = 10_000;
const BATCH = 1000;
const ROUNDS = 3;
const KEY = "bench-mask-key-0123456789abcdef";
const RULES = MaskRules.parse([
  { namespace: "bench.users", fields: { email: "hash", name: "fake:name", phone: "fake:phone", "addresses.street": "fake:address", ssn: "unset" } },
]);

const docs = (): Document[] =>
  Array.from({ length: DOCS }, (_, i) => ({
    _id: i,
    email: `user${i}@corp.example`,
    name: `Person ${i}`,
    phone: `+44 20 7946 ${String(i % 10000).padStart(4, "0")}`,
    ssn: `123-45-${String(i % 10000).padStart(4, "0")}`,
    addresses: [{ street: `${i} High St`, city: "London", zip: "N1 9GU" }],
    plan: i % 3 ? "pro" : "free",
    createdAt: new Date(1_700_000_000_000 + i * 1000),
  }));

async function seed(root: MongoClient): Promise<void> {
  for (const db of ["bench", CONTROL_DB]) await root.db(db).dropDatabase();
  await root.db("bench").collection("users").insertMany(docs());
}

async function plainCopy(root: MongoClient): Promise<number> {
  const db = root.db("bench");
  const t0 = performance.now();
  let batch: Document[] = [];
  for await (const d of db.collection("users").find({}).sort({ _id: 1 }).batchSize(BATCH)) {
    batch.push(d);
    if (batch.length >= BATCH) {
      await db.collection("users_copy").insertMany(batch, { ordered: true });
      batch = [];
    }
  }
  if (batch.length > 0) await db.collection("users_copy").insertMany(batch, { ordered: true });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchMask(): Promise<{ rows: Row[]; notes: string[] }> {
  const server = await startFerretDb();
  try {
    const copyMs: number[] = [];
    const maskMs: number[] = [];
    const verifyMs: number[] = [];
    let commands = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await seed(server.root);
      copyMs.push(await plainCopy(server.root));
      await seed(server.root);
      let counted = 0;
      let t0 = performance.now();
      await runMask({ uri: server.rootUri, rules: RULES, key: KEY, restore: `r${round}`, verify: false, batchSize: BATCH, onCommand: () => counted++ });
      maskMs.push(performance.now() - t0);
      commands = counted;
      await seed(server.root);
      t0 = performance.now();
      await runMask({ uri: server.rootUri, rules: RULES, key: KEY, restore: `v${round}`, verify: true, batchSize: BATCH });
      verifyMs.push(performance.now() - t0);
    }
    const copyRate = DOCS / (median(copyMs) / 1000);
    const maskRate = DOCS / (median(maskMs) / 1000);
    const ratio = maskRate / copyRate;
    const perThousand = (commands / DOCS) * 1000;
    const verifyAdds = median(verifyMs) - median(maskMs);
    const f = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
    return {
      rows: [
        { benchmark: "mask", variant: `plain read-and-rewrite copy, ${f(DOCS)} docs (FerretDB/SQLite)`, requests: "—", time: `${(median(copyMs) / 1000).toFixed(2)} s; ${f(copyRate)} docs/s`, target: "—" },
        { benchmark: "mask", variant: `DataMask, 5 paths, verify off`, requests: `${commands} commands (${perThousand.toFixed(1)} per 1,000 docs)`, time: `${(median(maskMs) / 1000).toFixed(2)} s; ${f(maskRate)} docs/s; ratio ${ratio.toFixed(2)}`, target: "ratio ≥ 0.8", pass: ratio >= 0.8 },
        { benchmark: "mask", variant: `DataMask, 5 paths, verify on (full)`, requests: "—", time: `${(median(verifyMs) / 1000).toFixed(2)} s; verify adds ${(verifyAdds / 1000).toFixed(2)} s (${((verifyAdds / median(maskMs)) * 100).toFixed(0)}%)`, target: "—" },
      ],
      notes: [
        `**mask** — real time, FerretDB v1.24.2 (SQLite backend) started by the benchmark on 127.0.0.1. Medians of ${ROUNDS} alternating rounds, batch ${BATCH}, originals re-seeded before each (not timed). DataMask's time includes connecting, planning, the checkpoint writes, copying the indexes and the swap (rename); the plain copy only reads and inserts. Commands counted with the driver's command monitoring (each is one round trip).`,
      ],
    };
  } finally {
    await server.stop();
  }
}
