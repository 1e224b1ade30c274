/** What the subscription use cases need; handlers, the CLI and tests each build one. */
import type { Mailer } from '../mail/ports';
import type { Clock } from '../shared/clock';
import type { Log } from '../shared/log';
import type { Subscriber } from '../shared/types';
import type { SubscriberStore } from '../store/ports';

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
  /** Confirmation emails to one address per hour, across all instances. @default 3 */
  maxConfirmationsPerHour?: number;
}

export interface SubscriptionDeps {
  subscribers: SubscriberStore;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  config: SubscriptionConfig;
}

/**
 * The subscriber record as this capability writes it: the shared type plus the times of recent
 * confirmation emails, which bound re-sends per address across Lambda instances. The store adapters
 * keep every attribute of the record, so the extra field round-trips.
 */
export interface SubscriberRecord extends Subscriber {
  confirmationsSentAt?: string[];
}

/** Bump when the wording next to the subscribe button changes; each consent record names it. */
export const CONSENT_TEXT_VERSION = '2026-11-27';

/** The wording the consent record refers to, shown on the subscribe page. */
export const CONSENT_TEXT =
  'Send me the daily digest of the topics I chose. I can change them or unsubscribe at any time from a link in every email.';

export const CONFIRMATION_TTL_MS = 48 * 3600_000;
export const DEFAULT_MAX_CONFIRMATIONS_PER_HOUR = 3;
