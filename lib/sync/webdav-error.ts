// Every way a WebDAV request can fail, as one error class with a stable `kind` the UI puts into
// words and the retry policy reads. Owns the mapping from HTTP statuses and Retry-After to kinds;
// knows nothing about requests or sync.

/**
 * What went wrong, closed and stable: the UI maps each kind to words, so never rename one.
 *
 * | kind                  | when                                                          | retry soon |
 * | --------------------- | ------------------------------------------------------------- | ---------- |
 * | `invalidUrl`          | the folder URL is not http(s), has credentials or a query     | no         |
 * | `unreachable`         | network error, refused connection, DNS failure, dropped link  | yes        |
 * | `timeout`             | no complete answer within the client's timeout; HTTP 408      | yes        |
 * | `unauthorized`        | 401: wrong user name or (app) password                        | no         |
 * | `forbidden`           | 403: the account may not do this here                         | no         |
 * | `notFound`            | 404: the folder (or file) is missing                          | no         |
 * | `methodNotAllowed`    | 405 / 501: not a WebDAV folder, or a method refused           | no         |
 * | `conflict`            | 409: a parent folder is missing; the URL names a file         | no         |
 * | `locked`              | 423: someone holds a WebDAV lock                              | yes        |
 * | `rateLimited`         | 429 / 503, with `retryAfterMs` when the server said           | yes        |
 * | `insufficientStorage` | 507: the account's quota is full                              | no         |
 * | `serverError`         | any other 5xx                                                 | yes        |
 * | `rejected`            | any other 4xx (400, 410, 413, 415, …)                         | no         |
 * | `truncated`           | the body ended early or differs from its Content-Length       | yes        |
 * | `htmlInsteadOfData`   | an HTML page (a login or portal page) where data was expected | no         |
 * | `badResponse`         | a multistatus that does not parse                             | no         |
 *
 * Whether a file's text is valid JSON is the sync file's business, not the transport's.
 */
export type WebDavErrorKind =
  | 'invalidUrl'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'methodNotAllowed'
  | 'conflict'
  | 'locked'
  | 'rateLimited'
  | 'insufficientStorage'
  | 'serverError'
  | 'rejected'
  | 'truncated'
  | 'htmlInsteadOfData'
  | 'badResponse';

const RETRYABLE_KINDS: ReadonlySet<WebDavErrorKind> = new Set([
  'unreachable',
  'timeout',
  'locked',
  'rateLimited',
  'serverError',
  'truncated',
]);

export type WebDavErrorDetails = {
  /** The HTTP status, or null when no response arrived. */
  status?: number | null;
  /** How long the server asked us to wait (Retry-After), or null. */
  retryAfterMs?: number | null;
  /** The request, for logs: method and file name (never credentials). */
  request?: string;
  cause?: unknown;
};

export class WebDavError extends Error {
  readonly kind: WebDavErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly isRetryable: boolean;

  constructor(kind: WebDavErrorKind, message: string, details: WebDavErrorDetails = {}) {
    const prefix = details.request ? `${details.request}: ` : '';
    super(`${prefix}${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'WebDavError';
    this.kind = kind;
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.isRetryable = RETRYABLE_KINDS.has(kind);
  }
}

/** The kind an HTTP error status stands for; null for statuses that are not errors. */
export function kindOfStatus(status: number): WebDavErrorKind | null {
  if (status < 400) return null;
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 405:
    case 501:
      return 'methodNotAllowed';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 423:
      return 'locked';
    case 429:
    case 503:
      return 'rateLimited';
    case 507:
      return 'insufficientStorage';
    default:
      return status >= 500 ? 'serverError' : 'rejected';
  }
}

/**
 * Milliseconds to wait from a Retry-After value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * A date in the past means "now" (0); anything unreadable is null.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP-dates open with a weekday; requiring it keeps "-5" or "1.5" (invalid) from parsing as years.
  if (!/^[A-Za-z]{3}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The error for a response with an error status. */
export function webDavErrorFromResponse(status: number, headers: Headers, request: string, now: number): WebDavError {
  const kind = kindOfStatus(status) ?? 'badResponse';
  const retryAfterMs = kind === 'rateLimited' || kind === 'locked' ? parseRetryAfter(headers.get('retry-after'), now) : null;
  return new WebDavError(kind, `HTTP ${status}`, { status, retryAfterMs, request });
}
