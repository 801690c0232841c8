import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { restoreProvider } from "../../src/pulumi/restore-provider";

// The real dynamic-provider host of the installed @pulumi/pulumi (the program Pulumi starts for
// dynamic resources, `pulumi-resource-pulumi-nodejs`), driven over gRPC the way the engine drives
// it: Configure, Check, Create, Cancel. The provider is serialized exactly as the SDK does it and
// loads this checkout's sources (ts-node) in the host.

/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

export const HOST_SCRIPT = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
export const PULUMI_SDK_VERSION: string = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const URN = "urn:pulumi:test::host::pulumi-nodejs:dynamic/pulumi-atlas-restore:TenantRestore::seed";

/** What Create answered: outputs, or the partial state the engine records (ErrorResourceInitFailed). */
export interface CreateAnswer {
  id?: string;
  properties?: Record<string, unknown>;
  reasons?: string[];
  error?: string;
  /** Date.now() when the answer arrived. */
  at: number;
}

export interface ProviderHost {
  process: ChildProcess;
  /** Everything the host printed (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  configure(config: Record<string, string>): Promise<void>;
  check(inputs: Record<string, unknown>): Promise<void>;
  create(inputs: Record<string, unknown>): Promise<CreateAnswer>;
  cancel(): Promise<void>;
  close(): void;
}

let providerText: Promise<string> | undefined;
/** `__provider` as @pulumi/pulumi/dynamic writes it into the stack. */
export function serializedProvider(): Promise<string> {
  const provider = restoreProvider("tenant");
  providerText ??= pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }).then((sf) => sf.text);
  return providerText;
}

function unary<Req>(client: grpc.Client, method: string, request: Req): Promise<unknown> {
  return new Promise((resolve, reject) => {
    (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, v: unknown) => void) => void>)[method](request, (e, v) => (e ? reject(e) : resolve(v)));
  });
}

function answerOf(error: grpc.ServiceError): CreateAnswer {
  const details = error.metadata?.get("grpc-status-details-bin")[0];
  if (details === undefined) return { error: error.details, at: Date.now() };
  const status = statusproto.Status.deserializeBinary(details);
  const failed = provproto.ErrorResourceInitFailed.deserializeBinary(status.getDetailsList()[0].getValue_asU8());
  return { id: failed.getId(), properties: failed.getProperties()?.toJavaScript(), reasons: failed.getReasonsList(), error: error.details, at: Date.now() };
}

/** Starts the host (as Pulumi does: `node …/cmd/dynamic-provider <engine address>`) and connects to it. */
export async function startProviderHost(env: Record<string, string> = {}): Promise<ProviderHost> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", HOST_SCRIPT, "127.0.0.1:1"], {
    cwd: path.resolve(__dirname, "..", ".."),
    env: { ...process.env, PULUMI_PROJECT: "host", PULUMI_STACK: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => {
      output += b;
      const first = /^(\d+)\n/.exec(output);
      if (first) resolve(Number(first[1]));
    });
    child.stderr!.on("data", (b: Buffer) => (output += b));
    void exited.then(() => reject(new Error(`the provider host exited before listening:\n${output}`)));
  });
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as grpc.Client;
  const struct = (v: Record<string, unknown>) => structproto.Struct.fromJavaScript(v);
  return {
    process: child,
    output: () => output,
    exited,
    configure: async (config) => {
      const req = new provproto.ConfigureRequest();
      req.setArgs(struct(config));
      await unary(client, "configure", req);
    },
    check: async (inputs) => {
      const req = new provproto.CheckRequest();
      req.setUrn(URN);
      req.setOlds(struct({}));
      req.setNews(struct(inputs));
      await unary(client, "check", req);
    },
    create: async (inputs) => {
      const req = new provproto.CreateRequest();
      req.setUrn(URN);
      req.setProperties(struct(inputs));
      try {
        const res = (await unary(client, "create", req)) as { getId(): string; getProperties(): { toJavaScript(): Record<string, unknown> } };
        return { id: res.getId(), properties: res.getProperties().toJavaScript(), at: Date.now() };
      } catch (error) {
        return answerOf(error as grpc.ServiceError);
      }
    },
    cancel: async () => {
      await unary(client, "cancel", new emptyproto.Empty());
    },
    close: () => {
      client.close();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
