import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./pulumi-cli";

/** Packing the package and installing the tarball the way a user's program gets it from npm. */

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** `npm pack` in `sourceDir` (runs `prepack` unless `ignoreScripts`); returns the tarball's path. */
export function packPackage(sourceDir: string, destDir: string, options: { ignoreScripts?: boolean } = {}): string {
  mkdirSync(destDir, { recursive: true });
  const args = ["pack", "--json", "--pack-destination", destDir, ...(options.ignoreScripts ? ["--ignore-scripts"] : [])];
  const out = execFileSync(npm, args, { cwd: sourceDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 5 * 60_000 });
  const [{ filename }] = JSON.parse(out.slice(out.indexOf("["))) as Array<{ filename: string }>;
  return path.join(destDir, filename);
}

/** The exact version installed in the repository, so npm finds it in its cache. */
export const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

/**
 * `npm install <specs>` in `dir` from the npm cache (`--offline`); when the cache lacks a
 * package document, once more with `--prefer-offline` (tarballs still come from the cache).
 */
export function installOffline(dir: string, specs: string[]): { mode: string; ms: number } {
  const started = Date.now();
  const base = ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", ...specs];
  for (const mode of ["--offline", "--prefer-offline"]) {
    const run = spawnSync(npm, [...base, mode], { cwd: dir, encoding: "utf8", timeout: 10 * 60_000 });
    if (run.status === 0) return { mode, ms: Date.now() - started };
    if (mode === "--prefer-offline" || !/ENOTCACHED/.test(run.stderr)) {
      throw new Error(`npm install ${specs.join(" ")} ${mode} failed in ${dir}:\n${run.stderr}`);
    }
  }
  throw new Error("unreachable");
}

/** Copies a fixture program to `dir` (outside the repository) and installs `specs` into it. */
export function installProgram(fixture: string, dir: string, specs: string[]): { mode: string; ms: number } {
  cpSync(path.join(REPO_ROOT, "test", "fixtures", fixture), dir, { recursive: true });
  return installOffline(dir, specs);
}

/**
 * The package as released at `commit` (built from `git archive` with the repository's
 * node_modules, then packed). Needs the commit in the clone's history.
 */
export function packReleaseAt(commit: string, workDir: string): string {
  const source = path.join(workDir, `release-${commit}`);
  mkdirSync(source, { recursive: true });
  const git = (args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 << 20 });
  try {
    git(["cat-file", "-e", `${commit}^{commit}`]);
  } catch {
    throw new Error(`commit ${commit} (the previous release) is not in this clone's history: run \`git fetch --unshallow\` (CI must clone with full history)`);
  }
  execFileSync("tar", ["-x", "-C", source], { input: git(["archive", "--format=tar", commit]) });
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(source, "node_modules"), "dir");
  execFileSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: source, stdio: "inherit" });
  return packPackage(source, workDir, { ignoreScripts: true });
}
