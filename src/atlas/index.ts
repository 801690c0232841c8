export { AtlasClient } from "./client";
export type { AtlasClientOptions } from "./atlas-client-options";
export type { AtlasStats, RetryInfo } from "./request";
export {
  AtlasError, AtlasApiError, AtlasConfigError, AtlasSchemaError, AtlasNetworkError, AtlasPaginationError,
  type AtlasApiErrorInit, type AtlasNetworkErrorInit,
} from "./errors";
export {
  resolveAtlasSettings, normalizeBaseUrl, PUBLIC_KEY_ENV_VARS, PRIVATE_KEY_ENV_VARS, BASE_URL_ENV_VARS, DEFAULT_BASE_URL,
  ATLAS_API_VERSIONS, type AtlasApiVersion, type AtlasSettings, type AtlasSettingsInput,
} from "./settings";
export { defaultRetryPolicy, resolveRetryPolicy, retryDelay, isRetryable, type RetryPolicy, type RetryOutcome, type RetryState } from "./retry-policy";
export { retryAfterMs } from "./retry-after";
export { paginate, plannedPages, listComplete, type PaginateOptions, type GetPage } from "./paginate";
export { endpoints, V2_MEDIA_TYPES, V1_MEDIA_TYPE, API_BASE_PATHS, type EndpointFamily, type EndpointName } from "./endpoints";
export {
  CLIENT_ID_ENV_VARS, CLIENT_SECRET_ENV_VARS, ACCESS_TOKEN_ENV_VARS, type AtlasCredentials, type CredentialSource,
} from "./credentials";
export { AtlasTokenError, type AtlasTokenErrorInit } from "./token-error";
