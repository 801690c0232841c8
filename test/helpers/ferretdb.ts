import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { MongoClient } from "mongodb";
import { REPO_ROOT } from "./pulumi-cli";

/**
 * A real MongoDB-wire server for the DataMask tests: FerretDB v1.24.2 (SQLite backend, offline),
 * from scripts/ensure-ferretdb.sh (built once from its Go module and cached outside the clone).
 * When it cannot be had the tests FAIL with the reason: they are never skipped.
 */
let binary: string | undefined;
export function ferretdbBinary(): string {
  if (binary) return binary;
  try {
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-ferretdb.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 30 * 60_000 });
    binary = out.trim().split("\n").pop()!;
    return binary;
  } catch (err) {
    throw new Error(`No FerretDB binary, so the DataMask tests cannot run. Install Go and run \`bash scripts/ensure-ferretdb.sh\` (or set FERRETDB_BIN). Cause: ${(err as Error).message}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface FerretDb {
  /** A connection string without credentials (host only). */
  hostUri: string;
  /** The root user's connection string (setup user; authentication is on). */
  rootUri: string;
  root: MongoClient;
  /** Creates a user the way an Atlas database user reaches the cluster. */
  createUser(username: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

export const ROOT_USER = "root";
const ROOT_PASSWORD = "ferret-root-pw";

export async function startFerretDb(): Promise<FerretDb> {
  const bin = ferretdbBinary();
  const dir = mkdtempSync(path.join(tmpdir(), "ferretdb-"));
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    [
      "--handler=sqlite", `--sqlite-url=file:${dir}/`, `--listen-addr=127.0.0.1:${port}`, "--debug-addr=-", "--telemetry=disable",
      `--state-dir=${dir}`, "--log-level=ERROR", "--test-enable-new-auth", "--setup-database=admin", `--setup-username=${ROOT_USER}`, `--setup-password=${ROOT_PASSWORD}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b));
  const hostUri = `mongodb://127.0.0.1:${port}/`;
  const rootUri = `mongodb://${ROOT_USER}:${ROOT_PASSWORD}@127.0.0.1:${port}/?authSource=admin`;
  const root = new MongoClient(rootUri, { serverSelectionTimeoutMS: 1000 });
  const started = Date.now();
  for (;;) {
    try {
      await root.connect();
      await root.db("admin").command({ ping: 1 });
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() - started > 30_000) {
        child.kill("SIGKILL");
        throw new Error(`FerretDB did not start on port ${port}: ${(error as Error).message}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    hostUri,
    rootUri,
    root,
    createUser: async (username, password) => {
      await root.db("admin").command({ createUser: username, pwd: password, roles: [] });
    },
    stop: async () => {
      await root.close().catch(() => undefined);
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
