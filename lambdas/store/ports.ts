/**
 * Storage ports. The DynamoDB adapters (dynamo-*.ts) and the in-memory fakes (memory.ts) both
 * implement them; use cases depend only on these interfaces.
 */
import type { Article, FeedState, SendRecord, Subscriber, SubscriberStatus } from '../shared/types';

/** What is remembered of an item after its article has expired (R24): seen-keys outlive articles. */
export interface SeenRecord {
  articleId: string;
  contentHash: string;
  firstSeenAt: string;
  storyId: string;
}

/** The story a canonical link already belongs to (R25), and when its article was first seen. */
export interface LinkRecord {
  articleId: string;
  storyId: string;
  firstSeenAt?: string;
}

/** What the store already holds of a feed's items. */
export interface KnownItems {
  /** By article id. */
  seen: Map<string, SeenRecord>;
  /** By canonical link. */
  links: Map<string, LinkRecord>;
}

export interface ArticleStore {
  /** Seen records for the given article ids, in one batched read per 100 ids. */
  getSeen(articleIds: string[]): Promise<Map<string, SeenRecord>>;
  /**
   * The seen records of `articleIds` and the link records of `urls`, read together: batched with the
   * reads of other callers, 100 keys to a request.
   */
  lookup(articleIds: string[], urls: string[]): Promise<KnownItems>;
  /**
   * Stores new articles whose seen-keys the caller read as absent, in batches shared with other
   * callers and without conditions (one writer per feed stands in for them). Order: each article
   * with its link and index entries first, its seen-key last. A crash in between leaves an article
   * without a seen-key; the next run finds it unseen, and writing it again under the first-seen
   * time its link record kept overwrites the same items.
   */
  putNewArticles(articles: Article[]): Promise<void>;
  /**
   * Stores changed articles (R23): the new index entries and the deletion of stale ones first, then
   * the article, then its seen-key with the new content hash. A crash in between leaves the old
   * content hash, so the next run sees the change again and works from the article as stored.
   */
  putUpdatedArticles(changes: { next: Article; previous: Article }[]): Promise<void>;
  /** Articles by id, batched; absent ids are missing from the map. */
  getArticles(ids: string[]): Promise<Map<string, Article>>;
  /**
   * Stores a new article with its seen-key and its actor/topic index entries, atomically and only
   * if its seen-key does not exist yet (R21). Returns false when it was already there.
   */
  createArticle(article: Article): Promise<boolean>;
  getArticle(id: string): Promise<Article | undefined>;
  /** Articles first seen in [fromIso, toIso), oldest first. */
  listFirstSeenBetween(fromIso: string, toIso: string): Promise<Article[]>;
  /** Article ids of a topic first seen in [fromIso, toIso). */
  listByTopic(topicId: string, fromIso: string, toIso: string): Promise<string[]>;
  /** Article ids mentioning an actor, first seen in [fromIso, toIso). */
  listByActor(actorId: string, fromIso: string, toIso: string): Promise<string[]>;
  /** Most-mentioned actors of a UTC day: number of articles and of mentions, most first. */
  topActors(
    day: string,
  ): Promise<{ id: string; name: string; type: string; articles: number; mentions: number }[]>;
  /**
   * Per UTC day from `fromDay` to `toDay` (YYYY-MM-DD, both included, at most 62 days), oldest
   * first: how many articles named any actor, and how many named each. Read from the actor-by-day
   * entries, so no article is read. The digest's "In the news" baseline.
   */
  actorDays(fromDay: string, toDay: string): Promise<ActorDayCount[]>;
  /**
   * The sort key of the newest entry of a topic or actor partition (`<firstSeenAt>#<articleId>`),
   * or undefined when it has none: a change marker, read by one keys-only query of one item.
   */
  latestIndexKey(partition: IndexPartition): Promise<string | undefined>;
  /**
   * Entries of a topic or actor partition, newest first: those first seen at or after `sinceIso`
   * when given, at most `limit` when given. Reads the index only, never an article.
   */
  latestIndexEntries(
    partition: IndexPartition,
    options: { limit?: number; sinceIso?: string },
  ): Promise<IndexEntry[]>;
  /**
   * What a feed or a page shows of articles: everything but the body (no html, text or
   * signature), in batched reads of 100 ids; absent ids are missing from the map.
   */
  getArticleHeads(ids: string[]): Promise<Map<string, ArticleHead>>;
}

/** A topic's or an actor's partition of the article index. */
export type IndexPartition = { topic: string } | { actor: string };

/** One article's entry in a topic or actor partition. */
export interface IndexEntry {
  articleId: string;
  firstSeenAt: string;
}

/** An article without its body: what a feed entry or an actor page needs. */
export type ArticleHead = Omit<
  Article,
  'html' | 'text' | 'signature' | 'feedUrl' | 'itemKey' | 'contentHash'
>;

/** The fields of an ArticleHead, for projections. */
export const ARTICLE_HEAD_FIELDS = [
  'id',
  'outlet',
  'url',
  'title',
  'author',
  'summary',
  'wordCount',
  'publishedAt',
  'firstSeenAt',
  'updatedAt',
  'storyId',
  'actors',
  'topics',
] as const satisfies readonly (keyof ArticleHead)[];

