import type { ServerResponse } from "node:http";

/**
 * `pretty=true` indents like Atlas's Jackson printer (`"key" : value`, two spaces).
 * `envelope=true` (for clients that cannot read status or headers) answers HTTP 200 with
 * `{ "status": <status>, "content": <body> }`; a list body (one with `results`) is itself the
 * envelope and only gains `status`, as the spec's `envelope` parameter describes. Envelopes apply to
 * every JSON answer after authentication (errors and 429 included); never to the 401 digest
 * challenge (a digest client must see it) nor to scripted fault answers.
 */
export function serializeJson(body: unknown, pretty: boolean): string {
  if (!pretty) return JSON.stringify(body);
  return JSON.stringify(body, null, 2).replace(/^(\s*"(?:[^"\\]|\\.)*"):/gm, "$1 :");
}

export function envelope(status: number, body: unknown): unknown {
  if (body !== null && typeof body === "object" && Array.isArray((body as { results?: unknown }).results)) {
    return { ...(body as object), status };
  }
  return { status, content: body };
}

export interface Outgoing {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export function writeOutgoing(res: ServerResponse, out: Outgoing): void {
  res.writeHead(out.status, {
    ...out.headers,
    "Content-Type": out.contentType,
    "Content-Length": Buffer.byteLength(out.body),
  });
  res.end(out.body);
}
