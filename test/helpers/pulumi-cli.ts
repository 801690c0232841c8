import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import * as path from "node:path";

/** Drives the real Pulumi CLI offline (scripts/pulumi-local.sh) for end-to-end tests. */

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const WORK_ROOT = path.join(REPO_ROOT, ".pulumi-local", "e2e");

let binDir: string | undefined;

/**
 * The directory holding `pulumi`, from scripts/ensure-pulumi.sh (run once per process). Throws
 * with instructions when no CLI can be had: engine tests fail, they are never skipped.
 */
export function pulumiBinDir(): string {
  if (binDir) return binDir;
  try {
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 30 * 60_000,
    });
    binDir = out.trim().split("\n").pop()!;
    return binDir;
  } catch (err) {
    throw new Error(
      "No Pulumi CLI is available, so the engine tests cannot run. Install Pulumi " +
        "(https://www.pulumi.com/docs/install/) or Go >= 1.25.11, then run `bash scripts/ensure-pulumi.sh`. " +
        `Cause: ${(err as Error).message}`,
    );
  }
}

export interface PulumiRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Resolve instead of reject when the command exits non-zero. */
  allowFailure?: boolean;
  /** Called with every chunk of output (e.g. to kill the process at a chosen moment). */
  onOutput?: (chunk: string, child: import("node:child_process").ChildProcess) => void;
  timeoutMs?: number;
}

/** A copy of a Pulumi project in a scratch directory inside the repo (so node_modules resolves). */
export class PulumiProject {
  readonly stateDir: string;
  private constructor(
    readonly dir: string,
    readonly stack: string,
    private readonly baseEnv: Record<string, string>,
    stateDir?: string,
  ) {
    this.stateDir = stateDir ?? path.join(dir, ".state");
  }

  /** A project that already sits in `dir` (e.g. outside the repository), with its state in `stateDir`. */
  static at(dir: string, options: { stack?: string; env?: Record<string, string>; stateDir: string }): PulumiProject {
    return new PulumiProject(dir, options.stack ?? "test", options.env ?? {}, options.stateDir);
  }

  static create(sourceDir: string, options: { stack?: string; env?: Record<string, string> } = {}): PulumiProject {
    mkdirSync(WORK_ROOT, { recursive: true });
    const dir = mkdtempSync(path.join(WORK_ROOT, `${path.basename(sourceDir)}-`));
    cpSync(sourceDir, dir, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|\.state|bin)$/.test(src) && !/Pulumi\.[^/\\]+\.yaml$/.test(src),
    });
    return new PulumiProject(dir, options.stack ?? "test", options.env ?? {});
  }

  /** Runs `pulumi <args>` in the project with the offline environment. */
  run(args: string[], options: RunOptions = {}): Promise<PulumiRun> {
    const env: Record<string, string | undefined> = {
      ...process.env,
      PULUMI_BIN_DIR: pulumiBinDir(),
      PULUMI_LOCAL_DIR: this.stateDir,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      NO_COLOR: "1",
      ...this.baseEnv,
      ...options.env,
    };
    return new Promise((resolve, reject) => {
      const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "pulumi-local.sh"), ...args, "--non-interactive"], {
        cwd: this.dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      let output = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000);
      child.stdout.on("data", (b: Buffer) => {
        stdout += b;
        output += b;
        options.onOutput?.(b.toString(), child);
      });
      child.stderr.on("data", (b: Buffer) => {
        stderr += b;
        output += b;
        options.onOutput?.(b.toString(), child);
      });
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        const result = { code, signal, stdout, stderr, output };
        if (code !== 0 && !options.allowFailure) {
          reject(new Error(`pulumi ${args.join(" ")} exited with ${code ?? signal}:\n${output}`));
        } else {
          resolve(result);
        }
      });
    });
  }

  /** `pulumi stack init` (the local backend needs no organization). */
  async init(): Promise<void> {
    await this.run(["stack", "init", this.stack]);
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.run(["config", "set", key, value, ...(secret ? ["--secret"] : ["--plaintext"])]);
  }

  /** Sets several config values: `[key, value, secret?]`. */
  async setConfigs(entries: Array<[string, string, boolean?]>): Promise<void> {
    for (const [key, value, secret] of entries) await this.setConfig(key, value, secret ?? false);
  }

  async stackExport(): Promise<StackExport> {
    const { stdout } = await this.run(["stack", "export"]);
    return JSON.parse(stdout) as StackExport;
  }

  async outputs(showSecrets = false): Promise<Record<string, unknown>> {
    const { stdout } = await this.run(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]);
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface StackResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
export interface StackExport {
  version: number;
  deployment: { resources?: StackResource[]; pending_operations?: unknown[] };
}

/** Resources of a custom type in an exported stack, e.g. `pulumi-nodejs:dynamic:Resource`. */
export function resourcesOfType(state: StackExport, type: string): StackResource[] {
  return (state.deployment.resources ?? []).filter((r) => r.type === type);
}

/** Prints a command's summary lines so CI logs show what the engine did. */
export function logSummary(label: string, run: PulumiRun): void {
  const lines = run.output
    .split("\n")
    .filter((l) => /Resources:|[+\-~]\s+\d+ (created|deleted|updated|replaced)|\d+ unchanged|Duration:|error:/.test(l))
    .map((l) => `      ${l.trim()}`);
  console.log(`    [pulumi ${label}]\n${lines.join("\n")}`);
}

export function scratchDir(prefix: string): string {
  mkdirSync(WORK_ROOT, { recursive: true });
  return mkdtempSync(path.join(WORK_ROOT, prefix));
}

/** Stack config entries pointing the provider at a simulator (keys as secrets), for `setConfigs`. */
export function simulatorConfig(sim: { publicKey: string; privateKey: string; url: string }): Array<[string, string, boolean]> {
  return [
    ["mongodbatlas:publicKey", sim.publicKey, true],
    ["mongodbatlas:privateKey", sim.privateKey, true],
    ["mongodbatlas:baseUrl", sim.url, false],
  ];
}
