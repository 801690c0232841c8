/**
 * The Node.js versions this package runs on. `digest-fetch` 3.x is ESM-only and is loaded with
 * `require()`, which works without a flag on Node 20.19+ and 22.12+ (and on 22.x with
 * `--experimental-require-module`) but fails on 22.0–22.11. Keep equal to package.json `engines`.
 */
export const SUPPORTED_NODE = "^20.19.0 || >=22.12.0";

/** Thrown at load time on an unsupported Node.js: one line, no stack frames. */
export class UnsupportedNodeError extends Error {
  override name = "UnsupportedNodeError" as const;
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.replace(/^v/, "").split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

/**
 * Why this Node.js cannot load the package, or undefined when it can. `requireModule` is
 * `process.features.require_module` (Node 20.19+, 22.10+): when Node reports it, it decides.
 */
export function nodeSupportProblem(version: string, requireModule: boolean | undefined): string | undefined {
  const [major = 0] = version.replace(/^v/, "").split(".").map(Number);
  const inRange = major === 20 ? atLeast(version, 20, 19) : major === 21 ? false : atLeast(version, 22, 12);
  if (requireModule ?? inRange) return undefined;
  return (
    `pulumi-atlas-restore needs Node.js ${SUPPORTED_NODE} (it loads the ESM-only digest-fetch with require()), ` +
    `but this is Node.js ${version.replace(/^v/, "")}: install Node.js 20.19+ or 22.12+ (any current LTS works).`
  );
}

/** Throws UnsupportedNodeError on a Node.js that cannot `require()` digest-fetch. */
export function assertSupportedNode(): void {
  const features = process.features as { require_module?: boolean };
  const problem = nodeSupportProblem(process.versions.node, features.require_module);
  if (problem !== undefined) throw new UnsupportedNodeError(problem);
}
