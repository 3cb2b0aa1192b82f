import { describe, expect, it } from 'vitest';
import { createRetryPolicy, retryDelayMs, withRetry, type RetryNotice } from '../../lib/sync/retry';
import { WebDavError } from '../../lib/sync/webdav-error';
import { createSeededRandom } from '../support/seeded-random';

const retryable = (retryAfterMs: number | null = null) => ({ isRetryable: true, retryAfterMs });
const constant = (value: number) => () => value;

describe('retryDelayMs', () => {
  const limits = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 8_000 };
  it.each([
    ['first retry, half the ceiling', 1, 0.5, retryable(), 500],
    ['second retry, ceiling doubles', 2, 0.5, retryable(), 1_000],
    ['third retry, near the ceiling', 3, 0.999, retryable(), 3_996],
    ['fourth retry, capped', 4, 0.99, retryable(), 7_920],
    ['attempts used up', 5, 0.5, retryable(), null],
    ['not retryable', 1, 0.5, { isRetryable: false }, null],
    ['a plain Error', 1, 0.5, new Error('bug'), null],
    ['a thrown string', 1, 0.5, 'oops', null],
    ['Retry-After is a floor', 1, 0, retryable(3_000), 3_000],
    ['jitter above Retry-After wins', 3, 0.9, retryable(100), 3_600],
    ['Retry-After longer than the cap: stop', 1, 0.5, retryable(9_000), null],
    ['Retry-After at the cap', 1, 0.5, retryable(8_000), 8_000],
    ['a random source returning 1', 2, 1, retryable(), 2_000],
    ['a random source returning < 0', 2, -3, retryable(), 0],
    ['a WebDavError that is retryable', 1, 0.25, new WebDavError('locked', 'HTTP 423', { status: 423 }), 250],
    ['a WebDavError that is not', 1, 0.25, new WebDavError('unauthorized', 'HTTP 401', { status: 401 }), null],
  ] as const)('%s', (_label, failedAttempts, random, error, expected) => {
    expect(retryDelayMs(createRetryPolicy(constant(random), limits), failedAttempts, error)).toBe(expected);
  });

  it.each([{ maxAttempts: 0 }, { maxAttempts: 1.5 }, { baseDelayMs: -1 }, { baseDelayMs: 10, maxDelayMs: 5 }])(
    'refuses limits %j',
    (limits) => {
      expect(() => createRetryPolicy(Math.random, limits)).toThrow(RangeError);
    },
  );
});

describe('withRetry', () => {
  function fakeClock() {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
  }

  it('retries retryable failures with backoff, then returns the result', async () => {
    const clock = fakeClock();
    const notices: RetryNotice[] = [];
    const failures = [new WebDavError('timeout', 'slow'), new WebDavError('rateLimited', 'HTTP 429', { status: 429, retryAfterMs: 2_000 })];
    const result = await withRetry(
      async (attempt) => {
        const failure = failures.shift();
        if (failure) throw failure;
        return `done on attempt ${attempt}`;
      },
      createRetryPolicy(constant(0.5), { baseDelayMs: 1_000 }),
      clock.sleep,
      (notice) => notices.push(notice),
    );
    expect(result).toBe('done on attempt 3');
    expect(clock.waits).toEqual([500, 2_000]);
    expect(notices.map(({ attempt, delayMs }) => [attempt, delayMs])).toEqual([
      [1, 500],
      [2, 2_000],
    ]);
  });

  it('throws a failure that is not retryable at once', async () => {
    const clock = fakeClock();
    let attempts = 0;
    const wrongPassword = new WebDavError('unauthorized', 'HTTP 401', { status: 401 });
    await expect(
      withRetry(
        async () => {
          attempts++;
          throw wrongPassword;
        },
        createRetryPolicy(Math.random),
        clock.sleep,
      ),
    ).rejects.toBe(wrongPassword);
    expect([attempts, clock.waits]).toEqual([1, []]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const clock = fakeClock();
    let attempts = 0;
    const error = withRetry(
      async () => {
        throw new WebDavError('serverError', `HTTP 500 #${++attempts}`, { status: 500 });
      },
      createRetryPolicy(constant(0), { maxAttempts: 4 }),
      clock.sleep,
    );
    await expect(error).rejects.toThrow('HTTP 500 #4');
    expect(clock.waits).toHaveLength(3);
  });

  it('property: every wait honours Retry-After, and the total stays within (maxAttempts − 1) × maxDelayMs', async () => {
    const CASES = 1_000;
    const random = createSeededRandom(20_261_130);
    let retries = 0;
    for (let index = 0; index < CASES; index++) {
      const maxAttempts = 1 + Math.floor(random() * 8);
      const baseDelayMs = Math.floor(random() * 5_000);
      const maxDelayMs = baseDelayMs + Math.floor(random() * 60_000);
      const policy = createRetryPolicy(random, { maxAttempts, baseDelayMs, maxDelayMs });
      const clock = fakeClock();
      const asked: Array<number | null> = [];
      let attempts = 0;
      await withRetry(
        async () => {
          attempts++;
          if (random() < 0.2) return 'ok';
          const roll = random();
          const retryAfterMs =
            roll < 0.4 ? null : roll < 0.9 ? Math.floor(random() * maxDelayMs) : maxDelayMs + 1 + Math.floor(random() * 1e6);
          asked.push(retryAfterMs);
          throw retryable(retryAfterMs);
        },
        policy,
        clock.sleep,
      ).catch(() => 'gave up');
      retries += clock.waits.length;
      expect(attempts).toBeLessThanOrEqual(maxAttempts);
      expect(clock.waits.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual((maxAttempts - 1) * maxDelayMs);
      clock.waits.forEach((wait, at) => {
        expect(wait).toBeGreaterThanOrEqual(asked[at] ?? 0);
        expect(wait).toBeLessThanOrEqual(maxDelayMs);
      });
    }
    console.log(`retry property: ${CASES} cases, ${retries} waits checked`);
  });
});
