import type { Clock } from "../util/clock";
import type { RetryInfo } from "./request";
import type { RetryPolicy } from "./retry-policy";
import type { AtlasApiVersion } from "./settings";

export interface AtlasClientOptions {
  /** Programmatic API public key; else MONGODB_ATLAS_PUBLIC_API_KEY, MONGODB_ATLAS_PUBLIC_KEY, MCLI_PUBLIC_API_KEY. */
  publicKey?: string;
  /** Programmatic API private key; else MONGODB_ATLAS_PRIVATE_API_KEY, MONGODB_ATLAS_PRIVATE_KEY, MCLI_PRIVATE_API_KEY. */
  privateKey?: string;
  /** Service account client id; else MONGODB_ATLAS_CLIENT_ID. Takes precedence over an API key in the same source. */
  clientId?: string;
  /** Service account client secret; else MONGODB_ATLAS_CLIENT_SECRET. Never logged or shown. */
  clientSecret?: string;
  /** A ready OAuth access token (not renewed: it lasts an hour); else MONGODB_ATLAS_ACCESS_TOKEN. Takes precedence over the others. */
  accessToken?: string;
  /** Where the one-line notice goes when a source holds several credentials. Default: stderr, once per process per line. */
  onNotice?: (line: string) => void;
  /** Host root (http/https, no path); else MONGODB_ATLAS_BASE_URL; default https://cloud.mongodb.com. */
  baseUrl?: string;
  /** "v1.0" (default, application/json) or "v2" (versioned media types; needed for Flex). */
  apiVersion?: AtlasApiVersion;
  /** Limit of each HTTP exchange, body included. Default 30 000. */
  timeoutMs?: number;
  /** Merged over `defaultRetryPolicy`. */
  retry?: Partial<RetryPolicy>;
  /** For retry sleeps and the retry budget. Default `systemClock`. */
  clock?: Clock;
  /** Where keys and base URL are looked up. Default process.env. */
  env?: Record<string, string | undefined>;
  /** Sends `pretty=<value>` on every request. */
  pretty?: boolean;
  /** Sends `envelope=<value>` on every request; enveloped answers are unwrapped and their status honoured. */
  envelope?: boolean;
  /** Default `pulumi-atlas-restore/<version> (node <version>)`. */
  userAgent?: string;
  /** Told about each retry before its sleep; holds no credentials. */
  onRetry?: (info: RetryInfo) => void;
  /** Source of jitter in [0, 1); default Math.random. */
  random?: () => number;
  /** Iterators: pages in flight at once (default 20, DEFAULT_PAGE_CONCURRENCY) and the hard page cap (default 200). */
  pagination?: { concurrency?: number; maxPages?: number };
  /** Underlying fetch (default the global one); digest auth, timeouts and counting sit above it. */
  fetch?: typeof fetch;
}
