/** Every public URL is built here from the configured base URL of the site (R29). */
import { signSubscriberToken } from './tokens';

/** Whose link: a subscriber (its tokenVersion is signed in), or a bare id. */
export type LinkSubject = string | { id: string; tokenVersion?: number };

const idOf = (s: LinkSubject) => (typeof s === 'string' ? s : s.id);

export interface SiteLinks {
  home(): string;
  subscribe(): string;
  confirm(token: string): string;
  /** The RFC 8058 one-click URL named in List-Unsubscribe; a GET shows a page with a button. */
  unsubscribe(subscriber: LinkSubject): string;
  preferences(subscriber: LinkSubject): string;
  /** The day's digest for one topic selection, viewable in a browser. */
  archive(date: string, topics: readonly string[]): string;
}

/** A stable key for a topic selection: sorted ids joined by "+". */
export function selectionKey(topics: readonly string[]): string {
  return [...new Set(topics)].sort().join('+');
}

export function siteLinks(publicBaseUrl: string, secret: string): SiteLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const q = encodeURIComponent;
  return {
    home: () => `${base}/`,
    subscribe: () => `${base}/subscribe`,
    confirm: (token) => `${base}/confirm?token=${q(token)}`,
    unsubscribe: (s) => `${base}/unsubscribe?token=${q(signSubscriberToken(secret, 'unsubscribe', idOf(s)))}`,
    preferences: (s) => `${base}/preferences?token=${q(signSubscriberToken(secret, 'preferences', idOf(s)))}`,
    archive: (date, topics) => `${base}/archive/${date}/${q(selectionKey(topics))}`,
  };
}
