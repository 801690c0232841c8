// `npm run demo`: the seed-environment example end to end against the local Atlas simulator.
// Builds the package, makes sure a Pulumi CLI is available, starts the simulator, configures a
// fresh local stack (keys as secrets), runs `pulumi up`, shows the outputs, refreshes, destroys,
// and stops everything. No Atlas account, no prompts, nothing left running.
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { startAtlasSimulator } from "../src/simulator";

const root = path.resolve(__dirname, "..");
const stateDir = path.join(root, ".pulumi-local", "demo");
const stack = "demo";

function step(title: string): void {
  console.log(`\n\x1b[1m== ${title}\x1b[0m`);
}

async function main(): Promise<void> {
  const started = Date.now();
  step("build the package");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });

  step("Pulumi CLI");
  const binDir = execFileSync("bash", [path.join(root, "scripts", "ensure-pulumi.sh")], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;

  step("start the local Atlas simulator");
  const sim = await startAtlasSimulator({ lifecycle: { pendingMs: 1500, queuedMs: 1500, runningMs: 4000 } });
  const seed = sim.seed;
  console.log(`simulator listening on ${sim.url} (project ${seed.defaultProjectId})`);

  rmSync(stateDir, { recursive: true, force: true });
  const env = { ...process.env, PULUMI_BIN_DIR: binDir, PULUMI_LOCAL_DIR: stateDir, PULUMI_CONFIG_PASSPHRASE: "demo-passphrase" };
  // Asynchronous on purpose: the simulator lives in this process and must keep answering.
  const pulumi = (args: string[], quiet = false): Promise<void> => {
    if (!quiet) console.log(`$ pulumi ${args.join(" ")}`);
    const child = spawn("bash", [path.join(root, "scripts", "pulumi-local.sh"), ...args, "--non-interactive"], {
      cwd: root,
      env,
      stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    });
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`pulumi ${args[0]} failed (exit ${code ?? signal})`)),
      );
    });
  };

  try {
    step("configure a local stack (keys stored as secrets)");
    await pulumi(["stack", "init", stack], true);
    const config: Array<[string, string, boolean]> = [
      ["mongodbatlas:publicKey", sim.publicKey, true],
      ["mongodbatlas:privateKey", sim.privateKey, true],
      ["mongodbatlas:baseUrl", sim.url, false],
      ["sourceProjectId", seed.defaultProjectId, false],
      ["sourceClusterName", seed.defaultSourceCluster, false],
      ["targetClusterName", seed.defaultTargetCluster, false],
      ["pollIntervalSeconds", "1", false],
    ];
    for (const [key, value, secret] of config) {
      await pulumi(["config", "set", key, value, secret ? "--secret" : "--plaintext"], true);
      console.log(`  ${key} = ${secret ? "[secret]" : value}`);
    }

    step(`pulumi up: restore ${seed.defaultSourceCluster} into ${seed.defaultTargetCluster} and wait`);
    await pulumi(["up", "--yes", "--skip-preview"]);

    step("outputs");
    await pulumi(["stack", "output"]);

    step("pulumi refresh");
    await pulumi(["refresh", "--yes", "--skip-preview"]);

    step("pulumi destroy (Atlas cannot undo a restore: the job is forgotten, the data stays)");
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    await pulumi(["stack", "rm", "--yes"], true);

    const posts = sim.requestLog.entries().filter((e) => e.method === "POST").length;
    const history = sim.restoreHistory(seed.defaultProjectId, seed.defaultTargetCluster);
    step("what the simulator saw");
    console.log(`  ${sim.requestLog.entries().length} HTTP exchanges, ${posts} POST (restore requests)`);
    console.log(`  target ${seed.defaultTargetCluster} restored ${history.length} time(s)`);
    console.log(`\ndemo finished in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await sim.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`\ndemo failed: ${(err as Error).message}`);
  process.exitCode = 1;
});
