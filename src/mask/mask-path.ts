/**
 * Field paths through nested documents and arrays, as MongoDB's dot notation reads them: a name
 * segment applied to an array applies to each of its elements; a numeric segment indexes an array
 * (or names a field "0" of a document). A path ending at an array of values masks each value
 * (hash, fake, redact: joins on array members keep working); `null` and `unset` take the array whole.
 */
type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container =>
  typeof v === "object" && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
const isPlainDocument = (v: unknown): v is Record<string, unknown> => isContainer(v) && !Array.isArray(v);

/** One place a path reaches: the holder and the key in it (the value may be absent). */
export interface Slot {
  holder: Container;
  key: string | number;
}

/** Every slot `path` reaches in `doc`, in document order. `elementwise`: expand an array at the end into its elements. */
export function slotsOf(doc: Record<string, unknown>, path: string, elementwise: boolean): Slot[] {
  const segments = path.split(".");
  const out: Slot[] = [];
  const walk = (holder: unknown, i: number): void => {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    if (Array.isArray(holder)) {
      if (/^\d+$/.test(seg)) {
        const idx = Number(seg);
        if (idx < holder.length) last ? leaf(holder, idx) : walk(holder[idx], i + 1);
        return;
      }
      for (const element of holder) if (isContainer(element)) walk(element, i);
      return;
    }
    if (!isPlainDocument(holder) || !Object.hasOwn(holder, seg)) return;
    last ? leaf(holder, seg) : walk(holder[seg], i + 1);
  };
  const leaf = (holder: Container, key: string | number): void => {
    const value = (holder as Record<string | number, unknown>)[key];
    if (elementwise && Array.isArray(value)) {
      value.forEach((element, idx) => {
        if (!isContainer(element)) out.push({ holder: value, key: idx });
      });
      return;
    }
    out.push({ holder, key });
  };
  walk(doc, 0);
  return out;
}

export const readSlot = (s: Slot): unknown => (s.holder as Record<string | number, unknown>)[s.key];
export function writeSlot(s: Slot, value: unknown): void {
  (s.holder as Record<string | number, unknown>)[s.key] = value;
}
/** Removes the field (from an array: sets the element to null, as MongoDB's $unset does). */
export function unsetSlot(s: Slot): void {
  if (Array.isArray(s.holder)) s.holder[s.key as number] = null;
  else delete s.holder[s.key as string];
}
