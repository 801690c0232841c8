import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * A throwaway PostgreSQL server for the fleet tests: `initdb` + `pg_ctl` in a temporary directory,
 * on a free 127.0.0.1 port, trust authentication, stopped and deleted by `stop()`. Runs as the
 * `postgres` (or `nobody`) user when the tests run as root (PostgreSQL refuses to run as root).
 */
export interface PostgresServer {
  /** postgres://pulumi[:password]@127.0.0.1:<port>/postgres?sslmode=disable */
  url: string;
  port: number;
  /** Everything the database holds (`pg_dump`): to check what the state backend stored. */
  dump(): string;
  stop(): Promise<void>;
}

/** initdb's directory: PATH first, else Debian's /usr/lib/postgresql/<version>/bin (newest). */
export function postgresBinDir(): string {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return path.dirname(onPath);
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error("PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin): `apt-get install postgresql` (bash .ci/run does it)");
  }
  return path.join(root, versions[0]!, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ["postgres", "nobody"]) {
    const r = spawnSync("id", ["-u", user], { encoding: "utf8" });
    if (r.status === 0) return { uid: Number(r.stdout.trim()), gid: Number(spawnSync("id", ["-g", user], { encoding: "utf8" }).stdout.trim()) };
  }
  throw new Error("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as");
}

/** `password`: the `pulumi` user needs it (scram-sha-256), and `url` carries it in its userinfo. */
export async function startPostgres(options: { password?: string } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), "fleet-pg-"));
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const opts = { stdio: "pipe" as const, timeout: 120_000, ...(user ?? {}) };
  const auth = ["--auth=trust"];
  if (options.password !== undefined) {
    const pwfile = path.join(dir, "pwfile");
    writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    auth.splice(0, 1, "--auth=scram-sha-256", `--pwfile=${pwfile}`);
  }
  execFileSync(path.join(bin, "initdb"), ["-D", data, "-U", "pulumi", ...auth, "--no-sync", "-E", "UTF8"], opts);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  execFileSync(path.join(bin, "pg_ctl"), ["-D", data, "-o", serverOptions, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"], opts);
  let stopped = false;
  return {
    url: `postgres://pulumi${options.password !== undefined ? `:${encodeURIComponent(options.password)}` : ""}@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    dump() {
      const env = { ...process.env, ...(options.password !== undefined ? { PGPASSWORD: options.password } : {}) };
      // initdb on PATH may be a link into Debian's directory, where pg_dump lives.
      const tools = path.dirname(realpathSync(path.join(bin, "initdb")));
      return execFileSync(path.join(tools, "pg_dump"), ["-h", "127.0.0.1", "-p", String(port), "-U", "pulumi", "-d", "postgres"], { encoding: "utf8", env, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        execFileSync(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], opts);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
