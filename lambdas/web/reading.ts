/**
 * The reading routes: the Atom feeds and the actor pages. They serve the subscription site (through
 * createWebApp, locally) and their own Lambda in the stack (handlers/reading.ts), which reads
 * articles and editions and nothing of subscribers.
 *   GET  /feeds/topic/ID.atom, /feeds/actor/SLUG.atom, /feeds/digest.atom   Atom feeds (RFC 4287)
 *   GET  /actors/SLUG           an actor's page      GET  /actors?q=NAME    finds the page
 * Both answer conditional GETs (ETag, Last-Modified) with 304.
 */
import type { ActorActivity, Publisher, Versioned } from '../publish/publisher';
import type { Log } from '../shared/log';
import { readingPaths } from '../shared/reading-paths';
import { slug } from '../shared/slug';
import { actorChoicesPage, actorPage, actorSearchPage } from './actor-pages';
import {
  decodeSegments,
  etagMatches,
  FEED_CSP,
  notModifiedSince,
  PAGE_CSP,
  securityHeaders,
  type WebRequest,
  type WebResponse,
} from './http';
import { messagePage, type SiteInfo } from './pages';

export interface ReadingDeps {
  publisher: Publisher;
  site: () => SiteInfo;
  /** Whether the site is served over https (HSTS). */
  https: () => boolean;
}

/** Reading pages and feeds may be kept by browsers and shared caches for a few minutes. */
const READING_CACHE = 'public, max-age=300';

export type ReadingRoutes = (req: WebRequest, first: string, rest: string[]) => Promise<WebResponse>;

/**
 * What the web app needs to serve the reading pages itself (`cli serve`, tests): handed in by the
 * caller, so the subscription function's bundle (handlers/api.ts) carries none of this code.
 */
export type ReadingRoutesFactory = (site: () => SiteInfo, https: () => boolean) => ReadingRoutes;

export const readingRoutesOf =
  (publisher: Publisher): ReadingRoutesFactory =>
  (site, https) =>
    createReadingRoutes({ publisher, site, https });

