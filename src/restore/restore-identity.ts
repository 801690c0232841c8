/**
 * One canonical identity per restore family: what makes two restores "the same restore". Adoption
 * (is this job of Atlas's the restore the inputs ask for?) and diff (do the new inputs ask for
 * another restore?) both compare identities, so they can never disagree.
 *
 * An identity maps input names to canonical values: defaults applied (the target project is the
 * source's, a collection restore's strategies ALL / CREATE_NEW, suffixes ""), lists as sorted sets,
 * and from a job only what names the restore: fields Atlas adds, fills in or leaves out (status,
 * dates, `""` and `[]` for what was not asked, a snapshot Atlas picked for a point in time, a
 * filled-in target namespace that follows from the source and suffixes) are not part of it.
 */
export type Identity = Readonly<Record<string, unknown>>;

export interface RestoreIdentity<J = never, R = never> {
  /**
   * The identity of resource inputs: parsed ones (the request) or as the engine holds them in
   * diff (stored outputs, new inputs with values still unknown at preview). Keys are input names.
   */
  ofInputs(inputs: Readonly<Record<string, unknown>>): Identity;
  /** The same keys as a job of the source cluster `request` names reports them (the listing is that cluster's own). */
  ofJob(job: J, request: R): Identity;
}

/** Stable text of a canonical value (lists are already sorted by the identity). */
export const canonicalText = (value: unknown): string => (value === undefined ? "<absent>" : JSON.stringify(value));

/** The keys whose canonical values differ (in `before`'s key order, then keys only `after` has). */
export function identityChanges(before: Identity, after: Identity): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => canonicalText(before[k]) !== canonicalText(after[k]));
}

/** The job is the restore `request` asks for: every key of the request's identity is equal. */
export function isSameIdentity<J, R>(identity: RestoreIdentity<J, R>, job: J, request: R): boolean {
  const wanted = identity.ofInputs(request as Readonly<Record<string, unknown>>);
  const seen = identity.ofJob(job, request);
  return Object.keys(wanted).every((k) => canonicalText(wanted[k]) === canonicalText(seen[k]));
}

/** A non-empty string, else undefined (Atlas writes `""` for "not given"). */
export const given = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
/** A number, else undefined. */
export const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
/** An input as given, or undefined (keeps the engine's marker for a value unknown at preview, so diff sees it). */
export const input = (value: unknown): unknown => (value === null ? undefined : value);
