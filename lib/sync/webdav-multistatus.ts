// Reads a WebDAV PROPFIND multistatus (RFC 4918 §14.16) without a DOM (Node has no DOMParser and a
// service worker neither): a small XML scanner, then href, size, date and collection per response.
// Tolerant of prefixes and namespaces as servers write them; never fetches anything.

export type DavResource = {
  /** The href as the server wrote it. */
  href: string;
  /** The href's path, percent-decoded segment by segment, without scheme and host. */
  path: string;
  /** The last segment of the path, decoded (a trailing `/` ignored): the name in its folder. */
  name: string;
  isCollection: boolean;
  /** getcontentlength in bytes, or null when absent. */
  size: number | null;
  /** getlastmodified in epoch milliseconds, or null when absent or unreadable. */
  lastModified: number | null;
};

export class MultistatusFormatError extends Error {
  constructor(reason: string) {
    super(`not a WebDAV multistatus: ${reason}`);
    this.name = 'MultistatusFormatError';
  }
}

type XmlElement = { name: string; children: XmlElement[]; text: string };

/** Parses a multistatus body into its resources, in document order. */
export function parseMultistatus(xml: string): DavResource[] {
  const root = parseXml(xml);
  if (root.name !== 'multistatus') throw new MultistatusFormatError(`root element is <${root.name}>`);
  const resources: DavResource[] = [];
  for (const response of childrenNamed(root, 'response')) {
    const resource = readResponse(response);
    if (resource) resources.push(resource);
  }
  return resources;
}

function readResponse(response: XmlElement): DavResource | null {
  const href = childNamed(response, 'href')?.text.trim();
  if (!href) return null;
  // A response-level status (without propstat) reports a resource we cannot use, e.g. 404 or 403.
  const status = childNamed(response, 'status');
  if (status && !isSuccessStatus(status.text)) return null;
  let isCollection = false;
  let size: number | null = null;
  let lastModified: number | null = null;
  for (const propstat of childrenNamed(response, 'propstat')) {
    // Apache and Nextcloud put the properties a resource lacks (a folder's length) in a 404 propstat.
    const propstatStatus = childNamed(propstat, 'status');
    if (propstatStatus && !isSuccessStatus(propstatStatus.text)) continue;
    for (const prop of childrenNamed(propstat, 'prop')) {
      for (const property of prop.children) {
        if (property.name === 'resourcetype') isCollection ||= childNamed(property, 'collection') !== undefined;
        else if (property.name === 'getcontentlength') size = readLength(property.text) ?? size;
        else if (property.name === 'getlastmodified') lastModified = readDate(property.text) ?? lastModified;
      }
    }
  }
  return { href, path: hrefPath(href), name: hrefName(href), isCollection, size, lastModified };
}

function isSuccessStatus(statusLine: string): boolean {
  const code = /HTTP\/\d(?:\.\d)?\s+(\d{3})/i.exec(statusLine)?.[1];
  return code === undefined || code.startsWith('2');
}

