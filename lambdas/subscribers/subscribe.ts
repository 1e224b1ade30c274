/** Joining the list: the public form (double opt-in, R31), the operator's `subscribers add`, confirmation. */
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../mail/ports';
import type { ConsentRecord, Subscriber } from '../shared/types';
import { parseCadence, parseDeliveryHour, parseFollowedActors, parseTimeZone, parseTopics } from './choices';
import {
  CONFIRMATION_TTL_MS,
  CONSENT_TEXT_VERSION,
  type ConfirmationLink,
  MAX_CONFIRMATION_LINKS,
  type SubscriberRecord,
  type SubscriptionDeps,
} from './deps';
import { maskEmail, normalizeEmail } from './email-address';
import {
  AddressSuppressedError,
  ExpiredTokenError,
  InvalidTokenError,
  SubscriptionEmailError,
} from './errors';
import { siteLinks } from './links';
import { DEFAULT_MAIL_POLICY, type MailPolicy, mailAllowance, recordSend } from './mail-budget';
import { alreadySubscribedEmail, confirmationEmail } from './messages';
import { retryOnConflict, save } from './retry';
import { newConfirmationToken, readConfirmationToken, sameHash } from './tokens';

const MAX_USER_AGENT = 512;

export interface SubscribeInput {
  email: string;
  /** Undefined means every topic; an empty list is refused. */
  topics?: readonly string[];
  timeZone?: string;
  /** Local hour of delivery, 0-23. @default DEFAULT_DELIVERY_HOUR */
  deliveryHour?: number | string;
  /** `daily` (the default) or `weekly` on `weekday` (1 Monday ... 7 Sunday, or its name). */
  cadence?: string;
  weekday?: number | string;
  ip?: string;
  userAgent?: string;
}

export interface SubscribeResult {
  /**
   * What was mailed: a confirmation link, a note that the address is already subscribed, or nothing
   * because the address had an email from us moments ago (its links still work). The form shows
   * the same page for all three, so it reveals nobody's subscription.
   */
  outcome: 'confirmation-sent' | 'already-subscribed' | 'recently-sent';
  /** The normalised address, as the page repeats it. */
  email: string;
  /** The record the address has (for logs and tests; the page does not show it). */
  subscriberId: string;
}

/**
 * The public form.
 * 1. Validate address, topics, zone and hour (nothing is written when any is bad).
 * 2. Ask the address's mail budget (mail-budget.ts): inside a cool-down or over a limit nothing is
 *    written and nothing sent; the links already sent keep working.
 * 3. A confirmed address gets a short "already subscribed" note with a preferences link; any other
 *    gets a new confirmation link (48 h) next to the ones still outstanding. The record (hash,
 *    choices, consent, mail log) is written, conditionally, before the email goes out.
 * Unsubscribed, bounced or complained addresses keep their status until a link is used.
 */
export async function subscribe(deps: SubscriptionDeps, input: SubscribeInput): Promise<SubscribeResult> {
  const email = normalizeEmail(input.email);
  const choice = {
    email,
    topics: parseTopics(input.topics),
    timeZone: parseTimeZone(input.timeZone, deps.config.defaultTimeZone),
    deliveryHour: parseDeliveryHour(input.deliveryHour),
    weeklyOn: parseCadence(input.cadence, input.weekday),
  };
  const consent = consentRecord(deps, choice.topics, input.ip, input.userAgent);
  const policy = mailPolicy(deps);

  return retryOnConflict(async () => {
    const now = deps.clock.now();
    const existing = (await deps.subscribers.getByEmail(email)) as SubscriberRecord | undefined;
    const allowance = mailAllowance(mailLogOf(existing), now, policy);
    if (!allowance.allowed) {
      deps.log.info('subscription email held back', { subscriberId: existing?.id, reason: allowance.reason });
      // Held back only after an earlier email, so the address has a record.
      return { outcome: 'recently-sent', email, subscriberId: existing?.id ?? '' };
    }
    if (existing?.status === 'confirmed') {
      const stored = await save(deps, { ...existing, mailLog: allowance.log });
      await sendAlreadySubscribed(deps, stored);
      return { outcome: 'already-subscribed', email, subscriberId: stored.id };
    }
    const stored = await requestConfirmation(deps, existing, { ...choice, consent }, allowance.log);
    return { outcome: 'confirmation-sent', email, subscriberId: stored.id };
  });
}

export interface AddSubscriberInput {
  email: string;
  topics?: readonly string[];
  /** The operator vouches for the address: confirmed at once, no email. Otherwise a confirmation is sent. */
  confirmed?: boolean;
  timeZone?: string;
  /** Local hour of delivery, 0-23. @default DEFAULT_DELIVERY_HOUR (kept when re-adding) */
  deliveryHour?: number | string;
  /** Actor ids to follow (findActors resolves names); absent keeps the current ones. */
  actors?: readonly string[];
  /** The weekly edition on this ISO weekday, or `null` for the daily digest; absent keeps the current one. */
  weeklyOn?: number | null;
  consent?: Partial<ConsentRecord>;
}

