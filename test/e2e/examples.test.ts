import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, pulumiBinDir } from "../helpers/pulumi-cli";

const run = promisify(execFile);
const EXAMPLES = path.join(REPO_ROOT, "examples");

/** Where each example runs under the real engine against the simulator (a new example needs a row). */
const RUN_BY: Record<string, string> = {
  "seed-environment": "test/e2e/seed-environment.test.ts",
  "restore-report": "test/e2e/restore-report-and-flex.test.ts",
  "seed-fleet": "test/e2e/examples.test.ts",
  "masked-staging": "test/e2e/data-mask.test.ts",
};

describe("examples: each compiles against the built package and runs under the real engine", function () {
  this.timeout(15 * 60_000);
  const examples = readdirSync(EXAMPLES).filter((d) => existsSync(path.join(EXAMPLES, d, "tsconfig.json")));

  it("every example has a test that runs it", () => {
    assert.ok(examples.length >= 3, examples.join(", "));
    for (const example of examples) {
      const file = RUN_BY[example];
      assert.ok(file, `examples/${example} is run by no test: add it to RUN_BY and run it under the engine`);
      assert.match(readFileSync(path.join(REPO_ROOT, file), "utf8"), new RegExp(`"examples", "${example}"|examples/${example}|"${example}"`), `${file} runs examples/${example}`);
    }
  });

  it("every example compiles (tsc --noEmit with its own tsconfig, importing only the package's public entry)", async () => {
    const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    for (const example of examples) {
      const dir = path.join(EXAMPLES, example);
      const result = await run(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json"), "--noEmit"], { cwd: dir }).catch((e: { stdout?: string; message: string }) => ({ stdout: e.stdout ?? e.message, failed: true }));
      assert.ok(!("failed" in result), `examples/${example} does not compile:\n${result.stdout}`);
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
        assert.doesNotMatch(readFileSync(path.join(dir, f), "utf8"), /from "pulumi-atlas-restore\/|from "\.\.\/\.\.\/src/, `examples/${example}/${f} uses only the public API`);
      }
    }
  });

  it("seed-fleet: run.ts up seeds staging and three previews from a dedicated source (CloudBackupRestore), all COMPLETED", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "seed-fleet-example-"));
    try {
      const env = {
        ...process.env,
        PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_BACKEND_URL: `file://${dir}`,
        PULUMI_HOME: path.join(dir, ".home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        TS_NODE_TRANSPILE_ONLY: "true",
      };
      const script = path.join(EXAMPLES, "seed-fleet", "run.ts");
      const { stdout } = await run(process.execPath, ["-r", "ts-node/register", script, "up"], { cwd: path.join(EXAMPLES, "seed-fleet"), env, timeout: 10 * 60_000 }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`run.ts up failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
      });
      assert.match(stdout, /all succeeded/, stdout);
      for (const stack of ["staging", "preview-101", "preview-102", "preview-103"]) assert.match(stdout, new RegExp(`ok\\s+${stack} → \\S+ [0-9a-f]{24} COMPLETED`), stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
