/** What a subscriber does from the signed links in every digest, and the operator's list/remove. */
import type { ConsentRecord, Subscriber } from '../shared/types';
import { parseTimeZone, parseTopics } from './choices';
import { CONSENT_TEXT_VERSION, type SubscriberRecord, type SubscriptionDeps } from './deps';
import { normalizeEmail } from './email-address';
import { InvalidTokenError, SubscriberNotFoundError } from './errors';
import { type TokenPurpose, verifySubscriberToken } from './tokens';

// The CLI imports the operator's three commands from here.
export { addSubscriber } from './subscribe';

/** The subscriber a signed link was made for (R30: HMAC, bound to one id and one purpose). */
export async function subscriberFromToken(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'config'>,
  purpose: TokenPurpose,
  token: string | undefined,
): Promise<SubscriberRecord> {
  const id = token ? verifySubscriberToken(deps.config.tokenSecret, purpose, token) : undefined;
  if (!id) throw new InvalidTokenError();
  const s = await deps.subscribers.get(id);
  if (!s) throw new SubscriberNotFoundError();
  return s;
}

export interface PreferencesChange {
  topics?: readonly string[];
  timeZone?: string;
  /** Pause keeps the subscription but stops the digest until resumed. */
  paused?: boolean;
}

/** Changes topics, time zone or pause from the preferences link; validates all before writing any. */
export async function updatePreferences(
  deps: SubscriptionDeps,
  token: string,
  change: PreferencesChange,
): Promise<Subscriber> {
  const s = await subscriberFromToken(deps, 'preferences', token);
  const topics = change.topics === undefined ? s.topics : parseTopics(change.topics);
  const timeZone = change.timeZone === undefined ? s.timeZone : parseTimeZone(change.timeZone, s.timeZone);
  const next: SubscriberRecord = {
    ...s,
    topics,
    timeZone,
    paused: change.paused ?? s.paused,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.subscribers.put(next);
  deps.log.info('preferences changed', {
    subscriberId: s.id,
    topics: topics.length,
    timeZone,
    paused: next.paused ?? false,
  });
  return next;
}

export interface UnsubscribeResult {
  /** Undefined when the subscriber's data was deleted: there is nothing left to unsubscribe. */
  subscriber?: Subscriber;
  changed: boolean;
}

/**
 * The List-Unsubscribe target (R30). Idempotent: an address already unsubscribed, bounced or
 * complained is left as it is; a deleted one is reported as such, not as an error, because mailbox
 * providers POST old links too. Any outstanding confirmation link stops working.
 */
export async function unsubscribe(
  deps: SubscriptionDeps,
  token: string,
  how: 'one-click' | 'web page' = 'one-click',
): Promise<UnsubscribeResult> {
  let s: SubscriberRecord;
  try {
    s = await subscriberFromToken(deps, 'unsubscribe', token);
  } catch (err) {
    if (err instanceof SubscriberNotFoundError) return { changed: false };
    throw err;
  }
  if (s.status !== 'confirmed' && s.status !== 'pending') return { subscriber: s, changed: false };
  const now = deps.clock.now().toISOString();
  const next: SubscriberRecord = {
    ...s,
    status: 'unsubscribed',
    statusReason: `unsubscribed (${how}) at ${now}`,
    confirmTokenHash: undefined,
    confirmTokenExpiresAt: undefined,
    updatedAt: now,
  };
  await deps.subscribers.put(next);
  deps.log.info('subscriber unsubscribed', { subscriberId: s.id, how });
  return { subscriber: next, changed: true };
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
  const next: SubscriberRecord = {
    ...s,
    status: 'confirmed',
    statusReason: undefined,
    paused: false,
    consent,
    updatedAt: now,
  };
  await deps.subscribers.put(next);
  deps.log.info('subscriber resubscribed', { subscriberId: s.id });
  return next;
}

/** Everything we hold about the subscriber, as a JSON document; the confirmation hash is internal. */
export async function exportData(deps: SubscriptionDeps, token: string): Promise<Record<string, unknown>> {
  const s = await subscriberFromToken(deps, 'preferences', token);
  const { confirmTokenHash: _hash, ...data } = s;
  return {
    exportedAt: deps.clock.now().toISOString(),
    service: deps.config.senderName,
    subscriber: data,
  };
}

/** Erases the record and its address lock. The digest send ledger keeps only the opaque id. */
export async function deleteData(deps: SubscriptionDeps, token: string): Promise<void> {
  const s = await subscriberFromToken(deps, 'preferences', token);
  await deps.subscribers.delete(s.id);
  deps.log.info('subscriber data deleted', { subscriberId: s.id });
}

export async function listSubscribers(deps: Pick<SubscriptionDeps, 'subscribers'>): Promise<Subscriber[]> {
  return deps.subscribers.list();
}

/** `subscribers remove`: erases the address. Returns false when it was not on the list. */
export async function removeSubscriber(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'log'>,
  email: string,
): Promise<boolean> {
  const s = await deps.subscribers.getByEmail(normalizeEmail(email));
  if (!s) return false;
  await deps.subscribers.delete(s.id);
  deps.log.info('subscriber removed by the operator', { subscriberId: s.id });
  return true;
}
