import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { atlasErrorBody } from "./errors";
import type { FaultSpec } from "./faults";
import { JSON_MEDIA_TYPE } from "./media-types";
import { writeOutgoing } from "./respond";

/** errorCodes of a `status` fault's default body: the spec's examples where it has one. */
const FAULT_ERROR_CODES: Record<number, string> = {
  400: "VALIDATION_ERROR",
  403: "FORBIDDEN",
  404: "RESOURCE_NOT_FOUND",
  409: "CONFLICT",
  429: "RATE_LIMITED",
  500: "UNEXPECTED_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

const htmlPage = (status: number) => {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
};

/**
 * Answers a fault that replaces the normal answer; returns the status sent (0 for none).
 * `challenge` makes a fresh WWW-Authenticate value; `successType` is the route's success media type.
 */
export function answerFault(
  fault: FaultSpec,
  req: IncomingMessage,
  res: ServerResponse,
  challenge: (stale: boolean) => string,
  successType: string,
): number {
  switch (fault.kind) {
    case "drop":
    case "hang":
      if (fault.kind === "drop") req.socket.destroy();
      return 0;
    case "status": {
      const body =
        fault.body === undefined
          ? atlasErrorBody(fault.status, FAULT_ERROR_CODES[fault.status] ?? "SIMULATED_FAULT", `Simulated ${fault.status} (scripted fault).`)
          : fault.body;
      const headers = fault.retryAfter === undefined ? undefined : { "Retry-After": fault.retryAfter };
      writeOutgoing(res, { status: fault.status, contentType: JSON_MEDIA_TYPE, body: typeof body === "string" ? body : JSON.stringify(body), headers });
      return fault.status;
    }
    case "malformed":
      writeOutgoing(res, { status: 200, contentType: successType, body: '{"id":"5e0000000000000000000000","status":"PEND' });
      return 200;
    case "html": {
      const status = fault.status ?? 502;
      writeOutgoing(res, { status, contentType: "text/html", body: htmlPage(status) });
      return status;
    }
    case "stale-nonce": {
      const body = atlasErrorBody(401, "UNAUTHORIZED", "The digest nonce has expired; retry with the fresh nonce (stale=true).");
      writeOutgoing(res, { status: 401, contentType: JSON_MEDIA_TYPE, body: JSON.stringify(body), headers: { "WWW-Authenticate": challenge(true) } });
      return 401;
    }
    case "forbidden-ip": {
      const ip = req.socket.remoteAddress ?? "127.0.0.1";
      const body = atlasErrorBody(403, "IP_ADDRESS_NOT_ON_ACCESS_LIST", `IP address ${ip} is not allowed to access this resource.`);
      writeOutgoing(res, { status: 403, contentType: JSON_MEDIA_TYPE, body: JSON.stringify(body) });
      return 403;
    }
    default:
      throw new Error(`fault ${fault.kind} does not replace the answer`);
  }
}