export interface ActorDayCount {
  day: string;
  /** Articles first seen that day that named at least one actor. */
  articles: number;
  /** Articles naming each actor, by actor id. */
  actors: Record<string, number>;
}

export interface FeedStateStore {
  get(url: string): Promise<FeedState | undefined>;
  getMany(urls: string[]): Promise<Map<string, FeedState>>;
  put(state: FeedState): Promise<void>;
  list(): Promise<FeedState[]>;
  /** Enabled feeds whose next attempt is due at `nowIso`. */
  listDue(nowIso: string): Promise<FeedState[]>;
}

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`a subscriber with address ${email} already exists`);
    this.name = 'EmailTakenError';
  }
}

/**
 * A conditional write of a subscriber lost a race: the record changed (or was deleted) since it was
 * read. The use case reads it again and re-applies its change, or reports it.
 */
export class SubscriberConflictError extends Error {
  constructor(
    readonly subscriberId: string,
    options?: { cause?: unknown },
  ) {
    super(`subscriber ${subscriberId} changed or was deleted since it was read`, options);
    this.name = 'SubscriberConflictError';
  }
}

export interface IdPage {
  ids: string[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/** Ids per page when the caller does not say. */
export const DEFAULT_ID_PAGE = 1000;

/** A cursor this listing did not hand out (corrupted, or of another status). */
export class InvalidCursorError extends Error {
  constructor(cursor: string, options?: { cause?: unknown }) {
    super(`not a cursor of this listing: ${cursor.slice(0, 80)}`, options);
    this.name = 'InvalidCursorError';
  }
}

export function checkPageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`page limit must be a positive integer: ${limit}`);
  return limit;
}

/** base64url(JSON(key)): opaque to callers, and safe in a URL or a message body. */
export const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (err) {
    throw new InvalidCursorError(cursor, { cause: err });
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError(cursor);
  return key as Record<string, unknown>;
}

/**
 * Subscriber records and their address locks. Every write is conditional: a record carries a
 * `version` that each write bumps, and a replacement names the version it was read at, so the last
 * writer never silently wins. One address has at most one record: its lock (written first) names it.
 */
export interface SubscriberStore {
  /**
   * Creates a subscriber and its address lock, lock first. Returns the stored record (version 1).
   * Throws EmailTakenError when the address already has a record. A lock left without its record
   * (a create that crashed between its two writes) is adopted: the record is stored under the id
   * the lock names, so the returned id may differ from the one given. A lock left by a deletion
   * that crashed is finished off and replaced.
   */
  create(subscriber: Subscriber): Promise<Subscriber>;
  get(id: string): Promise<Subscriber | undefined>;
  /** The record the address lock names; none while the address is being deleted. */
  getByEmail(email: string): Promise<Subscriber | undefined>;
  /**
   * Replaces the record, only if it still has the version it was read at (`subscriber.version`;
   * undefined for a record written before versions existed). Returns the stored record with its new
   * version. Throws SubscriberConflictError when the record changed or is gone: a deleted record is
   * never written back. The email cannot change.
   */
  put(subscriber: Subscriber): Promise<Subscriber>;
  /**
   * Moves lastDigestAt forward, only while the subscriber exists and is still confirmed, so an
   * unsubscribe landing during a digest run is never overwritten. Bumps the version.
   */
  recordDigest(id: string, lastDigestAt: string, nowIso: string): Promise<void>;
  listByStatus(status: SubscriberStatus): Promise<Subscriber[]>;
  /**
   * One page of the ids of the subscribers with a status, oldest first, so a caller can walk a large
   * list in bounded memory. Pass back the returned cursor for the next page; it is absent once the
   * listing is done. A page may hold fewer than `limit` ids (DynamoDB stops a page at 1 MB read),
   * even none, while a cursor is still present.
   */
  pageIdsByStatus(status: SubscriberStatus, cursor?: string, limit?: number): Promise<IdPage>;
  list(): Promise<Subscriber[]>;
  /**
   * Removes the subscriber, whatever its version (a deletion wins over any concurrent change), and
   * then its address lock. The lock is marked first, so a crash at any point leaves either the whole
   * subscriber or a marked lock that the next create of the address finishes off.
   */
  delete(id: string): Promise<void>;
  /** Reads many subscribers in batched requests (100 ids to a request); missing ids are left out. */
  getMany(ids: string[]): Promise<Map<string, Subscriber>>;
  /**
   * The zones the hourly planner looks in: every zone a confirmed subscriber has been written with
   * (a zone nobody uses any more costs one empty query an hour).
   */
  deliveryZones(): Promise<string[]>;
  /**
   * One page of the ids of confirmed subscribers whose zone is `timeZone` and whose delivery hour is
   * in [fromHour, toHour], in hour order: the planner's index, so an hour reads only who is due.
   * With `weekday` (the ISO weekday of the local date they are due on), weekly readers of another
   * day are left out: daily readers and that day's weekly ones.
   */
  pageDue(
    timeZone: string,
    fromHour: number,
    toHour: number,
    cursor?: string,
    limit?: number,
    weekday?: number,
  ): Promise<IdPage>;
  /**
   * Whether every confirmed subscriber is on the delivery index. Records written since the index
   * exists are indexed as they are written; the first call that finds no confirmed record off the
   * index (a new table, or after buildDeliveryIndex) marks it ready, and later calls read the mark.
   */
  deliveryIndexReady(): Promise<boolean>;
  /**
   * Puts the confirmed subscribers written before the index existed on it (their zone on the zone
   * list first), then marks the index ready. Idempotent; returns how many records it indexed.
   */
  buildDeliveryIndex(): Promise<number>;
}

