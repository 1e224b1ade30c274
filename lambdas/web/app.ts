/**
 * The subscription site and the digest archive as one function from request to response, shared by
 * the Lambda handler (handlers/api.ts) and the local server (bin/local/web-server.ts).
 * Routes:
 *   GET  /, /subscribe          the form              POST /subscribe        double opt-in (R31)
 *   GET  /confirm?token=        a confirm button      POST /confirm          confirms (single use)
 *   GET  /preferences?token=    topics, zone, pause   POST /preferences      save, pause, resume,
 *   GET  /preferences/export    JSON download                                resubscribe, delete (2 steps)
 *   GET  /unsubscribe?token=    a button, no change   POST /unsubscribe      RFC 8058 one-click (R30)
 *   GET  /archive               the dates with a digest
 *   GET  /archive/DATE          the day's house edition (every topic, the site's zone), /all: in full
 *   GET  /archive/DATE/ID       one email's own edition ("view in browser"), /all: its full list
 *   GET  /archive/DATE/<topic+topic>  (links in older emails) redirects to /archive/DATE
 */
import type { Subscriber } from '../shared/types';
import type { SubscriptionDeps } from '../subscribers/deps';
import {
  AddressSuppressedError,
  ExpiredTokenError,
  InvalidEmailError,
  InvalidTimeZoneError,
  InvalidTokenError,
  InvalidTopicsError,
  RateLimitError,
  SubscriberNotFoundError,
  SubscriptionEmailError,
} from '../subscribers/errors';
import { siteLinks } from '../subscribers/links';
import {
  deleteData,
  exportData,
  resubscribe,
  subscriberFromToken,
  unsubscribe,
  updatePreferences,
} from '../subscribers/manage';
import { checkConfirmation, confirm, subscribe } from '../subscribers/subscribe';
import { html } from './html';
import {
  ARCHIVE_CSP,
  formFields,
  MAX_BODY_BYTES,
  PAGE_CSP,
  securityHeaders,
  type WebRequest,
  type WebResponse,
} from './http';
import {
  checkInboxPage,
  confirmedPage,
  confirmPromptPage,
  deleteConfirmPage,
  deletedPage,
  layout,
  messagePage,
  preferencesPage,
  type SiteInfo,
  subscribePage,
  unsubscribedPage,
  unsubscribePromptPage,
} from './pages';
import { MemoryRateLimiter } from './rate-limit';
import { SITE_CSS } from './site-css';

/**
 * Stored archive pages (the digest's editions, digest/archive.ts): reading one reads no article
 * and renders nothing.
 */
export interface ArchiveReader {
  /** An edition's page (`edition` given), else the date's house edition's; undefined when none. */
  page(date: string, edition: string | undefined, which: 'view' | 'all'): Promise<string | undefined>;
  /** Dates with a house edition, newest first. */
  dates(limit: number): Promise<string[]>;
}

/** Dates the archive index lists. */
const ARCHIVE_INDEX_DATES = 90;

export interface WebAppDeps extends SubscriptionDeps {
  /** Serves archived digests. @default none: every archive URL answers 404 */
  archive?: ArchiveReader;
  /** Subscribe posts per client IP, per instance. @default 10 per 10 minutes */
  ipLimit?: { limit: number; windowMs: number };
}

export type WebApp = (req: WebRequest) => Promise<WebResponse>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An edition id: 16 hex digits (digest/editions.ts). */
const EDITION_ID = /^[0-9a-f]{16}$/;

const longDayFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' });
const longDay = (date: string) => longDayFormat.format(new Date(`${date}T12:00:00Z`));

