/**
 * DynamoDB adapters of the storage ports, on one table (keys.ts). Only operations that dynalite
 * also serves are used (no transactions): writes are ordered so that a crash between two of them
 * leaves a state the next run repairs, and conditional puts give exactly-once semantics.
 */

import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { isoWeek } from '../shared/delivery-time';
import { TABLE } from '../shared/names';
import { redactAddresses } from '../shared/redact';
import type { Article, FeedState, SendRecord, Subscriber, SubscriberStatus } from '../shared/types';
import { Batcher } from './batcher';
import { DynamoEditionStore } from './dynamo-editions';
import { day, daysBetween, epochSeconds, keys, RETENTION } from './keys';
import { sortActorCounts } from './memory';
import {
  type ActorDayCount,
  ARTICLE_HEAD_FIELDS,
  type ArticleHead,
  type ArticleStore,
  type ClaimResult,
  checkPageLimit,
  DEFAULT_ID_PAGE,
  decodeCursor,
  EmailTakenError,
  encodeCursor,
  type FeedStateStore,
  type IdPage,
  type IndexEntry,
  type IndexPartition,
  InvalidCursorError,
  type KnownItems,
  type LinkRecord,
  type RequestCounter,
  type SeenRecord,
  type SendIntent,
  type SendKey,
  type SendLedger,
  type Store,
  SubscriberConflictError,
  type SubscriberStore,
  sendKey,
} from './ports';

export type Item = Record<string, unknown>;
/** Days of actor entries read at once by `actorDays`. */
const ACTOR_DAY_READS = 4;

/** The mark that every confirmed subscriber is on the delivery index (in the zone list's partition). */
const DELIVERY_INDEX_BUILT = { PK: keys.deliveryZonesPartition, SK: '#built' };
const KEY_FIELDS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', TABLE.ttl];

export function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_FIELDS.includes(k)) out[k] = v;
  return out as T;
}

export const isConditionFailure = (err: unknown) =>
  (err as { name?: string })?.name === 'ConditionalCheckFailedException';

/** Shared plumbing: paginated queries and batch reads/writes with retry of unprocessed items. */
export type Key = { PK: string; SK: string };
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };
const keyString = (k: { PK?: unknown; SK?: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`;

export class Table {
  /** Writes of concurrent callers, 25 to a BatchWriteItem (batcher.ts). */
  readonly writes: Batcher<WriteRequest, undefined>;
  /** Reads of concurrent callers, 100 keys to a BatchGetItem. */
  readonly reads: Batcher<Key, Item | undefined>;

  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly name: string,
    options: { batchDelayMs?: number } = {},
  ) {
    // Writes wait a little longer for company than reads: a feed awaits its reads before it can go
    // on, while the states of feeds answering 304 trickle in over a few tens of milliseconds.
    const delay = options.batchDelayMs;
    this.writes = new Batcher((requests) => this.sendWrites(requests), { max: 25, delayMs: delay ?? 20 });
    this.reads = new Batcher((keyList) => this.sendReads(keyList), { max: 100, delayMs: delay ?? 5 });
  }

  /** Puts and deletes, shared with concurrent callers; resolves when all of these are written. */
  async write(puts: Item[], deletes: Key[] = []): Promise<void> {
    await this.writes.run([
      ...puts.map((Item) => ({ key: keyString(Item), request: { PutRequest: { Item } } })),
      ...deletes.map((Key) => ({ key: keyString(Key), request: { DeleteRequest: { Key } } })),
    ]);
  }

  /** Items by key, shared with concurrent callers; undefined where there is none. */
  read(keyList: Key[]): Promise<(Item | undefined)[]> {
    return this.reads.run(keyList.map((k) => ({ key: keyString(k), request: k })));
  }

  private async sendWrites(requests: WriteRequest[]): Promise<undefined[]> {
    await this.writeBatch(requests);
    return requests.map(() => undefined);
  }

  private async sendReads(keyList: Key[]): Promise<(Item | undefined)[]> {
    const found = new Map<string, Item>();
    for (const item of await this.getBatch({ Keys: keyList })) found.set(keyString(item), item);
    return keyList.map((k) => found.get(keyString(k)));
  }

  /** One BatchWriteItem of up to 25 requests, sent again for what DynamoDB left unprocessed. */
  private async writeBatch(requests: unknown[]): Promise<void> {
    let pending: Record<string, unknown[]> | undefined = { [this.name]: requests };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      // biome-ignore lint/suspicious/noExplicitAny: the SDK's request union is awkward to name here
      const out = await this.doc.send(new BatchWriteCommand({ RequestItems: pending as any }));
      pending = out.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }

  /** One BatchGetItem of up to 100 keys, asked again for what DynamoDB left unprocessed. */
  private async getBatch(
    request: NonNullable<BatchGetCommandInput['RequestItems']>[string],
  ): Promise<Item[]> {
    const items: Item[] = [];
    let pending: BatchGetCommandInput['RequestItems'] = { [this.name]: request };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const out: BatchGetCommandOutput = await this.doc.send(new BatchGetCommand({ RequestItems: pending }));
      items.push(...((out.Responses?.[this.name] as Item[]) ?? []));
      pending = out.UnprocessedKeys;
    }
    return items;
  }

  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ ...input, TableName: this.name, ExclusiveStartKey }),
      );
      items.push(...((out.Items as Item[]) ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey as Item | undefined;
    } while (ExclusiveStartKey);
    return items;
  }

  /**
   * Items by key with only `fields` returned, 100 keys to a BatchGetItem (not shared with other
   * callers: a projection is per request). Missing items are left out; order is not kept.
   */
  async batchGetFields(keyList: Key[], fields: readonly string[]): Promise<Item[]> {
    const names = Object.fromEntries(fields.map((f, i) => [`#f${i}`, f]));
    const projection = {
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
    };
    const items: Item[] = [];
    for (let i = 0; i < keyList.length; i += 100)
      items.push(...(await this.getBatch({ Keys: keyList.slice(i, i + 100), ...projection })));
    return items;
  }

  /** Items by key, 100 keys to a BatchGetItem, not shared with other callers; order is not kept. */
  async batchGet(keyList: Item[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < keyList.length; i += 100)
      items.push(...(await this.getBatch({ Keys: keyList.slice(i, i + 100) })));
    return items;
  }

  /** Puts and deletes, 25 to a BatchWriteItem, not shared with other callers. */
  async batchPut(items: Item[], deletes: Item[] = []): Promise<void> {
    const requests = [
      ...items.map((Item) => ({ PutRequest: { Item } })),
      ...deletes.map((Key) => ({ DeleteRequest: { Key } })),
    ];
    for (let i = 0; i < requests.length; i += 25) await this.writeBatch(requests.slice(i, i + 25));
  }
}