function readLength(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function readDate(text: string): number | null {
  const at = Date.parse(text.trim());
  return Number.isNaN(at) ? null : at;
}

/**
 * The decoded path of an href. Servers differ: Apache writes paths with lowercase escapes,
 * Nextcloud uppercase ones, some write raw UTF-8, and others absolute URLs; all end up the same.
 */
export function hrefPath(href: string): string {
  const withoutOrigin = stripOrigin(href);
  const path = withoutOrigin.startsWith('/') ? withoutOrigin : `/${withoutOrigin}`;
  return path.split('/').map(decodeSegment).join('/');
}

/** The decoded last segment of an href; taken before decoding, so an escaped `/` stays in the name. */
export function hrefName(href: string): string {
  const segments = stripOrigin(href).replace(/\/+$/, '').split('/');
  return decodeSegment(segments[segments.length - 1] ?? '');
}

function stripOrigin(href: string): string {
  return href.replace(/^[a-z][a-z\d+.-]*:\/\/[^/]*/i, '');
}

/** Decodes each run of %XX escapes on its own, so a raw `%` or invalid UTF-8 elsewhere stays as written. */
export function decodeSegment(segment: string): string {
  return segment.replace(/(?:%[\da-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8 once decoded (a Latin-1 server, or a literal "%e9"): keep the escapes as written.
      return run;
    }
  });
}

// ---- A small XML scanner: elements, text, CDATA; comments, PIs and DOCTYPE skipped. ----
// Linear in the input; it keeps local names only (`D:href`, `d:href` and `href` in a default
// namespace are all `href`), which is what tolerant WebDAV clients do in practice.

const NAME_START = /[A-Za-z_:\u00c0-\uffff]/;

function parseXml(xml: string): XmlElement {
  const documentNode: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [documentNode];
  let index = 0;
  const top = (): XmlElement => stack[stack.length - 1] ?? documentNode;

  while (index < xml.length) {
    const open = xml.indexOf('<', index);
    if (open === -1) {
      top().text += decodeEntities(xml.slice(index));
      break;
    }
    if (open > index) top().text += decodeEntities(xml.slice(index, open));
    if (xml.startsWith('<!--', open)) {
      index = endOf(xml, '-->', open);
    } else if (xml.startsWith('<![CDATA[', open)) {
      const close = xml.indexOf(']]>', open);
      if (close === -1) throw new MultistatusFormatError('unterminated CDATA');
      top().text += xml.slice(open + 9, close);
      index = close + 3;
    } else if (xml.startsWith('<?', open)) {
      index = endOf(xml, '?>', open);
    } else if (xml.startsWith('<!', open)) {
      // DOCTYPE: internal subsets (entity definitions) are refused rather than expanded.
      const close = xml.indexOf('>', open);
      if (close === -1 || xml.slice(open, close).includes('[')) throw new MultistatusFormatError('DOCTYPE with an internal subset');
      index = close + 1;
    } else if (xml.startsWith('</', open)) {
      const close = xml.indexOf('>', open);
      if (close === -1) throw new MultistatusFormatError('unterminated end tag');
      const name = localName(xml.slice(open + 2, close).trim());
      const depth = findOpen(stack, name);
      if (depth === -1) throw new MultistatusFormatError(`unexpected </${name}>`);
      stack.length = depth;
      index = close + 1;
    } else {
      index = readStartTag(xml, open, top(), stack);
    }
  }
  if (stack.length > 1) throw new MultistatusFormatError(`<${top().name}> is not closed (truncated?)`);
  const root = documentNode.children[0];
  if (!root) throw new MultistatusFormatError('no root element');
  return root;
}

/** Reads `<name attr="…" …>` or `<name …/>` at `open`; returns the index after it. */
function readStartTag(xml: string, open: number, parent: XmlElement, stack: XmlElement[]): number {
  let index = open + 1;
  if (!NAME_START.test(xml.charAt(index))) throw new MultistatusFormatError(`stray "<" at ${open}`);
  while (index < xml.length && !/[\s/>]/.test(xml.charAt(index))) index++;
  const element: XmlElement = { name: localName(xml.slice(open + 1, index)), children: [], text: '' };
  // Skip attributes; quoted values may contain ">" or "/".
  for (;;) {
    const char = xml.charAt(index);
    if (char === '') throw new MultistatusFormatError('unterminated start tag');
    if (char === '"' || char === "'") {
      const close = xml.indexOf(char, index + 1);
      if (close === -1) throw new MultistatusFormatError('unterminated attribute value');
      index = close + 1;
    } else if (char === '>') {
      parent.children.push(element);
      stack.push(element);
      return index + 1;
    } else if (char === '/' && xml.charAt(index + 1) === '>') {
      parent.children.push(element);
      return index + 2;
    } else {
      index++;
    }
  }
}

function endOf(xml: string, terminator: string, from: number): number {
  const close = xml.indexOf(terminator, from);
  if (close === -1) throw new MultistatusFormatError(`unterminated ${xml.slice(from, from + 4)}`);
  return close + terminator.length;
}

function findOpen(stack: XmlElement[], name: string): number {
  for (let depth = stack.length - 1; depth >= 1; depth--) if (stack[depth]?.name === name) return depth;
  return -1;
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