/**
 * `subscribers add`. With `confirmed` the address is confirmed directly (an operator's decision, kept
 * in the consent record as text version "operator"); without, it is pending and gets a confirmation
 * link exactly as from the form, whatever the mail budget says (the operator is not limited). A
 * confirmed address gets the given choices. A bounced or complained address is refused (R32).
 */
export async function addSubscriber(deps: SubscriptionDeps, input: AddSubscriberInput): Promise<Subscriber> {
  const email = normalizeEmail(input.email);
  const topics = parseTopics(input.topics);
  const timeZone = parseTimeZone(input.timeZone, deps.config.defaultTimeZone);
  const hour = input.deliveryHour === undefined ? undefined : parseDeliveryHour(input.deliveryHour);
  const actors = input.actors === undefined ? undefined : await parseFollowedActors(input.actors);
  const weekly =
    input.weeklyOn === undefined
      ? undefined
      : { value: input.weeklyOn === null ? undefined : parseCadence('weekly', input.weeklyOn) };
  const followed = (existing?: Subscriber) => {
    const list = actors ?? existing?.actors ?? [];
    return list.length ? [...list] : undefined;
  };

  return retryOnConflict(async () => {
    const existing = (await deps.subscribers.getByEmail(email)) as SubscriberRecord | undefined;
    if (existing && (existing.status === 'bounced' || existing.status === 'complained')) {
      throw new AddressSuppressedError(email, existing.status);
    }
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const operatorConsent: ConsentRecord = {
      at: nowIso,
      topics,
      textVersion: 'operator',
      userAgent: 'operator (command line)',
      ...input.consent,
    };

    if (existing?.status === 'confirmed') {
      return save(deps, {
        ...existing,
        topics: input.topics ? topics : existing.topics,
        timeZone: input.timeZone ? timeZone : existing.timeZone,
        deliveryHour: hour ?? existing.deliveryHour,
        actors: followed(existing),
        weeklyOn: weekly ? weekly.value : existing.weeklyOn,
        updatedAt: nowIso,
      });
    }

    if (input.confirmed) {
      const next: SubscriberRecord = {
        ...(existing ?? newRecord(email, nowIso)),
        status: 'confirmed',
        topics,
        timeZone,
        deliveryHour: hour ?? existing?.deliveryHour,
        actors: followed(existing),
        weeklyOn: weekly ? weekly.value : existing?.weeklyOn,
        confirmedAt: nowIso,
        consent: operatorConsent,
        updatedAt: nowIso,
        confirmationLinks: undefined,
        confirmTokenHash: undefined,
        confirmTokenExpiresAt: undefined,
        statusReason: 'added confirmed by the operator',
      };
      const stored = existing ? await save(deps, next) : await deps.subscribers.create(next);
      deps.log.info('subscriber added confirmed', { subscriberId: stored.id });
      return stored;
    }

    const choice = {
      email,
      topics,
      timeZone,
      deliveryHour: hour,
      actors: followed(existing),
      weeklyOn: weekly ? weekly.value : existing?.weeklyOn,
      consent: operatorConsent,
    };
    return requestConfirmation(deps, existing, choice, recordSend(mailLogOf(existing), now));
  });
}

export interface ConfirmResult {
  subscriber: SubscriberRecord;
  /** The link had been used already (or a sibling link had): nothing changed. */
  already: boolean;
}

/**
 * The link from the confirmation email (R31).
 * 1. The token names the subscriber; its hash must be one of the outstanding links', within 48 h.
 * 2. The subscriber becomes confirmed and every outstanding link is marked used, so each works
 *    once; a used link, until it would have expired, answers "already subscribed".
 * An unsubscribe in between removes the links: a confirmation never undoes it.
 */
export async function confirm(deps: SubscriptionDeps, token: string): Promise<ConfirmResult> {
  return retryOnConflict(async () => {
    const { subscriber: s, already } = await checkConfirmation(deps, token);
    if (already) return { subscriber: s, already };
    const now = deps.clock.now().toISOString();
    const next = await save(deps, {
      ...s,
      status: 'confirmed',
      confirmedAt: now,
      updatedAt: now,
      confirmationLinks: linksOf(s).map((l) => ({ ...l, usedAt: l.usedAt ?? now })),
      confirmTokenHash: undefined,
      confirmTokenExpiresAt: undefined,
      statusReason: undefined,
      paused: false,
    });
    deps.log.info('subscriber confirmed', { subscriberId: s.id });
    return { subscriber: next, already: false };
  });
}

