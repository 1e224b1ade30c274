/**
 * Item key formats of the single table. Access patterns (the README lists them):
 * - article by id              PK=A#<id>            SK=A
 * - articles by day            GSI1PK=D#<day>       GSI1SK=<firstSeenAt>#<id>
 * - seen-key (outlives TTL)    PK=K#<id>            SK=K
 * - article by canonical link  PK=L#<sha1(url)>     SK=L
 * - articles by topic and day  PK=T#<topic>         SK=<firstSeenAt>#<id>
 * - articles by actor and day  PK=AC#<actorId>      SK=<firstSeenAt>#<id>
 * - actors of a day            GSI1PK=AD#<day>      GSI1SK=<actorId>#<id>   (on the actor entries)
 * - a past day's actor totals  PK=ADT#<day>         SK=ADT   (counts of the entries above, once the
 *                                                   day is over: the digest baseline's cache)
 * - feed state by feed         PK=F#<url>           SK=F
 * - feeds due, by next attempt GSI1PK=FEEDS         GSI1SK=<nextAttemptAt>#<url>   (enabled feeds only)
 * - all feeds                  GSI2PK=FEEDLIST      GSI2SK=<url>
 * - subscriber by id           PK=U#<id>            SK=U
 * - subscribers by status      GSI1PK=US#<status>   GSI1SK=<createdAt>#<id>
 * - subscriber by email        PK=E#<email>         SK=E   (address lock, holds the id)
 * - send records               PK=M#<date>          SK=<subscriberId>
 * - request counters           PK=RL#<key>          SK=<window start>   (expire with the window)
 * - confirmed subscribers due  GSI2PK=UZ#<zone>     GSI2SK=<hh>#<d|wN>#<topics>#<follows>#<id>   (on
 *   by zone and delivery hour                      subscriber items: the hourly planner's index)
 * - zones in use               PK=DZ                SK=<zone>   (the planner's list of UZ# partitions)
 * - digest editions            PK=ED#<date>         SK=<editionId>   (window, story ids, pages)
 * - the day's house edition    PK=ED#<date>         SK=HOUSE   (holds its edition id)
 * - dates with an edition      PK=EDATES            SK=<date>
 */
import { createHash } from 'node:crypto';
import { TABLE } from '../shared/names';
import { DEFAULT_DELIVERY_HOUR, type Subscriber } from '../shared/types';

export const day = (iso: string) => iso.slice(0, 10);

/** What a subscriber's place in the delivery index is made of. */
export type DeliverySlotOf = Pick<
  Subscriber,
  'id' | 'timeZone' | 'deliveryHour' | 'topics' | 'actors' | 'weeklyOn'
>;

/** A followed set, short enough for any sort key (20 ids could be 800 bytes): equal sets, equal keys. */
function followKey(actors: readonly string[] | undefined): string {
  if (!actors?.length) return '-';
  return sha1([...new Set(actors)].sort().join('\n')).slice(0, 10);
}
const sortKey = (iso: string, id: string) => `${iso}#${id}`;
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/**
 * Partition-key prefixes, one per item kind. Every key below starts with one, and IAM grants reach
 * items by them (ITEM_FAMILIES, lib/access.ts), so a prefix must never be a prefix of another's
 * value pattern ("A#" vs "AC#" differ at the second character, which keeps "A#*" off "AC#...").
 */
export const PREFIX = {
  article: 'A#',
  day: 'D#',
  seen: 'K#',
  link: 'L#',
  topic: 'T#',
  actor: 'AC#',
  actorDay: 'AD#',
  /** A closed day's actor totals, kept so the digest's baseline reads one item a day, not the day. */
  actorDayTotals: 'ADT#',
  feed: 'F#',
  subscriber: 'U#',
  subscriberStatus: 'US#',
  email: 'E#',
  send: 'M#',
  /** Fixed-window request counters (per client network, per address). */
  limit: 'RL#',
  /** The hourly planner's index partitions, one per zone (GSI2, on confirmed subscriber items). */
  deliveryZone: 'UZ#',
  /** Persisted digest editions, one partition per date. */
  edition: 'ED#',
} as const;

/** Constant partition values of the feed indexes. */
export const FEEDS_DUE_PARTITION = 'FEEDS';
export const FEED_LIST_PARTITION = 'FEEDLIST';
/** Constant partitions of the delivery index's zone list and the archive's date list. */
export const DELIVERY_ZONES_PARTITION = 'DZ';
export const EDITION_DATES_PARTITION = 'EDATES';