const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random())));

/**
 * How long after a UTC day ends its actor entries are taken as final and its totals kept: an ingest
 * pass that began before midnight, or the rerun that repairs a crashed one, still writes entries
 * under that day for a while.
 */
const DAY_SETTLES_MS = 6 * 3_600_000;

export class DynamoArticleStore implements ArticleStore {
  constructor(
    private readonly table: Table,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getSeen(ids: string[]) {
    return (await this.lookup(ids, [])).seen;
  }

  async lookup(ids: string[], urls: string[]): Promise<KnownItems> {
    const uniqueIds = [...new Set(ids)];
    const uniqueUrls = [...new Set(urls)];
    const items = await this.table.read([...uniqueIds.map(keys.seen), ...uniqueUrls.map(keys.link)]);
    const seen = new Map<string, SeenRecord>();
    const links = new Map<string, LinkRecord>();
    items.forEach((item, i) => {
      if (!item) return;
      if (i < uniqueIds.length) seen.set(uniqueIds[i]!, strip<SeenRecord>(item)!);
      else {
        const { articleId, storyId, firstSeenAt } = item as Record<string, string>;
        links.set(uniqueUrls[i - uniqueIds.length]!, {
          articleId: articleId!,
          storyId: storyId!,
          ...(firstSeenAt ? { firstSeenAt } : {}),
        });
      }
    });
    return { seen, links };
  }

  async createArticle(article: Article) {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: this.articleItem(article),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // Another writer (or a crashed earlier run) stored it: make sure its seen-key and index
      // entries exist too, from the stored copy, so nothing stays half-written.
      const stored = await this.getArticle(article.id);
      if (stored) await this.table.write([...this.indexItems(stored), this.seenItem(stored)]);
      return false;
    }
    await this.table.write([...this.indexItems(article), this.seenItem(article)]);
    return true;
  }

  async putNewArticles(articles: Article[]) {
    await this.table.write(articles.flatMap((a) => [this.articleItem(a), ...this.indexItems(a)]));
    await this.table.write(articles.map((a) => this.seenItem(a)));
  }

  async putUpdatedArticles(changes: { next: Article; previous: Article }[]) {
    const nexts = changes.map(({ next, previous }) => ({
      ...next,
      firstSeenAt: previous.firstSeenAt,
      publishedAt: previous.publishedAt,
    }));
    const stale = changes.flatMap(({ next, previous }) => staleEntries(next, previous));
    await this.table.write(
      nexts.flatMap((a) => this.indexItems(a)),
      stale,
    );
    await this.table.write(nexts.map((a) => this.articleItem(a)));
    await this.table.write(nexts.map((a) => this.seenItem(a)));
  }

