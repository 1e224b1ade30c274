/** Every public URL is built here from the configured base URL of the site (R29). */
import { type Clock, systemClock } from '../shared/clock';
import { type LinkSubject, signSubscriberToken } from './tokens';

export type { LinkSubject };

export interface SiteLinks {
  home(): string;
  subscribe(): string;
  confirm(token: string): string;
  /** The RFC 8058 one-click URL named in List-Unsubscribe; a GET shows a page with a button. */
  unsubscribe(subscriber: LinkSubject): string;
  /** Pass the subscriber, so its tokenVersion is signed in ("sign out every link" revokes it). */
  preferences(subscriber: LinkSubject): string;
  /** The day's digest for one topic selection, viewable in a browser. */
  archive(date: string, topics: readonly string[]): string;
}

/** A stable key for a topic selection: sorted ids joined by "+". */
export function selectionKey(topics: readonly string[]): string {
  return [...new Set(topics)].sort().join('+');
}

/**
 * Link tokens expire, so they are dated by `clock`: pass the use case's clock (the system clock is
 * only the default for callers that have none).
 */
export function siteLinks(publicBaseUrl: string, secret: string, clock: Clock = systemClock): SiteLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const q = encodeURIComponent;
  return {
    home: () => `${base}/`,
    subscribe: () => `${base}/subscribe`,
    confirm: (token) => `${base}/confirm?token=${q(token)}`,
    unsubscribe: (s) =>
      `${base}/unsubscribe?token=${q(signSubscriberToken(secret, 'unsubscribe', s, clock.now()))}`,
    preferences: (s) =>
      `${base}/preferences?token=${q(signSubscriberToken(secret, 'preferences', s, clock.now()))}`,
    archive: (date, topics) => `${base}/archive/${date}/${q(selectionKey(topics))}`,
  };
}
