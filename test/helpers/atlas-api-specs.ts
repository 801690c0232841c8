import { existsSync } from "node:fs";
import * as path from "node:path";
import { loadOpenApi, type OpenApiDoc } from "./openapi-check";

/**
 * The official Atlas OpenAPI extracts are CC BY-NC-SA reference data and never live in this
 * repository. Tests that check against them find them here: `$ATLAS_OPENAPI_DIR`, else
 * `../shared/atlas-api` beside the repository. Nothing is read at module load time.
 */
export const ATLAS_OPENAPI_ENV = "ATLAS_OPENAPI_DIR";
const BESIDE_REPO = path.resolve(__dirname, "..", "..", "..", "shared", "atlas-api");

export type SpecLookup = { dir: string } | { missing: string };

/**
 * Where the extracts are. An explicit `$ATLAS_OPENAPI_DIR` that lacks a file is an error (the
 * setting is wrong); with no setting and nothing beside the repository the answer is `missing`.
 */
export function findAtlasApiSpecs(files: string[], env: NodeJS.ProcessEnv = process.env, besideRepo = BESIDE_REPO): SpecLookup {
  const explicit = env[ATLAS_OPENAPI_ENV];
  if (explicit) {
    const absent = files.filter((f) => !existsSync(path.join(explicit, f)));
    if (absent.length > 0) throw new Error(`${ATLAS_OPENAPI_ENV}=${explicit} does not hold ${absent.join(", ")}`);
    return { dir: explicit };
  }
  if (files.every((f) => existsSync(path.join(besideRepo, f)))) return { dir: besideRepo };
  return { missing: `${files.join(", ")} not found: set ${ATLAS_OPENAPI_ENV} to a directory holding the Atlas OpenAPI extracts (or place them at ../shared/atlas-api beside the repository) to run these checks` };
}

/**
 * For a `before` hook: loads the named extracts, or marks the calling suite pending at run time
 * (mocha's `this.skip()`) after printing one line that says what was skipped and how to enable it.
 */
export function loadAtlasApiSpecs(hook: Mocha.Context, files: string[]): OpenApiDoc[] {
  const found = findAtlasApiSpecs(files);
  if ("missing" in found) {
    const suite = hook.test?.parent?.fullTitle() ?? "OpenAPI checks";
    console.log(`    pending: "${suite}": ${found.missing}`);
    hook.skip();
  }
  return files.map((f) => loadOpenApi(path.join((found as { dir: string }).dir, f)));
}