  async getArticles(ids: string[]) {
    const unique = [...new Set(ids)];
    const items = await this.table.read(unique.map(keys.article));
    const out = new Map<string, Article>();
    items.forEach((item, i) => {
      if (item) out.set(unique[i]!, strip<Article>(item)!);
    });
    return out;
  }

  async getArticle(id: string) {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.article(id) }),
    );
    return strip<Article>(out.Item);
  }

  async listFirstSeenBetween(fromIso: string, toIso: string) {
    const articles: Article[] = [];
    for (const d of daysBetween(fromIso, toIso)) {
      const items = await this.table.query({
        IndexName: TABLE.gsi1,
        KeyConditionExpression: 'GSI1PK = :p AND GSI1SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':p': keys.dayPartition(d), ':a': fromIso, ':b': `${toIso}` },
      });
      for (const item of items) {
        const a = strip<Article>(item)!;
        if (a.firstSeenAt >= fromIso && a.firstSeenAt < toIso) articles.push(a);
      }
    }
    return articles;
  }

  async listByTopic(topicId: string, fromIso: string, toIso: string) {
    return this.rangeIds(keys.topicPartition(topicId), fromIso, toIso);
  }

  async listByActor(actorId: string, fromIso: string, toIso: string) {
    return this.rangeIds(keys.actorPartition(actorId), fromIso, toIso);
  }

  async topActors(d: string) {
    const items = await this.table.query({
      IndexName: TABLE.gsi1,
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.actorDayPartition(d) },
    });
    const counts = new Map<
      string,
      { id: string; name: string; type: string; articles: number; mentions: number }
    >();
    for (const item of items) {
      const id = item.actorId as string;
      const c = counts.get(id) ?? {
        id,
        name: item.name as string,
        type: item.type as string,
        articles: 0,
        mentions: 0,
      };
      c.articles++;
      c.mentions += Number(item.mentions ?? 1);
      counts.set(id, c);
    }
    return sortActorCounts([...counts.values()]);
  }

  /**
   * Counts of each day's actor entries. A settled day's totals are read from its one totals item,
   * written by the first reader that counted the day: the digest's 30-day baseline is then one
   * batched read, not 30 queries of every entry, at each warm sender.
   */
  async actorDays(fromDay: string, toDay: string) {
    const days = daysBetween(`${fromDay}T00:00:00.000Z`, `${toDay}T00:00:00.000Z`);
    const settledBefore = day(new Date(this.now().getTime() - DAY_SETTLES_MS - 86_400_000).toISOString());
    const settled = days.filter((d) => d <= settledBefore);
    const kept = new Map<string, ActorDayCount>();
    (await this.table.read(settled.map(keys.actorDayTotals))).forEach((item, i) => {
      if (item)
        kept.set(settled[i]!, {
          day: settled[i]!,
          articles: item.articles as number,
          actors: item.actors as Record<string, number>,
        });
    });
    // Only the two ids of each entry travel; a few days at a time keeps a cold read short.
    const limit = pLimit(ACTOR_DAY_READS);
    return Promise.all(
      days.map((d) =>
        limit(async (): Promise<ActorDayCount> => {
          const hit = kept.get(d);
          if (hit) return hit;
          const count = await this.countActorDay(d);
          if (d <= settledBefore) await this.keepActorDay(count);
          return count;
        }),
      ),
    );
  }

  private async countActorDay(d: string): Promise<ActorDayCount> {
    const items = await this.table.query({
      IndexName: TABLE.gsi1,
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.actorDayPartition(d) },
      ProjectionExpression: 'actorId, articleId',
    });
    const articles = new Set<string>();
    const actors: Record<string, number> = {};
    for (const item of items) {
      articles.add(item.articleId as string);
      const id = item.actorId as string;
      actors[id] = (actors[id] ?? 0) + 1;
    }
    return { day: d, articles: articles.size, actors };
  }

  /** Stores a settled day's totals once; a concurrent reader that stored them first wins. */
  private async keepActorDay(count: ActorDayCount): Promise<void> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.actorDayTotals(count.day),
            articles: count.articles,
            actors: count.actors,
            [TABLE.ttl]: epochSeconds(`${count.day}T00:00:00.000Z`, RETENTION.actorDayTotalsDays),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  async latestIndexKey(partition: IndexPartition) {
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': indexPartitionKey(partition) },
        ScanIndexForward: false,
        Limit: 1,
        ProjectionExpression: 'SK',
      }),
    );
    return (out.Items?.[0] as Item | undefined)?.SK as string | undefined;
  }

  async latestIndexEntries(partition: IndexPartition, options: { limit?: number; sinceIso?: string }) {
    if (options.limit !== undefined) checkPageLimit(options.limit);
    const entries: IndexEntry[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const out = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: options.sinceIso ? 'PK = :p AND SK >= :since' : 'PK = :p',
          ExpressionAttributeValues: {
            ':p': indexPartitionKey(partition),
            ...(options.sinceIso ? { ':since': options.sinceIso } : {}),
          },
          ScanIndexForward: false,
          ProjectionExpression: 'articleId, firstSeenAt',
          ...(options.limit !== undefined ? { Limit: options.limit - entries.length } : {}),
          ExclusiveStartKey,
        }),
      );
      for (const item of (out.Items as Item[]) ?? []) {
        entries.push({ articleId: item.articleId as string, firstSeenAt: item.firstSeenAt as string });
      }
      ExclusiveStartKey = out.LastEvaluatedKey as Item | undefined;
    } while (ExclusiveStartKey && (options.limit === undefined || entries.length < options.limit));
    return entries;
  }

  async getArticleHeads(ids: string[]) {
    const unique = [...new Set(ids)];
    const items = await this.table.batchGetFields(unique.map(keys.article), ARTICLE_HEAD_FIELDS);
    const out = new Map<string, ArticleHead>();
    for (const item of items) out.set(item.id as string, item as unknown as ArticleHead);
    return out;
  }

  private async rangeIds(partition: string, fromIso: string, toIso: string) {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :p AND SK BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':p': partition, ':a': fromIso, ':b': toIso },
      ProjectionExpression: 'articleId, firstSeenAt',
    });
    return items.filter((i) => (i.firstSeenAt as string) < toIso).map((i) => i.articleId as string);
  }

  private articleItem(a: Article): Item {
    return {
      ...a,
      ...keys.article(a.id),
      ...keys.articleByDay(a.firstSeenAt, a.id),
      [TABLE.ttl]: epochSeconds(a.firstSeenAt, RETENTION.articleDays),
    };
  }

  /** The seen-key: written last, it marks the article as wholly stored (R21, R24). */
  private seenItem(a: Article): Item {
    return {
      ...keys.seen(a.id),
      articleId: a.id,
      contentHash: a.contentHash,
      firstSeenAt: a.firstSeenAt,
      storyId: a.storyId,
      [TABLE.ttl]: epochSeconds(a.firstSeenAt, RETENTION.seenDays),
    };
  }

  /** The link and index entries that go with an article; all idempotent puts. */
  private indexItems(a: Article): Item[] {
    const ttl = epochSeconds(a.firstSeenAt, RETENTION.articleDays);
    return [
      {
        ...keys.link(a.url),
        articleId: a.id,
        storyId: a.storyId,
        firstSeenAt: a.firstSeenAt,
        url: a.url,
        [TABLE.ttl]: ttl,
      },
      ...a.topics.map((t) => ({
        ...keys.topicEntry(t.id, a.firstSeenAt, a.id),
        articleId: a.id,
        firstSeenAt: a.firstSeenAt,
        score: t.score,
        [TABLE.ttl]: ttl,
      })),
      ...a.actors.map((x) => ({
        ...keys.actorEntry(x.id, a.firstSeenAt, a.id),
        articleId: a.id,
        firstSeenAt: a.firstSeenAt,
        actorId: x.id,
        name: x.name,
        type: x.type,
        mentions: x.mentions,
        [TABLE.ttl]: ttl,
      })),
    ];
  }
}

