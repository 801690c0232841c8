import { existsSync } from "node:fs";
import * as path from "node:path";
import { FLEET_COMMANDS, type FleetCommand } from "./fleet-summary";
import { parseShard, type Shard } from "./shard";

export interface FleetCliArgs {
  command: FleetCommand;
  file: string;
  parallel?: number;
  remove: boolean;
  /** true: the JSON summary to stdout; a string: to that file. */
  json: boolean | string;
  lockWaitSeconds?: number;
  stacks: string[];
  /** up: never adopt a finished job (adoptionWindowSeconds 0). */
  fresh: boolean;
  shard?: Shard;
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
  --shard <i>/<n>       only the environments of shard i of n (stable: by stack name), for CI matrices
  --fresh               up: start new restores, never adopt a finished job (adoptionWindowSeconds 0)
  --remove              destroy: also remove the stacks
  -h, --help

Environment: PULUMI_BACKEND_URL (else the fleet file's backend), PULUMI_CONFIG_PASSPHRASE,
MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY. Several runners may share one fleet file and
backend: each takes the environments nobody holds yet. Exit code: 0 all succeeded, 1 some failed,
2 usage, fleet file or setup (backend, Atlas), nothing touched.`;

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
  const args: FleetCliArgs = { command: command as FleetCommand, file: "", remove: false, json: false, stacks: [], fresh: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    /** The option's value: a missing one (or the next option) is an error, never a silent default. */
    const value = (what: string) => {
      const v = rest[i + 1];
      if (v === undefined || v === "" || (v.startsWith("-") && !/^-\d/.test(v))) throw new UsageError(`${arg} needs ${what}`);
      i++;
      return v;
    };
    if (arg === "-f" || arg === "--file") args.file = value("a fleet file path");
    else if (arg === "--shard") {
      const text = value("<i>/<n>, e.g. 1/2");
      const shard = parseShard(text);
      if (!shard) throw new UsageError(`--shard needs <i>/<n> with 1 ≤ i ≤ n, got ${text}`);
      args.shard = shard;
    } else if (arg === "--fresh") args.fresh = true;
    else if (arg === "-p" || arg === "--parallel") args.parallel = positiveInt("--parallel", value("a number"), 1);
    else if (arg === "--lock-wait") args.lockWaitSeconds = positiveInt("--lock-wait", value("a number of seconds"), 0);
    else if (arg === "--stack") args.stacks.push(value("a stack name"));
    else if (arg === "--remove") args.remove = true;
    else if (arg === "--json") args.json = true;
    else if (arg.startsWith("--json=")) args.json = arg.slice("--json=".length);
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if (args.remove && args.command !== "destroy") throw new UsageError("--remove belongs to destroy");
  if (args.fresh && args.command !== "up") throw new UsageError("--fresh belongs to up");
  if (args.stacks.some((s) => s === "")) throw new UsageError("--stack needs a stack name");
  if (args.json === "") throw new UsageError("--json= needs a file name");
  if (!args.file) {
    const found = ["fleet.yaml", "fleet.yml", "fleet.json"].find((f) => existsSync(path.join(cwd, f)));
    if (!found) throw new UsageError("no fleet file: pass --file, or put fleet.yaml in this directory");
    args.file = path.join(cwd, found);
  }
  return args;
}
