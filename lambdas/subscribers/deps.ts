/** What the subscription use cases need; handlers, the CLI and tests each build one. */
import type { Mailer } from '../mail/ports';
import type { Clock } from '../shared/clock';
import type { Log } from '../shared/log';
import type { Subscriber } from '../shared/types';
import type { SendLedger, SubscriberStore } from '../store/ports';
import type { MailPolicy } from './mail-budget';

export interface SubscriptionConfig {
  /** Origin of the pages, e.g. https://digest.example.org (links in every email point there). */
  publicBaseUrl: string;
  /** HMAC key of the unsubscribe and preferences links. */
  tokenSecret: string;
  senderAddress: string;
  senderName: string;
  /** Printed in the footer of every email (CAN-SPAM). */
  postalAddress: string;
  /** Version of the consent wording on the subscribe page, kept in each consent record (R31). @default CONSENT_TEXT_VERSION */
  consentTextVersion?: string;
  /** IANA zone preselected on the subscribe page and given to CLI-added subscribers. */
  defaultTimeZone: string;
  /** How often the public may make us write to one address (mail-budget.ts). @default DEFAULT_MAIL_POLICY */
  mailPolicy?: Partial<MailPolicy>;
}

export interface SubscriptionDeps {
  subscribers: SubscriberStore;
  /** A deletion removes the subscriber's send records too. */
  sends: Pick<SendLedger, 'forgetSubscriber'>;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  config: SubscriptionConfig;
}

/** One confirmation link sent to the address: its hash only (R31). */
export interface ConfirmationLink {
  hash: string;
  expiresAt: string;
  /** When the subscription was confirmed (by this link or another): a reuse says "already subscribed". */
  usedAt?: string;
}

/**
 * The subscriber record as this capability writes it: the shared type plus its confirmation links
 * and the times of the emails the public made us send (mail-budget.ts). The store adapters keep
 * every attribute of the record, so the extra fields round-trip.
 */
export interface SubscriberRecord extends Subscriber {
  /** At most MAX_CONFIRMATION_LINKS, newest last; a new one leaves the older ones working. */
  confirmationLinks?: ConfirmationLink[];
  mailLog?: string[];
  /** Before mailLog: the times of confirmation emails. Read as part of the log, never written. */
  confirmationsSentAt?: string[];
}

/** Bump when the wording next to the subscribe button changes; each consent record names it. */
export const CONSENT_TEXT_VERSION = '2026-12-04';

/** The wording the consent record refers to, shown on the subscribe page. */
export const CONSENT_TEXT =
  'Send me the digest of the topics I chose, daily or weekly as I picked. I can change them or unsubscribe at any time from a link in every email.';

export const CONFIRMATION_TTL_MS = 48 * 3600_000;
/** Confirmation links that work at once for one address. */
export const MAX_CONFIRMATION_LINKS = 3;
