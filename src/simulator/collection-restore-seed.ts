import { catalogKey, type SimCollectionCatalog, type SimNamespaces } from "./collection-restore-state";
import { addCluster } from "./seed";
import type { SimulatorState } from "./state";

/** What the default production cluster holds: reference data, the business collections, a big audit log. */
const DEFAULT_NAMESPACES: Record<string, Record<string, number>> = {
  sales: { orders: 48_000, customers: 12_000, invoices: 20_000 },
  reference: { countries: 250, currencies: 180 },
  audit: { log: 2_000_000 },
};
/** The default staging cluster already has an older copy of `sales.orders`. */
const DEFAULT_TARGET_NAMESPACES: Record<string, Record<string, number>> = { sales: { orders: 1_000 } };

export function namespacesOf(spec: Record<string, Record<string, number>>): SimNamespaces {
  return new Map(Object.entries(spec).map(([db, colls]) => [db, new Map(Object.entries(colls))]));
}

/** The catalog of a dedicated cluster, creating the cluster (and an empty catalog) when missing. */
export function ensureCatalog(state: SimulatorState, projectId: string, clusterName: string): SimCollectionCatalog {
  const project = state.projects.get(projectId);
  if (project === undefined) throw new Error(`collection restore seed: no project ${projectId}`);
  if (!project.clusters.has(clusterName)) addCluster(state, project, clusterName, "dedicated", "8.0.4");
  const key = catalogKey(projectId, clusterName);
  let catalog = state.collectionRestore.catalogs.get(key);
  if (catalog === undefined) {
    catalog = { namespaces: new Map() };
    state.collectionRestore.catalogs.set(key, catalog);
  }
  return catalog;
}

/**
 * Seeds what the default dedicated cluster (`prod-m10`) holds (three databases; its snapshots and
 * continuous backup window come from the main seed) and what its `staging-m10` target already has
 * (created if absent). Runs after the main seed; existing clusters are reused, not replaced.
 */
export function seedCollectionRestore(state: SimulatorState): void {
  const project = [...state.projects.values()][0];
  const source = project && [...project.clusters.values()].find((c) => c.kind === "dedicated");
  if (project === undefined || source === undefined) return;
  const catalog = ensureCatalog(state, project.id, source.name);
  catalog.namespaces = namespacesOf(DEFAULT_NAMESPACES);
  ensureCatalog(state, project.id, "staging-m10").namespaces = namespacesOf(DEFAULT_TARGET_NAMESPACES);
}
