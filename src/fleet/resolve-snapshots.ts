import { AtlasClient } from "../atlas/client";
import type { AtlasClientOptions } from "../atlas/atlas-client-options";
import type { FleetFile, SnapshotChoice } from "./fleet-file";
import { fleetKind, newestSnapshot } from "./fleet-kinds";
import { FleetSetupError } from "./fleet-settings";

/**
 * The snapshot id each choice stands for. `latest` is resolved once per run (one listing of the
 * source's snapshots, a read), so every environment of a run gets the same snapshot; a later run
 * that finds a newer one re-seeds (that is the nightly refresh). A point in time (dedicated) is
 * passed on as seconds; Atlas picks the snapshot.
 */
export async function resolveSnapshots(
  fleet: FleetFile,
  clientOptions: AtlasClientOptions,
): Promise<(choice: SnapshotChoice) => { snapshotId: string } | { pointInTimeUTCSeconds: number }> {
  const choices = [fleet.snapshot, ...fleet.environments.map((e) => e.snapshot ?? fleet.snapshot)];
  let latest: string | undefined;
  if (choices.includes("latest")) {
    const kind = fleetKind(fleet.source.kind);
    const client = new AtlasClient({ ...clientOptions, apiVersion: kind.apiVersion });
    const source = { projectId: fleet.source.projectId, clusterName: fleet.source.clusterName };
    const newest = newestSnapshot(await kind.snapshots(client, source));
    if (!newest) {
      throw new FleetSetupError(
        `snapshot "latest": the ${fleet.source.kind} cluster ${source.clusterName} in project ${source.projectId} has no COMPLETED snapshot; ` +
          "take one first or name a snapshotId",
      );
    }
    latest = newest.id;
  }
  return (choice) => {
    if (choice === "latest") return { snapshotId: latest! };
    if ("snapshotId" in choice) return { snapshotId: choice.snapshotId };
    return { pointInTimeUTCSeconds: Math.floor(Date.parse(choice.pointInTime) / 1000) };
  };
}
