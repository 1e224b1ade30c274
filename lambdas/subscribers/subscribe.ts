/** Joining the list: the public form (double opt-in, R31), the operator's `subscribers add`, confirmation. */
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../mail/ports';
import type { ConsentRecord, Subscriber } from '../shared/types';
import { EmailTakenError } from '../store/ports';
import { parseTimeZone, parseTopics } from './choices';
import {
  CONFIRMATION_TTL_MS,
  CONSENT_TEXT_VERSION,
  DEFAULT_MAX_CONFIRMATIONS_PER_HOUR,
  type SubscriberRecord,
  type SubscriptionDeps,
} from './deps';
import { maskEmail, normalizeEmail } from './email-address';
import {
  AddressSuppressedError,
  ExpiredTokenError,
  InvalidTokenError,
  RateLimitError,
  SubscriptionEmailError,
} from './errors';
import { siteLinks } from './links';
import { alreadySubscribedEmail, confirmationEmail } from './messages';
import { newConfirmationToken, readConfirmationToken, sameHash } from './tokens';

const HOUR_MS = 3600_000;
const MAX_USER_AGENT = 512;

export interface SubscribeInput {
  email: string;
  /** Undefined means every topic; an empty list is refused. */
  topics?: readonly string[];
  timeZone?: string;
  ip?: string;
  userAgent?: string;
}

export interface SubscribeResult {
  /** What was mailed: a confirmation link, or a note that the address is already subscribed. */
  outcome: 'confirmation-sent' | 'already-subscribed';
  subscriberId: string;
}

/**
 * The public form.
 * 1. Validate address, topics and time zone (nothing is written when any is bad).
 * 2. A confirmed address gets a short "already subscribed" note with its preferences link, so the
 *    form does not reveal who is on the list; anything else gets a new single-use confirmation link
 *    (48 h), whose hash and the consent record are stored before the email goes out.
 * 3. Both emails count against a per-address hourly limit kept on the record (holds across instances).
 * Unsubscribed, bounced or complained addresses keep their status until the new link is used.
 */
export async function subscribe(deps: SubscriptionDeps, input: SubscribeInput): Promise<SubscribeResult> {
  const email = normalizeEmail(input.email);
  const topics = parseTopics(input.topics);
  const timeZone = parseTimeZone(input.timeZone, deps.config.defaultTimeZone);
  const consent = consentRecord(deps, topics, input.ip, input.userAgent);

  for (let attempt = 0; ; attempt++) {
    const existing = (await deps.subscribers.getByEmail(email)) as SubscriberRecord | undefined;
    if (existing?.status === 'confirmed') {
      await sendAlreadySubscribed(deps, existing);
      return { outcome: 'already-subscribed', subscriberId: existing.id };
    }
    try {
      const subscriber = await requestConfirmation(deps, existing, { email, topics, timeZone, consent });
      return { outcome: 'confirmation-sent', subscriberId: subscriber.id };
    } catch (err) {
      // Two forms for one new address at once: the loser retries as an update of the winner's record.
      if (err instanceof EmailTakenError && attempt === 0) continue;
      throw err;
    }
  }
}

export interface AddSubscriberInput {
  email: string;
  topics?: readonly string[];
  /** The operator vouches for the address: confirmed at once, no email. Otherwise a confirmation is sent. */
  confirmed?: boolean;
  timeZone?: string;
  consent?: Partial<ConsentRecord>;
}

/**
 * `subscribers add`. With `confirmed` the address is confirmed directly (an operator's decision, kept
 * in the consent record as text version "operator"); without, it is pending and gets a confirmation
 * link exactly as from the form. A bounced or complained address is refused (R32): remove it first.
 */
export async function addSubscriber(deps: SubscriptionDeps, input: AddSubscriberInput): Promise<Subscriber> {
  const email = normalizeEmail(input.email);
  const topics = parseTopics(input.topics);
  const timeZone = parseTimeZone(input.timeZone, deps.config.defaultTimeZone);
  const existing = (await deps.subscribers.getByEmail(email)) as SubscriberRecord | undefined;
  if (existing && (existing.status === 'bounced' || existing.status === 'complained')) {
    throw new AddressSuppressedError(email, existing.status);
  }
  const now = deps.clock.now().toISOString();
  const operatorConsent: ConsentRecord = {
    at: now,
    topics,
    textVersion: 'operator',
    userAgent: 'operator (command line)',
    ...input.consent,
  };

  if (existing?.status === 'confirmed') {
    const next: SubscriberRecord = {
      ...existing,
      topics: input.topics ? topics : existing.topics,
      timeZone: input.timeZone ? timeZone : existing.timeZone,
      updatedAt: now,
    };
    await deps.subscribers.put(next);
    return next;
  }

  if (input.confirmed) {
    const base = existing ?? newRecord(email, now);
    const next: SubscriberRecord = {
      ...base,
      status: 'confirmed',
      topics,
      timeZone,
      confirmedAt: now,
      consent: operatorConsent,
      updatedAt: now,
      confirmTokenHash: undefined,
      confirmTokenExpiresAt: undefined,
      statusReason: 'added confirmed by the operator',
    };
    if (existing) await deps.subscribers.put(next);
    else await deps.subscribers.create(next);
    deps.log.info('subscriber added confirmed', { subscriberId: next.id });
    return next;
  }

  return requestConfirmation(deps, existing, { email, topics, timeZone, consent: operatorConsent });
}

/**
 * The link from the confirmation email (R31).
 * 1. The token names the subscriber; its hash must match the one outstanding hash, within 48 h.
 * 2. The subscriber becomes confirmed and the hash is removed, so the link works once.
 */
