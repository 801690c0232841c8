import { MongoClient } from "mongodb";
import type { Clock } from "../util/clock";
import { MaskError, redactUri } from "./mask-errors";

export interface ConnectOptions {
  /** How long to keep retrying a refused authentication (a new Atlas database user takes a while to reach the cluster); default 0. */
  authWaitMs?: number;
  clock: Clock;
  /** Server selection timeout; default 10 s. */
  serverSelectionTimeoutMS?: number;
  /** Called with each command sent (benchmarks count round trips). */
  onCommand?: (name: string) => void;
}

const isAuthFailure = (e: unknown) => {
  const err = e as { code?: number; codeName?: string; message?: string };
  return err.code === 18 || err.codeName === "AuthenticationFailed" || /authenticat/i.test(err.message ?? "");
};

/**
 * Connects and runs `ping`, so a refused connection or authentication is reported before anything
 * is read or written. Errors name the host (password masked) and the server's answer.
 */
export async function connectTarget(uri: string, o: ConnectOptions): Promise<MongoClient> {
  const deadline = o.clock.now() + (o.authWaitMs ?? 0);
  for (let attempt = 1; ; attempt++) {
    const client = new MongoClient(uri, {
      // A serverSelectionTimeoutMS in the connection string wins over the default.
      ...(/[?&]serverSelectionTimeoutMS=/i.test(uri) && o.serverSelectionTimeoutMS === undefined ? {} : { serverSelectionTimeoutMS: o.serverSelectionTimeoutMS ?? 10_000 }),
      appName: "pulumi-atlas-restore DataMask", monitorCommands: o.onCommand !== undefined });
    if (o.onCommand) client.on("commandStarted", (e) => o.onCommand!(e.commandName));
    try {
      await client.connect();
      await client.db("admin").command({ ping: 1 });
      return client;
    } catch (error) {
      await client.close().catch(() => undefined);
      const answer = (error as Error).message;
      if (isAuthFailure(error)) {
        if (o.clock.now() < deadline) {
          await o.clock.sleep(Math.min(5000, 250 * 2 ** Math.min(attempt, 5)));
          continue;
        }
        throw new MaskError("AUTH", `authentication to ${redactUri(uri)} was refused: ${answer}. Check the user and password of connectionString (or that the database user exists).`);
      }
      throw new MaskError("CONNECT", `cannot connect to ${redactUri(uri)}: ${answer}. Check the host and that this machine may reach the cluster (Atlas IP access list).`);
    }
  }
}
