/**
 * What a subscriber does from the signed links in every digest, and the operator's list/remove.
 * Every change is a read-modify-write that names the version it read (retry.ts), so an unsubscribe,
 * a bounce or a deletion is never undone by a save that read the record before it.
 */
import { localDate, weekdayOf } from '../shared/delivery-time';
import { type ConsentRecord, MAX_FOLLOWED_ACTORS, type Subscriber } from '../shared/types';
import { parseCadence, parseDeliveryHour, parseFollowedActors, parseTimeZone, parseTopics } from './choices';
import { CONSENT_TEXT_VERSION, type SubscriberRecord, type SubscriptionDeps } from './deps';
import { normalizeEmail } from './email-address';
import { ExpiredLinkError, InvalidActorsError, InvalidTokenError, SubscriberNotFoundError } from './errors';
import { siteLinks } from './links';
import { mailAllowance } from './mail-budget';
import { freshLinkEmail } from './messages';
import { retryOnConflict, save } from './retry';
import { mailLogOf, mailPolicy, sendOrExplain } from './subscribe';
import { readSubscriberToken, type TokenPurpose } from './tokens';

// The CLI imports the operator's three commands from here.
export { addSubscriber } from './subscribe';

/**
 * The subscriber a signed link was made for (R30: HMAC, bound to one id and one purpose), if the
 * link is still good: not expired, and for preferences links not signed out since.
 */
export async function subscriberFromToken(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'config' | 'clock'>,
  purpose: TokenPurpose,
  token: string | undefined,
): Promise<SubscriberRecord> {
  const read = token ? readSubscriberToken(deps.config.tokenSecret, purpose, token) : undefined;
  if (!read) throw new InvalidTokenError();
  const s = await deps.subscribers.get(read.subscriberId);
  if (!s) throw new SubscriberNotFoundError();
  if (read.expiresAt && read.expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw new ExpiredLinkError('this link has expired: links to your preferences work for 30 days');
  }
  if (purpose === 'preferences' && read.tokenVersion !== (s.tokenVersion ?? 0)) {
    throw new ExpiredLinkError('this link no longer works: every link to these preferences was signed out');
  }
  return s;
}

export interface PreferencesChange {
  topics?: readonly string[];
  timeZone?: string;
  /** Local hour of delivery, 0-23. */
  deliveryHour?: number | string;
  /** Pause keeps the subscription but stops the digest until resumed. */
  paused?: boolean;
  /** `daily`, or `weekly` on `weekday` (1 Monday ... 7 Sunday, or its name). */
  cadence?: string;
  weekday?: number | string;
}

/**
 * Changes topics, zone, hour, daily or weekly, or pause from the preferences link; validates all
 * before writing any.
 */
export async function updatePreferences(
  deps: SubscriptionDeps,
  token: string,
  change: PreferencesChange,
): Promise<Subscriber> {
  const topics = change.topics === undefined ? undefined : parseTopics(change.topics);
  const hour = change.deliveryHour === undefined ? undefined : parseDeliveryHour(change.deliveryHour);
  // Weekly without a day chosen: today's day of the week, in the site's zone.
  const today = weekdayOf(localDate(deps.clock.now(), deps.config.defaultTimeZone));
  const weeklyOn =
    change.cadence === undefined ? undefined : { value: parseCadence(change.cadence, change.weekday, today) };
  return retryOnConflict(async () => {
    const s = await subscriberFromToken(deps, 'preferences', token);
    const timeZone = change.timeZone === undefined ? s.timeZone : parseTimeZone(change.timeZone, s.timeZone);
    // Status is not the save's to change: an unsubscribe that landed first stays.
    const next = await save(deps, {
      ...s,
      topics: topics ?? s.topics,
      timeZone,
      deliveryHour: hour ?? s.deliveryHour,
      weeklyOn: weeklyOn ? weeklyOn.value : s.weeklyOn,
      paused: change.paused ?? s.paused,
      updatedAt: deps.clock.now().toISOString(),
    });
    deps.log.info('preferences changed', {
      subscriberId: s.id,
      topics: next.topics.length,
      timeZone,
      deliveryHour: next.deliveryHour,
      weeklyOn: next.weeklyOn,
      paused: next.paused ?? false,
    });
    return next;
  });
}

/**
 * Follows an actor (a canonical id, as findActors resolved the reader's words) from the
 * preferences link: a read-modify-write of the current list, so two tabs following at once keep
 * both. Following one already followed changes nothing; a 21st is refused.
 */
