/**
 * The subscription site and the digest archive as one function from request to response, shared by
 * the Lambda handler (handlers/api.ts) and the local server (bin/local/web-server.ts).
 * Routes:
 *   GET  /, /subscribe          the form              POST /subscribe        double opt-in (R31)
 *   GET  /confirm?token=        a confirm button      POST /confirm          confirms (single use)
 *   GET  /preferences?token=    topics, zone, hour,   POST /preferences      save, pause, resume,
 *                               pause...                                     resubscribe, sign out every
 *                                                                            link, delete (2 steps)
 *   GET  /preferences           "email me a link"     POST /preferences/link a fresh link, by email only
 *   GET  /preferences/export    JSON download
 *   GET  /unsubscribe?token=    a button, no change   POST /unsubscribe      RFC 8058 one-click (R30)
 *   GET  /archive               the dates with a digest
 *   GET  /archive/DATE          the day's house edition (every topic, the site's zone), /all: in full
 *   GET  /archive/DATE/ID       one email's own edition ("view in browser"), /all: its full list
 *   GET  /archive/DATE/<topic+topic>  (links in older emails) redirects to /archive/DATE
 *   GET  /feeds/..., /actors/...  the Atom feeds and actor pages (web/reading.ts), when `reading` is given
 * Every form post but the one-click unsubscribe must come from our own pages (Sec-Fetch-Site, Origin).
 */

import { TOPICS } from '../analysis/topics';
import { localDate, nextEditionAt, weekdayOf } from '../shared/delivery-time';
import { readingPaths } from '../shared/reading-paths';
import { DEFAULT_DELIVERY_HOUR, type Subscriber } from '../shared/types';
import { type RequestCounter, SubscriberConflictError } from '../store/ports';
import { parseDeliveryHour, parseTimeZone } from '../subscribers/choices';
import type { SubscriptionDeps } from '../subscribers/deps';
import {
  AddressSuppressedError,
  ExpiredLinkError,
  ExpiredTokenError,
  InvalidActorsError,
  InvalidCadenceError,
  InvalidDeliveryHourError,
  InvalidEmailError,
  InvalidTimeZoneError,
  InvalidTokenError,
  InvalidTopicsError,
  SubscriberNotFoundError,
  SubscriptionEmailError,
} from '../subscribers/errors';
import { siteLinks } from '../subscribers/links';
import {
  deleteData,
  exportData,
  followActor,
  requestPreferencesLink,
  resubscribe,
  signOutEveryLink,
  subscriberFromToken,
  unfollowActor,
  unsubscribe,
  updatePreferences,
} from '../subscribers/manage';
import { checkConfirmation, confirm, subscribe } from '../subscribers/subscribe';
import type { TokenPurpose } from '../subscribers/tokens';
import { clientNetwork } from './client-network';
import { html } from './html';
import {
  ARCHIVE_CSP,
  decodeSegments,
  formFields,
  MAX_BODY_BYTES,
  PAGE_CSP,
  securityHeaders,
  type WebRequest,
  type WebResponse,
} from './http';
import {
  alreadySubscribedPage,
  checkInboxPage,
  confirmedPage,
  confirmPromptPage,
  deleteConfirmPage,
  deletedPage,
  expiredLinkPage,
  type FollowLookup,
  layout,
  linkRequestPage,
  linkSentPage,
  messagePage,
  preferencesPage,
  type SiteInfo,
  type SubscribeForm,
  signedOutPage,
  subscribePage,
  unsubscribedPage,
  unsubscribePromptPage,
} from './pages';
import type { ReadingRoutesFactory } from './reading';
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
  /**
   * Serves the Atom feeds and the actor pages here (`readingRoutesOf(publisher)`); in Lambda they
   * have a function of their own. @default none: their URLs answer 404
   */
  reading?: ReadingRoutesFactory;
  /**
   * The feeds and actor pages exist on this site, served here or by a function of their own: the
   * archive index names them. @default whether `reading` is given
   */
  readingPages?: boolean;
  /** Request counters in the table, so limits hold across every instance. */
  limits: RequestCounter;
  /**
   * Form posts that can send mail (subscribe, "email me a link") per client network (an IPv4
   * address, an IPv6 /64), across every instance. @default 10 per 10 minutes
   */
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

