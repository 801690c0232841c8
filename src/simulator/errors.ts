import { STATUS_CODES } from "node:http";

/** One violated rule of a request, as Atlas reports it in `badRequestDetail.fields`. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** The Atlas `ApiError` body. `parameters` stays empty: the spec types its items as objects. */
export interface AtlasErrorBody {
  error: number;
  errorCode: string;
  detail: string;
  reason: string;
  parameters: unknown[];
  badRequestDetail?: { fields: FieldViolation[] };
}

/** Builds an Atlas error body; `reason` is the HTTP reason phrase, as Atlas sends it. */
export function atlasErrorBody(status: number, errorCode: string, detail: string, fields?: FieldViolation[]): AtlasErrorBody {
  const body: AtlasErrorBody = { error: status, errorCode, detail, reason: STATUS_CODES[status] ?? "Error", parameters: [] };
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
  ) {
    super(`${status} ${errorCode}: ${detail}`);
  }
  get body(): AtlasErrorBody {
    return atlasErrorBody(this.status, this.errorCode, this.detail, this.fields);
  }
}

export const notFound = (errorCode: string, detail: string) => new SimulatedApiError(404, errorCode, detail);
export const badRequest = (errorCode: string, detail: string, fields?: FieldViolation[]) =>
  new SimulatedApiError(400, errorCode, detail, fields);
export const conflict = (errorCode: string, detail: string) => new SimulatedApiError(409, errorCode, detail);
