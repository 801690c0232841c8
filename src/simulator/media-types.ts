/** Versioned media types of the Atlas Admin API v2 (one per resource family). */
export const ATLAS_2023_01_01 = "application/vnd.atlas.2023-01-01+json";
export const ATLAS_2023_02_01 = "application/vnd.atlas.2023-02-01+json";
export const ATLAS_2024_08_05 = "application/vnd.atlas.2024-08-05+json";
export const ATLAS_2024_11_13 = "application/vnd.atlas.2024-11-13+json";
export const ATLAS_2025_03_12 = "application/vnd.atlas.2025-03-12+json";
export const JSON_MEDIA_TYPE = "application/json";

/** Media types of a header value (`Accept` may list several), lower-cased, parameters dropped. */
function mediaTypes(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(",")
    .map((part) => part.split(";")[0]!.trim().toLowerCase())
    .filter((t) => t.length > 0);
}

/**
 * The first type of `Accept`, in the header's order, that the route serves (`served`, the spec's
 * list for the operation), or undefined (406). Atlas v2 has no fallback here: a missing Accept,
 * `application/json`, `*\/*` or a version date the route does not serve is refused.
 */
export function negotiateMediaType(accept: string | undefined, served: readonly string[]): string | undefined {
  return mediaTypes(accept).find((t) => served.includes(t));
}

/** True when `Content-Type` is `mediaType` (parameters such as `charset` ignored). */
export function isContentType(contentType: string | undefined, mediaType: string): boolean {
  return mediaTypes(contentType)[0] === mediaType;
}
