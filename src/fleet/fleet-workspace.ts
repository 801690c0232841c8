import { setTimeout as sleep } from "node:timers/promises";
import { mkdirSync } from "node:fs";
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

function workspaceOptions(s: FleetWorkspaceSettings, stack: string) {
  const workDir = path.join(s.workRoot, stack);
  mkdirSync(workDir, { recursive: true });
  return {
    workDir,
    envVars: s.env,
    projectSettings: { name: s.project, runtime: "nodejs" as const, description: "Seeded by atlas-restore-fleet (pulumi-atlas-restore)" },
    ...(s.pulumiCommand ? { pulumiCommand: s.pulumiCommand } : {}),
  };
}

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