export async function followActor(
  deps: SubscriptionDeps,
  token: string,
  actorId: string,
): Promise<{ subscriber: Subscriber; added: boolean }> {
  const [id] = await parseFollowedActors([actorId]);
  if (!id) throw new InvalidActorsError('no actor was chosen');
  return retryOnConflict(async () => {
    const s = await subscriberFromToken(deps, 'preferences', token);
    const current = s.actors ?? [];
    if (current.includes(id)) return { subscriber: s, added: false };
    if (current.length >= MAX_FOLLOWED_ACTORS) {
      throw new InvalidActorsError(
        `you follow ${MAX_FOLLOWED_ACTORS} already, the most one reader can: stop following one first`,
      );
    }
    const next = await save(deps, {
      ...s,
      actors: [...current, id],
      updatedAt: deps.clock.now().toISOString(),
    });
    deps.log.info('actor followed', { subscriberId: s.id, actor: id, following: current.length + 1 });
    return { subscriber: next, added: true };
  });
}

/** Stops following an actor; one not followed changes nothing. */
export async function unfollowActor(
  deps: SubscriptionDeps,
  token: string,
  actorId: string,
): Promise<Subscriber> {
  return retryOnConflict(async () => {
    const s = await subscriberFromToken(deps, 'preferences', token);
    if (!(s.actors ?? []).includes(actorId)) return s;
    const actors = (s.actors ?? []).filter((a) => a !== actorId);
    const next = await save(deps, {
      ...s,
      actors: actors.length ? actors : undefined,
      updatedAt: deps.clock.now().toISOString(),
    });
    deps.log.info('actor unfollowed', { subscriberId: s.id, actor: actorId, following: actors.length });
    return next;
  });
}

export interface UnsubscribeResult {
  /** Undefined when the subscriber's data was deleted: there is nothing left to unsubscribe. */
  subscriber?: Subscriber;
  changed: boolean;
}

/**
 * The List-Unsubscribe target (R30). Idempotent: an address already unsubscribed, bounced or
 * complained is left as it is; a deleted one is reported as such, not as an error, because mailbox
 * providers POST old links too. Outstanding confirmation links stop working.
 */
export async function unsubscribe(
  deps: SubscriptionDeps,
  token: string,
  how: 'one-click' | 'web page' | 'email' = 'one-click',
): Promise<UnsubscribeResult> {
  return retryOnConflict(async () => {
    let s: SubscriberRecord;
    try {
      s = await subscriberFromToken(deps, 'unsubscribe', token);
    } catch (err) {
      if (err instanceof SubscriberNotFoundError) return { changed: false };
      throw err;
    }
    if (s.status !== 'confirmed' && s.status !== 'pending') return { subscriber: s, changed: false };
    const now = deps.clock.now().toISOString();
    const next = await save(deps, {
      ...s,
      status: 'unsubscribed',
      statusReason: `unsubscribed (${how}) at ${now}`,
      confirmationLinks: undefined,
      confirmTokenHash: undefined,
      confirmTokenExpiresAt: undefined,
      updatedAt: now,
    });
    deps.log.info('subscriber unsubscribed', { subscriberId: s.id, how });
    return { subscriber: next, changed: true };
  });
}

/**
 * Undoes an unsubscribe from the preferences link. The link was only ever mailed to this address
 * after it was confirmed, so it proves the mailbox as a confirmation link would; a fresh consent
 * record is kept. Bounced and complained addresses cannot come back this way (R32).
 */
export async function resubscribe(
  deps: SubscriptionDeps,
  token: string,
  request: { ip?: string; userAgent?: string } = {},
): Promise<Subscriber> {
  return retryOnConflict(async () => {
    const s = await subscriberFromToken(deps, 'preferences', token);
    if (s.status !== 'unsubscribed' || !s.confirmedAt) return s;
    const now = deps.clock.now().toISOString();
    const consent: ConsentRecord = {
      at: now,
      ...(request.ip ? { ip: request.ip.slice(0, 64) } : {}),
      ...(request.userAgent ? { userAgent: request.userAgent.slice(0, 512) } : {}),
      topics: s.topics,
      textVersion: deps.config.consentTextVersion ?? CONSENT_TEXT_VERSION,
    };
    const next = await save(deps, {
      ...s,
      status: 'confirmed',
      statusReason: undefined,
      paused: false,
      consent,
      updatedAt: now,
    });
    deps.log.info('subscriber resubscribed', { subscriberId: s.id });
    return next;
  });
}

/**
 * "Sign out every link": bumps the token version, so every preferences link already sent stops
 * working (unsubscribe links keep working: R30). A fresh link goes to the address, never to the
 * page, when the mail budget allows; `emailed` says whether it went.
 */
