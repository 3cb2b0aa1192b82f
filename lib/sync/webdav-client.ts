// A WebDAV client for one folder: list, read, write (a temporary name, then MOVE), delete, create
// the folder. Pure apart from the `fetch` it is given; no browser APIs, no sync format, and no
// ETags or If-Match (rclone, nginx and the npm webdav-server ignore If-Match; see issue #8).

import { hrefPath, MultistatusFormatError, parseMultistatus, type DavResource } from './webdav-multistatus';
import { WebDavError, webDavErrorFromResponse } from './webdav-error';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export type WebDavClientOptions = {
  /** The folder, e.g. https://dav.jianguoyun.com/dav/Sidenote/ or …/remote.php/dav/files/alice/Sidenote/. */
  folderUrl: string;
  username: string;
  /** The account's password or, better, an app password. */
  password: string;
  fetch: FetchFunction;
  /** Per request, from sending it to the last byte of the answer. Default 20 s. */
  timeoutMs?: number;
  /** For Retry-After dates. Default Date.now. */
  now?: () => number;
  /** The random part of temporary names. Default 8 hex digits from crypto.getRandomValues. */
  randomId?: () => string;
};

export type WebDavFile = {
  /** The file's name in the folder, decoded (`设备-1.json`, not `%E8%AE%BE…`). */
  name: string;
  size: number | null;
  lastModified: number | null;
};

export type WebDavClient = {
  /** The normalized folder URL (ends with `/`). */
  readonly folderUrl: string;
  /** Creates the folder with MKCOL if PROPFIND says it is missing. */
  ensureFolder(): Promise<'existed' | 'created'>;
  /** The folder's files (not subfolders, not our temporary files), by name, optionally by prefix. */
  listFiles(prefix?: string): Promise<WebDavFile[]>;
  readFile(name: string): Promise<string>;
  /** Replaces the file in one step where the server can MOVE; never leaves a half-written final file there. */
  writeFile(name: string, text: string): Promise<void>;
  /** Deletes the file; a file already gone counts as deleted. */
  deleteFile(name: string): Promise<void>;
};

export const DEFAULT_WEBDAV_TIMEOUT_MS = 20_000;

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getlastmodified/></D:prop></D:propfind>';

/** Our temporary upload names: `.<name>.<random>.tmp`. */
const TEMPORARY_NAME = /^\..+\.[\da-z]+\.tmp$/i;

export function isTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

/**
 * The folder URL as the client uses it: http(s) only, no credentials in it (they go in the
 * Authorization header, and a URL is logged and shown), no query or fragment, ending with `/`.
 */
