/**
 * The simulated world of collection-level restores: which databases and collections each dedicated
 * cluster holds (its backups hold the same), which snapshots a collection restore may use, the
 * jobs, and their pace. Plain data: tests read and tweak it (`sim.state.collectionRestore`).
 */

/** database → collection → number of documents. */
export type SimNamespaces = Map<string, Map<string, number>>;

/** What a dedicated cluster holds (its snapshots and continuous backup are the cluster's own: SimCluster). */
export interface SimCollectionCatalog {
  namespaces: SimNamespaces;
}

/** One collection a job restores (a `databases` item expands into its collections). */
export interface SimCollectionItem {
  sourceNamespace: string;
  /** As asked (item target or source, suffixes applied). */
  targetNamespace: string;
  /** Where it really lands (CREATE_NEW renames on a clash with an existing collection). */
  effectiveTargetNamespace: string;
  totalDocuments: number;
  /** This collection fails half-way (a `failCollections` rule matched), with this message. */
  failure?: string;
}

export interface SimCollectionRestoreJob {
  id: string;
  projectId: string;
  clusterName: string;
  request: Record<string, unknown>;
  targetProjectId: string;
  targetClusterName: string;
  writeStrategy: string;
  createdAt: number;
  pace: CollectionRestorePace;
  items: SimCollectionItem[];
  /** Set once a SUCCESSFUL job's collections were added to the target cluster. */
  applied: boolean;
}

export interface CollectionRestorePace {
  initializingMs: number;
  docsPerSecond: number;
  finalizingMs: number;
}

/** `failCollections`: new jobs that restore this source namespace fail on it, `remaining` times. */
export interface CollectionFailRule {
  sourceNamespace: string;
  message: string;
  remaining: number;
}

export interface CollectionRestoreWorld {
  /** Keyed by `projectId/clusterName`. */
  catalogs: Map<string, SimCollectionCatalog>;
  jobs: Map<string, SimCollectionRestoreJob>;
  /** Pace given to jobs created from now on. */
  pace: CollectionRestorePace;
  failRules: CollectionFailRule[];
}

export const DEFAULT_COLLECTION_RESTORE_PACE: CollectionRestorePace = { initializingMs: 400, docsPerSecond: 40_000, finalizingMs: 400 };

export function createCollectionRestoreWorld(): CollectionRestoreWorld {
  return { catalogs: new Map(), jobs: new Map(), pace: { ...DEFAULT_COLLECTION_RESTORE_PACE }, failRules: [] };
}

export const catalogKey = (projectId: string, clusterName: string) => `${projectId}/${clusterName}`;