/**
 * Resolving and naming actors (the gazetteer): imported when first needed, so a cold start of the
 * pages that never follow anyone does not evaluate it.
 */
const actorLookup = () => import('../analysis/find-actors');

export function createWebApp(deps: WebAppDeps): WebApp {
  const site = (): SiteInfo => ({ name: deps.config.senderName, postalAddress: deps.config.postalAddress });
  // Links inside pages are root-relative, so they work whatever host the page was reached by.
  const paths = () => siteLinks('', deps.config.tokenSecret, deps.clock);
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

  const tokenError = (err: unknown, link?: { token: string; purpose: TokenPurpose }): WebResponse => {
    if (err instanceof ExpiredLinkError && link) {
      return page(410, expiredLinkPage(site(), capitalize(err.message), link.token, link.purpose));
    }
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
      first === 'archive' ||
      first === 'assets' ||
      first === 'feeds' ||
      first === 'actors' ||
      (first === 'preferences' && (rest.join('/') === 'export' || rest.join('/') === 'link'));
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
        if (rest[0] === 'link') {
          only(['POST']);
          return postLinkRequest(req);
        }
        only(['GET', 'POST']);
        if (method === 'POST') return postPreferences(req);
        return req.query.token === undefined
          ? page(200, linkRequestPage(site()))
          : showPreferences(req.query.token);
      case 'unsubscribe':
        only(['GET', 'POST']);
        return method === 'GET'
          ? showUnsubscribe(req.query.token)
          : oneClick(req.query.token ?? formFields(req).get('token') ?? undefined, req);
      case 'archive':
        only(['GET']);
        return showArchive(rest);
      case 'feeds':
      case 'actors':
        only(['GET']);
        return reading ? reading(req, first, rest) : notFound();
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

  /** Today's day of the week in the site's zone: the weekly edition's day until the reader picks one. */
  const today = () => weekdayOf(localDate(deps.clock.now(), deps.config.defaultTimeZone));

  async function showSubscribe(form: Partial<SubscribeForm> = {}, status = 200): Promise<WebResponse> {
    const now = deps.clock.now();
    const sample = await latestEdition();
    return page(
      status,
      subscribePage(
        site(),
        { timeZone: deps.config.defaultTimeZone, sampleHref: sample, defaultWeekday: today(), ...form },
        now,
      ),
    );
  }

  /** The newest archived edition, so a visitor can read a real digest before signing up. */
  async function latestEdition(): Promise<string | undefined> {
    if (!deps.archive) return undefined;
    try {
      const [date] = await deps.archive.dates(1);
      return date ? `/archive/${date}` : undefined;
    } catch (err) {
      // The form matters more than the sample: without the listing, the page links nowhere.
      deps.log.warn('archive dates unavailable', { error: (err as Error).message });
      return undefined;
    }
  }

  /** Counts a mail-sending post of the client's network; a 429 page when its window is full. */
  async function overNetworkLimit(req: WebRequest, what: string): Promise<WebResponse | undefined> {
    const network = clientNetwork(req.sourceIp);
    const limit = deps.ipLimit ?? { limit: 10, windowMs: 10 * 60_000 };
    const wait = await deps.limits.hit(
      `${what}#net#${network}`,
      limit.limit,
      limit.windowMs,
      deps.clock.now().getTime(),
    );
    if (wait === 0) return undefined;
    deps.log.warn('rate limit per client network', { network, what });
    return message(
      429,
      'Too many requests',
      'Too many requests from your network just now. Please try again in a few minutes.',
      { 'retry-after': String(wait) },
    );
  }

  async function postSubscribe(req: WebRequest): Promise<WebResponse> {
    const form = formFields(req);
    const email = form.get('email') ?? '';
    const chosen = form.getAll('topics');
    // No topic ticked under "Choose topics" means every topic, the default.
    const topics = chosen.length > 0 ? chosen : undefined;
    const timeZone = form.get('timeZone') ?? deps.config.defaultTimeZone;
    const hour = form.get('deliveryHour') ?? undefined;
    const cadence = form.get('cadence') ?? undefined;
    const weekday = form.get('weekday') ?? undefined;
    if ((form.get('website') ?? '') !== '') {
      // A bot filled the hidden field: answer as if it worked, so it learns nothing, and do nothing.
      deps.log.warn('subscribe honeypot filled', { network: clientNetwork(req.sourceIp) });
      return page(200, checkInboxPage(site(), email.trim().slice(0, 254)));
    }
    const limited = await overNetworkLimit(req, 'subscribe');
    if (limited) return limited;
    try {
      const result = await subscribe(deps, {
        email,
        topics,
        timeZone,
        deliveryHour: hour,
        cadence,
        weekday,
        ip: req.sourceIp,
        userAgent: req.headers['user-agent'],
      });
      // Every outcome gets this page, so it tells nobody whether the address was on the list.
      const zone = currentZone(timeZone);
      const weeklyOn = cadence === 'weekly' ? Number(weekday) : undefined;
      const first = zone
        ? { at: nextEditionAt(zone, parsedHour(hour), deps.clock.now(), weeklyOn), timeZone: zone }
        : undefined;
      return page(200, checkInboxPage(site(), result.email, first));
    } catch (err) {
      const field =
        err instanceof InvalidEmailError
          ? 'email'
          : err instanceof InvalidTopicsError
            ? 'topics'
            : err instanceof InvalidTimeZoneError
              ? 'timeZone'
              : err instanceof InvalidDeliveryHourError
                ? 'deliveryHour'
                : err instanceof InvalidCadenceError
                  ? 'cadence'
                  : undefined;
      if (!field) throw err;
      return showSubscribe(
        {
          email: email.slice(0, 254),
          topics: chosen.filter((t) => t.length < 40),
          timeZone: field === 'timeZone' ? deps.config.defaultTimeZone : timeZone,
          deliveryHour: field === 'deliveryHour' ? undefined : parsedHour(hour),
          weeklyOn: cadence === 'weekly' && /^[1-7]$/.test(weekday ?? '') ? Number(weekday) : undefined,
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
      const { subscriber: s, already } = await checkConfirmation(deps, token);
      if (already) return page(200, alreadySubscribedPage(site(), paths().preferences(s)));
      return page(200, confirmPromptPage(site(), token, s.topics, s.weeklyOn));
    } catch (err) {
      return tokenError(err);
    }
  }

  async function postConfirm(token: string | undefined): Promise<WebResponse> {
    if (!token) return message(400, 'This link does not work', 'The confirmation link is incomplete.');
    try {
      const { subscriber: s, already } = await confirm(deps, token);
      if (already) return page(200, alreadySubscribedPage(site(), paths().preferences(s)));
      return page(200, confirmedPage(site(), s, paths().preferences(s), nextDigest(s)!));
    } catch (err) {
      return tokenError(err);
    }
  }

  /** When a confirmed, unpaused subscriber's next digest goes out. */
  function nextDigest(s: Subscriber): Date | undefined {
    if (s.status !== 'confirmed' || s.paused) return undefined;
    const zone = currentZone(s.timeZone);
    return zone
      ? nextEditionAt(zone, s.deliveryHour ?? DEFAULT_DELIVERY_HOUR, deps.clock.now(), s.weeklyOn)
      : undefined;
  }

  async function preferencesView(
    subscriber: Subscriber,
    token: string,
    extra: Partial<Parameters<typeof preferencesPage>[1]> = {},
  ) {
    const followed = subscriber.actors ?? [];
    // The gazetteer is loaded only for a reader who follows someone (or looks someone up).
    const { actorById } = followed.length ? await actorLookup() : { actorById: () => undefined };
    return preferencesPage(site(), {
      subscriber,
      token,
      unsubscribePath: paths().unsubscribe(subscriber),
      nextDigest: nextDigest(subscriber),
      now: deps.clock.now(),
      defaultWeekday: today(),
      // The record keeps ids; an id the gazetteer no longer has still shows, and can be removed.
      following: followed.map((id) => actorById(id) ?? { id, name: id }),
      ...extra,
    });
  }

  async function showPreferences(token: string): Promise<WebResponse> {
    try {
      const s = await subscriberFromToken(deps, 'preferences', token);
      return page(200, await preferencesView(s, token));
    } catch (err) {
      return tokenError(err, { token, purpose: 'preferences' });
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
      return tokenError(err, { token, purpose: 'preferences' });
    }
    try {
      return await preferencesAction(req, form, token, action, s);
    } catch (err) {
      // Signed out or deleted by a concurrent request between the two reads.
      if (err instanceof ExpiredLinkError || err instanceof SubscriberNotFoundError) {
        return tokenError(err, { token, purpose: 'preferences' });
      }
      throw err;
    }
  }

  async function preferencesAction(
    req: WebRequest,
    form: URLSearchParams,
    token: string,
    action: string,
    s: Subscriber,
  ): Promise<WebResponse> {
    switch (action) {
      case 'save': {
        const topics = form.getAll('topics');
        const timeZone = form.get('timeZone') ?? undefined;
        const deliveryHour = form.get('deliveryHour') ?? undefined;
        const cadence = form.get('cadence') ?? undefined;
        const weekday = form.get('weekday') ?? undefined;
        try {
          const next = await updatePreferences(deps, token, {
            topics,
            timeZone,
            deliveryHour,
            cadence,
            weekday,
          });
          return page(200, await preferencesView(next, token, { notice: 'Your preferences are saved.' }));
        } catch (err) {
          if (
            err instanceof InvalidTopicsError ||
            err instanceof InvalidTimeZoneError ||
            err instanceof InvalidDeliveryHourError ||
            err instanceof InvalidCadenceError
          ) {
            return page(
              400,
              await preferencesView(s, token, {
                error: capitalize(err.message),
                topics: topics.filter((t) => t.length < 40),
              }),
            );
          }
          throw err;
        }
      }
      case 'follow':
        return follow(token, s, form.get('actor') ?? undefined, form.get('actorName') ?? '');
      case 'unfollow': {
        const actor = form.get('actor') ?? '';
        const next = await unfollowActor(deps, token, actor);
        const name = (await actorLookup()).actorById(actor)?.name ?? actor;
        return page(200, await preferencesView(next, token, { notice: `You no longer follow ${name}.` }));
      }
      case 'pause':
      case 'resume': {
        const next = await updatePreferences(deps, token, { paused: action === 'pause' });
        return page(
          200,
          await preferencesView(next, token, {
            notice: action === 'pause' ? 'The digest is paused.' : 'The digest is on again.',
          }),
        );
      }
      case 'resubscribe': {
        const next = await resubscribe(deps, token, {
          ip: req.sourceIp,
          userAgent: req.headers['user-agent'],
        });
        return page(
          200,
          await preferencesView(next, token, {
            notice: next.status === 'confirmed' ? 'Welcome back: you are subscribed again.' : undefined,
          }),
        );
      }
      case 'sign-out': {
        const { emailed } = await signOutEveryLink(deps, token);
        return page(200, signedOutPage(site(), emailed));
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

  /**
   * Follows an actor: a candidate's id (a button), or the words typed, resolved as `actors show`
   * resolves them. One actor found is followed; several are offered as buttons; none gets the
   * near names, if any.
   */
  async function follow(
    token: string,
    s: Subscriber,
    id: string | undefined,
    query: string,
  ): Promise<WebResponse> {
    const typed = query.replace(/\s+/g, ' ').trim().slice(0, 120);
    const { actorById, followableActors, nearActors } = await actorLookup();
    let chosen = id;
    if (!chosen) {
      if (!typed) return page(400, await preferencesView(s, token, { error: 'Type a name to follow.' }));
      const found = followableActors(typed);
      if (found.length !== 1) {
        const lookup: FollowLookup = found.length
          ? { query: typed, candidates: found.slice(0, 8) }
          : { query: typed, candidates: nearActors(typed), unknown: true };
        return page(
          found.length ? 200 : 404,
          await preferencesView(s, token, {
            follow: lookup,
            ...(found.length
              ? {}
              : lookup.candidates.length
                ? {}
                : { error: `We know no one called “${typed}”.` }),
          }),
        );
      }
      chosen = found[0]!.id;
    }
    try {
      const { subscriber: next, added } = await followActor(deps, token, chosen);
      const name = actorById(chosen)?.name ?? chosen;
      return page(
        200,
        await preferencesView(next, token, {
          notice: added ? `You now follow ${name}.` : `You already follow ${name}.`,
        }),
      );
    } catch (err) {
      if (err instanceof InvalidActorsError)
        return page(400, await preferencesView(s, token, { error: capitalize(err.message) }));
      throw err;
    }
  }

  /** A fresh preferences link, mailed to the address only; the same answer whatever happened. */
  async function postLinkRequest(req: WebRequest): Promise<WebResponse> {
    const form = formFields(req);
    const token = form.get('token') ?? undefined;
    const purpose = form.get('purpose') === 'unsubscribe' ? 'unsubscribe' : 'preferences';
    const email = form.get('email') ?? '';
    const limited = await overNetworkLimit(req, 'link');
    if (limited) return limited;
    try {
      await requestPreferencesLink(deps, token !== undefined ? { token, purpose } : { email });
    } catch (err) {
      if (err instanceof InvalidEmailError) {
        return page(
          400,
          linkRequestPage(site(), { email: email.slice(0, 254), error: capitalize(err.message) }),
        );
      }
      if (err instanceof InvalidTokenError) return tokenError(err);
      throw err;
    }
    return page(200, linkSentPage(site()));
  }

  async function exportJson(token: string | undefined): Promise<WebResponse> {
    let data: Record<string, unknown>;
    try {
      data = await exportData(deps, token ?? '');
    } catch (err) {
      return tokenError(err, token ? { token, purpose: 'preferences' } : undefined);
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

  /** The button page of the one-click link: it shows no address and links to nothing but itself. */
  async function showUnsubscribe(token: string | undefined): Promise<WebResponse> {
    try {
      const s = await subscriberFromToken(deps, 'unsubscribe', token);
      const active = s.status === 'confirmed' || s.status === 'pending';
      return page(
        200,
        unsubscribePromptPage(site(), active, `/unsubscribe?token=${encodeURIComponent(token!)}`),
      );
    } catch (err) {
      if (err instanceof SubscriberNotFoundError) return page(200, unsubscribedPage(site(), undefined));
      return tokenError(err, token ? { token, purpose: 'unsubscribe' } : undefined);
    }
  }

  /**
   * RFC 8058: no cookie, no auth, no redirect; unsubscribed before the 200 goes out; repeatable.
   * The answer carries neither the address nor a preferences link: this token can only unsubscribe.
   */
  async function oneClick(token: string | undefined, req: WebRequest): Promise<WebResponse> {
    try {
      // RFC 8058 lets mailbox providers post multipart or urlencoded; the marker text is the same in both.
      const how = req.body.includes('List-Unsubscribe=One-Click') ? 'one-click' : 'web page';
      const result = await unsubscribe(deps, token ?? '', how);
      return page(200, unsubscribedPage(site(), result.subscriber ? token : undefined));
    } catch (err) {
      return tokenError(err, token ? { token, purpose: 'unsubscribe' } : undefined);
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

  const reading = deps.reading?.(site, https);
  const readingPages = deps.readingPages ?? deps.reading !== undefined;

  async function archiveIndex(archive: ArchiveReader): Promise<WebResponse> {
    const dates = await archive.dates(ARCHIVE_INDEX_DATES);
    const zone = deps.config.defaultTimeZone.replace(/_/g, ' ');
    const body = layout(
      site(),
      'Archive',
      html`<h1>Archive</h1>${
        dates.length
          ? html`<p>Each day's digest of every topic, as a reader in ${zone} got it at 6:00 AM.</p>
<ul class="archive">${dates.map((d) => html`<li><a href="/archive/${d}">${longDay(d)}</a></li>`)}</ul>`
          : html`<p>The archive keeps each day's digest of every topic, as a reader in ${zone} gets it at 6:00 AM. None is here yet.</p>`
      }${
        readingPages
          ? html`<h2>Feeds</h2>
<p>Follow the <a href="${readingPaths.digestFeed()}" type="application/atom+xml">daily edition</a> in a feed reader, or one topic: ${TOPICS.map(
              (t, i) =>
                html`${i ? ', ' : ''}<a href="${readingPaths.topicFeed(t.id)}" type="application/atom+xml">${t.label}</a>`,
            )}. Every actor's page has a feed of its own (<a href="/actors">find an actor</a>).</p>`
          : ''
      }`,
      readingPages
        ? html`<link rel="alternate" type="application/atom+xml" title="${site().name}: the daily edition" href="${readingPaths.digestFeed()}">`
        : undefined,
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
        res = !segments
          ? message(400, 'Bad address', 'The address of this page is malformed.')
          : method === 'POST' &&
              segments[0] !== 'unsubscribe' &&
              !fromOurPages(req, deps.config.publicBaseUrl)
            ? message(
                403,
                'Form not accepted',
                'This form was sent from another site. Please use the form on our own pages.',
              )
            : await route(req, method, segments);
      }
    } catch (err) {
      res = failure(err);
    }
    return head ? { ...res, body: '' } : res;
  };

  function failure(err: unknown): WebResponse {
    if (err instanceof HttpError) return message(err.status, err.title, err.message, err.headers);
    if (err instanceof AddressSuppressedError)
      return message(409, 'Address blocked', capitalize(err.message));
    if (err instanceof SubscriberConflictError) {
      return message(
        503,
        'Please try again',
        'Several changes reached us at once. Please send the form again.',
        {
          'retry-after': '1',
        },
      );
    }
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

/**
 * A browser's form post from another site (CSRF) is refused: Sec-Fetch-Site, when sent, must say
 * same-origin (or none: typed or bookmarked); else an Origin, when sent, must be this host or the
 * public base URL. A request with neither header is no browser's, so it cannot ride a reader's
 * session (and the pages have no session to ride): it passes, and the other checks apply.
 */
export function fromOurPages(req: WebRequest, publicBaseUrl: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed or privacy-sensitive context) and anything malformed
  }
  const ours = [req.headers.host, safeHost(publicBaseUrl)].filter((h): h is string => Boolean(h));
  return ours.some((h) => h.toLowerCase() === host.toLowerCase());
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function currentZone(timeZone: string): string | undefined {
  try {
    return parseTimeZone(timeZone, timeZone);
  } catch {
    return undefined;
  }
}

function parsedHour(hour: string | undefined): number {
  try {
    return parseDeliveryHour(hour);
  } catch {
    return DEFAULT_DELIVERY_HOUR;
  }
}

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
