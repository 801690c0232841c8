import { existsSync } from "node:fs";
import * as path from "node:path";
import { FLEET_COMMANDS, type FleetCommand } from "./fleet-summary";

export interface FleetCliArgs {
  command: FleetCommand;
  file: string;
  parallel?: number;
  remove: boolean;
  /** true: the JSON summary to stdout; a string: to that file. */
  json: boolean | string;
  lockWaitSeconds?: number;
  stacks: string[];
}

export class UsageError extends Error {
  override name = "UsageError" as const;
}

export const USAGE = `Usage: atlas-restore-fleet <up|preview|status|destroy> [options]

  up        seed or re-seed every environment (unchanged ones make no Atlas write)
  preview   show what up would do
  status    per environment: restore job, status and age, from the stacks (no Atlas request)
  destroy   forget the restores (the restored data stays); --remove also removes the stacks

Options:
  -f, --file <path>     fleet file, YAML or JSON (default: fleet.yaml, fleet.yml or fleet.json here)
  -p, --parallel <n>    environments at once (default 4)
  --stack <name>        only this environment (repeatable)
  --json[=<file>]       machine summary to stdout (progress then goes to stderr) or to <file>
  --lock-wait <seconds> wait this long for another run's stack lock (default 1800; 0: fail at once)
  --remove              destroy: also remove the stacks
  -h, --help

Environment: PULUMI_BACKEND_URL (else the fleet file's backend), PULUMI_CONFIG_PASSPHRASE,
MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY. Exit code: 0 all succeeded, 1 some failed, 2 usage or fleet file.`;

function positiveInt(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number ≥ ${min}, got ${value ?? "nothing"}`);
  return n;
}

export function parseFleetArgs(argv: readonly string[], cwd = process.cwd()): FleetCliArgs {
  const [command, ...rest] = argv;
  if (!command || !(FLEET_COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
  const args: FleetCliArgs = { command: command as FleetCommand, file: "", remove: false, json: false, stacks: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => rest[++i];
    if (arg === "-f" || arg === "--file") args.file = value() ?? "";
    else if (arg === "-p" || arg === "--parallel") args.parallel = positiveInt("--parallel", value(), 1);
    else if (arg === "--lock-wait") args.lockWaitSeconds = positiveInt("--lock-wait", value(), 0);
    else if (arg === "--stack") args.stacks.push(value() ?? "");
    else if (arg === "--remove") args.remove = true;
    else if (arg === "--json") args.json = true;
    else if (arg.startsWith("--json=")) args.json = arg.slice("--json=".length);
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if (args.remove && args.command !== "destroy") throw new UsageError("--remove belongs to destroy");
  if (args.stacks.some((s) => s === "")) throw new UsageError("--stack needs a stack name");
  if (args.json === "") throw new UsageError("--json= needs a file name");
  if (!args.file) {
    const found = ["fleet.yaml", "fleet.yml", "fleet.json"].find((f) => existsSync(path.join(cwd, f)));
    if (!found) throw new UsageError("no fleet file: pass --file, or put fleet.yaml in this directory");
    args.file = path.join(cwd, found);
  }
  return args;
}