const indexPartitionKey = (p: IndexPartition) =>
  'topic' in p ? keys.topicPartition(p.topic) : keys.actorPartition(p.actor);

/** The topic and actor entries of `previous` that `next` no longer has. */
function staleEntries(next: Article, previous: Article): Key[] {
  return [
    ...previous.topics
      .filter((t) => !next.topics.some((n) => n.id === t.id))
      .map((t) => keys.topicEntry(t.id, previous.firstSeenAt, previous.id)),
    ...previous.actors
      .filter((a) => !next.actors.some((n) => n.id === a.id))
      .map((a) => {
        const k = keys.actorEntry(a.id, previous.firstSeenAt, previous.id);
        return { PK: k.PK, SK: k.SK };
      }),
  ];
}

export { daysBetween, MAX_LIST_DAYS } from './keys';

export class DynamoFeedStateStore implements FeedStateStore {
  constructor(private readonly table: Table) {}

  async get(url: string) {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.feed(url) }),
    );
    return strip<FeedState>(out.Item);
  }

  async getMany(urls: string[]) {
    const items = await this.table.read([...new Set(urls)].map((u) => keys.feed(u)));
    const states = items.filter((i) => i !== undefined).map((i) => strip<FeedState>(i)!);
    return new Map(states.map((s) => [s.url, s]));
  }

  async put(state: FeedState) {
    const item: Item = { ...state, ...keys.feed(state.url), ...keys.feedList(state.url) };
    // Disabled feeds leave the due index, so planners never see them.
    if (!state.disabled) Object.assign(item, keys.feedDue(state.nextAttemptAt, state.url));
    // Batched with the other feeds' states and articles of the run (batcher.ts).
    await this.table.write([removeUndefined(item)]);
  }

  async list() {
    const items = await this.table.query({
      IndexName: TABLE.gsi2,
      KeyConditionExpression: 'GSI2PK = :p',
      ExpressionAttributeValues: { ':p': 'FEEDLIST' },
    });
    return items.map((i) => strip<FeedState>(i)!);
  }

  async listDue(nowIso: string) {
    const items = await this.table.query({
      IndexName: TABLE.gsi1,
      KeyConditionExpression: 'GSI1PK = :p AND GSI1SK <= :now',
      ExpressionAttributeValues: { ':p': 'FEEDS', ':now': `${nowIso}#~` },
    });
    return items.map((i) => strip<FeedState>(i)!);
  }
}

