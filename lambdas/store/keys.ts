/**
 * Item key formats of the single table. Access patterns (the README lists them):
 * - article by id              PK=A#<id>            SK=A
 * - articles by day            GSI1PK=D#<day>       GSI1SK=<firstSeenAt>#<id>
 * - seen-key (outlives TTL)    PK=K#<id>            SK=K
 * - article by canonical link  PK=L#<sha1(url)>     SK=L
 * - articles by topic and day  PK=T#<topic>         SK=<firstSeenAt>#<id>
 * - articles by actor and day  PK=AC#<actorId>      SK=<firstSeenAt>#<id>
 * - actors of a day            GSI1PK=AD#<day>      GSI1SK=<actorId>#<id>   (on the actor entries)
 * - feed state by feed         PK=F#<url>           SK=F
 * - feeds due, by next attempt GSI1PK=FEEDS         GSI1SK=<nextAttemptAt>#<url>   (enabled feeds only)
 * - all feeds                  GSI2PK=FEEDLIST      GSI2SK=<url>
 * - subscriber by id           PK=U#<id>            SK=U
 * - subscribers by status      GSI1PK=US#<status>   GSI1SK=<createdAt>#<id>
 * - subscriber by email        PK=E#<email>         SK=E   (address lock, holds the id)
 * - send records               PK=M#<date>          SK=<subscriberId>
 * - confirmed subscribers due  GSI2PK=UZ#<zone>     GSI2SK=<hh>#<id>   (on subscriber items: the
 *   by zone and delivery hour                                          hourly planner's index)
 * - zones in use               PK=DZ                SK=<zone>   (the planner's list of UZ# partitions)
 * - digest editions            PK=ED#<date>         SK=<editionId>   (window, story ids, pages)
 * - the day's house edition    PK=ED#<date>         SK=HOUSE   (holds its edition id)
 * - dates with an edition      PK=EDATES            SK=<date>
 */
import { createHash } from 'node:crypto';

export const day = (iso: string) => iso.slice(0, 10);
const sortKey = (iso: string, id: string) => `${iso}#${id}`;
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

export const keys = {
  article: (id: string) => ({ PK: `A#${id}`, SK: 'A' }),
  articleByDay: (firstSeenAt: string, id: string) => ({
    GSI1PK: `D#${day(firstSeenAt)}`,
    GSI1SK: sortKey(firstSeenAt, id),
  }),
  dayPartition: (d: string) => `D#${d}`,
  seen: (id: string) => ({ PK: `K#${id}`, SK: 'K' }),
  link: (url: string) => ({ PK: `L#${sha1(url)}`, SK: 'L' }),
  topicEntry: (topic: string, firstSeenAt: string, id: string) => ({
    PK: `T#${topic}`,
    SK: sortKey(firstSeenAt, id),
  }),
  topicPartition: (topic: string) => `T#${topic}`,
  actorEntry: (actorId: string, firstSeenAt: string, id: string) => ({
    PK: `AC#${actorId}`,
    SK: sortKey(firstSeenAt, id),
    GSI1PK: `AD#${day(firstSeenAt)}`,
    GSI1SK: `${actorId}#${id}`,
  }),
  actorPartition: (actorId: string) => `AC#${actorId}`,
  actorDayPartition: (d: string) => `AD#${d}`,
  feed: (url: string) => ({ PK: `F#${url}`, SK: 'F' }),
  feedDue: (nextAttemptAt: string, url: string) => ({ GSI1PK: 'FEEDS', GSI1SK: `${nextAttemptAt}#${url}` }),
  feedList: (url: string) => ({ GSI2PK: 'FEEDLIST', GSI2SK: url }),
  subscriber: (id: string) => ({ PK: `U#${id}`, SK: 'U' }),
  subscriberByStatus: (status: string, createdAt: string, id: string) => ({
    GSI1PK: `US#${status}`,
    GSI1SK: sortKey(createdAt, id),
  }),
  statusPartition: (status: string) => `US#${status}`,
  email: (email: string) => ({ PK: `E#${email.toLowerCase()}`, SK: 'E' }),
  send: (date: string, subscriberId: string) => ({ PK: `M#${date}`, SK: subscriberId }),
  sendPartition: (date: string) => `M#${date}`,
  /** Where a confirmed subscriber sits in the planner's index; the hour is zero-padded to sort. */
  deliverySlot: (timeZone: string, hour: number, id: string) => ({
    GSI2PK: `UZ#${timeZone}`,
    GSI2SK: `${String(hour).padStart(2, '0')}#${id}`,
  }),
  deliveryZonePartition: (timeZone: string) => `UZ#${timeZone}`,
  deliveryZone: (timeZone: string) => ({ PK: 'DZ', SK: timeZone }),
  deliveryZonesPartition: 'DZ',
  edition: (date: string, editionId: string) => ({ PK: `ED#${date}`, SK: editionId }),
  houseEdition: (date: string) => ({ PK: `ED#${date}`, SK: 'HOUSE' }),
  editionDate: (date: string) => ({ PK: 'EDATES', SK: date }),
  editionDatesPartition: 'EDATES',
};

/** Retention: articles and their index entries expire; seen-keys live much longer (R24). */
export const RETENTION = {
  articleDays: 180,
  seenDays: 3 * 365,
  /** Send records only guard a (date, subscriber) against a second send: a quarter is plenty. */
  sendDays: 90,
  /** Persisted editions back the archive and every email's "view in browser" link. */
  editionDays: 90,
} as const;

export const epochSeconds = (iso: string, plusDays: number) =>
  Math.floor(new Date(iso).getTime() / 1000) + plusDays * 86_400;
