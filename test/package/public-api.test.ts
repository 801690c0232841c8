import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import type { Page, RestoreArgs, TenantRestoreJob } from "../../src";

const ROOT = path.resolve(__dirname, "..", "..");

/** The README's "API reference" table: backticked names in the values and the types column. */
export function readmeApi(readme: string): { values: string[]; types: string[] } {
  const section = readme.split(/^## API reference$/m)[1]?.split(/^## /m)[0];
  if (section === undefined) throw new Error("README.md has no '## API reference' section");
  const values: string[] = [];
  const types: string[] = [];
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 5 || /^-+$/.test(cells[1]!) || cells[1] === "group") continue;
    const names = (cell: string) => [...cell.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!);
    values.push(...names(cells[2]!));
    types.push(...names(cells[3]!));
  }
  return { values: values.sort(), types: types.sort() };
}

/** Every name the built declarations export (values and types). */
function declaredExports(dts: string): string[] {
  const program = ts.createProgram([dts], { noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(dts)!);
  return checker.getExportsOfModule(symbol!).map((s) => s.getName()).sort();
}

describe("public API = the README's API reference", () => {
  const api = readmeApi(readFileSync(path.join(ROOT, "README.md"), "utf8"));

  it("the README lists each name once", () => {
    const all = [...api.values, ...api.types];
    assert.deepEqual(all.filter((n, i) => all.indexOf(n) !== i), []);
    assert.ok(api.values.includes("TenantRestore") && api.types.includes("RestoreArgs"));
  });

  it("Object.keys(require(\"pulumi-atlas-restore\")) is exactly the README's values", () => {
    // Resolved by package name, through package.json `exports`, as a user's program does.
    const keys = Object.keys(require(require.resolve("pulumi-atlas-restore", { paths: [ROOT] }))).filter((k) => k !== "__esModule");
    assert.deepEqual(keys.sort(), api.values);
  });

  it("the declarations (dist/index.d.ts) export exactly the README's values and types", function () {
    this.timeout(120_000);
    assert.deepEqual(declaredExports(path.join(ROOT, "dist", "index.d.ts")), [...api.values, ...api.types].sort());
  });

  it("the documented types derive from the zod schemas (checked when this file compiles)", () => {
    const args: RestoreArgs = { projectId: "p", clusterName: "c", snapshotId: "s", targetDeploymentItemName: "t", timeoutSeconds: Promise.resolve(60) };
    // @ts-expect-error targetDeploymentItemName is required, as in RestoreResourceArgs
    const missing: RestoreArgs = { projectId: "p", clusterName: "c", snapshotId: "s" };
    // @ts-expect-error a misspelt input is a type error too
    const typo: RestoreArgs = { ...args, timeoutSecond: 5 };
    const page: Page<TenantRestoreJob> = { results: [{ id: "j", status: "COMPLETED", extra: 1 }], totalCount: 1 };
    assert.ok(missing && typo && page.results[0]!.id === "j");
  });

  it("src/index.ts lists its exports explicitly (no `export *`)", () => {
    assert.doesNotMatch(readFileSync(path.join(ROOT, "src", "index.ts"), "utf8"), /export \*/);
  });

  it("package.json `exports` keeps the stored providers' module path and hides the rest of dist/", () => {
    const resolve = (p: string) => require.resolve(p, { paths: [ROOT] });
    assert.equal(resolve("pulumi-atlas-restore/dist/pulumi/provider-runtime"), path.join(ROOT, "dist", "pulumi", "provider-runtime.js"));
    assert.equal(resolve("pulumi-atlas-restore/dist/pulumi/provider-runtime.js"), path.join(ROOT, "dist", "pulumi", "provider-runtime.js"));
    assert.throws(() => resolve("pulumi-atlas-restore/dist/restore/adopt"), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" });
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.equal(pkg.exports["."].types, "./dist/index.d.ts");
  });
});
