/**
 * The framework-free request and response of the web app. Both adapters (the Lambda handler and the
 * local node:http server) translate to and from these, so the same code serves both.
 */
export interface WebRequest {
  method: string;
  /** Path as received, still percent-encoded, without the query string. */
  path: string;
  /** First value of each query parameter. */
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body as text; adapters pass at most MAX_BODY_BYTES + 1 bytes of it. */
  body: string;
  sourceIp: string;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Our forms post a few hundred bytes; anything past this is refused with 413 before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Form fields of an urlencoded body; multipart bodies (RFC 8058 allows them) are not needed by any route. */
export function formFields(req: WebRequest): URLSearchParams {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(req.body);
}

export function queryFromSearch(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * Pages carry no script at all, so the policy forbids it outright; tokens travel in URLs, so no
 * Referer leaves the site; nothing may frame a page (clickjacking the unsubscribe button).
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Archived digests are email HTML: inline styles and https images, still no script (R26). */
export const ARCHIVE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; font-src https:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function securityHeaders(csp: string, https: boolean): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** Atom feeds are data, never a document to run: nothing loads, nothing frames them. */
export const FEED_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Whether an If-None-Match list names `etag`, by weak comparison (RFC 9110 13.1.2): GET and HEAD. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim() !== '' && opaque(t) === opaque(etag));
}

/** Whether the representation is unchanged since an If-Modified-Since date (to the second). */
export function notModifiedSince(ifModifiedSince: string, lastModified: Date): boolean {
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/** A path's decoded segments ([''] for the root); undefined when one is not valid percent-encoding. */
export function decodeSegments(path: string): string[] | undefined {
  try {
    const parts = path
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    return parts.length === 0 ? [''] : parts;
  } catch {
    return undefined;
  }
}
