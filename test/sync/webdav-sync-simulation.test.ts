// The seeded simulation of 2 and 3 devices syncing through one folder (test/support/sync-simulation.ts),
// against the in-process fake server with every fault of issue #8, then against a real Apache
// mod_dav with faults injected between client and server. Prints what it tried.
// Rerun one case: SYNC_SIM_SEED=<seed> SYNC_SIM_DEVICES=<2|3> npx vitest run test/sync/webdav-sync-simulation.test.ts
// More cases: SYNC_SIM_SEEDS=<n> SYNC_SIM_STEPS=<n> (fake), SYNC_SIM_APACHE_SEEDS=<n> SYNC_SIM_APACHE_STEPS=<n>.
// A seed replays the same edits, rounds and faults as long as no request times out without a
// fault (a loaded machine can add one; the invariants hold either way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../lib/sync/webdav-client';
import { startApacheWebDav, type ApacheWebDav } from '../support/apache-webdav';
import { startFakeWebDavServer, type Fault, type HrefStyle } from '../support/fake-webdav-server';
import type { FetchFault } from '../support/fault-fetch';
import {
  describeTotals,
  emptyTotals,
  simulateSync,
  type SimulationBackend,
  type SimulationOptions,
  type SimulationTotals,
} from '../support/sync-simulation';

const envNumber = (name: string, fallback: number) => (process.env[name] === undefined ? fallback : Number(process.env[name]));
const seedsFrom = (count: number, first: number) =>
  process.env.SYNC_SIM_SEED === undefined ? Array.from({ length: count }, (_, i) => first + i) : [Number(process.env.SYNC_SIM_SEED)];
const DEVICE_COUNTS = process.env.SYNC_SIM_DEVICES === undefined ? [2, 3] : [Number(process.env.SYNC_SIM_DEVICES)];

const FAKE_SEEDS = seedsFrom(envNumber('SYNC_SIM_SEEDS', 8), 8_000);
const FAKE_STEPS = envNumber('SYNC_SIM_STEPS', 40);
const FAKE_TIMEOUT_MS = 80;
const APACHE_SEEDS = seedsFrom(envNumber('SYNC_SIM_APACHE_SEEDS', 3), 9_000);
const APACHE_STEPS = envNumber('SYNC_SIM_APACHE_STEPS', 40);
const APACHE_TIMEOUT_MS = 250;

const retryAfter = (seconds: number) => ({ 'Retry-After': String(seconds) });

/** The server's own faults: every failure issue #8 lists that a server (or a proxy at it) causes. */
const SERVER_FAULTS: readonly Fault[] = [
  { type: 'status', status: 401 },
  { type: 'status', status: 403 },
  { type: 'status', status: 404 },
  { type: 'status', status: 405 },
  { type: 'status', status: 501 },
  { type: 'status', status: 409 },
  { type: 'status', status: 423 },
  { type: 'status', status: 429, headers: retryAfter(1) },
  { type: 'status', status: 503, headers: retryAfter(2) },
  { type: 'status', status: 503, headers: retryAfter(3_600) },
  { type: 'status', status: 500 },
  { type: 'delay', ms: 3 * FAKE_TIMEOUT_MS },
  { type: 'stall' },
  { type: 'drop' },
  { type: 'dropAfterApply' },
  { type: 'truncate' },
  { type: 'loginPage' },
];

/** What no server can inject: the network's failures before a request reaches it. */
const NETWORK_FAULTS: readonly FetchFault[] = [{ type: 'dns' }, { type: 'refused' }];

/** In front of Apache, the same failures as the fake server's, injected between client and server. */
const PROXY_FAULTS: readonly FetchFault[] = [
  ...NETWORK_FAULTS,
  { type: 'status', status: 401 },
  { type: 'status', status: 403 },
  { type: 'status', status: 404 },
  { type: 'status', status: 405 },
  { type: 'status', status: 501 },
  { type: 'status', status: 409 },
  { type: 'status', status: 423 },
  { type: 'status', status: 429, headers: retryAfter(1) },
  { type: 'status', status: 503, headers: retryAfter(2) },
  { type: 'status', status: 500 },
  { type: 'hang' },
  { type: 'hangAfterApply' },
  { type: 'dropAfterApply' },
  { type: 'truncate' },
  { type: 'loginPage' },
];

const HREF_STYLES: readonly HrefStyle[] = ['apache', 'nextcloud', 'jianguoyun', 'absolute'];

