import { STATUS_CODES } from "node:http";

/** One violated rule of a request, as Atlas reports it in `badRequestDetail.fields`. */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * The Atlas `ApiError` body. `parameters` holds the values filled into the detail's placeholders,
 * in order, as strings: Atlas's recorded answers (the Atlas CLI's e2e .snaphost files) show
 * `["backupRestores-305"]` for CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API, `[name, groupId]` for
 * CLUSTER_NOT_FOUND and `[groupId]` for GROUP_NOT_FOUND (the spec types the items as objects; Atlas
 * sends strings). Codes with no placeholder send `[]`.
 */
export interface AtlasErrorBody {
  error: number;
  errorCode: string;
  detail: string;
  reason: string;
  parameters: unknown[];
  badRequestDetail?: { fields: FieldViolation[] };
}

/** Builds an Atlas error body; `reason` is the HTTP reason phrase, as Atlas sends it. */
export function atlasErrorBody(status: number, errorCode: string, detail: string, fields?: FieldViolation[], parameters: unknown[] = []): AtlasErrorBody {
  const body: AtlasErrorBody = { error: status, errorCode, detail, reason: STATUS_CODES[status] ?? "Error", parameters };
  if (fields !== undefined) body.badRequestDetail = { fields };
  return body;
}

/** Thrown by route handlers; the pipeline turns it into an Atlas error response. */
export class SimulatedApiError extends Error {
  override name = "SimulatedApiError" as const;
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly fields?: FieldViolation[],
    readonly headers: Record<string, string> = {},
    readonly parameters: unknown[] = [],
  ) {
    super(`${status} ${errorCode}: ${detail}`);
  }
  get body(): AtlasErrorBody {
    return atlasErrorBody(this.status, this.errorCode, this.detail, this.fields, this.parameters);
  }
}

export const notFound = (errorCode: string, detail: string, parameters: unknown[] = []) => new SimulatedApiError(404, errorCode, detail, undefined, {}, parameters);
export const badRequest = (errorCode: string, detail: string, fields?: FieldViolation[], parameters: unknown[] = []) =>
  new SimulatedApiError(400, errorCode, detail, fields, {}, parameters);
export const conflict = (errorCode: string, detail: string, parameters: unknown[] = []) => new SimulatedApiError(409, errorCode, detail, undefined, {}, parameters);
