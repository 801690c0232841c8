import type { FleetFile } from "./fleet-file";
import type { FleetFileProblem } from "./fleet-file-error";
import { fleetKind } from "./fleet-kinds";

type Problem = Omit<FleetFileProblem, "line"> & { path: PropertyKey[] };

/**
 * Rules that span fields: each environment names the target field of its kind, stacks and targets
 * are unique (two environments restoring onto one cluster would restore it twice), no environment
 * overwrites the source, a point in time only for kinds that have one and never in the future.
 */
export function fleetRuleProblems(fleet: FleetFile, nowMs: number): Problem[] {
  const problems: Problem[] = [];
  const kind = fleetKind(fleet.source.kind);
  if (!kind.available) problems.push({ path: ["source", "kind"], field: "", reason: kind.unavailableReason });
  const checkSnapshot = (choice: FleetFile["snapshot"] | undefined, path: PropertyKey[]) => {
    if (choice === undefined || typeof choice === "string" || !("pointInTime" in choice)) return;
    if (!kind.pointInTime) {
      problems.push({ path, field: "", reason: `(pointInTime) is only possible for kind dedicated; a ${fleet.source.kind} restore needs "latest" or a snapshotId` });
    } else if (Date.parse(choice.pointInTime) > nowMs) {
      problems.push({ path: [...path, "pointInTime"], field: "", reason: `is in the future (${choice.pointInTime})` });
    }
  };
  checkSnapshot(fleet.snapshot, ["snapshot"]);

  const stacks = new Map<string, number>();
  const targets = new Map<string, number>();
  fleet.environments.forEach((env, i) => {
    const at = (...rest: PropertyKey[]) => ["environments", i, ...rest];
    checkSnapshot(env.snapshot, at("snapshot"));
    const wrong = kind.targetField === "targetClusterName" ? "targetDeploymentItemName" : "targetClusterName";
    if (env[wrong] !== undefined) {
      problems.push({ path: at(wrong), field: "", reason: `does not apply to kind ${fleet.source.kind}: name the target with ${kind.targetField}` });
    }
    const target = env[kind.targetField];
    if (target === undefined) {
      problems.push({ path: at(kind.targetField), field: "", reason: `is required for kind ${fleet.source.kind} (the cluster whose data is replaced)` });
    }
    const firstStack = stacks.get(env.stack);
    if (firstStack !== undefined) {
      problems.push({ path: at("stack"), field: "", reason: `"${env.stack}" is already used by environments[${firstStack}]: stack names must be unique` });
    } else stacks.set(env.stack, i);
    if (target === undefined) return;
    const targetProject = env.targetProjectId ?? fleet.source.projectId;
    if (targetProject === fleet.source.projectId && target === fleet.source.clusterName) {
      problems.push({ path: at(kind.targetField), field: "", reason: `is the source cluster itself: a restore would replace the source's data` });
    }
    const key = `${targetProject}/${target}`;
    const firstTarget = targets.get(key);
    if (firstTarget !== undefined) {
      problems.push({ path: at(kind.targetField), field: "", reason: `"${target}" in project ${targetProject} is already the target of environments[${firstTarget}]: it would be restored twice` });
    } else targets.set(key, i);
  });
  return problems;
}
