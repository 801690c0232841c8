import { setTimeout as sleep } from "node:timers/promises";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { LocalWorkspace, StackAlreadyExistsError, StackNotFoundError, type PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

/** How every stack of one fleet run is opened. */
export interface FleetWorkspaceSettings {
  project: string;
  /** Environment of the Pulumi CLI (and so of each provider process). */
  env: Record<string, string>;
  /** Scratch directory of this run; one work directory per stack inside. */
  workRoot: string;
  pulumiCommand?: PulumiCommand;
}

export function workspaceOptions(s: FleetWorkspaceSettings, stack: string) {
  const workDir = path.join(s.workRoot, stack);
  mkdirSync(workDir, { recursive: true });
  return {
    workDir,
    envVars: s.env,
    projectSettings: { name: s.project, runtime: "nodejs" as const, description: "Seeded by atlas-restore-fleet (pulumi-atlas-restore)" },
    ...(s.pulumiCommand ? { pulumiCommand: s.pulumiCommand } : {}),
  };
}

/** The PostgreSQL backend's answer to two runners touching one stack's blobs at once: worth asking again. */
export const isBackendHiccup = (error: unknown): boolean => /could not list bucket|no rows in result set/.test((error as Error)?.message ?? "");

/**
 * Selects the stack, creating it when missing. Two runners may both find it missing and both
 * create it: the loser's "already exists" is answered by selecting the winner's stack. Not every
 * backend says "already exists" when two `stack init`s race: the PostgreSQL backend also answers
 * "the stack is currently locked" or "could not list bucket … NotFound" (both seen here, sometimes
 * for both runners at once), so a failed create is retried from the select a few times.
 */
export async function openStack(s: FleetWorkspaceSettings, stack: string, program: PulumiFn, attempts = 5): Promise<Stack> {
  const args = { projectName: s.project, stackName: stack, program };
  for (let attempt = 1; ; attempt++) {
    try {
      return await LocalWorkspace.selectStack(args, workspaceOptions(s, stack));
    } catch (error) {
      if (isBackendHiccup(error) && attempt < attempts) {
        await sleep(200 + Math.random() * 400 * attempt);
        continue;
      }
      if (!(error instanceof StackNotFoundError)) throw error;
    }
    try {
      return await LocalWorkspace.createStack(args, workspaceOptions(s, stack));
    } catch (error) {
      if (error instanceof StackAlreadyExistsError) return LocalWorkspace.selectStack(args, workspaceOptions(s, stack));
      if (attempt >= attempts) throw error;
      await sleep(200 + Math.random() * 400 * attempt);
    }
  }
}

/** Selects an existing stack, or undefined when it does not exist (status, destroy). */
export async function findStack(s: FleetWorkspaceSettings, stack: string, program: PulumiFn): Promise<Stack | undefined> {
  try {
    return await LocalWorkspace.selectStack({ projectName: s.project, stackName: stack, program }, workspaceOptions(s, stack));
  } catch (error) {
    if (error instanceof StackNotFoundError) return undefined;
    throw error;
  }
}

/** A scratch directory for one run's work directories (one per stack), removed by `cleanupWorkRoot`. */
export const createWorkRoot = (): string => realpathSync(mkdtempSync(path.join(tmpdir(), "atlas-restore-fleet-")));

/**
 * Removes the run's work directories and the workspace files Pulumi kept for them in its home
 * (`workspaces/<project>-<sha1 of the Pulumi.yaml path>-workspace.json`), so nothing piles up run after run.
 */
export function cleanupWorkRoot(s: FleetWorkspaceSettings): void {
  const dirs = existsSync(s.workRoot) ? readdirSync(s.workRoot).map((d) => path.join(s.workRoot, d)) : [];
  rmSync(s.workRoot, { recursive: true, force: true });
  const workspaces = path.join(s.env.PULUMI_HOME || path.join(homedir(), ".pulumi"), "workspaces");
  for (const dir of dirs) {
    const file = path.join(workspaces, `${s.project}-${createHash("sha1").update(path.join(dir, "Pulumi.yaml")).digest("hex")}-workspace.json`);
    rmSync(file, { force: true });
  }
}

/**
 * Opens the backend once (`pulumi whoami` logs in to it): a wrong URL, password or a database that
 * is down fails here, before any stack. Not `pulumi stack ls`: on PostgreSQL it reads every stack
 * and was seen to hang with a few dozen of them.
 */
export async function checkBackend(s: FleetWorkspaceSettings): Promise<void> {
  const ws = await LocalWorkspace.create(workspaceOptions(s, ".backend-check"));
  await ws.whoAmI();
}
