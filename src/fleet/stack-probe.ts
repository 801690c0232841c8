import { LocalWorkspace, StackAlreadyExistsError } from "@pulumi/pulumi/automation";
import { isLockError } from "./stack-lock";
import { workspaceOptions, type FleetWorkspaceSettings } from "./fleet-workspace";

/**
 * Asks the backend whether a stack is locked, changing nothing: `pulumi stack init` of the
 * existing stack takes the stack's lock (the DIY backends lock before they check existence), so it
 * fails with the lock's description while another run holds it, and with "already exists" (lock
 * taken and released at once) when nobody does. Runs in a work directory of its own, so the
 * stack's own work directory keeps its settings. Returns the lock message, or undefined when free.
 */
export async function probeStackLock(s: FleetWorkspaceSettings, stack: string): Promise<string | undefined> {
  const ws = await LocalWorkspace.create(workspaceOptions(s, `${stack}.probe`));
  try {
    await ws.createStack(stack);
    // Created: it did not exist (removed meanwhile). Free.
    return undefined;
  } catch (error) {
    if (error instanceof StackAlreadyExistsError) return undefined;
    const message = (error as Error).message ?? String(error);
    if (isLockError(message)) return message;
    throw error;
  }
}
