import * as fs from "node:fs";
import * as path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { PACKAGE_NAME } from "../version";

/** Where the provider process finds data-mask-runtime: by package name when it resolves to this file, else by absolute path. */
export function locateDataMaskRuntime(): string {
  const absolute = path.join(__dirname, "data-mask-runtime");
  const relative = path.relative(path.resolve(__dirname, "..", ".."), absolute).split(path.sep).join("/");
  const byName = `${PACKAGE_NAME}/${relative}`;
  try {
    if (fs.realpathSync(require.resolve(byName, { paths: [process.cwd()] })) === fs.realpathSync(require.resolve(absolute))) return byName;
  } catch {
    // not installed under the program: the absolute path
  }
  return absolute;
}

/**
 * DataMask's dynamic provider as Pulumi serializes it: each method loads data-mask-runtime in the
 * provider process. The closure holds one plain string; no key, password or connection string.
 */
export function dataMaskProvider(runtimeModule: string = locateDataMaskRuntime()): dynamic.ResourceProvider {
  return {
    configure: async (req) => require(runtimeModule).configure(req),
    check: async (olds, news) => require(runtimeModule).check(olds, news),
    diff: async (id, olds, news) => require(runtimeModule).diff(id, olds, news),
    create: async (inputs) => require(runtimeModule).create(inputs),
    read: async (id, props) => require(runtimeModule).read(id, props),
    update: async (id, olds, news) => require(runtimeModule).update(id, olds, news),
    delete: async (id, props) => require(runtimeModule).delete(id, props),
  };
}
