/** Why masking stopped. `code` is stable; messages name the namespace and what to do, never the key or a password. */
export type MaskErrorCode = "CONNECT" | "AUTH" | "NAMESPACE" | "RESTORE_NOT_FINISHED" | "ALREADY_MASKED" | "VERIFY" | "WRITE";

export class MaskError extends Error {
  override name = "MaskError" as const;
  constructor(
    readonly code: MaskErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A connection string with any password replaced, for messages. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)([^@/]*)@/, (_m, scheme: string, cred: string) => `${scheme}${cred.split(":")[0]}:***@`);
}
