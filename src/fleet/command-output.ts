import { redactKnown } from "./redact";

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

/** The state backend could not be opened or reached (database down, wrong password, …). */
export const BACKEND_FAILURE = /failed to ping PostgreSQL|failed to connect to PostgreSQL|failed to create table|password authentication failed|connection refused|could not connect|no such host|could not list bucket|unable to open bucket|failed to open bucket|database .* does not exist|role .* does not exist/i;

const BACKEND_ADVICE = "check the backend URL, that the database is up, and its password (in the URL or PGPASSWORD)";
const MAX_CHARS = 1200;

/**
 * The message a person needs from a failed Pulumi command, as one line with no secret: the
 * resource's own `error:` line (the provider's message names the job and what to do), else the
 * CLI's, else the first line. Advice meant for `pulumi up` names `atlas-restore-fleet up`; a very
 * long message keeps its start and its end (where the advice is).
 */
export function conciseError(error: unknown, secrets: readonly string[] = []): string {
  const text = error instanceof Error ? error.message : String(error);
  // `error: 1 error occurred:` is followed by the errors themselves as `\t* <message>` lines.
  const errors = [...text.matchAll(/(?:error: |^\s*\* )(.+)/gm)].map((m) => m[1]!.trim()).filter((m) => !NOISE.test(m));
  let chosen = errors[0] ?? text.split("\n").find((l) => l.trim() !== "" && !/^(code|stdout|stderr|err\?):\s*-?\d*\s*$/.test(l.trim()))?.trim() ?? "unknown error";
  chosen = chosen.replace(/\s+/g, " ").replace(/`pulumi up`/g, "`atlas-restore-fleet up`");
  if (BACKEND_FAILURE.test(chosen) && !chosen.includes(BACKEND_ADVICE)) chosen = `the state backend cannot be used: ${chosen}; ${BACKEND_ADVICE}`;
  chosen = redactKnown(chosen, secrets);
  return chosen.length > MAX_CHARS ? `${chosen.slice(0, MAX_CHARS / 2)} … ${chosen.slice(-MAX_CHARS / 2)}` : chosen;
}
