// A seeded run of the WebDAV transport under random server faults: whatever fails, a file on the
// server is always one whole text that was written to it, every success is true, and the client
// keeps working. A failing seed is printed; rerun it with WEBDAV_SIM_SEED=<seed>. A seed replays
// the same faults and choices as long as no request times out without a fault (a loaded machine
// can add one; the invariants hold either way).
import { describe, expect, it } from 'vitest';
import { createRetryPolicy, withRetry } from '../../lib/sync/retry';
import { createWebDavClient, isTemporaryName } from '../../lib/sync/webdav-client';
import { createSeededRandom } from '../support/seeded-random';
import { startFakeWebDavServer, type Fault, type FakeWebDavServer } from '../support/fake-webdav-server';

const SEEDS = process.env.WEBDAV_SIM_SEED ? [Number(process.env.WEBDAV_SIM_SEED)] : Array.from({ length: 20 }, (_, index) => 1_000 + index);
const STEPS = 15;
const NAMES = ['设备-甲.json', '设备-乙.json', 'Firefox 笔记本.json'];
const TIMEOUT_MS = 100;

// Every fault of issue #8 but a 404: a server that answers 404 for a file it has would make a
// DELETE look done; a missing folder is tested on its own in webdav-client.test.ts.
const FAULTS: readonly Fault[] = [
  { type: 'status', status: 401 },
  { type: 'status', status: 403 },
  { type: 'status', status: 405 },
  { type: 'status', status: 409 },
  { type: 'status', status: 423 },
  { type: 'status', status: 429, headers: { 'Retry-After': '1' } },
  { type: 'status', status: 503, headers: { 'Retry-After': '2' } },
  { type: 'status', status: 503 },
  { type: 'status', status: 500 },
  { type: 'status', status: 507 },
  { type: 'delay', ms: 3 * TIMEOUT_MS },
  { type: 'stall' },
  { type: 'drop' },
  { type: 'dropAfterApply' },
  { type: 'truncate' },
  { type: 'loginPage' },
];

type Totals = { operations: number; failed: number; requests: number; faults: number; retries: number; leftoverTemporaryFiles: number };

async function simulate(seed: number, totals: Totals): Promise<void> {
  const random = createSeededRandom(seed);
  const server: FakeWebDavServer = await startFakeWebDavServer({
    hrefStyle: (['apache', 'nextcloud', 'jianguoyun', 'absolute'] as const)[seed % 4],
    randomFaults: { seed, rate: 0.3, faults: FAULTS },
  });
  const client = createWebDavClient({
    folderUrl: server.folderUrl,
    username: server.username,
    password: server.password,
    fetch,
    timeoutMs: TIMEOUT_MS,
    randomId: () => Math.floor(random() * 0xffffffff).toString(16),
  });
  const policy = createRetryPolicy(random, { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5_000 });
  // The fake clock: waits are counted, never slept.
  const sleep = async () => undefined;
  const onRetry = () => void totals.retries++;
  const written = new Map<string, Set<string>>(NAMES.map((name) => [name, new Set<string>()]));
  const contentOf = (name: string) => server.files.get(name)?.data.toString();
  const visibleNames = () => [...server.files.keys()].filter((name) => !isTemporaryName(name)).sort();

  try {
    for (let step = 0; step < STEPS; step++) {
      const name = NAMES[Math.floor(random() * NAMES.length)] ?? '';
      const roll = random();
      const before = contentOf(name);
      totals.operations++;
      try {
        if (roll < 0.6) {
          const text = JSON.stringify({ name, seed, step, pad: '字'.repeat(Math.floor(random() * 400)) });
          written.get(name)?.add(text);
          try {
            await withRetry(() => client.writeFile(name, text), policy, sleep, onRetry);
            expect(contentOf(name), 'a write that succeeded is on the server').toBe(text);
          } catch (error) {
            // A write that failed may or may not have landed, but never half.
            expect([before, text], String(error)).toContain(contentOf(name));
            throw error;
          }
        } else if (roll < 0.75) {
          const text = await withRetry(() => client.readFile(name), policy, sleep, onRetry).catch((error: unknown) => {
            // notFound is the answer for a file never written (or deleted).
            if (before === undefined && (error as { kind?: string }).kind === 'notFound') return undefined;
            throw error;
          });
          expect(text, 'a read returns the file as it is').toBe(before);
        } else if (roll < 0.9) {
          const files = await withRetry(() => client.listFiles(), policy, sleep, onRetry);
          expect(files.map((file) => file.name)).toEqual(visibleNames());
        } else {
          await withRetry(() => client.deleteFile(name), policy, sleep, onRetry);
          expect(contentOf(name), 'a delete that succeeded removed the file').toBeUndefined();
        }
      } catch (error) {
        if ((error as { name?: string }).name !== 'WebDavError') throw error;
        totals.failed++;
      }
      for (const [fileName, texts] of written) {
        const content = contentOf(fileName);
        if (content !== undefined) expect(texts, `${fileName} holds a whole text that was written`).toContain(content);
      }
    }
    // The faults stop; the same client (possibly in its PUT-only mode) still does everything right.
    // (Still with retries: on a busy machine a 100 ms timeout can fire without a fault.)
    server.clearFaults();
    for (const name of NAMES) {
      await withRetry(() => client.writeFile(name, `final ${name}`), policy, sleep);
      expect(await withRetry(() => client.readFile(name), policy, sleep)).toBe(`final ${name}`);
    }
    expect((await withRetry(() => client.listFiles(), policy, sleep)).map((file) => file.name)).toEqual([...NAMES].sort());
  } finally {
    totals.requests += server.requests.length;
    totals.faults += server.requests.filter((request) => request.fault).length;
    totals.leftoverTemporaryFiles += [...server.files.keys()].filter(isTemporaryName).length;
    await server.close();
  }
}

describe('WebDAV transport under random faults', () => {
  it('never leaves a partial or foreign file, and every success is true', async () => {
    const totals: Totals = { operations: 0, failed: 0, requests: 0, faults: 0, retries: 0, leftoverTemporaryFiles: 0 };
    // One seed at a time: in parallel they would load the machine into timeouts no fault caused.
    for (const seed of SEEDS) {
      await simulate(seed, totals).catch((error: unknown) => {
        throw new Error(`seed ${seed} failed (rerun with WEBDAV_SIM_SEED=${seed}): ${String(error)}`, { cause: error });
      });
    }
    console.log(
      `webdav transport simulation: ${SEEDS.length} seeds, ${totals.operations} operations (${totals.failed} gave up), ` +
        `${totals.requests} requests, ${totals.faults} faults injected, ${totals.retries} retries, ` +
        `${totals.leftoverTemporaryFiles} temporary files left behind by failed cleanups`,
    );
    expect(totals.faults).toBeGreaterThan(SEEDS.length);
  }, 60_000);
});