export async function confirm(deps: SubscriptionDeps, token: string): Promise<Subscriber> {
  const s = await checkConfirmation(deps, token);
  const now = deps.clock.now();
  const next: SubscriberRecord = {
    ...s,
    status: 'confirmed',
    confirmedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    confirmTokenHash: undefined,
    confirmTokenExpiresAt: undefined,
    confirmationsSentAt: undefined,
    statusReason: undefined,
    paused: false,
  };
  await deps.subscribers.put(next);
  deps.log.info('subscriber confirmed', { subscriberId: s.id });
  return next;
}

/** The subscriber a confirmation link is for, if the link is still good; changes nothing (a GET shows it). */
export async function checkConfirmation(deps: SubscriptionDeps, token: string): Promise<SubscriberRecord> {
  const parsed = readConfirmationToken(token);
  if (!parsed) throw new InvalidTokenError();
  const s = (await deps.subscribers.get(parsed.subscriberId)) as SubscriberRecord | undefined;
  if (!s?.confirmTokenHash || !sameHash(s.confirmTokenHash, parsed.hash)) {
    throw new ExpiredTokenError('this confirmation link was already used, or a newer one was sent');
  }
  if (!s.confirmTokenExpiresAt || new Date(s.confirmTokenExpiresAt).getTime() <= deps.clock.now().getTime()) {
    throw new ExpiredTokenError('this confirmation link has expired (links work for 48 hours)');
  }
  return s;
}

function newRecord(email: string, now: string): SubscriberRecord {
  return {
    id: randomUUID(),
    email,
    status: 'pending',
    topics: [],
    timeZone: 'UTC',
    createdAt: now,
    updatedAt: now,
  };
}

function consentRecord(
  deps: SubscriptionDeps,
  topics: string[],
  ip?: string,
  userAgent?: string,
): ConsentRecord {
  return {
    at: deps.clock.now().toISOString(),
    ...(ip ? { ip: ip.slice(0, 64) } : {}),
    ...(userAgent ? { userAgent: userAgent.slice(0, MAX_USER_AGENT) } : {}),
    topics,
    textVersion: deps.config.consentTextVersion ?? CONSENT_TEXT_VERSION,
  };
}

/** Times of this address's emails in the last hour, or a RateLimitError when the hourly limit is reached. */
function recentSends(deps: SubscriptionDeps, s: SubscriberRecord | undefined): string[] {
  const now = deps.clock.now().getTime();
  const recent = (s?.confirmationsSentAt ?? []).filter((t) => now - new Date(t).getTime() < HOUR_MS).sort();
  const max = deps.config.maxConfirmationsPerHour ?? DEFAULT_MAX_CONFIRMATIONS_PER_HOUR;
  if (recent.length >= max) {
    const retryAfter = Math.ceil((new Date(recent[0]!).getTime() + HOUR_MS - now) / 1000);
    deps.log.warn('confirmation limit reached', { subscriberId: s?.id, recent: recent.length });
    throw new RateLimitError(
      'we have already sent several emails to this address in the last hour; please check your inbox and spam folder, or try again later',
      Math.max(1, retryAfter),
    );
  }
  return recent;
}

async function requestConfirmation(
  deps: SubscriptionDeps,
  existing: SubscriberRecord | undefined,
  choice: { email: string; topics: string[]; timeZone: string; consent: ConsentRecord },
): Promise<SubscriberRecord> {
  const recent = recentSends(deps, existing);
  const now = deps.clock.now();
  const base = existing ?? newRecord(choice.email, now.toISOString());
  const { token, hash } = newConfirmationToken(base.id);
  const next: SubscriberRecord = {
    ...base,
    topics: choice.topics,
    timeZone: choice.timeZone,
    consent: choice.consent,
    confirmTokenHash: hash,
    confirmTokenExpiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
    confirmationsSentAt: [...recent, now.toISOString()],
    updatedAt: now.toISOString(),
  };
  // Stored before sending: a link that arrives must already work.
  if (existing) await deps.subscribers.put(next);
  else await deps.subscribers.create(next);
  const link = siteLinks(deps.config.publicBaseUrl, deps.config.tokenSecret).confirm(token);
  await sendOrExplain(deps, confirmationEmail(deps.config, next.email, link, next.topics), next.id);
  deps.log.info('confirmation sent', {
    subscriberId: next.id,
    status: next.status,
    to: maskEmail(next.email),
  });
  return next;
}

async function sendAlreadySubscribed(deps: SubscriptionDeps, s: SubscriberRecord): Promise<void> {
  const recent = recentSends(deps, s);
  const now = deps.clock.now().toISOString();
  const next: SubscriberRecord = { ...s, confirmationsSentAt: [...recent, now] };
  await deps.subscribers.put(next);
  const link = siteLinks(deps.config.publicBaseUrl, deps.config.tokenSecret).preferences(s.id);
  await sendOrExplain(deps, alreadySubscribedEmail(deps.config, s.email, link), s.id);
  deps.log.info('already-subscribed note sent', { subscriberId: s.id });
}

async function sendOrExplain(
  deps: SubscriptionDeps,
  message: OutgoingMessage,
  subscriberId: string,
): Promise<void> {
  try {
    await deps.mailer.send(message);
  } catch (err) {
    deps.log.error('subscription email failed', { subscriberId, error: (err as Error).message });
    throw new SubscriptionEmailError('the email could not be sent just now', { cause: err });
  }
}
