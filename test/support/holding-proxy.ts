// A forwarding HTTP proxy in front of a test server that can hold the next request of a method
// (an upload, say) until the test lets it go or drops it: what "the service worker stopped
// mid-upload" needs. Test support; plain Node http.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HoldingProxy = {
  origin: string;
  /** Holds the next request with this method; resolves when it arrives. */
  holdNext(method: string): Promise<void>;
  /** Lets the held request through to the server. */
  release(): void;
  /** Answers the held request by closing its connection, as a dying client would see it. */
  drop(): void;
  close(): Promise<void>;
};

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let hold: { method: string; arrived: () => void } | undefined;
  let held: { forward: () => void; response: ServerResponse } | undefined;
  const forward = (incoming: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => response.destroy());
    outgoing.end(body);
  };
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (hold !== undefined && incoming.method === hold.method) {
        const { arrived } = hold;
        hold = undefined;
        held = { forward: () => forward(incoming, response, body), response };
        arrived();
        return;
      }
      forward(incoming, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    holdNext: (method) => new Promise<void>((arrived) => (hold = { method, arrived })),
    release: () => {
      held?.forward();
      held = undefined;
    },
    drop: () => {
      held?.response.destroy();
      held = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        held?.response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
