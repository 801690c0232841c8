import type { IncomingMessage, ServerResponse } from "node:http";
import { OAUTH_TOKEN_PATH } from "../schemas/oauth-token";
import type { DigestAuthenticator } from "./digest-auth";
import { answerFault } from "./fault-responses";
import type { FaultSpec, Faults } from "./faults";
import { JSON_MEDIA_TYPE } from "./media-types";
import type { TokenIssuer } from "./oauth-token";
import { writeOutgoing } from "./respond";

/**
 * `POST /api/oauth/token`: scripted faults apply to it as to an authenticated route (e.g. 429 with
 * Retry-After, 503), then the issuer answers. `early` is a fault already taken before auth.
 */
export function answerTokenRequest(
  deps: { faults: Faults; tokens: TokenIssuer; auth: DigestAuthenticator },
  req: IncomingMessage,
  res: ServerResponse,
  bodyText: string,
  early: FaultSpec | undefined,
): { status: number; fault?: FaultSpec } {
  const fault = early ?? deps.faults.take("POST", OAUTH_TOKEN_PATH, true);
  if (fault !== undefined && !["delay", "lost-response", "reset-mid-response"].includes(fault.kind)) {
    return { status: answerFault(fault, req, res, (stale) => deps.auth.challenge(stale), JSON_MEDIA_TYPE), fault };
  }
  const out = deps.tokens.handle(req.headers, bodyText);
  writeOutgoing(res, out);
  return { status: out.status, fault };
}