export function normalizeFolderUrl(folderUrl: string): string {
  let url: URL;
  try {
    url = new URL(folderUrl.trim());
  } catch {
    throw new WebDavError('invalidUrl', 'the folder URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebDavError('invalidUrl', `${url.protocol} is not http(s)`);
  if (url.username || url.password) throw new WebDavError('invalidUrl', 'the folder URL contains a user name or password');
  if (url.search || url.hash) throw new WebDavError('invalidUrl', 'the folder URL has a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

function assertFileName(name: string): void {
  // One path segment of printable text: the client never reaches outside its folder.
  if (name === '' || name === '.' || name === '..' || name.includes('/') || /\p{Cc}/u.test(name)) {
    throw new RangeError(`not a file name: ${JSON.stringify(name)}`);
  }
}

function basicAuthorization(username: string, password: string): string {
  // RFC 7617: user-pass as UTF-8, then base64 (btoa alone only takes Latin-1).
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function defaultRandomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type Answer = { status: number; headers: Headers; text: string };

/** An HTML page where data or a WebDAV answer was expected: a login page, a portal, a proxy's error. */
function isHtmlPage(headers: Headers, text: string): boolean {
  const contentType = headers.get('content-type') ?? '';
  return /\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType) || /^\s*(?:<!doctype\s+html|<html[\s>])/i.test(text);
}

/** A page asking for a password: never a WebDAV answer, whatever its status (SSO proxies answer 200). */
function isLoginPage(headers: Headers, text: string): boolean {
  return isHtmlPage(headers, text) && /<input[^>]+type\s*=\s*["']?password/i.test(text);
}

export function createWebDavClient(options: WebDavClientOptions): WebDavClient {
  const folderUrl = normalizeFolderUrl(options.folderUrl);
  const folderPath = hrefPath(new URL(folderUrl).pathname).replace(/\/$/, '');
  const authorization = basicAuthorization(options.username, options.password);
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBDAV_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
  const now = options.now ?? Date.now;
  const randomId = options.randomId ?? defaultRandomId;
  // Called detached, never as options.fetch(…): browsers throw "Illegal invocation" when fetch's
  // `this` is not the global object.
  const fetchFunction = options.fetch;
  // Once a server refuses MOVE, later writes go straight to a plain PUT (same result, fewer requests).
  let isMoveRefused = false;

  const fileUrl = (name: string): string => {
    assertFileName(name);
    return folderUrl + encodeURIComponent(name);
  };

  /**
   * One request, answered in full within the timeout, or a WebDavError. `isExpected` says which
   * statuses are an answer for this request; every other status becomes its kind.
   */
  async function send(
    method: string,
    url: string,
    label: string,
    init: { headers?: Record<string, string>; body?: string },
    isExpected: (status: number) => boolean,
  ): Promise<Answer> {
    const request = `${method} ${label}`;
    const controller = new AbortController();
    let hasTimedOut = false;
    // One timer covers the headers and the whole body: a server that sends headers and then
    // stalls is a timeout too, not a hang.
    const timer = setTimeout(() => {
      hasTimedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetchFunction(url, {
          method,
          headers: { Authorization: authorization, ...init.headers },
          body: init.body,
          signal: controller.signal,
          // no-store: a cached GET would hide another device's newer file. omit: a browser session
          // cookie for the same server (Nextcloud) would make it demand a CSRF token.
          cache: 'no-store',
          credentials: 'omit',
          redirect: 'follow',
        });
      } catch (error) {
        if (hasTimedOut) throw new WebDavError('timeout', `no answer within ${timeoutMs} ms`, { request, cause: error });
        throw new WebDavError('unreachable', describeNetworkError(error), { request, cause: error });
      }
      if (!isExpected(response.status)) {
        // The body of an error is not needed; cancelling frees the connection at once.
        await response.body?.cancel().catch(() => undefined);
        throw webDavErrorFromResponse(response.status, response.headers, request, now());
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (hasTimedOut) throw new WebDavError('timeout', `body not complete within ${timeoutMs} ms`, { request, cause: error });
        throw new WebDavError('truncated', `body cut off: ${describeNetworkError(error)}`, {
          request,
          status: response.status,
          cause: error,
        });
      }
      const declared = response.headers.get('content-length');
      const encoding = response.headers.get('content-encoding');
      // With a content-encoding, Content-Length counts the compressed bytes fetch has already inflated.
      if (
        declared !== null &&
        (encoding === null || encoding === 'identity') &&
        /^\d+$/.test(declared) &&
        Number(declared) !== bytes.length
      ) {
        throw new WebDavError('truncated', `got ${bytes.length} of ${declared} bytes`, { request, status: response.status });
      }
      const text = new TextDecoder().decode(bytes);
      if (isLoginPage(response.headers, text)) {
        throw new WebDavError('htmlInsteadOfData', 'a login page answered', { request, status: response.status });
      }
      return { status: response.status, headers: response.headers, text };
    } finally {
      clearTimeout(timer);
    }
  }

  const isSuccess = (status: number): boolean => status >= 200 && status < 300;

  async function propfind(depth: '0' | '1', label: string): Promise<DavResource[]> {
    const answer = await send(
      'PROPFIND',
      folderUrl,
      label,
      { headers: { Depth: depth, 'Content-Type': 'application/xml; charset=utf-8' }, body: PROPFIND_BODY },
      isSuccess,
    );
    const request = `PROPFIND ${label}`;
    if (isHtmlPage(answer.headers, answer.text)) {
      throw new WebDavError('htmlInsteadOfData', 'an HTML page answered PROPFIND', { request, status: answer.status });
    }
    try {
      return parseMultistatus(answer.text);
    } catch (error) {
      if (!(error instanceof MultistatusFormatError)) throw error;
      throw new WebDavError('badResponse', error.message, { request, status: answer.status, cause: error });
    }
  }

  /** Deletes a temporary file, ignoring failure: it is invisible to listFiles and never read. */
  async function deleteQuietly(name: string): Promise<void> {
    try {
      await send('DELETE', fileUrl(name), name, {}, (status) => isSuccess(status) || status === 404);
    } catch {
      // A leftover temporary file costs a little space and is skipped by every reader.
    }
  }

  async function put(name: string, text: string): Promise<void> {
    await send('PUT', fileUrl(name), name, { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: text }, isSuccess);
  }

  async function writeFile(name: string, text: string): Promise<void> {
    const target = fileUrl(name);
    if (isMoveRefused) return put(name, text);
    const temporary = `.${name}.${randomId()}.tmp`;
    try {
      await put(temporary, text);
    } catch (error) {
      // A PUT that timed out or lost its answer may still have landed.
      await deleteQuietly(temporary);
      throw error;
    }
    try {
      await send('MOVE', fileUrl(temporary), `${temporary} → ${name}`, { headers: { Destination: target, Overwrite: 'T' } }, isSuccess);
    } catch (error) {
      if (!isMoveRefusal(error)) {
        await deleteQuietly(temporary);
        throw error;
      }
      isMoveRefused = true;
      try {
        await put(name, text);
      } finally {
        await deleteQuietly(temporary);
      }
    }
  }

  return {
    folderUrl,

    async ensureFolder() {
      let resources: DavResource[];
      try {
        resources = await propfind('0', 'folder');
      } catch (error) {
        if (!(error instanceof WebDavError && error.kind === 'notFound')) throw error;
        // 405 is "already exists": another device created it between our PROPFIND and MKCOL.
        const answer = await send('MKCOL', folderUrl, 'folder', {}, (status) => isSuccess(status) || status === 405);
        return answer.status === 405 ? 'existed' : 'created';
      }
      const self = resources[0];
      if (self && !self.isCollection) throw new WebDavError('conflict', 'the folder URL names a file', { request: 'PROPFIND folder' });
      return 'existed';
    },

    async listFiles(prefix = '') {
      const resources = await propfind('1', 'folder');
      const files: WebDavFile[] = [];
      for (const resource of resources) {
        // Depth 1 lists the folder itself (a collection; some servers omit it) and its children.
        if (resource.isCollection || resource.path.replace(/\/$/, '') === folderPath) continue;
        const { name } = resource;
        if (name === '' || isTemporaryName(name) || !name.startsWith(prefix)) continue;
        files.push({ name, size: resource.size, lastModified: resource.lastModified });
      }
      return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async readFile(name) {
      const answer = await send('GET', fileUrl(name), name, {}, isSuccess);
      if (isHtmlPage(answer.headers, answer.text)) {
        throw new WebDavError('htmlInsteadOfData', 'an HTML page instead of the file', { request: `GET ${name}`, status: answer.status });
      }
      return answer.text;
    },

    writeFile,

    async deleteFile(name) {
      await send('DELETE', fileUrl(name), name, {}, (status) => isSuccess(status) || status === 404);
    },
  };
}

/**
 * MOVE refused as a method (405, 501), by policy (403: some shares allow PUT but not MOVE), or by a
 * TLS-terminating proxy in front of Apache that rewrites the scheme, so mod_dav sees a Destination
 * on "another server" (502). A plain PUT still writes the file, only not atomically.
 */
function isMoveRefusal(error: unknown): boolean {
  return error instanceof WebDavError && (error.kind === 'methodNotAllowed' || error.status === 403 || error.status === 502);
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed"; the cause names ECONNREFUSED, ENOTFOUND, "other side closed".
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${cause.message})`;
  }
  return error.message;
}

/**
 * The host permission a folder needs, as a match pattern. No port: Firefox grants a pattern with
 * a port but then matches no request with it, and Chrome ignores ports in patterns anyway.
 */
export function folderPermissionPattern(folderUrl: string): string {
  const url = new URL(folderUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
