// When to try a failed operation again: exponential backoff with full jitter, capped, honouring a
// server's Retry-After, for a bounded number of attempts. Pure: the random source and the sleep are
// injected, so tests run on a fake clock and a seeded sequence.

export type RetryPolicy = {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** The ceiling of the first wait; each later ceiling doubles. */
  baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it ends the retries instead. */
  maxDelayMs: number;
  /** A uniform number in [0, 1), like Math.random. */
  random: () => number;
};

/** What the policy reads from a failure; WebDavError has this shape. */
export type RetryableFailure = { isRetryable: boolean; retryAfterMs?: number | null };

export type RetryNotice = { error: unknown; attempt: number; delayMs: number };

export const DEFAULT_RETRY_LIMITS = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 } as const;

export function createRetryPolicy(random: () => number, limits: Partial<Omit<RetryPolicy, 'random'>> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_LIMITS, ...limits, random };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new RangeError('maxAttempts must be an integer ≥ 1');
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs)) {
    throw new RangeError('delays must satisfy 0 ≤ baseDelayMs ≤ maxDelayMs');
  }
  return policy;
}

function asRetryableFailure(error: unknown): RetryableFailure | null {
  if (typeof error !== 'object' || error === null || !('isRetryable' in error)) return null;
  const failure = error as RetryableFailure;
  return typeof failure.isRetryable === 'boolean' ? failure : null;
}

/**
 * How long to wait before the next attempt after `failedAttempts` failures, or null to stop:
 * the error is not retryable (only errors that say `isRetryable: true` are), the attempts are
 * used up, or the server asked for a longer wait than the policy allows (the caller keeps the
 * error, with its retryAfterMs, and tries again on its next scheduled sync).
 *
 * Full jitter (a uniform wait below the exponential ceiling) spreads the retries of many devices
 * that failed together; a Retry-After is a floor under it. Every wait is ≤ maxDelayMs, so the
 * total is ≤ (maxAttempts − 1) × maxDelayMs.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number, error: unknown): number | null {
  const failure = asRetryableFailure(error);
  if (!failure?.isRetryable || failedAttempts >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  // Clamped so that a random source returning exactly 1 (or worse) cannot exceed the ceiling.
  const jittered = Math.floor(Math.min(Math.max(policy.random(), 0), 1) * ceiling);
  const retryAfterMs = failure.retryAfterMs;
  if (typeof retryAfterMs !== 'number' || !(retryAfterMs >= 0)) return jittered;
  if (retryAfterMs > policy.maxDelayMs) return null;
  return Math.max(retryAfterMs, jittered);
}

/**
 * Runs `operation` until it succeeds, fails for good, or the policy gives up; rethrows the last
 * error. `sleep` is injected (a timer in the product, a fake clock in tests); `onRetry` hears each
 * wait before it starts, for a status line ("retrying in 4 s").
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const delayMs = retryDelayMs(policy, attempt, error);
      if (delayMs === null) throw error;
      onRetry?.({ error, attempt, delayMs });
      await sleep(delayMs);
    }
  }
}
