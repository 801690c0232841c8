export interface RateLimitOptions {
  requestsPerMinute: number;
  /** Bucket size: how many requests may arrive at once; default `requestsPerMinute`. */
  burst?: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until one request is allowed again (only when refused). */
  retryAfterSeconds: number;
}

/** A token bucket per key (the project id in the path), refilled continuously by the injected clock. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {
    if (!(options.requestsPerMinute > 0)) throw new RangeError("rateLimit.requestsPerMinute must be positive");
    this.capacity = Math.max(1, Math.floor(options.burst ?? options.requestsPerMinute));
    this.perMs = options.requestsPerMinute / 60_000;
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    const limit = this.options.requestsPerMinute;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = (1 - bucket.tokens) / this.perMs;
    return { allowed: false, limit, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Forgets all buckets (every project starts full again). */
  reset(): void {
    this.buckets.clear();
  }
}