export class DynamoSubscriberStore implements SubscriberStore {
  constructor(private readonly table: Table) {}

  /**
   * 1. Take the address lock (only if absent). 2. Write the record (only if absent).
   * A lock found in place is one of: a live subscriber's (EmailTakenError); a deletion's, marked,
   * which is finished (record removed) and replaced by ours; or a crashed create's, which names a
   * record that was never written, so no link was ever made for its id: that id is adopted.
   */
  async create(s: Subscriber): Promise<Subscriber> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const taken = await this.takeLock(s.email, s.id);
      if (taken === true) return this.putNew(s);
      if (taken.deleting) {
        // A deletion crashed (or is running): finish it, then swap the lock over, if nobody else did.
        await this.removeRecord(taken.subscriberId);
        if (await this.swapLock(s.email, taken.subscriberId, s.id)) return this.putNew(s);
        continue;
      }
      if (await this.get(taken.subscriberId)) throw new EmailTakenError(s.email);
      return this.putNew({ ...s, id: taken.subscriberId });
    }
    throw new EmailTakenError(s.email);
  }

  async get(id: string) {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.subscriber(id), ConsistentRead: true }),
    );
    return strip<Subscriber>(out.Item);
  }

  async getByEmail(email: string) {
    const lock = await this.readLock(email);
    return lock && !lock.deleting ? this.get(lock.subscriberId) : undefined;
  }

  async put(s: Subscriber) {
    const next: Subscriber = { ...s, version: (s.version ?? 0) + 1 };
    const read = s.version === undefined ? 'attribute_not_exists(#version)' : '#version = :read';
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: await this.item(next),
          ConditionExpression: `attribute_exists(PK) AND email = :email AND ${read}`,
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':email': s.email,
            ...(s.version === undefined ? {} : { ':read': s.version }),
          },
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw new SubscriberConflictError(s.id, { cause: err });
      throw err;
    }
    return next;
  }

  /**
   * A confirmed subscriber's place in the hourly planner's index (a sparse GSI2 entry: any other
   * status leaves it). Its zone is listed first, so a crash in between leaves at worst a zone the
   * planner queries for nobody, never a subscriber it cannot find.
   */
  private async deliverySlot(s: Subscriber) {
    if (s.status !== 'confirmed') return {};
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.name, Item: keys.deliveryZone(s.timeZone) }),
    );
    return keys.deliverySlot(s);
  }

  async getMany(ids: string[]) {
    const items = await this.table.batchGet([...new Set(ids)].map((id) => keys.subscriber(id)));
    return new Map(items.map((i) => strip<Subscriber>(i)!).map((s) => [s.id, s]));
  }

  async deliveryZones() {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.deliveryZonesPartition },
      ProjectionExpression: 'SK',
    });
    return items.map((i) => i.SK as string).filter((sk) => sk !== DELIVERY_INDEX_BUILT.SK);
  }

  async deliveryIndexReady() {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: DELIVERY_INDEX_BUILT }),
    );
    if (out.Item) return true;
    // Not marked yet: look for one confirmed record off the index. Only a table with records from
    // before the index has one; the look reads the confirmed listing's keys once.
    let start: Item | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          IndexName: TABLE.gsi1,
          KeyConditionExpression: 'GSI1PK = :p',
          FilterExpression: 'attribute_not_exists(GSI2PK)',
          ExpressionAttributeValues: { ':p': keys.statusPartition('confirmed') },
          ProjectionExpression: '#id',
          ExpressionAttributeNames: { '#id': 'id' },
          Limit: 1000,
          ExclusiveStartKey: start,
        }),
      );
      if (page.Items?.length) return false;
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start);
    await this.table.doc.send(new PutCommand({ TableName: this.table.name, Item: DELIVERY_INDEX_BUILT }));
    return true;
  }

  /**
   * Page by page through the confirmed listing: the page's zones onto the zone list, then each
   * record's index attributes by a targeted UpdateItem that holds only while it is still confirmed
   * (an unsubscribe meanwhile wins). The mark goes last, so a crash leaves it to be run again.
   */
  async buildDeliveryIndex() {
    let indexed = 0;
    let cursor: string | undefined;
    const zones = new Set<string>();
    do {
      const page = await this.pageIdsByStatus('confirmed', cursor);
      cursor = page.cursor;
      const found = [...(await this.getMany(page.ids)).values()].filter((s) => s.status === 'confirmed');
      for (const s of found) {
        if (zones.has(s.timeZone)) continue;
        zones.add(s.timeZone);
        await this.table.doc.send(
          new PutCommand({ TableName: this.table.name, Item: keys.deliveryZone(s.timeZone) }),
        );
      }
      for (const s of found) {
        const slot = keys.deliverySlot(s);
        try {
          await this.table.doc.send(
            new UpdateCommand({
              TableName: this.table.name,
              Key: keys.subscriber(s.id),
              UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
              // Only while the record still says what the slot was made from.
              ConditionExpression: `#status = :confirmed AND #zone = :zone AND ${
                s.deliveryHour === undefined ? 'attribute_not_exists(#hour)' : '#hour = :hour'
              }`,
              ExpressionAttributeNames: { '#status': 'status', '#zone': 'timeZone', '#hour': 'deliveryHour' },
              ExpressionAttributeValues: {
                ':pk': slot.GSI2PK,
                ':sk': slot.GSI2SK,
                ':confirmed': 'confirmed',
                ':zone': s.timeZone,
                ...(s.deliveryHour === undefined ? {} : { ':hour': s.deliveryHour }),
              },
            }),
          );
          indexed++;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
        }
      }
    } while (cursor);
    await this.table.doc.send(new PutCommand({ TableName: this.table.name, Item: DELIVERY_INDEX_BUILT }));
    return indexed;
  }

  async pageDue(
    timeZone: string,
    fromHour: number,
    toHour: number,
    cursor?: string,
    limit = DEFAULT_ID_PAGE,
    weekday?: number,
  ) {
    const partition = keys.deliveryZonePartition(timeZone);
    const start = cursor === undefined ? undefined : decodeCursor(cursor);
    if (start && start[TABLE.gsi2pk] !== partition) throw new InvalidCursorError(cursor!);
    const hh = (h: number) => String(h).padStart(2, '0');
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        IndexName: TABLE.gsi2,
        // "$" sorts right after "#": the range ends after the last id of the last hour.
        KeyConditionExpression: 'GSI2PK = :p AND GSI2SK BETWEEN :a AND :b',
        // Weekly readers are due on their day only; the filter is applied after the read (they
        // cost their read on the other six days: a few bytes each).
        ...(weekday === undefined
          ? {}
          : { FilterExpression: 'attribute_not_exists(#weekly) OR #weekly = :wd' }),
        ExpressionAttributeValues: {
          ':p': partition,
          ':a': `${hh(fromHour)}#`,
          ':b': `${hh(toHour)}$`,
          ...(weekday === undefined ? {} : { ':wd': weekday }),
        },
        ProjectionExpression: '#id',
        ExpressionAttributeNames: {
          '#id': 'id',
          ...(weekday === undefined ? {} : { '#weekly': 'weeklyOn' }),
        },
        Limit: checkPageLimit(limit),
        ExclusiveStartKey: start,
      }),
    );
    const ids = ((out.Items as Item[]) ?? []).map((i) => i.id as string);
    const last = out.LastEvaluatedKey as Item | undefined;
    return last ? { ids, cursor: encodeCursor(last) } : { ids };
  }

  async recordDigest(id: string, lastDigestAt: string, nowIso: string) {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.subscriber(id),
          // The version moves too, so a preferences save read before this write retries, not reverts it.
          UpdateExpression:
            'SET lastDigestAt = :last, updatedAt = :now, #version = if_not_exists(#version, :zero) + :one',
          ConditionExpression:
            '#status = :confirmed AND (attribute_not_exists(lastDigestAt) OR lastDigestAt < :last)',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: {
            ':last': lastDigestAt,
            ':now': nowIso,
            ':confirmed': 'confirmed',
            ':zero': 0,
            ':one': 1,
          },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  async listByStatus(status: SubscriberStatus) {
    const items = await this.table.query({
      IndexName: TABLE.gsi1,
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.statusPartition(status) },
    });
    return items.map((i) => strip<Subscriber>(i)!);
  }

  async pageIdsByStatus(status: SubscriberStatus, cursor?: string, limit = DEFAULT_ID_PAGE): Promise<IdPage> {
    const partition = keys.statusPartition(status);
    const start = cursor === undefined ? undefined : decodeCursor(cursor);
    // A key of another partition would make DynamoDB fail with a vaguer ValidationException.
    if (start && start[TABLE.gsi1pk] !== partition) throw new InvalidCursorError(cursor!);
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        IndexName: TABLE.gsi1,
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        // Only the id comes back, so a page of a million-subscriber list stays small.
        ProjectionExpression: '#id',
        ExpressionAttributeNames: { '#id': 'id' },
        Limit: checkPageLimit(limit),
        ExclusiveStartKey: start,
      }),
    );
    const ids = ((out.Items as Item[]) ?? []).map((i) => i.id as string);
    const last = out.LastEvaluatedKey as Item | undefined;
    return last ? { ids, cursor: encodeCursor(last) } : { ids };
  }

  async list() {
    const all = await Promise.all(
      (['pending', 'confirmed', 'unsubscribed', 'bounced', 'complained'] as const).map((st) =>
        this.listByStatus(st),
      ),
    );
    return all.flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /**
   * 1. Mark the address lock as being deleted. 2. Remove the record, unconditionally: a deletion
   * wins over any concurrent change, and a conditional write after it fails. 3. Remove the lock.
   * A crash after 1 leaves a marked lock: getByEmail hides the record, and the next create of the
   * address finishes the deletion.
   */
  async delete(id: string) {
    const s = await this.get(id);
    if (!s) return;
    await this.conditional(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.email(s.email),
        UpdateExpression: 'SET deleting = :yes',
        ConditionExpression: 'subscriberId = :id',
        ExpressionAttributeValues: { ':yes': true, ':id': id },
      }),
    );
    await this.removeRecord(id);
    await this.conditional(
      new DeleteCommand({
        TableName: this.table.name,
        Key: keys.email(s.email),
        ConditionExpression: 'subscriberId = :id',
        ExpressionAttributeValues: { ':id': id },
      }),
    );
  }

  /** The record's item, its listing keys and, when confirmed, its delivery slot (its zone listed first). */
  private async item(s: Subscriber): Promise<Item> {
    return removeUndefined({
      ...s,
      ...keys.subscriber(s.id),
      ...keys.subscriberByStatus(s.status, s.createdAt, s.id),
      ...(await this.deliverySlot(s)),
    });
  }

  /** Writes a new record with version 1; EmailTakenError if that id already holds one. */
  private async putNew(s: Subscriber): Promise<Subscriber> {
    const next: Subscriber = { ...s, version: 1 };
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: await this.item(next),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw new EmailTakenError(s.email);
      throw err;
    }
    return next;
  }

  /** True when the lock was free and is now ours; otherwise the lock that holds the address. */
  private async takeLock(email: string, id: string): Promise<true | AddressLock> {
    for (;;) {
      try {
        await this.table.doc.send(
          new PutCommand({
            TableName: this.table.name,
            Item: { ...keys.email(email), subscriberId: id },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const lock = await this.readLock(email);
      if (lock) return lock;
      // Deleted between the two calls: try to take it again.
    }
  }

  private async swapLock(email: string, from: string, to: string): Promise<boolean> {
    return this.conditional(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...keys.email(email), subscriberId: to },
        ConditionExpression: 'subscriberId = :from AND deleting = :yes',
        ExpressionAttributeValues: { ':from': from, ':yes': true },
      }),
    );
  }

  private async readLock(email: string): Promise<AddressLock | undefined> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.email(email), ConsistentRead: true }),
    );
    const id = out.Item?.subscriberId;
    return typeof id === 'string' ? { subscriberId: id, deleting: out.Item?.deleting === true } : undefined;
  }

  private async removeRecord(id: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: keys.subscriber(id) }));
  }

  /** Sends a conditional write; false when its condition did not hold. */
  private async conditional(command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the three commands share send() but not one type
      await this.table.doc.send(command as any);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }
}

