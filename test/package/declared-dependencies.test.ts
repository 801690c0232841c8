import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

describe("declared dependencies", () => {
  it("every package that src, test, bench and scripts import or require is declared in package.json", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, string> | string>;
    const declared = new Set([pkg.name as string, ...Object.keys({ ...(pkg.dependencies as object), ...(pkg.devDependencies as object) })]);
    const builtins = new Set(builtinModules);
    const used = new Map<string, string>();
    for (const dir of ["src", "test", "bench", "scripts"]) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const text = readFileSync(file, "utf8");
        const patterns = [/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gm, /^\s*import\s+"([^"]+)"/gm, /(?<![.\w])require\(\s*"([^"]+)"\s*\)/g, /\bimport\(\s*"([^"]+)"\s*\)/g];
        const specifiers = patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
        for (const s of specifiers) {
          if (s.startsWith(".") || s.startsWith("node:") || builtins.has(s)) continue;
          if (!used.has(packageOf(s))) used.set(packageOf(s), path.relative(ROOT, file));
        }
      }
    }
    assert.ok(used.has("require-from-string") && used.has("zod"), "the scan finds requires and imports");
    const undeclared = [...used].filter(([name]) => !declared.has(name)).map(([name, file]) => `${name} (first used in ${file})`);
    assert.deepEqual(undeclared, []);
  });
});