export const keys = {
  article: (id: string) => ({ PK: `${PREFIX.article}${id}`, SK: 'A' }),
  articleByDay: (firstSeenAt: string, id: string) => ({
    GSI1PK: `${PREFIX.day}${day(firstSeenAt)}`,
    GSI1SK: sortKey(firstSeenAt, id),
  }),
  dayPartition: (d: string) => `${PREFIX.day}${d}`,
  seen: (id: string) => ({ PK: `${PREFIX.seen}${id}`, SK: 'K' }),
  link: (url: string) => ({ PK: `${PREFIX.link}${sha1(url)}`, SK: 'L' }),
  topicEntry: (topic: string, firstSeenAt: string, id: string) => ({
    PK: `${PREFIX.topic}${topic}`,
    SK: sortKey(firstSeenAt, id),
  }),
  topicPartition: (topic: string) => `${PREFIX.topic}${topic}`,
  actorEntry: (actorId: string, firstSeenAt: string, id: string) => ({
    PK: `${PREFIX.actor}${actorId}`,
    SK: sortKey(firstSeenAt, id),
    GSI1PK: `${PREFIX.actorDay}${day(firstSeenAt)}`,
    GSI1SK: `${actorId}#${id}`,
  }),
  actorPartition: (actorId: string) => `${PREFIX.actor}${actorId}`,
  actorDayPartition: (d: string) => `${PREFIX.actorDay}${d}`,
  actorDayTotals: (d: string) => ({ PK: `${PREFIX.actorDayTotals}${d}`, SK: 'ADT' }),
  feed: (url: string) => ({ PK: `${PREFIX.feed}${url}`, SK: 'F' }),
  feedDue: (nextAttemptAt: string, url: string) => ({
    GSI1PK: FEEDS_DUE_PARTITION,
    GSI1SK: `${nextAttemptAt}#${url}`,
  }),
  feedList: (url: string) => ({ GSI2PK: FEED_LIST_PARTITION, GSI2SK: url }),
  subscriber: (id: string) => ({ PK: `${PREFIX.subscriber}${id}`, SK: 'U' }),
  subscriberByStatus: (status: string, createdAt: string, id: string) => ({
    GSI1PK: `${PREFIX.subscriberStatus}${status}`,
    GSI1SK: sortKey(createdAt, id),
  }),
  statusPartition: (status: string) => `${PREFIX.subscriberStatus}${status}`,
  email: (email: string) => ({ PK: `${PREFIX.email}${email.toLowerCase()}`, SK: 'E' }),
  send: (date: string, subscriberId: string) => ({ PK: `${PREFIX.send}${date}`, SK: subscriberId }),
  sendPartition: (date: string) => `${PREFIX.send}${date}`,
  /** One request counter (key e.g. "subscribe#net#198.51.100.7") for one fixed window. */
  limit: (key: string, windowStart: string) => ({ PK: `${PREFIX.limit}${key}`, SK: windowStart }),
  /**
   * Where a confirmed subscriber sits in the planner's index: by zone, then hour (zero-padded to
   * sort), then daily (`d`) or weekly on a weekday (`w1`-`w7`), then topic selection, then the
   * followed actors (a short hash of the set, `-` for none), so one message of ids holds few
   * selections and a sender composes few editions for it. Nothing reads the parts after the hour:
   * the planner's filter on weekly readers' day reads `weeklyOn` itself.
   */
  deliverySlot: (s: DeliverySlotOf) => ({
    GSI2PK: `${PREFIX.deliveryZone}${s.timeZone}`,
    GSI2SK: [
      String(s.deliveryHour ?? DEFAULT_DELIVERY_HOUR).padStart(2, '0'),
      s.weeklyOn ? `w${s.weeklyOn}` : 'd',
      [...new Set(s.topics)].sort().join('+') || '*',
      followKey(s.actors),
      s.id,
    ].join('#'),
  }),
  deliveryZonePartition: (timeZone: string) => `${PREFIX.deliveryZone}${timeZone}`,
  deliveryZone: (timeZone: string) => ({ PK: DELIVERY_ZONES_PARTITION, SK: timeZone }),
  deliveryZonesPartition: DELIVERY_ZONES_PARTITION,
  edition: (date: string, editionId: string) => ({ PK: `${PREFIX.edition}${date}`, SK: editionId }),
  houseEdition: (date: string) => ({ PK: `${PREFIX.edition}${date}`, SK: 'HOUSE' }),
  editionDate: (date: string) => ({ PK: EDITION_DATES_PARTITION, SK: date }),
  editionDatesPartition: EDITION_DATES_PARTITION,
};

