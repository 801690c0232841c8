#!/usr/bin/env node
import { writeFileSync } from "node:fs";
import { parseFleetArgs, USAGE, UsageError } from "./cli-args";
import { FleetFileError } from "./fleet-file-error";
import { lineReporter, tableReporter, formatSummary } from "./fleet-reporter";
import { FleetSetupError } from "./fleet-settings";
import { exitCodeOf } from "./fleet-summary";
import { loadFleetFile } from "./load-fleet-file";
import { runFleet } from "./run-fleet";

/** atlas-restore-fleet: exit 0 when every environment succeeded, 1 when some failed, 2 for usage/fleet-file/setup errors. */
export async function main(argv: readonly string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args;
  try {
    args = parseFleetArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`atlas-restore-fleet: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  // Human output goes to stdout unless the JSON summary does.
  const human = args.json === true ? io.stderr : io.stdout;
  const reporter = human.isTTY ? tableReporter((t) => human.write(t), human.columns ?? 100) : lineReporter((t) => human.write(t));
  const stopStarting = new AbortController();
  const interrupt = new AbortController();
  // Ctrl-C reaches the Pulumi CLIs from the terminal already: stop starting more. SIGTERM (CI cancel) reaches only us: pass it on.
  const onInt = () => stopStarting.abort();
  const onTerm = () => (stopStarting.abort(), interrupt.abort());
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    const fleet = loadFleetFile(args.file);
    const summary = await runFleet(fleet, {
      command: args.command,
      remove: args.remove,
      stacks: args.stacks.length > 0 ? args.stacks : undefined,
      onEvent: (e) => reporter.event(e),
      signal: stopStarting.signal,
      interrupt: interrupt.signal,
      ...(args.parallel !== undefined ? { parallel: args.parallel } : {}),
      ...(args.lockWaitSeconds !== undefined ? { lockWaitSeconds: args.lockWaitSeconds } : {}),
    });
    reporter.close();
    human.write(formatSummary(summary));
    const json = `${JSON.stringify(summary, null, 2)}\n`;
    if (args.json === true) io.stdout.write(json);
    else if (typeof args.json === "string") writeFileSync(args.json, json);
    return exitCodeOf(summary);
  } catch (error) {
    reporter.close();
    if (error instanceof FleetFileError || error instanceof FleetSetupError) {
      io.stderr.write(`atlas-restore-fleet: ${error.message}\nNo stack was touched.\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`atlas-restore-fleet: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
