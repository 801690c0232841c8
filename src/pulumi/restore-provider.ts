import * as fs from "node:fs";
import * as path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { RestoreKind } from "../restore/restore-family";
import { PACKAGE_NAME } from "../version";

/**
 * Where the provider process finds provider-runtime: by package name when the program's
 * node_modules resolves it to this very file (portable across machines: read/delete run the stub
 * stored in state), else by absolute path (a checkout or a test run).
 */
export function locateRuntimeModule(): string {
  const absolute = path.join(__dirname, "provider-runtime");
  const relative = path.relative(path.resolve(__dirname, "..", ".."), absolute).split(path.sep).join("/");
  const byName = `${PACKAGE_NAME}/${relative}`;
  try {
    const resolvedByName = fs.realpathSync(require.resolve(byName, { paths: [process.cwd()] }));
    if (resolvedByName === fs.realpathSync(require.resolve(absolute))) return byName;
  } catch {
    // not installed under the program: use the absolute path
  }
  return absolute;
}

/**
 * The dynamic provider of a restore family, as Pulumi serializes it into the stack: each method
 * is one line that loads provider-runtime in the provider process and calls it. The closure holds
 * only two plain strings (`kind`, `runtimeModule`): no settings, no credentials, no schemas. Keys
 * come from configure() (stack config) or the environment, inside the provider process.
 */
export function restoreProvider(kind: RestoreKind, runtimeModule: string = locateRuntimeModule()): dynamic.ResourceProvider {
  return {
    configure: async (req) => require(runtimeModule).configure(req),
    check: async (olds, news) => require(runtimeModule).check(kind, olds, news),
    diff: async (id, olds, news) => require(runtimeModule).diff(kind, id, olds, news),
    create: async (inputs) => require(runtimeModule).create(kind, inputs),
    read: async (id, props) => require(runtimeModule).read(kind, id, props),
    update: async (id, olds, news) => require(runtimeModule).update(kind, id, olds, news),
    delete: async (id, props) => require(runtimeModule).delete(kind, id, props),
  };
}

/** The provider of TenantRestore (M2/M5 clusters). */
export const tenantRestoreProvider = (): dynamic.ResourceProvider => restoreProvider("tenant");
/** The provider of FlexRestore (Flex clusters; API v2). */
export const flexRestoreProvider = (): dynamic.ResourceProvider => restoreProvider("flex");
