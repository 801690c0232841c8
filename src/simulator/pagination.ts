import { badRequest } from "./errors";

/** The spec's paging parameters: `itemsPerPage` 1–500, default 100. */
const DEFAULT_ITEMS_PER_PAGE = 100;
const MAX_ITEMS_PER_PAGE = 500;

export interface PageQuery {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
}

export interface PageBody<T> {
  links: Array<{ href: string; rel: string }>;
  results: T[];
  totalCount?: number;
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw badRequest("INVALID_PARAMETER", `Invalid value ${raw} for query parameter ${name}: must be an integer ${range}.`, [
      { field: name, description: `must be an integer ${range}` },
    ], [raw, name]);
  }
  return value;
}

/** `pageNum` (≥1, default 1), `itemsPerPage` (1–500, default 100), `includeCount` (default true). */
export function parsePageQuery(query: URLSearchParams): PageQuery {
  const raw = query.get("includeCount");
  if (raw !== null && raw !== "true" && raw !== "false") {
    throw badRequest("INVALID_PARAMETER", `Invalid value ${raw} for query parameter includeCount: must be true or false.`, [
      { field: "includeCount", description: "must be true or false" },
    ], [raw, "includeCount"]);
  }
  return {
    pageNum: intParam(query, "pageNum", 1, 1, Infinity),
    itemsPerPage: intParam(query, "itemsPerPage", DEFAULT_ITEMS_PER_PAGE, 1, MAX_ITEMS_PER_PAGE),
    includeCount: raw !== "false",
  };
}

/** Query parameters a page link does not repeat: the page itself, and presentation (Atlas drops `pretty`). */
const NOT_IN_PAGE_LINKS = new Set(["pageNum", "itemsPerPage", "pretty", "envelope"]);

/**
 * The URL of one page, as Atlas writes it in `links`: the path, then `pageNum` and `itemsPerPage`,
 * then the other parameters of the request (`includeCount`, or `batchId`, which selects what is listed). Clients read the page back
 * from it (`go.mongodb.org/atlas`'s `Response.CurrentPage()` parses `pageNum` of `self`).
 */
export function pageHref(requestUrl: string, pageNum: number, itemsPerPage: number): string {
  const url = new URL(requestUrl);
  const query = new URLSearchParams({ pageNum: String(pageNum), itemsPerPage: String(itemsPerPage) });
  for (const [key, value] of url.searchParams) if (!NOT_IN_PAGE_LINKS.has(key)) query.append(key, value);
  return `${url.origin}${url.pathname}?${query.toString()}`;
}

/**
 * One page with `self`, and `previous` / `next` links (absolute hrefs) where such pages exist.
 * Only the page's items are rendered, so a page of a 10,000-job list costs one page of work.
 */
export function paginate<S, T>(items: S[], q: PageQuery, requestUrl: string, render: (item: S) => T): PageBody<T> {
  const start = (q.pageNum - 1) * q.itemsPerPage;
  const link = (pageNum: number) => pageHref(requestUrl, pageNum, q.itemsPerPage);
  const links = [{ href: link(q.pageNum), rel: "self" }];
  if (q.pageNum > 1) links.push({ href: link(q.pageNum - 1), rel: "previous" });
  if (start + q.itemsPerPage < items.length) links.push({ href: link(q.pageNum + 1), rel: "next" });
  const body: PageBody<T> = { links, results: items.slice(start, start + q.itemsPerPage).map(render) };
  if (q.includeCount) body.totalCount = items.length;
  return body;
}

/**
 * The tenant lists take no paging parameters (the spec declares none) and return everything; the
 * self link still names page 1 and Atlas's default page size, so page-reading clients get a number.
 */
export function wholeList<T>(items: T[], requestUrl: string): PageBody<T> {
  return { links: [{ href: pageHref(requestUrl, 1, DEFAULT_ITEMS_PER_PAGE), rel: "self" }], results: items, totalCount: items.length };
}
