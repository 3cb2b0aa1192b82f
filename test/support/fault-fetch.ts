// A fault-injecting `fetch` for sync tests: sits between the WebDAV client and any server (the
// in-process fake, or a real Apache it forwards to) and fails requests as networks and proxies do —
// DNS, refused connections, statuses, no answer, answers cut off or lost after the server applied
// the request, login pages. Test support, not product.
import type { FetchFunction } from '../../lib/sync/webdav-client';
import { LOGIN_PAGE } from './fake-webdav-server';

export type FetchFault =
  /** getaddrinfo ENOTFOUND: the host name does not resolve. Nothing reaches the server. */
  | { type: 'dns' }
  /** ECONNREFUSED: nothing listens. Nothing reaches the server. */
  | { type: 'refused' }
  /** An answer with this status from a proxy in front of the server; the server never sees the request. */
  | { type: 'status'; status: number; headers?: Record<string, string> }
  /** No answer at all, until the client's timeout aborts the request. */
  | { type: 'hang' }
  /** The server applies the request, the answer never arrives (until the client's timeout). */
  | { type: 'hangAfterApply' }
  /** The server applies the request, then the connection drops. */
  | { type: 'dropAfterApply' }
  /** The server applies the request; its answer's body breaks off halfway. */
  | { type: 'truncate' }
  /** An SSO proxy's login page, status 200, instead of the server's answer. */
  | { type: 'loginPage' };

export type FaultyFetch = FetchFunction & {
  /** Requests sent through it, and the faults it injected, by type. */
  counts: { requests: number; faults: Map<FetchFault['type'] | `status ${number}`, number> };
  /** Random faults on or off (a settling phase turns them off). */
  isFaulty: boolean;
};

function networkError(code: string, message: string): TypeError {
  // What Node's fetch throws: "fetch failed" with the system error as its cause.
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

function untilAborted(signal: AbortSignal | null | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A body that delivers half of `bytes`, then fails as a dropped connection does. */
function breakingBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, Math.floor(bytes.length / 2)));
      controller.error(networkError('UND_ERR_SOCKET', 'other side closed'));
    },
  });
}

/**
 * `inner` behind faults: each request, with probability `rate`, gets one of `faults` chosen by
 * `random` (seeded by the caller, so a seed replays the same faults).
 */
export function createFaultyFetch(
  inner: FetchFunction,
  options: { random: () => number; rate: number; faults: readonly FetchFault[] },
): FaultyFetch {
  const counts: FaultyFetch['counts'] = { requests: 0, faults: new Map() };
  const count = (key: FetchFault['type'] | `status ${number}`) => counts.faults.set(key, (counts.faults.get(key) ?? 0) + 1);

  const faulty = async (input: string, init: RequestInit): Promise<Response> => {
    counts.requests++;
    const fault =
      wrapper.isFaulty && options.faults.length > 0 && options.random() < options.rate
        ? options.faults[Math.floor(options.random() * options.faults.length)]
        : undefined;
    if (fault === undefined) return inner(input, init);
    count(fault.type === 'status' ? `status ${fault.status}` : fault.type);
    switch (fault.type) {
      case 'dns':
        throw networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND dav.example.invalid');
      case 'refused':
        throw networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443');
      case 'status':
        return new Response(null, { status: fault.status, headers: fault.headers });
      case 'hang':
        return untilAborted(init.signal);
      case 'hangAfterApply':
        await (await inner(input, init)).arrayBuffer();
        return untilAborted(init.signal);
      case 'dropAfterApply':
        await (await inner(input, init)).arrayBuffer();
        throw networkError('UND_ERR_SOCKET', 'other side closed');
      case 'truncate': {
        const response = await inner(input, init);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return new Response(breakingBody(bytes), { status: response.status, headers: response.headers });
      }
      case 'loginPage':
        return new Response(LOGIN_PAGE, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
  };
  const wrapper: FaultyFetch = Object.assign(faulty, { counts, isFaulty: true });
  return wrapper;
}