/** The address lock: which record holds the address, and whether that record is being deleted. */
interface AddressLock {
  subscriberId: string;
  deleting: boolean;
}

export class DynamoSendLedger implements SendLedger {
  constructor(private readonly table: Table) {}

  async claim(date: string, subscriberId: string, nowIso: string, intent?: SendIntent): Promise<ClaimResult> {
    const what = intent
      ? {
          set: ', windowFrom = :wf, windowTo = :wt' + (intent.editionId ? ', editionId = :ed' : ''),
          values: {
            ':wf': intent.windowFrom,
            ':wt': intent.windowTo,
            ...(intent.editionId ? { ':ed': intent.editionId } : {}),
          },
        }
      : { set: '', values: {} };
    try {
      const out = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.send(date, subscriberId),
          UpdateExpression: `SET #date = :date, subscriberId = :id, #status = :sending, claimedAt = :now, #ttl = :ttl, attempts = if_not_exists(attempts, :zero) + :one${what.set} REMOVE #error`,
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :failed',
          ExpressionAttributeNames: {
            '#date': 'date',
            '#status': 'status',
            '#error': 'error',
            '#ttl': TABLE.ttl,
          },
          ExpressionAttributeValues: {
            ':ttl': epochSeconds(nowIso, RETENTION.sendDays),
            ':date': date,
            ':id': subscriberId,
            ':sending': 'sending',
            ':failed': 'failed',
            ':now': nowIso,
            ':zero': 0,
            ':one': 1,
            ...what.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { claimed: true, record: strip<SendRecord>(out.Attributes)! };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return { claimed: false, record: (await this.get(date, subscriberId))! };
    }
  }

  async markSent(date: string, subscriberId: string, messageId: string, nowIso: string) {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.send(date, subscriberId),
        UpdateExpression: 'SET #status = :sent, messageId = :m, sentAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':m': messageId, ':now': nowIso },
      }),
    );
  }

  async markFailed(date: string, subscriberId: string, error: string, nowIso: string) {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.send(date, subscriberId),
        UpdateExpression: 'SET #status = :failed, #error = :e, failedAt = :now',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':e': redactAddresses(error).slice(0, 1000),
          ':now': nowIso,
        },
      }),
    );
  }

  async get(date: string, subscriberId: string) {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.send(date, subscriberId) }),
    );
    return strip<SendRecord>(out.Item);
  }

  async listForDate(date: string) {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.sendPartition(date) },
    });
    return items.map((i) => strip<SendRecord>(i)!);
  }

  async getMany(list: SendKey[]) {
    const items = await this.table.batchGet(
      [...new Map(list.map((k) => [sendKey(k.date, k.subscriberId), k])).values()].map((k) =>
        keys.send(k.date, k.subscriberId),
      ),
    );
    return new Map(
      items.map((i) => strip<SendRecord>(i)!).map((r) => [sendKey(r.date, r.subscriberId), r] as const),
    );
  }

  /** The runbook's query: the date's partition, filtered on status (docs/operations.md). */
  async listUncertain(date: string) {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :p',
      FilterExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':p': keys.sendPartition(date), ':sending': 'sending' },
    });
    return items.map((i) => strip<SendRecord>(i)!);
  }

  async reclaimUncertain(date: string, subscriberId: string, claimedAt: string, nowIso: string) {
    try {
      const out = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.send(date, subscriberId),
          UpdateExpression: 'SET claimedAt = :now, resentAt = :now, attempts = attempts + :one',
          ConditionExpression: '#status = :sending AND claimedAt = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':now': nowIso,
            ':one': 1,
            ':sending': 'sending',
            ':claimed': claimedAt,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip<SendRecord>(out.Attributes);
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return undefined;
    }
  }

  /** Deletes by key over the retained dates: no index by subscriber is needed, and no read. */
  async forgetSubscriber(subscriberId: string, nowIso: string) {
    await this.table.batchPut(
      [],
      ledgerDates(nowIso).map((d) => keys.send(d, subscriberId)),
    );
  }
}

