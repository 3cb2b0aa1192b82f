// An in-process WebDAV server for tests: one folder of files in memory behind Basic auth, answering
// PROPFIND in the href styles of Apache, Nextcloud, 坚果云 or with absolute URLs, with faults
// injected by script or by a seeded PRNG. Test support, not product: small over complete.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSeededRandom } from './seeded-random';

/**
 * How PROPFIND writes hrefs and properties, after published responses of each server:
 * - `apache`: mod_dav, `D:`/`lp1:` prefixes, paths with lowercase escapes, the folder with its `/`.
 * - `nextcloud`: SabreDAV, `d:` prefix, paths with uppercase escapes, the folder with its `/`,
 *   a 404 propstat for the folder's length.
 * - `jianguoyun`: one line, `d:` prefix, raw UTF-8 paths, the folder without its `/`, a folder
 *   length of 0 and `httpd/unix-directory`.
 * - `absolute`: absolute URLs (as the npm webdav-server writes), the DAV namespace as the default,
 *   and no response for the folder itself.
 */
export type HrefStyle = 'apache' | 'nextcloud' | 'jianguoyun' | 'absolute';

export type Fault =
  /** Answer with this status (401, 403, 404, 409, 423, 429/503 with Retry-After, 500…), changing nothing. */
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Answer after `ms`; a request whose client gave up meanwhile is not applied. */
  | { type: 'delay'; ms: number }
  /** Close the connection without answering or applying. */
  | { type: 'drop' }
  /** Apply the request, then close the connection: the write landed, the client never hears. */
  | { type: 'dropAfterApply' }
  /** Apply, then send a Content-Length larger than the half body that follows, and close. */
  | { type: 'truncate' }
  /** Apply, then send the headers and half the body, and nothing more: a server hanging mid-answer. */
  | { type: 'stall' }
  /** 200 with an HTML login page, as an SSO proxy or captive portal answers. */
  | { type: 'loginPage' };

/** A scripted fault: for requests of `method` (default any), let `skip` through, then fault `times` (default 1). */
export type FaultRule = { fault: Fault; method?: string; skip?: number; times?: number };

export type FakeWebDavOptions = {
  username?: string;
  password?: string;
  /** The folder the client is given, decoded, with a trailing `/`. */
  folderPath?: string;
  hrefStyle?: HrefStyle;
  /** False: the folder is missing until a MKCOL creates it. */
  hasFolder?: boolean;
  /** Answer every MOVE with 405, as some shares and proxies do. */
  refuseMove?: boolean;
  /** On each request, with probability `rate`, one of `faults` chosen by a PRNG seeded with `seed`. */
  randomFaults?: { seed: number; rate: number; faults: readonly Fault[] };
};

export type StoredFile = { data: Buffer; modified: number };

export type RequestRecord = { method: string; name: string; fault?: Fault['type']; faultStatus?: number };

export type FakeWebDavServer = {
  origin: string;
  folderUrl: string;
  username: string;
  password: string;
  /** The folder's files by decoded name; tests read and seed it directly. */
  files: Map<string, StoredFile>;
  /** Every request, in arrival order, with the name it addressed ('' for the folder). */
  requests: RequestRecord[];
  state: { hrefStyle: HrefStyle; hasFolder: boolean; refuseMove: boolean };
  /** Queue a scripted fault; scripted faults come before random ones. */
  injectFault(rule: FaultRule): void;
  /** Ends scripted and random faults. */
  clearFaults(): void;
  close(): Promise<void>;
};

export const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="post" action="/login">' +
  '<input name="user"><input type="password" name="password"><button>Sign in</button></form></body></html>';

type Reply = { status: number; headers?: Record<string, string>; body?: string | Buffer };

