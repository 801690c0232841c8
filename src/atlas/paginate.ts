import type { Page } from "../schemas/paginated";
import { AtlasPaginationError } from "./errors";

export interface PaginateOptions {
  /** Page size asked for (the API allows 1–500). */
  itemsPerPage: number;
  /** Hard cap on pages fetched; more is an AtlasPaginationError. */
  maxPages: number;
  /** Pages fetched at once after the first page told the total. */
  concurrency: number;
  /** Named in the page-cap error. */
  path: string;
}

/** Fetches one page; `includeCount` asks Atlas for `totalCount`. */
export type GetPage<T> = (pageNum: number, includeCount: boolean) => Promise<Page<T>>;

/** Pages the first answer says exist, capped at maxPages: ceil(totalCount / itemsPerPage). */
export function plannedPages(totalCount: number | undefined, itemsPerPage: number, maxPages: number): number {
  if (totalCount === undefined) return 1;
  return Math.min(maxPages, Math.max(1, Math.ceil(totalCount / itemsPerPage)));
}

/**
 * After a full page: is the list complete? Only when the page has no `next` link and Atlas's latest
 * `totalCount` equals exactly what we hold. The count is an estimate, so anything else (unknown,
 * larger, smaller) means "ask for the next page"; a short page always ends the list.
 */
export function listComplete(received: number, latestTotal: number | undefined, links?: Page<unknown>["links"]): boolean {
  const hasNext = links?.some((l) => l.rel === "next") ?? false;
  return !hasNext && latestTotal !== undefined && received === latestTotal;
}

/**
 * Yields every item of a paginated Atlas list, in order, with as few requests as possible: the
 * first page (with the count) tells how many pages remain; those are fetched `concurrency` at a
 * time; then, only if the count proved low, one page at a time until a short page.
 * Example at 500 per page: 1,234 items → 3 requests; 10,000 → 20.
 */
export async function* paginate<T>(getPage: GetPage<T>, options: PaginateOptions): AsyncGenerator<T, void, undefined> {
  const { itemsPerPage, maxPages, concurrency, path } = options;
  let page = await getPage(1, true);
  let received = page.results.length;
  let latestTotal = page.totalCount;
  yield* page.results;
  if (page.results.length < itemsPerPage || listComplete(received, latestTotal, page.links)) return;

  // Planned pages 2..planned, a bounded window ahead of the consumer, yielded in order.
  const planned = plannedPages(latestTotal, itemsPerPage, maxPages);
  const inFlight = new Map<number, Promise<Page<T>>>();
  let next = 2;
  const fill = () => {
    while (next <= planned && inFlight.size < concurrency) {
      const p = getPage(next, true);
      p.catch(() => undefined); // a page abandoned after an earlier failure or a short page must not go unhandled
      inFlight.set(next++, p);
    }
  };
  let pageNum = 2;
  for (; pageNum <= planned; pageNum++) {
    fill();
    const current = inFlight.get(pageNum)!;
    inFlight.delete(pageNum);
    page = await current;
    received += page.results.length;
    if (page.totalCount !== undefined) latestTotal = page.totalCount;
    yield* page.results;
    if (page.results.length < itemsPerPage) return;
  }
  // Every planned page was full: the count was low (or absent). Go on one page at a time.
  while (!listComplete(received, latestTotal, page.links)) {
    if (pageNum > maxPages) throw new AtlasPaginationError(path, maxPages);
    page = await getPage(pageNum++, true);
    received += page.results.length;
    if (page.totalCount !== undefined) latestTotal = page.totalCount;
    yield* page.results;
    if (page.results.length < itemsPerPage) return;
  }
}
