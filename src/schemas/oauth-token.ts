import { z } from "zod";

/** `POST /api/oauth/token` path, from the host root (not under /api/atlas/<version>). */
export const OAUTH_TOKEN_PATH = "/api/oauth/token";

/** The token endpoint's answer (OAuth 2.0 client credentials, RFC 6749 §5.1). */
export const OAuthTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", { message: 'token_type must be "Bearer"' }),
  expires_in: z.number().positive(),
});
export type OAuthTokenResponse = z.infer<typeof OAuthTokenResponse>;

/** The token endpoint's error answer (RFC 6749 §5.2), e.g. `invalid_client` for a wrong secret. */
export const OAuthErrorBody = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});
export type OAuthErrorBody = z.infer<typeof OAuthErrorBody>;