/**
 * Every key a send record may still exist under at `nowIso`: each date and each ISO week (weekly
 * editions) of the retention. Records expire RETENTION.sendDays after their claim (DynamoDB's TTL
 * may lag a couple of days), and a reader's local date can run a day ahead of UTC.
 */
export function ledgerDates(nowIso: string): string[] {
  const end = new Date(`${day(nowIso)}T00:00:00Z`).getTime() + 86_400_000;
  const dates: string[] = [];
  for (let i = RETENTION.sendDays + 3; i >= 0; i--)
    dates.push(new Date(end - i * 86_400_000).toISOString().slice(0, 10));
  return [...dates, ...new Set(dates.map(isoWeek))];
}

export class DynamoRequestCounter implements RequestCounter {
  constructor(private readonly table: Table) {}

  async hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<number> {
    const start = Math.floor(nowMs / windowMs) * windowMs;
    const end = start + windowMs;
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.limit(key, new Date(start).toISOString()),
          UpdateExpression: 'ADD hits :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#ttl': TABLE.ttl },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': Math.ceil(end / 1000) + 3600 },
        }),
      );
      return 0;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return Math.max(1, Math.ceil((end - nowMs) / 1000));
    }
  }
}

function removeUndefined(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

export function createDynamoStore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: { batchDelayMs?: number } = {},
): Store {
  const table = new Table(doc, tableName, options);
  return {
    articles: new DynamoArticleStore(table),
    feeds: new DynamoFeedStateStore(table),
    subscribers: new DynamoSubscriberStore(table),
    sends: new DynamoSendLedger(table),
    limits: new DynamoRequestCounter(table),
    editions: new DynamoEditionStore(table),
  };
}
