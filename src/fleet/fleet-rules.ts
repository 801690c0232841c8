import { FLEET_KINDS, type FleetFile } from "./fleet-file";
import type { FleetFileProblem } from "./fleet-file-error";
import { fleetKind } from "./fleet-kinds";

type Problem = Omit<FleetFileProblem, "line"> & { path: PropertyKey[] };

/** A fleet file as far as it could be read: the rules run even when some fields are wrong ("all at once"). */
type LooseFleet = { [K in keyof FleetFile]?: unknown };
const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * Rules that span fields: each environment names the target field of its kind, stacks and targets
 * are unique (two environments restoring onto one cluster would restore it twice), no environment
 * overwrites the source, a point in time only for kinds that have one and never in the future.
 */
export function fleetRuleProblems(fleet: FleetFile | LooseFleet, nowMs: number): Problem[] {
  const problems: Problem[] = [];
  const source = record(fleet.source);
  const kindName = (FLEET_KINDS as readonly unknown[]).includes(source.kind) ? (source.kind as FleetFile["source"]["kind"]) : undefined;
  if (kindName === undefined) return problems; // the field check names the kind; the other rules depend on it
  const kind = fleetKind(kindName);
  if (!kind.available) problems.push({ path: ["source", "kind"], field: "", reason: kind.unavailableReason });
  const checkSnapshot = (choice: unknown, path: PropertyKey[]) => {
    const pointInTime = text(record(choice).pointInTime);
    if (pointInTime === undefined) return;
    if (!kind.pointInTime) {
      problems.push({ path, field: "", reason: `(pointInTime) is only possible for kind dedicated; a ${kindName} restore needs "latest" or a snapshotId` });
    } else if (Date.parse(pointInTime) > nowMs) {
      problems.push({ path: [...path, "pointInTime"], field: "", reason: `is in the future (${pointInTime})` });
    }
  };
  checkSnapshot(fleet.snapshot, ["snapshot"]);

  const stacks = new Map<string, number>();
  const targets = new Map<string, number>();
  const environments = Array.isArray(fleet.environments) ? (fleet.environments as unknown[]) : [];
  environments.map(record).forEach((env, i) => {
    const at = (...rest: PropertyKey[]) => ["environments", i, ...rest];
    checkSnapshot(env.snapshot, at("snapshot"));
    const wrong = kind.targetField === "targetClusterName" ? "targetDeploymentItemName" : "targetClusterName";
    if (env[wrong] !== undefined) {
      problems.push({ path: at(wrong), field: "", reason: `does not apply to kind ${kindName}: name the target with ${kind.targetField}` });
    }
    const target = text(env[kind.targetField]);
    if (env[kind.targetField] === undefined) {
      problems.push({ path: at(kind.targetField), field: "", reason: `is required for kind ${kindName} (the cluster whose data is replaced)` });
    }
    const stack = text(env.stack);
    const firstStack = stack === undefined ? undefined : stacks.get(stack);
    if (firstStack !== undefined) {
      problems.push({ path: at("stack"), field: "", reason: `"${stack}" is already used by environments[${firstStack}]: stack names must be unique` });
    } else if (stack !== undefined) stacks.set(stack, i);
    if (target === undefined) return;
    const targetProject = text(env.targetProjectId) ?? text(source.projectId);
    if (targetProject === text(source.projectId) && target === text(source.clusterName)) {
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