export type ClaimResult = { claimed: true; record: SendRecord } | { claimed: false; record: SendRecord };

/** What a claim is for, kept on the record: the window it covers and the edition it links to. */
export interface SendIntent {
  windowFrom: string;
  windowTo: string;
  editionId?: string;
}

export interface SendKey {
  date: string;
  subscriberId: string;
}

/** Exactly-once ledger of digest sends (R33). */
export interface SendLedger {
  /**
   * Records the intent to send before sending. Not claimed when a record exists, unless its last
   * attempt failed (SES refused it), which may be retried. A record left in "sending" is never
   * claimed again: SES may have accepted it (R33).
   */
  claim(date: string, subscriberId: string, nowIso: string, intent?: SendIntent): Promise<ClaimResult>;
  markSent(date: string, subscriberId: string, messageId: string, nowIso: string): Promise<void>;
  /** Stores the error with any email address in it replaced, so the ledger never holds an address. */
  markFailed(date: string, subscriberId: string, error: string, nowIso: string): Promise<void>;
  get(date: string, subscriberId: string): Promise<SendRecord | undefined>;
  /** Many records in batched reads (100 keys to a request), keyed `${date}#${subscriberId}`. */
  getMany(keys: SendKey[]): Promise<Map<string, SendRecord>>;
  listForDate(date: string): Promise<SendRecord[]>;
  /** The records of a date still in "sending": claimed, with no known outcome. */
  listUncertain(date: string): Promise<SendRecord[]>;
  /**
   * Takes over an uncertain claim for an explicit resend (`digest --resend-uncertain`): only while
   * the record is still in "sending" with the claim time read, so two resends never both send.
   */
  reclaimUncertain(
    date: string,
    subscriberId: string,
    claimedAt: string,
    nowIso: string,
  ): Promise<SendRecord | undefined>;
  /**
   * Removes every send record of one subscriber, over every date the ledger may still hold at
   * `nowIso` (a deletion leaves nothing of the reader behind).
   */
  forgetSubscriber(subscriberId: string, nowIso: string): Promise<void>;
}

/** Fixed-window request counters shared by every instance (per client network on the public pages). */
export interface RequestCounter {
  /**
   * Counts one request of `key` in the window of `windowMs` that holds `nowMs`, unless `limit` were
   * already counted there. Returns 0 when counted, else the seconds until the window ends.
   */
  hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<number>;
}

export const sendKey = (date: string, subscriberId: string) => `${date}#${subscriberId}`;

/** A persisted digest edition: exactly what one composed email held, and its pages for the web. */
export interface Edition {
  date: string;
  /** Content-addressed: a hash of the pages, so two different compositions never share an id. */
  id: string;
  topics: string[];
  /** The followed actors its "You follow" section is about, when it has one. */
  actors?: string[];
  /** A weekly edition; absent on a daily one. */
  cadence?: 'weekly';
  timeZone: string;
  window: { from: string; to: string };
  subject: string;
  /** Story ids the email showed, in its order. */
  shown: string[];
  /** Story ids of the whole digest (the "more on the web" list), in its order. */
  all: string[];
  /** Stories the email counts (shown or behind "more"). */
  storyCount: number;
  createdAt: string;
}

export type EditionPage = 'view' | 'all';

export interface EditionStore {
  /**
   * Stores an edition with its two rendered pages, once: false when one with that id is already
   * there (the same content, by construction of the id).
   */
  put(edition: Edition, pages: Record<EditionPage, string>): Promise<boolean>;
  get(date: string, id: string): Promise<Edition | undefined>;
  /** One rendered page of an edition (stored compressed). */
  page(date: string, id: string, which: EditionPage): Promise<string | undefined>;
  /** Names an edition the date's house edition (`/archive/DATE`); the first one named stays. */
  setHouse(date: string, id: string): Promise<void>;
  house(date: string): Promise<string | undefined>;
  /** Dates that have a house edition, newest first. */
  listDates(limit: number): Promise<string[]>;
  /**
   * The house editions of `dates` (their manifests, no pages), in batched reads; a date without
   * one is left out. Order follows `dates`.
   */
  houseEditions(dates: string[]): Promise<Edition[]>;
}

export interface Store {
  articles: ArticleStore;
  feeds: FeedStateStore;
  subscribers: SubscriberStore;
  sends: SendLedger;
  limits: RequestCounter;
  editions: EditionStore;
}