export function createWebApp(deps: WebAppDeps): WebApp {
  const ipLimiter = new MemoryRateLimiter(deps.ipLimit?.limit ?? 10, deps.ipLimit?.windowMs ?? 10 * 60_000);
  const site = (): SiteInfo => ({ name: deps.config.senderName, postalAddress: deps.config.postalAddress });
  // Links inside pages are root-relative, so they work whatever host the page was reached by.
  const paths = () => siteLinks('', deps.config.tokenSecret);
  const https = () => deps.config.publicBaseUrl.startsWith('https:');

  const page = (status: number, body: string, extra: Record<string, string> = {}): WebResponse => ({
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...securityHeaders(PAGE_CSP, https()),
      ...extra,
    },
    body,
  });
  const message = (status: number, title: string, text: string, headers: Record<string, string> = {}) =>
    page(
      status,
      messagePage(site(), title, text, { href: '/subscribe', text: 'Go to the subscribe page' }),
      headers,
    );

  const tokenError = (err: unknown): WebResponse => {
    if (err instanceof InvalidTokenError)
      return message(400, 'This link does not work', capitalize(err.message));
    if (err instanceof ExpiredTokenError)
      return message(410, 'This link has expired', capitalize(err.message));
    if (err instanceof SubscriberNotFoundError)
      return message(404, 'Not on our list', capitalize(err.message));
    throw err;
  };

  async function route(req: WebRequest, method: string, segments: string[]): Promise<WebResponse> {
    const [first = '', ...rest] = segments;
    const only = (allowed: string[]) => {
      if (!allowed.includes(method)) {
        throw new HttpError(405, 'Method not allowed', `This address accepts ${allowed.join(' and ')}.`, {
          allow: allowed.join(', '),
        });
      }
    };
    const nested =
      first === 'archive' || first === 'assets' || (first === 'preferences' && rest.join('/') === 'export');
    if (rest.length > 0 && !nested) return notFound();
    switch (first) {
      case '':
      case 'subscribe':
        only(first === '' ? ['GET'] : ['GET', 'POST']);
        return method === 'GET' ? showSubscribe() : postSubscribe(req);
      case 'confirm':
        only(['GET', 'POST']);
        return method === 'GET'
          ? showConfirm(req.query.token)
          : postConfirm(formFields(req).get('token') ?? req.query.token);
      case 'preferences':
        if (rest[0] === 'export') {
          only(['GET']);
          return exportJson(req.query.token);
        }
        only(['GET', 'POST']);
        return method === 'GET' ? showPreferences(req.query.token) : postPreferences(req);
      case 'unsubscribe':
        only(['GET', 'POST']);
        return method === 'GET'
          ? showUnsubscribe(req.query.token)
          : oneClick(req.query.token ?? formFields(req).get('token') ?? undefined, req);
      case 'archive':
        only(['GET']);
        return showArchive(rest);
      case 'assets':
        only(['GET']);
        if (rest.join('/') !== 'site.css') return notFound();
        return {
          status: 200,
          headers: {
            'content-type': 'text/css; charset=utf-8',
            'cache-control': 'public, max-age=3600',
            'x-content-type-options': 'nosniff',
          },
          body: SITE_CSS,
        };
      case 'robots.txt':
        only(['GET']);
        return {
          status: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'User-agent: *\nDisallow: /\n',
        };
      default:
        return notFound();
    }
  }

  const notFound = () =>
    page(
      404,
      messagePage(site(), 'Page not found', 'There is nothing at this address.', {
        href: '/',
        text: 'Go to the home page',
      }),
    );

  function showSubscribe(form: Partial<Parameters<typeof subscribePage>[1]> = {}, status = 200): WebResponse {
    return page(status, subscribePage(site(), { timeZone: deps.config.defaultTimeZone, ...form }));
  }

  async function postSubscribe(req: WebRequest): Promise<WebResponse> {
    const form = formFields(req);
    const email = form.get('email') ?? '';
    const topics = form.getAll('topics');
    const timeZone = form.get('timeZone') ?? deps.config.defaultTimeZone;
    if ((form.get('website') ?? '') !== '') {
      // A bot filled the hidden field: answer as if it worked, so it learns nothing, and do nothing.
      deps.log.warn('subscribe honeypot filled', { ip: req.sourceIp });
      return page(200, checkInboxPage(site()));
    }
    const wait = ipLimiter.hit(req.sourceIp || 'unknown', deps.clock.now().getTime());
    if (wait > 0) {
      deps.log.warn('subscribe rate limit per IP', { ip: req.sourceIp });
      return message(
        429,
        'Too many requests',
        'Too many sign-ups from your network just now. Please try again in a few minutes.',
        {
          'retry-after': String(wait),
        },
      );
    }
    try {
      await subscribe(deps, {
        email,
        topics,
        timeZone,
        ip: req.sourceIp,
        userAgent: req.headers['user-agent'],
      });
      return page(200, checkInboxPage(site()));
    } catch (err) {
      const field =
        err instanceof InvalidEmailError
          ? 'email'
          : err instanceof InvalidTopicsError
            ? 'topics'
            : err instanceof InvalidTimeZoneError
              ? 'timeZone'
              : undefined;
      if (!field) throw err;
      return showSubscribe(
        {
          email: email.slice(0, 254),
          topics: topics.filter((t) => t.length < 40),
          timeZone: field === 'timeZone' ? deps.config.defaultTimeZone : timeZone,
          error: capitalize((err as Error).message),
          errorField: field,
        },
        400,
      );
    }
  }

  async function showConfirm(token: string | undefined): Promise<WebResponse> {
    if (!token) return message(400, 'This link does not work', 'The confirmation link is incomplete.');
    try {
      const s = await checkConfirmation(deps, token);
      return page(200, confirmPromptPage(site(), token, s.topics));
    } catch (err) {
      return tokenError(err);
    }
  }

  async function postConfirm(token: string | undefined): Promise<WebResponse> {
    if (!token) return message(400, 'This link does not work', 'The confirmation link is incomplete.');
    try {
      const s = await confirm(deps, token);
      return page(200, confirmedPage(site(), s, paths().preferences(s.id)));
    } catch (err) {
      return tokenError(err);
    }
  }

  async function showPreferences(token: string | undefined): Promise<WebResponse> {
    try {
      const s = await subscriberFromToken(deps, 'preferences', token);
      return page(
        200,
        preferencesPage(site(), { subscriber: s, token: token!, unsubscribePath: paths().unsubscribe(s.id) }),
      );
    } catch (err) {
      return tokenError(err);
    }
  }

  async function postPreferences(req: WebRequest): Promise<WebResponse> {
    const form = formFields(req);
    const token = form.get('token') ?? '';
    const action = form.get('action') ?? 'save';
    let s: Subscriber;
    try {
      s = await subscriberFromToken(deps, 'preferences', token);
    } catch (err) {
      return tokenError(err);
    }
    const view = (
      subscriber: Subscriber,
      extra: { notice?: string; error?: string; topics?: string[]; timeZone?: string } = {},
    ) =>
      preferencesPage(site(), {
        subscriber,
        token,
        unsubscribePath: paths().unsubscribe(subscriber.id),
        ...extra,
      });
    switch (action) {
      case 'save': {
        const topics = form.getAll('topics');
        const timeZone = form.get('timeZone') ?? undefined;
        try {
          const next = await updatePreferences(deps, token, { topics, timeZone });
          return page(200, view(next, { notice: 'Your preferences are saved.' }));
        } catch (err) {
          if (err instanceof InvalidTopicsError || err instanceof InvalidTimeZoneError) {
            return page(
              400,
              view(s, {
                error: capitalize(err.message),
                topics: topics.filter((t) => t.length < 40),
                timeZone: s.timeZone,
              }),
            );
          }
          throw err;
        }
      }
      case 'pause':
      case 'resume': {
        const next = await updatePreferences(deps, token, { paused: action === 'pause' });
        return page(
          200,
          view(next, { notice: action === 'pause' ? 'The digest is paused.' : 'The digest is on again.' }),
        );
      }
      case 'resubscribe': {
        const next = await resubscribe(deps, token, {
          ip: req.sourceIp,
          userAgent: req.headers['user-agent'],
        });
        return page(
          200,
          view(next, {
            notice: next.status === 'confirmed' ? 'Welcome back: you are subscribed again.' : undefined,
          }),
        );
      }
      case 'delete':
        return page(200, deleteConfirmPage(site(), s, token));
      case 'delete-confirm':
        await deleteData(deps, token);
        return page(200, deletedPage(site()));
      default:
        return message(400, 'Unknown action', 'The form sent an action this page does not know.');
    }
  }

  async function exportJson(token: string | undefined): Promise<WebResponse> {
    let data: Record<string, unknown>;
    try {
      data = await exportData(deps, token ?? '');
    } catch (err) {
      return tokenError(err);
    }
    return {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': 'attachment; filename="my-antiwar-digest-data.json"',
        'cache-control': 'no-store',
        ...securityHeaders(PAGE_CSP, https()),
      },
      body: `${JSON.stringify(data, null, 2)}\n`,
    };
  }

  async function showUnsubscribe(token: string | undefined): Promise<WebResponse> {
    try {
      const s = await subscriberFromToken(deps, 'unsubscribe', token);
      return page(200, unsubscribePromptPage(site(), s, paths().unsubscribe(s.id)));
    } catch (err) {
      if (err instanceof SubscriberNotFoundError) return page(200, unsubscribedPage(site(), undefined));
      return tokenError(err);
    }
  }

  /** RFC 8058: no cookie, no auth, no redirect; unsubscribed before the 200 goes out; repeatable. */
  async function oneClick(token: string | undefined, req: WebRequest): Promise<WebResponse> {
    try {
      // RFC 8058 lets mailbox providers post multipart or urlencoded; the marker text is the same in both.
      const how = req.body.includes('List-Unsubscribe=One-Click') ? 'one-click' : 'web page';
      const result = await unsubscribe(deps, token ?? '', how);
      const prefs = result.subscriber ? paths().preferences(result.subscriber.id) : undefined;
      return page(200, unsubscribedPage(site(), result.subscriber, prefs));
    } catch (err) {
      return tokenError(err);
    }
  }

  async function showArchive(rest: string[]): Promise<WebResponse> {
    const [date, second, third, ...more] = rest;
    const notArchived = () =>
      page(
        404,
        messagePage(site(), 'No digest here', 'There is no archived digest at this address.', {
          href: '/archive',
          text: 'See the archive',
        }),
      );
    if (!deps.archive || more.length > 0) return notArchived();
    if (date === undefined) return archiveIndex(deps.archive);
    if (!isCalendarDate(date)) return notArchived();
    let edition: string | undefined;
    let which: 'view' | 'all' = 'view';
    if (second === undefined) which = 'view';
    else if (second === 'all' && third === undefined) which = 'all';
    else if (second !== undefined && EDITION_ID.test(second) && (third === undefined || third === 'all')) {
      edition = second;
      if (third === 'all') which = 'all';
    } else if (second !== undefined && third === undefined) {
      // A topic selection from an email sent before editions: the day's page is the nearest thing.
      return {
        status: 301,
        headers: { location: `/archive/${date}`, 'cache-control': 'public, max-age=86400' },
        body: '',
      };
    } else return notArchived();
    const html = await deps.archive.page(date, edition, which);
    if (html === undefined) return notArchived();
    return {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        // An edition never changes; the day's house edition is named once, a little later at most.
        'cache-control': edition ? 'public, max-age=604800, immutable' : 'public, max-age=3600',
        ...securityHeaders(ARCHIVE_CSP, https()),
      },
      body: html,
    };
  }

  async function archiveIndex(archive: ArchiveReader): Promise<WebResponse> {
    const dates = await archive.dates(ARCHIVE_INDEX_DATES);
    const body = layout(
      site(),
      'Archive',
      html`<h1>Archive</h1>${
        dates.length
          ? html`<p>Each day's digest of every topic, as a reader in ${deps.config.defaultTimeZone.replace(/_/g, ' ')} got it.</p>
<ul class="archive">${dates.map((d) => html`<li><a href="/archive/${d}">${longDay(d)}</a></li>`)}</ul>`
          : html`<p>No digest has gone out yet.</p>`
      }`,
    );
    return page(200, body, { 'cache-control': 'public, max-age=300' });
  }

  return async (req: WebRequest): Promise<WebResponse> => {
    const method = req.method.toUpperCase() === 'HEAD' ? 'GET' : req.method.toUpperCase();
    const head = req.method.toUpperCase() === 'HEAD';
    let res: WebResponse;
    try {
      const declared = Number(req.headers['content-length'] ?? '0');
      if (declared > MAX_BODY_BYTES || Buffer.byteLength(req.body) > MAX_BODY_BYTES) {
        res = message(413, 'Request too large', `Forms here send at most ${MAX_BODY_BYTES / 1024} KB.`, {
          connection: 'close',
        });
      } else {
        const segments = decodeSegments(req.path);
        res = segments
          ? await route(req, method, segments)
          : message(400, 'Bad address', 'The address of this page is malformed.');
      }
    } catch (err) {
      res = failure(err);
    }
    return head ? { ...res, body: '' } : res;
  };

  function failure(err: unknown): WebResponse {
    if (err instanceof HttpError) return message(err.status, err.title, err.message, err.headers);
    if (err instanceof RateLimitError) {
      return message(429, 'Please wait a little', capitalize(err.message), {
        'retry-after': String(err.retryAfterSeconds),
      });
    }
    if (err instanceof AddressSuppressedError)
      return message(409, 'Address blocked', capitalize(err.message));
    if (err instanceof SubscriptionEmailError) {
      return message(
        503,
        'Email could not be sent',
        'We could not send the email just now. Please try again in a few minutes.',
        {
          'retry-after': '120',
        },
      );
    }
    deps.log.error('web request failed', { error: (err as Error)?.message, name: (err as Error)?.name });
    return message(
      500,
      'Something went wrong',
      'Something went wrong on our side. Nothing was changed; please try again later.',
    );
  }
}

function decodeSegments(path: string): string[] | undefined {
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

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