/** The item families a function can be granted, by partition key on the table and on each index. */
export interface ItemFamily {
  /** Patterns of the table's partition key (IAM StringLike: "*" matches any suffix). */
  table: readonly string[];
  /** Patterns of each index's partition key, by index name. */
  indexes?: Readonly<Record<string, readonly string[]>>;
}

const like = (prefix: string) => `${prefix}*`;

/**
 * Which partitions each capability's items live in. lib/access.ts turns these into
 * dynamodb:LeadingKeys conditions, so a function reaches only the families it is granted.
 */
export const ITEM_FAMILIES = {
  /**
   * Articles and their topic and actor entries: what a reader is shown of them (the feeds and the
   * actor pages read these alone).
   */
  articles: { table: [PREFIX.article, PREFIX.topic, PREFIX.actor].map(like) },
  /**
   * What ingest and the digest need around the articles: seen-keys and canonical links (ingest's
   * dedup), and the day and actor-day indexes on GSI1.
   */
  articleIndexes: {
    table: [PREFIX.seen, PREFIX.link].map(like),
    indexes: { [TABLE.gsi1]: [like(PREFIX.day), like(PREFIX.actorDay)] },
  },
  /** Totals of closed days' actor entries, written by the digest sender that first needs one. */
  actorDayTotals: { table: [like(PREFIX.actorDayTotals)] },
  /** Feed polling state. */
  feeds: {
    table: [like(PREFIX.feed)],
    indexes: { [TABLE.gsi1]: [FEEDS_DUE_PARTITION], [TABLE.gsi2]: [FEED_LIST_PARTITION] },
  },
  /** Subscriber records, and their listing by status. */
  subscribers: {
    table: [like(PREFIX.subscriber)],
    indexes: { [TABLE.gsi1]: [like(PREFIX.subscriberStatus)] },
  },
  /** Address locks: one per address, naming its one subscriber record. */
  addresses: { table: [like(PREFIX.email)] },
  /** The digest send ledger. */
  sends: { table: [like(PREFIX.send)] },
  /** Request counters of the public pages. */
  limits: { table: [like(PREFIX.limit)] },
  /**
   * The hourly planner's index: the zones in use (written with each confirmed subscriber) and the
   * zone partitions of GSI2 on subscriber items.
   */
  delivery: {
    table: [DELIVERY_ZONES_PARTITION],
    indexes: { [TABLE.gsi2]: [like(PREFIX.deliveryZone)] },
  },
  /** Persisted digest editions, their house pointers and the archive's date list. */
  editions: { table: [like(PREFIX.edition), EDITION_DATES_PARTITION] },
} as const satisfies Record<string, ItemFamily>;

export type ItemFamilyName = keyof typeof ITEM_FAMILIES;

/** Retention: articles and their index entries expire; seen-keys live much longer (R24). */
export const RETENTION = {
  articleDays: 180,
  seenDays: 3 * 365,
  /** Send records only guard a (date, subscriber) against a second send: a quarter is plenty. */
  sendDays: 90,
  /** Persisted editions back the archive and every email's "view in browser" link. */
  editionDays: 90,
  /** A day's actor totals outlive the longest baseline (30 days) that reads them. */
  actorDayTotalsDays: 40,
} as const;

export const epochSeconds = (iso: string, plusDays: number) =>
  Math.floor(new Date(iso).getTime() / 1000) + plusDays * 86_400;

/** Longest range one listing reads day by day; the digest's "In the news" baseline asks for 30. */
export const MAX_LIST_DAYS = 62;

/** UTC days touched by [fromIso, toIso); a longer range than MAX_LIST_DAYS is refused, not cut. */
export function daysBetween(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  const end = day(toIso);
  for (let t = new Date(`${day(fromIso)}T00:00:00Z`).getTime(); ; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (d > end || Number.isNaN(t)) break;
    if (out.length === MAX_LIST_DAYS) {
      throw new RangeError(`listing ${fromIso} to ${toIso} spans more than ${MAX_LIST_DAYS} days`);
    }
    out.push(d);
  }
  return out;
}
