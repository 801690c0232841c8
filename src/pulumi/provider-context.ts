/**
 * The provider process's module state and what reads it: test seams (log, clock, client options),
 * the settings configure() received, one AtlasClient per restore family, and the jobs `delete` let
 * go. Never serialized: the stub in stack state `require`s provider-runtime, which uses this.
 */
import { AtlasClient } from "../atlas/client";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import { AtlasConfigError } from "../atlas/errors";
import type { AtlasSettingsInput } from "../atlas/settings";
import type { RestoreArgsBase, RestoreKind } from "../restore/family-types";
import { restoreFamily } from "../restore/restore-family";
import { parseInput } from "../schemas/validate";
import { systemClock, type Clock } from "../util/clock";
import { cancellationSignal, resetInterruption } from "./cancellation";
import { CONFIG_KEYS, settingsFromConfig, type ConfigSource } from "./settings";

export type Props = Record<string, unknown>;

/** Test seams: where progress goes, the clock, and extra client options (e.g. a short retry budget). */
export const providerHooks: { log: (line: string) => void; clock: Clock; clientOptions: Partial<AtlasClientOptions> } = {
  log: (line) => console.log(line),
  clock: systemClock,
  clientOptions: {},
};

/** Settings from configure(): module state of the provider process, never part of the serialized provider. */
let configured: AtlasSettingsInput = {};
let clients = new Map<RestoreKind, AtlasClient>();
/** Jobs `delete` let go in this process: a replacement must start a new restore, not adopt them. */
export const released = new Set<string>();

export async function configure(req: { config: ConfigSource }): Promise<void> {
  configured = settingsFromConfig(req.config);
  clients = new Map();
}

/** Forgets configure() settings and cached clients (tests). */
export function resetProviderState(): void {
  configured = {};
  clients = new Map();
  released.clear();
  resetInterruption();
}

export function clientFor(kind: RestoreKind): AtlasClient {
  let client = clients.get(kind);
  if (!client) {
    // Some families exist only in one API version (Flex: v2).
    const apiVersion = family(kind).apiVersion;
    const version: Partial<AtlasClientOptions> = apiVersion ? { apiVersion } : {};
    // Ctrl-C (Cancel RPC or a signal) aborts every request and retry back-off of the process.
    client = new AtlasClient({ ...configured, ...providerHooks.clientOptions, ...version, signal: cancellationSignal() } as AtlasClientOptions);
    clients.set(kind, client);
  }
  return client;
}

export const family = (kind: RestoreKind) => restoreFamily<AtlasClient>(kind);
export const argsOf = (kind: RestoreKind, props: Props): RestoreArgsBase => {
  const { __provider: _p, ...inputs } = props;
  return parseInput(family(kind).args, inputs, "restore inputs");
};

/** A settings problem of `kind`'s client, as check reports it (undefined: none). */
export function settingsProblem(kind: RestoreKind): string | undefined {
  try {
    clientFor(kind);
    return undefined;
  } catch (error) {
    if (!(error instanceof AtlasConfigError)) throw error;
    const option = error.option as keyof typeof CONFIG_KEYS;
    // Name the stack config key when the bad value came from it (else the message names the env vars).
    return option in CONFIG_KEYS && configured[option] !== undefined ? `Pulumi config ${CONFIG_KEYS[option]}: ${error.message}` : error.message;
  }
}
