import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/**
 * The simulator is a model of Atlas, not of our client: from the client's src/schemas it may use
 * only id and name patterns (and the token endpoint's path), never a request or response schema,
 * so that a test of the client against the simulator checks the client against Atlas's rules.
 */
const ALLOWED = new Set([
  "ObjectId", "ClusterName", "OBJECT_ID_PATTERN", "CLUSTER_NAME_PATTERN", "DEPLOYMENT_ITEM_NAME_PATTERN",
  "isDatabaseName", "isCollectionNamespace", "DATABASE_NAME_RULE", "COLLECTION_NAMESPACE_RULE", "OAUTH_TOKEN_PATH",
]);
const ROOT = path.resolve(__dirname, "..", "..", "src", "simulator");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? sources(full) : f.endsWith(".ts") ? [full] : [];
  });
}

describe("simulator independence from the client's schemas", () => {
  it("imports nothing from src/schemas but id and name patterns", () => {
    const used: string[] = [];
    for (const file of sources(ROOT)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"((?:\.\.\/)+schemas[^"]*)"/g)) {
        for (const name of m[1]!.split(",").map((n) => n.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!).filter(Boolean)) {
          used.push(`${path.relative(ROOT, file)}: ${name}`);
        }
      }
      assert.doesNotMatch(text, /import\s+\*\s+as\s+\w+\s+from\s+"(?:\.\.\/)+schemas/, file);
    }
    assert.ok(used.length > 0, "the scan finds the shared patterns");
    assert.deepEqual(used.filter((u) => !ALLOWED.has(u.split(": ")[1]!)), []);
  });
});