export async function startFakeWebDavServer(options: FakeWebDavOptions = {}): Promise<FakeWebDavServer> {
  const username = options.username ?? 'alice';
  const password = options.password ?? 'app-password';
  const folderPath = options.folderPath ?? '/dav/sidenote/';
  const files = new Map<string, StoredFile>();
  const requests: RequestRecord[] = [];
  const state = { hrefStyle: options.hrefStyle ?? 'apache', hasFolder: options.hasFolder ?? true, refuseMove: options.refuseMove ?? false };
  let rules: Required<FaultRule>[] = [];
  let randomFaults = options.randomFaults;
  const random = createSeededRandom(options.randomFaults?.seed ?? 0);
  const expectedAuthorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  let origin = '';

  function takeFault(method: string): Fault | undefined {
    const rule = rules.find((candidate) => candidate.method === '*' || candidate.method === method);
    if (rule && rule.skip > 0) {
      rule.skip--;
    } else if (rule) {
      rule.times--;
      rules = rules.filter((candidate) => candidate.times > 0);
      return rule.fault;
    }
    if (randomFaults && random() < randomFaults.rate) return randomFaults.faults[Math.floor(random() * randomFaults.faults.length)];
    return undefined;
  }

  /** The decoded name a path addresses: '' for the folder, null outside it or below it. */
  function nameOf(pathname: string): string | null {
    const path = decodeURIComponent(pathname);
    if (path === folderPath || `${path}/` === folderPath) return '';
    if (!path.startsWith(folderPath)) return null;
    const rest = path.slice(folderPath.length);
    return rest.includes('/') ? null : rest;
  }

  function apply(request: IncomingMessage, name: string | null, body: Buffer): Reply {
    const method = request.method ?? 'GET';
    if (request.headers.authorization !== expectedAuthorization) {
      return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="fake"' }, body: 'Unauthorized' };
    }
    // If-Match and ETags are ignored on purpose, as rclone, nginx and the npm webdav-server do.
    if (name === null) return { status: method === 'PUT' || method === 'MKCOL' ? 409 : 404 };
    switch (method) {
      case 'OPTIONS':
        return { status: 200, headers: { DAV: '1,2', Allow: 'OPTIONS, GET, PUT, DELETE, PROPFIND, MKCOL, MOVE' } };
      case 'PROPFIND':
        return propfind(name, String(request.headers.depth ?? 'infinity'));
      case 'GET': {
        const file = files.get(name);
        if (name === '') return { status: 403 };
        return file ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: file.data } : { status: 404 };
      }
      case 'PUT': {
        if (!state.hasFolder) return { status: 409 };
        if (name === '') return { status: 405 };
        const existed = files.has(name);
        files.set(name, { data: body, modified: Date.now() });
        return { status: existed ? 204 : 201 };
      }
      case 'DELETE':
        if (name === '') return { status: 403 };
        return files.delete(name) ? { status: 204 } : { status: 404 };
      case 'MKCOL':
        if (name !== '') return { status: 403 };
        if (state.hasFolder) return { status: 405 };
        state.hasFolder = true;
        return { status: 201 };
      case 'MOVE':
        return move(name, request.headers);
      default:
        return { status: 501 };
    }
  }

  function move(name: string, headers: IncomingMessage['headers']): Reply {
    if (state.refuseMove) return { status: 405, headers: { Allow: 'OPTIONS, GET, PUT, DELETE, PROPFIND, MKCOL' } };
    const file = files.get(name);
    if (!file) return { status: 404 };
    const destination = headers.destination;
    if (typeof destination !== 'string') return { status: 400 };
    const target = nameOf(new URL(destination, origin).pathname);
    if (target === null || target === '') return { status: 403 };
    const existed = files.has(target);
    if (existed && headers.overwrite === 'F') return { status: 412 };
    files.delete(name);
    files.set(target, file);
    return { status: existed ? 204 : 201 };
  }

  function propfind(name: string, depth: string): Reply {
    if (depth === 'infinity') return { status: 403 };
    if (!state.hasFolder) return { status: 404 };
    const entries: Array<{ name: string; file?: StoredFile }> = [];
    if (name === '') {
      entries.push({ name: '' });
      if (depth === '1') for (const [fileName, file] of files) entries.push({ name: fileName, file });
    } else {
      const file = files.get(name);
      if (!file) return { status: 404 };
      entries.push({ name, file });
    }
    return {
      status: 207,
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
      body: renderMultistatus(state.hrefStyle, origin, folderPath, entries),
    };
  }

  function reply(response: ServerResponse, { status, headers = {}, body = '' }: Reply): void {
    response.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = request.method ?? 'GET';
    const name = nameOf(new URL(request.url ?? '/', origin).pathname);
    const fault = takeFault(method);
    requests.push({
      method,
      name: name ?? '(outside)',
      ...(fault ? { fault: fault.type } : {}),
      ...(fault?.type === 'status' ? { faultStatus: fault.status } : {}),
    });

    switch (fault?.type) {
      case undefined:
        return reply(response, apply(request, name, body));
      case 'status':
        return reply(response, { status: fault.status, headers: fault.headers, body: fault.body });
      case 'loginPage':
        return reply(response, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: LOGIN_PAGE });
      case 'drop':
        request.socket.destroy();
        return;
      case 'dropAfterApply':
        apply(request, name, body);
        request.socket.destroy();
        return;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (request.socket.destroyed) return;
        return reply(response, apply(request, name, body));
      case 'truncate':
      case 'stall': {
        const { status, headers = {}, body: full = '' } = apply(request, name, body);
        const bytes = Buffer.from(full);
        response.writeHead(status, { ...headers, 'Content-Length': bytes.length + 64 });
        response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
          if (fault.type === 'truncate') request.socket.destroy();
        });
        return;
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, { status: 500, body: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    folderUrl: origin + folderPath.split('/').map(encodeURIComponent).join('/'),
    username,
    password,
    files,
    requests,
    state,
    injectFault: ({ fault, method = '*', skip = 0, times = 1 }) => {
      rules.push({ fault, method, skip, times });
    },
    clearFaults: () => {
      rules = [];
      randomFaults = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function encodePath(path: string, isLowercase: boolean): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return isLowercase ? encoded.replace(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()) : encoded;
}

function renderMultistatus(
  style: HrefStyle,
  origin: string,
  folderPath: string,
  entries: Array<{ name: string; file?: StoredFile }>,
): string {
  const folderModified = new Date().toUTCString();
  const responses = entries.flatMap(({ name, file }) => {
    const isFolder = file === undefined;
    const path = isFolder ? folderPath : folderPath + name;
    const modified = file ? new Date(file.modified).toUTCString() : folderModified;
    const length = file?.data.length ?? 0;
    switch (style) {
      case 'apache':
        return [
          '<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/" xmlns:g0="DAV:">',
          `<D:href>${escapeXml(encodePath(path, true))}</D:href>`,
          '<D:propstat>\n<D:prop>',
          isFolder ? '<lp1:resourcetype><D:collection/></lp1:resourcetype>' : '<lp1:resourcetype/>',
          isFolder ? '' : `<lp1:getcontentlength>${length}</lp1:getcontentlength>`,
          `<lp1:getlastmodified>${modified}</lp1:getlastmodified>`,
          '</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>',
          isFolder
            ? '<D:propstat>\n<D:prop>\n<g0:getcontentlength/>\n</D:prop>\n<D:status>HTTP/1.1 404 Not Found</D:status>\n</D:propstat>'
            : '',
          '</D:response>',
        ].filter(Boolean);
      case 'nextcloud':
        return [
          '  <d:response>',
          `    <d:href>${escapeXml(encodePath(path, false))}</d:href>`,
          '    <d:propstat>\n      <d:prop>',
          `        <d:getlastmodified>${modified}</d:getlastmodified>`,
          isFolder ? '        <d:resourcetype>\n          <d:collection/>\n        </d:resourcetype>' : '        <d:resourcetype/>',
          isFolder ? '' : `        <d:getcontentlength>${length}</d:getcontentlength>`,
          `        <d:getetag>&quot;${(file?.modified ?? 0).toString(16)}&quot;</d:getetag>`,
          '      </d:prop>\n      <d:status>HTTP/1.1 200 OK</d:status>\n    </d:propstat>',
          isFolder
            ? '    <d:propstat>\n      <d:prop>\n        <d:getcontentlength/>\n      </d:prop>\n      <d:status>HTTP/1.1 404 Not Found</d:status>\n    </d:propstat>'
            : '',
          '  </d:response>',
        ].filter(Boolean);
      case 'jianguoyun':
        return [
          `<d:response><d:href>${escapeXml(isFolder ? folderPath.replace(/\/$/, '') : path)}</d:href><d:propstat><d:prop>`,
          `<d:getcontenttype>${isFolder ? 'httpd/unix-directory' : 'application/json'}</d:getcontenttype>`,
          `<d:displayname>${escapeXml(isFolder ? (folderPath.split('/').at(-2) ?? '') : name)}</d:displayname>`,
          isFolder ? '<d:resourcetype><d:collection/></d:resourcetype>' : '<d:resourcetype/>',
          `<d:getcontentlength>${length}</d:getcontentlength><d:getlastmodified>${modified}</d:getlastmodified>`,
          '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>',
        ];
      case 'absolute':
        if (isFolder) return [];
        return [
          `<response><href>${escapeXml(origin + encodePath(path, false))}</href><propstat><prop>`,
          `<resourcetype/><getcontentlength>${length}</getcontentlength><getlastmodified>${modified}</getlastmodified>`,
          '</prop><status>HTTP/1.1 200 OK</status></propstat></response>',
        ];
    }
  });
  switch (style) {
    case 'apache':
      return [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">',
        ...responses,
        '</D:multistatus>',
        '',
      ].join('\n');
    case 'nextcloud':
      return [
        '<?xml version="1.0"?>',
        '<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">',
        ...responses,
        '</d:multistatus>',
        '',
      ].join('\n');
    case 'jianguoyun':
      return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><d:multistatus xmlns:d="DAV:" xmlns:s="http://ns.jianguoyun.com">${responses.join('')}</d:multistatus>`;
    case 'absolute':
      return `<?xml version="1.0" encoding="utf-8"?><multistatus xmlns="DAV:">${responses.join('')}</multistatus>`;
  }
}