async function runCases(
  label: string,
  seeds: number[],
  makeBackend: (seed: number, deviceCount: number) => Promise<SimulationBackend>,
  options: Omit<SimulationOptions, 'seed' | 'deviceCount'>,
): Promise<SimulationTotals> {
  const totals = emptyTotals();
  // One case at a time: in parallel they would load the machine into timeouts no fault caused.
  for (const seed of seeds) {
    for (const deviceCount of DEVICE_COUNTS) {
      const backend = await makeBackend(seed, deviceCount);
      try {
        await simulateSync(backend, { ...options, seed, deviceCount }, totals);
      } catch (error) {
        throw new Error(
          `${label}: seed ${seed} with ${deviceCount} devices failed (rerun with SYNC_SIM_SEED=${seed} SYNC_SIM_DEVICES=${deviceCount}): ${String(error)}`,
          { cause: error },
        );
      } finally {
        await backend.close();
      }
    }
  }
  console.log(describeTotals(label, seeds.length, totals));
  return totals;
}

describe('sync simulation against the in-process fake server', () => {
  it('converges: every replica equal, every register the latest write ever made', async () => {
    const totals = await runCases(
      'fake server',
      FAKE_SEEDS,
      async (seed) => {
        const server = await startFakeWebDavServer({
          hrefStyle: HREF_STYLES[seed % HREF_STYLES.length],
          hasFolder: seed % 2 === 0,
          randomFaults: { seed, rate: 0.1, faults: SERVER_FAULTS },
        });
        return {
          folderUrl: server.folderUrl,
          username: server.username,
          password: server.password,
          fetch,
          setServerFaults: (isOn) => {
            if (!isOn) server.clearFaults();
          },
          serverFaults: () => {
            const counts = new Map<string, number>();
            for (const { fault, faultStatus } of server.requests) {
              if (fault === undefined) continue;
              const kind = faultStatus === undefined ? fault : `status ${faultStatus}`;
              counts.set(kind, (counts.get(kind) ?? 0) + 1);
            }
            return counts;
          },
          deleteFolder: async () => {
            server.files.clear();
            server.state.hasFolder = false;
          },
          setRefuseMove: (isOn) => {
            server.state.refuseMove = isOn;
          },
          close: () => server.close(),
        };
      },
      { steps: FAKE_STEPS, timeoutMs: FAKE_TIMEOUT_MS, fetchFaults: NETWORK_FAULTS, fetchFaultRate: 0.02 },
    );
    expect(totals.cases).toBe(FAKE_SEEDS.length * DEVICE_COUNTS.length);
    expect(totals.interrupted).toBeGreaterThan(0);
  }, 120_000);
});

describe('sync simulation against Apache mod_dav', () => {
  let apache: ApacheWebDav;
  beforeAll(async () => {
    apache = await startApacheWebDav();
  }, 30_000);
  afterAll(async () => {
    await apache?.stop();
  });

  it('converges through a faulty proxy: every replica equal, every register the latest write ever made', async () => {
    const totals = await runCases(
      'Apache mod_dav',
      APACHE_SEEDS,
      async (seed, deviceCount) => {
        const folderUrl = `${apache.davUrl}sim-${seed}-${deviceCount}/`;
        const authorization = `Basic ${Buffer.from(`${apache.username}:${apache.password}`).toString('base64')}`;
        let isMoveRefused = false;
        // A share that refuses MOVE, as a proxy in front of Apache would (Apache itself allows it).
        const refusingFetch: FetchFunction = async (input, init) =>
          isMoveRefused && init.method === 'MOVE' ? new Response(null, { status: 405 }) : fetch(input, init);
        return {
          folderUrl,
          username: apache.username,
          password: apache.password,
          fetch: refusingFetch,
          setServerFaults: () => {},
          serverFaults: () => new Map(),
          deleteFolder: async () => {
            const response = await fetch(folderUrl, { method: 'DELETE', headers: { Authorization: authorization } });
            expect([204, 404]).toContain(response.status);
          },
          setRefuseMove: (isOn) => {
            isMoveRefused = isOn;
          },
          close: async () => {},
        };
      },
      { steps: APACHE_STEPS, timeoutMs: APACHE_TIMEOUT_MS, fetchFaults: PROXY_FAULTS, fetchFaultRate: 0.1 },
    );
    expect(totals.cases).toBe(APACHE_SEEDS.length * DEVICE_COUNTS.length);
  }, 120_000);
});