/** `/feeds/...` and `/actors...` (GET; HEAD is answered as GET by the caller). */
export function createReadingRoutes(deps: ReadingDeps): ReadingRoutes {
  const { publisher } = deps;
  const page = (status: number, body: string, extra: Record<string, string> = {}): WebResponse => ({
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...securityHeaders(PAGE_CSP, deps.https()),
      ...extra,
    },
    body,
  });
  const redirect = (location: string, status: 301 | 302): WebResponse => ({
    status,
    headers: {
      location,
      'cache-control': status === 301 ? 'public, max-age=86400' : 'no-store',
      ...securityHeaders(PAGE_CSP, deps.https()),
    },
    body: '',
  });
  const noFeed = () =>
    page(
      404,
      messagePage(deps.site(), 'No feed here', 'There is no feed at this address.', {
        href: '/archive',
        text: 'See the archive',
      }),
    );
  const notFound = () =>
    page(
      404,
      messagePage(deps.site(), 'Page not found', 'There is nothing at this address.', {
        href: '/',
        text: 'Go to the home page',
      }),
    );

  /**
   * A feed or page answered by its validators: 304 when If-None-Match names the current ETag (read
   * from the change marker alone, nothing built), or, without one, when If-Modified-Since is not
   * older than the Last-Modified of what would be sent; otherwise the body, built once per change.
   */
  async function versioned<T>(
    req: WebRequest,
    v: Versioned<T>,
    render: (value: T) => string,
    headers: Record<string, string>,
  ): Promise<WebResponse> {
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, v.etag)) {
      return { status: 304, headers: { etag: v.etag, 'cache-control': READING_CACHE }, body: '' };
    }
    const loaded = await v.load();
    const validators = {
      etag: loaded.etag,
      'last-modified': loaded.lastModified.toUTCString(),
      'cache-control': READING_CACHE,
    };
    const since = req.headers['if-modified-since'];
    const unchanged =
      ifNoneMatch !== undefined
        ? etagMatches(ifNoneMatch, loaded.etag)
        : since !== undefined && notModifiedSince(since, loaded.lastModified);
    if (unchanged) return { status: 304, headers: validators, body: '' };
    return { status: 200, headers: { ...headers, ...validators }, body: render(loaded.value) };
  }

  /** `/feeds/digest.atom`, `/feeds/topic/ID.atom`, `/feeds/actor/SLUG.atom` (an alias redirects). */
  async function showFeed(req: WebRequest, rest: string[]): Promise<WebResponse> {
    const [kind, file, ...more] = rest;
    if (more.length > 0) return noFeed();
    const name = file?.endsWith('.atom') ? file.slice(0, -'.atom'.length) : undefined;
    let feed: Versioned<string> | undefined;
    if (kind === 'digest.atom' && file === undefined) feed = await publisher.digestFeed();
    else if (kind === 'topic' && name) feed = await publisher.topicFeed(name);
    else if (kind === 'actor' && name) {
      // A typed or pasted name ("Kim Jong Un", "Kim-Jong-Un") goes to its slug first.
      if (slug(name) && slug(name) !== name) return redirect(readingPaths.actorFeed(slug(name)), 301);
      const found = await publisher.resolveActor(name);
      if (found.kind === 'moved') return redirect(readingPaths.actorFeed(found.slug), 301);
      if (found.kind === 'found') feed = await publisher.actorFeed(found.actor);
    }
    if (!feed) return noFeed();
    return versioned(req, feed, (xml) => xml, {
      'content-type': 'application/atom+xml; charset=utf-8',
      ...securityHeaders(FEED_CSP, deps.https()),
    });
  }

  /** Each built page's HTML, made once however often it is served. */
  const actorHtml = new WeakMap<ActorActivity, string>();

  /** `/actors/SLUG`; an alias or surname redirects to the canonical slug; `/actors?q=` finds one. */
  async function showActor(req: WebRequest, rest: string[]): Promise<WebResponse> {
    const [asked, ...more] = rest;
    if (more.length > 0) return notFound();
    if (asked === undefined) {
      const wanted = slug((req.query.q ?? '').slice(0, 100));
      if (wanted) return redirect(readingPaths.actorPage(wanted), 302);
      return page(200, actorSearchPage(deps.site()), { 'cache-control': 'public, max-age=3600' });
    }
    // A typed or pasted name ("Kim Jong Un", "Kim-Jong-Un") goes to its slug first.
    if (slug(asked) && slug(asked) !== asked) return redirect(readingPaths.actorPage(slug(asked)), 301);
    const found = await publisher.resolveActor(asked);
    switch (found.kind) {
      case 'found':
        return versioned(
          req,
          await publisher.actorActivity(found.actor),
          (activity) => {
            let body = actorHtml.get(activity);
            if (body === undefined) {
              body = actorPage(deps.site(), activity);
              actorHtml.set(activity, body);
            }
            return body;
          },
          page(200, '').headers,
        );
      case 'moved':
        return redirect(readingPaths.actorPage(found.slug), 301);
      case 'choices':
        return page(200, actorChoicesPage(deps.site(), slug(asked).replace(/-/g, ' '), found.actors), {
          'cache-control': 'public, max-age=3600',
        });
      default:
        // Only the slug's words are echoed: never a control or bidi character from the address.
        return page(404, actorSearchPage(deps.site(), slug(asked).replace(/-/g, ' ')));
    }
  }

  return (req, first, rest) => (first === 'feeds' ? showFeed(req, rest) : showActor(req, rest));
}

/** Whether a path's first segment is one of the reading routes'. */
export const isReadingPath = (first: string) => first === 'feeds' || first === 'actors';

export type ReadingApp = (req: WebRequest) => Promise<WebResponse>;

/**
 * The reading routes as an app of their own (the reading Lambda): GET and HEAD only, anything else
 * 404; a failure is a 500 page that says nothing of it.
 */
export function createReadingApp(deps: ReadingDeps & { log: Log }): ReadingApp {
  const routes = createReadingRoutes(deps);
  const page = (status: number, title: string, text: string, headers: Record<string, string> = {}) => ({
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...securityHeaders(PAGE_CSP, deps.https()),
      ...headers,
    },
    body: messagePage(deps.site(), title, text, { href: '/', text: 'Go to the home page' }),
  });
  return async (req) => {
    const method = req.method.toUpperCase();
    let res: WebResponse;
    try {
      const segments = decodeSegments(req.path);
      const [first = '', ...rest] = segments ?? [];
      if (!segments) res = page(400, 'Bad address', 'The address of this page is malformed.');
      else if (!isReadingPath(first)) res = page(404, 'Page not found', 'There is nothing at this address.');
      else if (method !== 'GET' && method !== 'HEAD')
        res = page(405, 'Method not allowed', 'This address accepts GET.', { allow: 'GET, HEAD' });
      else res = await routes(req, first, rest);
    } catch (err) {
      deps.log.error('reading request failed', {
        error: (err as Error)?.message,
        name: (err as Error)?.name,
      });
      res = page(500, 'Something went wrong', 'Something went wrong on our side. Please try again later.');
    }
    return method === 'HEAD' ? { ...res, body: '' } : res;
  };
}
