/** Reading what the Pulumi CLI prints for one stack: restore progress lines and the error worth showing. */

const STATUS = /\b(PENDING|QUEUED|RUNNING|IN_PROGRESS|COMPLETED|FAILED|CANCELLED|EXPIRED)\b/g;
const JOB = /\b[A-Za-z]+Restore (?:job )?([0-9a-f]{24})\b/;

/** `TenantRestore job <id> (…): QUEUED` / `TenantRestore <id>: QUEUED → RUNNING after 3 s` → id and the newest status. */
export function progressOf(line: string): { restoreJobId: string; status?: string } | undefined {
  const job = JOB.exec(line);
  if (!job) return undefined;
  const statuses = [...line.matchAll(STATUS)].map((m) => m[1]!);
  return { restoreJobId: job[1]!, ...(statuses.length > 0 ? { status: statuses[statuses.length - 1] } : {}) };
}

/** Calls `onLine` for every complete line of a chunked stream. */
export function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let rest = "";
  return (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  };
}

const NOISE = /^(update failed|preview failed|destroy failed|refresh failed|an error occurred|one or more errors occurred|\d+ errors? occurred)/i;

/**
 * The message a person needs from a failed Pulumi command: the resource's own `error:` line (the
 * provider's message names the job and what to do), else the CLI's, else the first line.
 */
export function conciseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // `error: 1 error occurred:` is followed by the errors themselves as `\t* <message>` lines.
  const errors = [...text.matchAll(/(?:error: |^\s*\* )(.+)/gm)].map((m) => m[1]!.trim()).filter((m) => !NOISE.test(m));
  const chosen = errors[0] ?? text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "unknown error";
  return chosen.length > 600 ? `${chosen.slice(0, 600)}…` : chosen;
}
