/** Domain types shared by every capability. Pure data: no AWS imports here. */

export type ActorType = 'person' | 'state' | 'organization';

/** An actor named by an article's own reporting, under its canonical name. */
export interface ActorMention {
  id: string;
  name: string;
  type: ActorType;
  mentions: number;
}

export interface TopicScore {
  id: string;
  score: number;
  /** The article's sentence that supports this topic most ("why this is under Sanctions"). */
  evidence?: string;
}

/** What the analysis stage returns for one article. */
export interface Analysis {
  actors: ActorMention[];
  /** 1-3 topics, main topic first. */
  topics: TopicScore[];
}

/** A feed as configured by the operator. */
export interface FeedConfig {
  url: string;
  /** Outlet name shown to readers, e.g. "Antiwar.com News". */
  outlet: string;
}

/** A stored article: one feed item, cleaned and analysed. */
export interface Article {
  id: string;
  feedUrl: string;
  outlet: string;
  /** Normalised guid, canonical link, or hash of title and content (R22). */
  itemKey: string;
  /** Canonical link: tracking parameters, fragment and userinfo removed. */
  url: string;
  /**
   * Registrable domain of `url` (ASCII, e.g. `bbc.co.uk`) when it is not the outlet's own (neither
   * the feed's nor its site's): the email shows it beside the outlet so a link that leaves the
   * outlet says where it goes (issue 12 item 9). Absent when the link stays on the outlet's domain.
   */
  linkDomain?: string;
  title: string;
  author?: string;
  /** Sanitised article HTML (R26-R27). */
  html: string;
  /** Plain text of the article alone: no footer, bio or comments. */
  text: string;
  /** Two meaningful sentences for the digest. */
  summary: string;
  wordCount: number;
  contentHash: string;
  publishedAt: string;
  firstSeenAt: string;
  updatedAt: string;
  /** Articles of the same story (several outlets, republications) share it (R25). */
  storyId: string;
  /** Compact similarity signature used to find the same story across outlets. */
  signature?: string;
  actors: ActorMention[];
  topics: TopicScore[];
}

export type FeedStatus = 'fetched' | 'not_modified' | 'skipped' | 'error';

export type FeedErrorKind =
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'blocked_address'
  | 'bad_scheme'
  | 'gone'
  | 'rate_limited'
  | 'http_error'
  | 'parse_error'
  | 'decode_error'
  | 'network';

/** Per-feed polling state, kept in DynamoDB (R2) and shown by `feeds list`. */
export interface FeedState {
  url: string;
  outlet: string;
  etag?: string;
  lastModified?: string;
  lastStatus?: FeedStatus;
  lastHttpStatus?: number;
  lastErrorKind?: FeedErrorKind;
  lastError?: string;
  consecutiveErrors: number;
  /** First failure of the current failing streak (R14). */
  failingSince?: string;
  lastFetchedAt?: string;
  lastSuccessAt?: string;
  /** Last GET sent without validators (R3). */
  lastUnconditionalAt?: string;
  nextAttemptAt: string;
  /** A permanent redirect target seen on consecutive runs (R11). */
  pendingRedirect?: { url: string; seen: number };
  disabled?: boolean;
  disabledReason?: string;
}

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bounced' | 'complained';

export interface ConsentRecord {
  at: string;
  ip?: string;
  userAgent?: string;
  topics: string[];
  textVersion: string;
}

export interface Subscriber {
  id: string;
  /** Normalised (trimmed, domain lower-cased) address. */
  email: string;
  status: SubscriberStatus;
  topics: string[];
  timeZone: string;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  /** Hash of the outstanding confirmation token (R31); removed once used. */
  confirmTokenHash?: string;
  confirmTokenExpiresAt?: string;
  consent?: ConsentRecord;
  /** Window end of the last digest sent. */
  lastDigestAt?: string;
  /** Local hour (0-23) in `timeZone` when the digest goes out. @default DEFAULT_DELIVERY_HOUR */
  deliveryHour?: number;
  paused?: boolean;
  statusReason?: string;
  /** Bumped by the store on every write; a conditional write names the version it read. */
  version?: number;
  /** Bumped by "sign out every link": tokens signed under an older version stop working. */
  tokenVersion?: number;
  /**
   * Canonical ids of the actors the reader follows (at most MAX_FOLLOWED_ACTORS): stories naming
   * one open their digest in "You follow", whatever their topics.
   */
  actors?: string[];
  /**
   * The weekly edition instead of the daily digest, on this ISO weekday of the reader's zone
   * (1 Monday ... 7 Sunday), at their delivery hour. Absent: the daily digest.
   */
  weeklyOn?: number;
}

/** The local hour a digest goes out when the reader has not chosen one. */
export const DEFAULT_DELIVERY_HOUR = 6;
/** Actors one reader may follow. */
export const MAX_FOLLOWED_ACTORS = 20;

export type SendStatus = 'sending' | 'sent' | 'failed';

/** One digest to one subscriber for one date (R33). */
export interface SendRecord {
  date: string;
  subscriberId: string;
  status: SendStatus;
  claimedAt: string;
  sentAt?: string;
  messageId?: string;
  error?: string;
  attempts: number;
  /** The window the claimed digest covers: the next digest starts where a sent one ended. */
  windowFrom?: string;
  windowTo?: string;
  /** The persisted edition the message links to (its "view in browser" page). */
  editionId?: string;
  /** Set by `digest --resend-uncertain`: a claim left uncertain was sent again. */
  resentAt?: string;
}