/** The subscriber a confirmation link is for, if the link is still good; changes nothing (a GET shows it). */
export async function checkConfirmation(deps: SubscriptionDeps, token: string): Promise<ConfirmResult> {
  const parsed = readConfirmationToken(token);
  if (!parsed) throw new InvalidTokenError();
  const s = (await deps.subscribers.get(parsed.subscriberId)) as SubscriberRecord | undefined;
  const link = s && linksOf(s).find((l) => sameHash(l.hash, parsed.hash));
  if (!s || !link)
    throw new ExpiredTokenError('this confirmation link was already used, or is no longer valid');
  if (new Date(link.expiresAt).getTime() <= deps.clock.now().getTime()) {
    throw new ExpiredTokenError('this confirmation link has expired (links work for 48 hours)');
  }
  return { subscriber: s, already: link.usedAt !== undefined || s.status === 'confirmed' };
}

/** The outstanding and recently used links, the pre-list single hash included. */
export function linksOf(s: SubscriberRecord): ConfirmationLink[] {
  const links = [...(s.confirmationLinks ?? [])];
  if (s.confirmTokenHash && s.confirmTokenExpiresAt && !links.some((l) => l.hash === s.confirmTokenHash)) {
    links.unshift({ hash: s.confirmTokenHash, expiresAt: s.confirmTokenExpiresAt });
  }
  return links;
}

/** The times of the emails this address got from us, the pre-log field included. */
export function mailLogOf(s: SubscriberRecord | undefined): string[] {
  return [...(s?.confirmationsSentAt ?? []), ...(s?.mailLog ?? [])];
}

export function mailPolicy(deps: SubscriptionDeps): MailPolicy {
  return { ...DEFAULT_MAIL_POLICY, ...deps.config.mailPolicy };
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
    tokenVersion: 0,
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

/**
 * Stores a new confirmation link (older unexpired ones keep working, up to MAX_CONFIRMATION_LINKS)
 * with the choices and consent, creating the record if there is none, then mails the link.
 */
async function requestConfirmation(
  deps: SubscriptionDeps,
  existing: SubscriberRecord | undefined,
  choice: {
    email: string;
    topics: string[];
    timeZone: string;
    deliveryHour?: number;
    /** Absent: the record's own stay (the public form does not follow actors). */
    actors?: string[];
    /** The weekly edition's day; undefined: the daily digest. */
    weeklyOn: number | undefined;
    consent: ConsentRecord;
  },
  mailLog: string[],
): Promise<SubscriberRecord> {
  const now = deps.clock.now();
  const base = existing ?? newRecord(choice.email, now.toISOString());
  const build = (record: SubscriberRecord) => {
    const { token, hash } = newConfirmationToken(record.id);
    const live = linksOf(record).filter((l) => !l.usedAt && new Date(l.expiresAt).getTime() > now.getTime());
    const link = { hash, expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString() };
    const next: SubscriberRecord = {
      ...record,
      topics: choice.topics,
      timeZone: choice.timeZone,
      deliveryHour: choice.deliveryHour ?? record.deliveryHour,
      ...('actors' in choice ? { actors: choice.actors } : {}),
      weeklyOn: choice.weeklyOn,
      consent: choice.consent,
      confirmationLinks: [...live, link].slice(-MAX_CONFIRMATION_LINKS),
      confirmTokenHash: undefined,
      confirmTokenExpiresAt: undefined,
      confirmationsSentAt: undefined,
      mailLog,
      updatedAt: now.toISOString(),
    };
    return { next, token };
  };
  // Stored before sending: a link that arrives must already work.
  let { next, token } = build(base);
  let stored = existing ? await save(deps, next) : await deps.subscribers.create(next);
  if (stored.id !== next.id) {
    // The store adopted the id of a lock a crashed create left behind: the link must name that id.
    ({ next, token } = build({ ...stored, confirmationLinks: undefined }));
    stored = await save(deps, next);
  }
  const link = siteLinks(deps.config.publicBaseUrl, deps.config.tokenSecret, deps.clock).confirm(token);
  await sendOrExplain(
    deps,
    confirmationEmail(deps.config, stored.email, link, stored.topics, stored.weeklyOn),
    stored.id,
  );
  deps.log.info('confirmation sent', {
    subscriberId: stored.id,
    status: stored.status,
    to: maskEmail(stored.email),
  });
  return stored;
}

async function sendAlreadySubscribed(deps: SubscriptionDeps, s: Subscriber): Promise<void> {
  const link = siteLinks(deps.config.publicBaseUrl, deps.config.tokenSecret, deps.clock).preferences(s);
  await sendOrExplain(deps, alreadySubscribedEmail(deps.config, s.email, link), s.id);
  deps.log.info('already-subscribed note sent', { subscriberId: s.id });
}

export async function sendOrExplain(
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