export async function signOutEveryLink(deps: SubscriptionDeps, token: string): Promise<{ emailed: boolean }> {
  return retryOnConflict(async () => {
    const s = await subscriberFromToken(deps, 'preferences', token);
    const now = deps.clock.now();
    const allowance = mailAllowance(mailLogOf(s), now, mailPolicy(deps));
    const next = await save(deps, {
      ...s,
      tokenVersion: (s.tokenVersion ?? 0) + 1,
      ...(allowance.allowed ? { mailLog: allowance.log, confirmationsSentAt: undefined } : {}),
      updatedAt: now.toISOString(),
    });
    deps.log.info('every link signed out', { subscriberId: s.id, tokenVersion: next.tokenVersion });
    if (allowance.allowed) await mailPreferencesLink(deps, next, 'signed-out');
    return { emailed: allowance.allowed };
  });
}

export type LinkRequest =
  /** Any authentic link of the subscriber, expired or signed out (the page it led to offers this). */
  | { token: string; purpose: TokenPurpose }
  /** The address typed on the "email me a link" form. */
  | { email: string };

/**
 * Emails a fresh preferences link to the subscriber's own address, never showing it, so asking for
 * one proves nothing and reveals nothing: the answer is the same whether or not anything was sent.
 * Only confirmed subscribers (or, from one of their links, ones who unsubscribed) get one, within
 * the address's mail budget. Returns whether an email went out, for logs and tests.
 */
export async function requestPreferencesLink(deps: SubscriptionDeps, request: LinkRequest): Promise<boolean> {
  const email = 'email' in request ? normalizeEmail(request.email) : undefined;
  return retryOnConflict(async () => {
    let s: SubscriberRecord | undefined;
    if (!('token' in request)) {
      s = await deps.subscribers.getByEmail(email!);
      if (s?.status !== 'confirmed') s = undefined;
    } else {
      const read = readSubscriberToken(deps.config.tokenSecret, request.purpose, request.token);
      if (!read) throw new InvalidTokenError();
      s = await deps.subscribers.get(read.subscriberId);
      if (s && !(s.confirmedAt && (s.status === 'confirmed' || s.status === 'unsubscribed'))) s = undefined;
    }
    if (!s) return false;
    const now = deps.clock.now();
    const allowance = mailAllowance(mailLogOf(s), now, mailPolicy(deps));
    if (!allowance.allowed) {
      deps.log.info('preferences link held back', { subscriberId: s.id, reason: allowance.reason });
      return false;
    }
    const next = await save(deps, { ...s, mailLog: allowance.log, confirmationsSentAt: undefined });
    await mailPreferencesLink(deps, next, 'requested');
    return true;
  });
}

async function mailPreferencesLink(
  deps: SubscriptionDeps,
  s: Subscriber,
  why: 'requested' | 'signed-out',
): Promise<void> {
  const link = siteLinks(deps.config.publicBaseUrl, deps.config.tokenSecret, deps.clock).preferences(s);
  await sendOrExplain(deps, freshLinkEmail(deps.config, s.email, link, why), s.id);
  deps.log.info('preferences link sent', { subscriberId: s.id, why });
}

/** Everything we hold about the subscriber, as a JSON document; link hashes are internal. */
export async function exportData(deps: SubscriptionDeps, token: string): Promise<Record<string, unknown>> {
  const s = await subscriberFromToken(deps, 'preferences', token);
  const {
    confirmTokenHash: _hash,
    confirmationLinks,
    confirmationsSentAt: _old,
    mailLog: _log,
    version: _version,
    tokenVersion: _tokenVersion,
    ...data
  } = s;
  return {
    exportedAt: deps.clock.now().toISOString(),
    service: deps.config.senderName,
    subscriber: {
      ...data,
      confirmationLinksSent: (confirmationLinks ?? []).map(({ expiresAt, usedAt }) => ({
        expiresAt,
        usedAt,
      })),
      emailsSentAt: mailLogOf(s),
    },
  };
}

/**
 * Erases the record and its address lock (the store orders that so a crash is repaired), then the
 * subscriber's send records, which by then name only an id that nothing else holds.
 */
export async function deleteData(deps: SubscriptionDeps, token: string): Promise<void> {
  const s = await subscriberFromToken(deps, 'preferences', token);
  await erase(deps, s.id);
  deps.log.info('subscriber data deleted', { subscriberId: s.id });
}

export async function listSubscribers(deps: Pick<SubscriptionDeps, 'subscribers'>): Promise<Subscriber[]> {
  return deps.subscribers.list();
}

/** `subscribers remove`: erases the address. Returns false when it was not on the list. */
export async function removeSubscriber(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'sends' | 'clock' | 'log'>,
  email: string,
): Promise<boolean> {
  const s = await deps.subscribers.getByEmail(normalizeEmail(email));
  if (!s) return false;
  await erase(deps, s.id);
  deps.log.info('subscriber removed by the operator', { subscriberId: s.id });
  return true;
}

async function erase(deps: Pick<SubscriptionDeps, 'subscribers' | 'sends' | 'clock'>, id: string) {
  await deps.subscribers.delete(id);
  await deps.sends.forgetSubscriber(id, deps.clock.now().toISOString());
}
