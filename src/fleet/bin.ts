#!/usr/bin/env node
import { writeFileSync } from "node:fs";
import { splitBackendPassword } from "./backend-url";
import { parseFleetArgs, USAGE, UsageError, type FleetCliArgs } from "./cli-args";
import { conciseError } from "./command-output";
import { FleetFileError } from "./fleet-file-error";
import { lineReporter, tableReporter, formatSummary } from "./fleet-reporter";
import { backendUrlOf, FleetSetupError } from "./fleet-settings";
import { exitCodeOf, type FleetSummary } from "./fleet-summary";
import { loadFleetFile } from "./load-fleet-file";
import { knownSecrets, redactKnown } from "./redact";
import { thisRunner } from "./runner-id";
import { runFleet } from "./run-fleet";
import { ignoreEpipe, type OutStream } from "./out-stream";

export const INTERRUPT_NOTICE =
  "atlas-restore-fleet: interrupted: no further environment starts; the running ones stop gracefully and keep their state. " +
  "Run `atlas-restore-fleet up` again to finish.\n";

/**
 * Ctrl-C reaches the Pulumi CLIs from the terminal already: acknowledge it once and stop starting
 * environments. SIGTERM (a CI cancel) reaches only us: the same, and pass it on to the CLIs.
 */
export function interruptHandlers(stderr: OutStream) {
  const stopStarting = new AbortController();
  const interrupt = new AbortController();
  const onInt = () => {
    if (!stopStarting.signal.aborted) stderr.write(INTERRUPT_NOTICE);
    stopStarting.abort();
  };
  const onTerm = () => (onInt(), interrupt.abort());
  return { stopStarting, interrupt, onInt, onTerm };
}

/** atlas-restore-fleet: exit 0 when every environment succeeded, 1 when some failed, 2 for usage/fleet-file/setup errors. */
export async function main(argv: readonly string[], io: { stdout: OutStream; stderr: OutStream } = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  ignoreEpipe(io.stdout);
  ignoreEpipe(io.stderr);
  if (argv.includes("-h") || argv.includes("--help")) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args: FleetCliArgs;
  try {
    args = parseFleetArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`atlas-restore-fleet: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  // Every byte this command prints or writes goes through the redaction (secrets of the environment and the backend URL).
  const secrets = knownSecrets(process.env, [splitBackendPassword(process.env.PULUMI_BACKEND_URL ?? "").password]);
  const clean = (text: string) => redactKnown(text, secrets);
  const out = (s: OutStream) => (text: string) => void s.write(clean(text));
  // Human output goes to stdout unless the JSON summary does.
  const human = args.json === true ? io.stderr : io.stdout;
  const columns = human.columns !== undefined && human.columns > 0 ? human.columns : 100;
  const reporter = human.isTTY ? tableReporter(out(human), columns) : lineReporter(out(human));
  const { stopStarting, interrupt, onInt, onTerm } = interruptHandlers(io.stderr);
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  const writeJson = (summary: FleetSummary) => {
    const json = clean(`${JSON.stringify(summary, null, 2)}\n`);
    if (args.json === true) io.stdout.write(json);
    else if (typeof args.json === "string") writeFileSync(args.json, json);
  };
  let project = "atlas-restore-fleet";
  try {
    const fleet = loadFleetFile(args.file);
    project = fleet.project;
    secrets.push(...knownSecrets({}, [splitBackendPassword(backendUrlOf(fleet, process.env) ?? "").password]));
    const summary = await runFleet(fleet, {
      command: args.command,
      remove: args.remove,
      fresh: args.fresh || fleet.fresh,
      stacks: args.stacks.length > 0 ? args.stacks : undefined,
      onEvent: (e) => reporter.event(e),
      signal: stopStarting.signal,
      interrupt: interrupt.signal,
      ...(args.shard ? { shard: args.shard } : {}),
      ...(args.parallel !== undefined ? { parallel: args.parallel } : {}),
      ...(args.lockWaitSeconds !== undefined ? { lockWaitSeconds: args.lockWaitSeconds } : {}),
    });
    reporter.close();
    out(human)(formatSummary(summary));
    writeJson(summary);
    return exitCodeOf(summary);
  } catch (error) {
    reporter.close();
    const setup = error instanceof FleetFileError || error instanceof FleetSetupError;
    const message = clean(setup ? (error as Error).message : conciseError(error, secrets));
    io.stderr.write(`atlas-restore-fleet: ${message}\n${setup ? "No stack was touched.\n" : ""}`);
    writeJson({
      command: args.command, project, ok: false, startedAt: new Date().toISOString(), wallMs: 0, parallel: args.parallel ?? 0,
      runner: thisRunner(), environments: [], failed: [], setupError: message,
    });
    return setup ? 2 : 1;
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`atlas-restore-fleet: ${redactKnown(conciseError(error), knownSecrets(process.env))}\n`);
      process.exitCode = 1;
    },
  );
}
