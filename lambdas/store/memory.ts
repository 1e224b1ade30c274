/** In-memory implementations of the storage ports, for unit tests and benchmarks. */
import { gunzipSync, gzipSync } from 'node:zlib';
import { redactAddresses } from '../shared/redact';
import {
  type Article,
  DEFAULT_DELIVERY_HOUR,
  type FeedState,
  type SendRecord,
  type Subscriber,
  type SubscriberStatus,
} from '../shared/types';
import { day, daysBetween, keys } from './keys';
import {
  type ActorDayCount,
  type ArticleHead,
  type ArticleStore,
  type ClaimResult,
  checkPageLimit,
  DEFAULT_ID_PAGE,
  decodeCursor,
  type Edition,
  type EditionPage,
  type EditionStore,
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

const clone = <T>(v: T): T => structuredClone(v);
const seenOf = (a: Article): SeenRecord => ({
  articleId: a.id,
  contentHash: a.contentHash,
  firstSeenAt: a.firstSeenAt,
  storyId: a.storyId,
});
const inRange = (iso: string, from: string, to: string) => iso >= from && iso < to;

export class MemoryArticleStore implements ArticleStore {
  readonly articles = new Map<string, Article>();
  readonly seen = new Map<string, SeenRecord>();
  readonly links = new Map<string, LinkRecord>();

  async getSeen(ids: string[]) {
    const out = new Map<string, SeenRecord>();
    for (const id of ids) {
      const s = this.seen.get(id);
      if (s) out.set(id, clone(s));
    }
    return out;
  }

  async lookup(ids: string[], urls: string[]): Promise<KnownItems> {
    const links = new Map<string, LinkRecord>();
    for (const url of urls) {
      const l = this.links.get(url);
      if (l) links.set(url, clone(l));
    }
    return { seen: await this.getSeen(ids), links };
  }

  async createArticle(article: Article) {
    if (this.articles.has(article.id)) return false;
    await this.putNewArticles([article]);
    return true;
  }

  async putNewArticles(articles: Article[]) {
    for (const a of articles) {
      this.articles.set(a.id, clone(a));
      this.links.set(a.url, { articleId: a.id, storyId: a.storyId, firstSeenAt: a.firstSeenAt });
    }
    for (const a of articles) this.seen.set(a.id, seenOf(a));
  }

  async putUpdatedArticles(changes: { next: Article; previous: Article }[]) {
    for (const { next, previous } of changes) {
      const a = { ...clone(next), firstSeenAt: previous.firstSeenAt, publishedAt: previous.publishedAt };
      this.articles.set(a.id, a);
      this.seen.set(a.id, seenOf(a));
    }
  }

  async getArticle(id: string) {
    const a = this.articles.get(id);
    return a && clone(a);
  }

  async getArticles(ids: string[]) {
    const out = new Map<string, Article>();
    for (const id of ids) {
      const a = this.articles.get(id);
      if (a) out.set(id, clone(a));
    }
    return out;
  }

  async listFirstSeenBetween(fromIso: string, toIso: string) {
    return [...this.articles.values()]
      .filter((a) => inRange(a.firstSeenAt, fromIso, toIso))
      .sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.id.localeCompare(b.id))
      .map(clone);
  }

  async listByTopic(topicId: string, fromIso: string, toIso: string) {
    return (await this.listFirstSeenBetween(fromIso, toIso))
      .filter((a) => a.topics.some((t) => t.id === topicId))
      .map((a) => a.id);
  }

  async listByActor(actorId: string, fromIso: string, toIso: string) {
    return (await this.listFirstSeenBetween(fromIso, toIso))
      .filter((a) => a.actors.some((x) => x.id === actorId))
      .map((a) => a.id);
  }

  async topActors(d: string) {
    const counts = new Map<
      string,
      { id: string; name: string; type: string; articles: number; mentions: number }
    >();
    for (const a of this.articles.values()) {
      if (day(a.firstSeenAt) !== d) continue;
      for (const x of a.actors) {
        const c = counts.get(x.id) ?? { id: x.id, name: x.name, type: x.type, articles: 0, mentions: 0 };
        c.articles++;
        c.mentions += x.mentions;
        counts.set(x.id, c);
      }
    }
    return sortActorCounts([...counts.values()]);
  }

  async actorDays(fromDay: string, toDay: string) {
    const days = daysBetween(`${fromDay}T00:00:00.000Z`, `${toDay}T00:00:00.000Z`);
    const byDay = new Map<string, ActorDayCount>(days.map((d) => [d, { day: d, articles: 0, actors: {} }]));
    for (const a of this.articles.values()) {
      const count = byDay.get(day(a.firstSeenAt));
      if (!count || !a.actors.length) continue;
      count.articles++;
      for (const id of new Set(a.actors.map((x) => x.id))) count.actors[id] = (count.actors[id] ?? 0) + 1;
    }
    return [...byDay.values()];
  }

  async latestIndexKey(partition: IndexPartition) {
    const [newest] = this.indexOf(partition);
    return newest && `${newest.firstSeenAt}#${newest.articleId}`;
  }

  async latestIndexEntries(partition: IndexPartition, options: { limit?: number; sinceIso?: string }) {
    if (options.limit !== undefined) checkPageLimit(options.limit);
    const since = options.sinceIso;
    const entries = this.indexOf(partition).filter((e) => since === undefined || e.firstSeenAt >= since);
    return options.limit === undefined ? entries : entries.slice(0, options.limit);
  }

  async getArticleHeads(ids: string[]) {
    const out = new Map<string, ArticleHead>();
    for (const id of ids) {
      const a = this.articles.get(id);
      if (!a) continue;
      const {
        html: _h,
        text: _t,
        signature: _s,
        feedUrl: _f,
        itemKey: _i,
        contentHash: _c,
        ...head
      } = clone(a);
      out.set(id, head);
    }
    return out;
  }

  /** A partition's entries as the table holds them: newest first, by `<firstSeenAt>#<id>`. */
  private indexOf(partition: IndexPartition): IndexEntry[] {
    const named = (a: Article) =>
      'topic' in partition
        ? a.topics.some((t) => t.id === partition.topic)
        : a.actors.some((x) => x.id === partition.actor);
    return [...this.articles.values()]
      .filter(named)
      .map((a) => ({ articleId: a.id, firstSeenAt: a.firstSeenAt }))
      .sort((x, y) => `${y.firstSeenAt}#${y.articleId}`.localeCompare(`${x.firstSeenAt}#${x.articleId}`));
  }
}

export function sortActorCounts<T extends { articles: number; mentions: number; name: string }>(
  rows: T[],
): T[] {
  return rows.sort(
    (a, b) => b.articles - a.articles || b.mentions - a.mentions || a.name.localeCompare(b.name),
  );
}

export class MemoryFeedStateStore implements FeedStateStore {
  readonly states = new Map<string, FeedState>();
  async get(url: string) {
    const s = this.states.get(url);
    return s && clone(s);
  }
  async getMany(urls: string[]) {
    const out = new Map<string, FeedState>();
    for (const u of urls) {
      const s = this.states.get(u);
      if (s) out.set(u, clone(s));
    }
    return out;
  }
  async put(state: FeedState) {
    this.states.set(state.url, clone(state));
  }
  async list() {
    return [...this.states.values()].sort((a, b) => a.url.localeCompare(b.url)).map(clone);
  }
  async listDue(nowIso: string) {
    return (await this.list())
      .filter((s) => !s.disabled && s.nextAttemptAt <= nowIso)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }
}

/** Versioned like the DynamoDB adapter, so unit tests meet the same conflicts; no crash windows here. */
export class MemorySubscriberStore implements SubscriberStore {
  readonly subscribers = new Map<string, Subscriber>();
  /** Zones written with a confirmed subscriber, as the DynamoDB store's DZ items. */
  readonly zones = new Set<string>();
  async create(s: Subscriber) {
    if ((await this.getByEmail(s.email)) || this.subscribers.has(s.id)) throw new EmailTakenError(s.email);
    if (s.status === 'confirmed') this.zones.add(s.timeZone);
    const next = { ...clone(s), version: 1 };
    this.subscribers.set(s.id, next);
    return clone(next);
  }
  async get(id: string) {
    const s = this.subscribers.get(id);
    return s && clone(s);
  }
  async getByEmail(email: string) {
    const e = email.toLowerCase();
    for (const s of this.subscribers.values()) if (s.email.toLowerCase() === e) return clone(s);
    return undefined;
  }
  async put(s: Subscriber) {
    const stored = this.subscribers.get(s.id);
    if (!stored || stored.version !== s.version || stored.email !== s.email) {
      throw new SubscriberConflictError(s.id);
    }
    if (s.status === 'confirmed') this.zones.add(s.timeZone);
    const next = { ...clone(s), version: (s.version ?? 0) + 1 };
    this.subscribers.set(s.id, next);
    return clone(next);
  }
  async getMany(ids: string[]) {
    const out = new Map<string, Subscriber>();
    for (const id of ids) {
      const s = this.subscribers.get(id);
      if (s) out.set(id, clone(s));
    }
    return out;
  }
  async deliveryZones() {
    return [...this.zones].sort();
  }
  /** The in-memory index is computed on read, so it is always complete. */
  async deliveryIndexReady() {
    return true;
  }
  async buildDeliveryIndex() {
    for (const s of this.subscribers.values()) if (s.status === 'confirmed') this.zones.add(s.timeZone);
    return 0;
  }
  /** Pages in the index's order (hour, then id), the cursor holding the last sort key. */
  async pageDue(
    timeZone: string,
    fromHour: number,
    toHour: number,
    cursor?: string,
    limit = DEFAULT_ID_PAGE,
    weekday?: number,
  ) {
    checkPageLimit(limit);
    const slot = (s: Subscriber) => keys.deliverySlot(s).GSI2SK;
    let after = '';
    if (cursor !== undefined) {
      const key = decodeCursor(cursor);
      if (key.zone !== timeZone || typeof key.after !== 'string') throw new InvalidCursorError(cursor);
      after = key.after;
    }
    const page = [...this.subscribers.values()]
      .filter((s) => {
        const hour = s.deliveryHour ?? DEFAULT_DELIVERY_HOUR;
        return s.status === 'confirmed' && s.timeZone === timeZone && hour >= fromHour && hour <= toHour;
      })
      .filter((s) => slot(s) > after)
      .filter((s) => weekday === undefined || s.weeklyOn === undefined || s.weeklyOn === weekday)
      .sort((a, b) => (slot(a) < slot(b) ? -1 : 1))
      .slice(0, limit + 1);
    const ids = page.slice(0, limit);
    const last = ids.at(-1);
    return page.length > limit && last
      ? { ids: ids.map((s) => s.id), cursor: encodeCursor({ zone: timeZone, after: slot(last) }) }
      : { ids: ids.map((s) => s.id) };
  }
  async recordDigest(id: string, lastDigestAt: string, nowIso: string) {
    const s = this.subscribers.get(id);
    if (s?.status === 'confirmed' && (!s.lastDigestAt || s.lastDigestAt < lastDigestAt)) {
      Object.assign(s, { lastDigestAt, updatedAt: nowIso, version: (s.version ?? 0) + 1 });
    }
  }
  async listByStatus(status: SubscriberStatus) {
    return (await this.list()).filter((s) => s.status === status);
  }
  /** Pages in DynamoDB's order (createdAt, then id), the cursor holding the last key like GSI1's. */
  async pageIdsByStatus(status: SubscriberStatus, cursor?: string, limit = DEFAULT_ID_PAGE): Promise<IdPage> {
    checkPageLimit(limit);
    const sortKey = (s: Subscriber) => `${s.createdAt}#${s.id}`;
    let after = '';
    if (cursor !== undefined) {
      const key = decodeCursor(cursor);
      if (key.status !== status || typeof key.after !== 'string') throw new InvalidCursorError(cursor);
      after = key.after;
    }
    const page = [...this.subscribers.values()]
      .filter((s) => s.status === status && sortKey(s) > after)
      // Code-unit order, as DynamoDB sorts and as the `>` above compares.
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
      .slice(0, limit + 1);
    const more = page.length > limit;
    const ids = page.slice(0, limit);
    const last = ids.at(-1);
    return more && last
      ? { ids: ids.map((s) => s.id), cursor: encodeCursor({ status, after: sortKey(last) }) }
      : { ids: ids.map((s) => s.id) };
  }
  async list() {
    return [...this.subscribers.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(clone);
  }
  async delete(id: string) {
    this.subscribers.delete(id);
  }
}

export class MemorySendLedger implements SendLedger {
  readonly records = new Map<string, SendRecord>();
  private key = (date: string, id: string) => `${date}#${id}`;
  async claim(date: string, subscriberId: string, nowIso: string, intent?: SendIntent): Promise<ClaimResult> {
    const existing = this.records.get(this.key(date, subscriberId));
    if (existing && existing.status !== 'failed') return { claimed: false, record: clone(existing) };
    const attempts = (existing?.attempts ?? 0) + 1;
    const record: SendRecord = {
      date,
      subscriberId,
      status: 'sending',
      claimedAt: nowIso,
      attempts,
      ...(intent ?? {}),
    };
    this.records.set(this.key(date, subscriberId), record);
    return { claimed: true, record: clone(record) };
  }
  async getMany(keys: SendKey[]) {
    const out = new Map<string, SendRecord>();
    for (const k of keys) {
      const r = this.records.get(this.key(k.date, k.subscriberId));
      if (r) out.set(sendKey(k.date, k.subscriberId), clone(r));
    }
    return out;
  }
  async listUncertain(date: string) {
    return (await this.listForDate(date)).filter((r) => r.status === 'sending');
  }
  async reclaimUncertain(date: string, subscriberId: string, claimedAt: string, nowIso: string) {
    const r = this.records.get(this.key(date, subscriberId));
    if (r?.status !== 'sending' || r.claimedAt !== claimedAt) return undefined;
    Object.assign(r, { claimedAt: nowIso, resentAt: nowIso, attempts: r.attempts + 1 });
    return clone(r);
  }
  async markSent(date: string, subscriberId: string, messageId: string, nowIso: string) {
    const r = this.records.get(this.key(date, subscriberId));
    if (r) Object.assign(r, { status: 'sent', messageId, sentAt: nowIso, error: undefined });
  }
  async markFailed(date: string, subscriberId: string, error: string, _nowIso: string) {
    const r = this.records.get(this.key(date, subscriberId));
    if (r) Object.assign(r, { status: 'failed', error: redactAddresses(error) });
  }
  async get(date: string, subscriberId: string) {
    const r = this.records.get(this.key(date, subscriberId));
    return r && clone(r);
  }
  async listForDate(date: string) {
    return [...this.records.values()].filter((r) => r.date === date).map(clone);
  }
  async forgetSubscriber(subscriberId: string, _nowIso: string) {
    for (const [k, r] of this.records) if (r.subscriberId === subscriberId) this.records.delete(k);
  }
}

export class MemoryRequestCounter implements RequestCounter {
  readonly counts = new Map<string, number>();
  async hit(key: string, limit: number, windowMs: number, nowMs: number) {
    const start = Math.floor(nowMs / windowMs) * windowMs;
    const k = `${key}#${start}`;
    const n = this.counts.get(k) ?? 0;
    if (n >= limit) return Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000));
    this.counts.set(k, n + 1);
    return 0;
  }
}

export class MemoryEditionStore implements EditionStore {
  readonly editions = new Map<string, { edition: Edition; pages: Record<EditionPage, Buffer> }>();
  readonly houses = new Map<string, string>();
  private key = (date: string, id: string) => `${date}#${id}`;
  async put(edition: Edition, pages: Record<EditionPage, string>) {
    const key = this.key(edition.date, edition.id);
    if (this.editions.has(key)) return false;
    // Compressed as the DynamoDB store keeps them, so sizes measured here are the real ones.
    this.editions.set(key, {
      edition: clone(edition),
      pages: { view: gzipSync(pages.view), all: gzipSync(pages.all) },
    });
    return true;
  }
  async get(date: string, id: string) {
    const e = this.editions.get(this.key(date, id));
    return e && clone(e.edition);
  }
  async page(date: string, id: string, which: EditionPage) {
    const e = this.editions.get(this.key(date, id));
    return e && gunzipSync(e.pages[which]).toString('utf8');
  }
  async setHouse(date: string, id: string) {
    if (!this.houses.has(date)) this.houses.set(date, id);
  }
  async house(date: string) {
    return this.houses.get(date);
  }
  async listDates(limit: number) {
    return [...this.houses.keys()].sort().reverse().slice(0, limit);
  }
  async houseEditions(dates: string[]) {
    return dates.flatMap((d) => {
      const id = this.houses.get(d);
      const e = id === undefined ? undefined : this.editions.get(this.key(d, id));
      return e ? [clone(e.edition)] : [];
    });
  }
}

export function createMemoryStore(): Store & {
  articles: MemoryArticleStore;
  feeds: MemoryFeedStateStore;
  subscribers: MemorySubscriberStore;
  sends: MemorySendLedger;
  limits: MemoryRequestCounter;
  editions: MemoryEditionStore;
} {
  return {
    articles: new MemoryArticleStore(),
    feeds: new MemoryFeedStateStore(),
    subscribers: new MemorySubscriberStore(),
    sends: new MemorySendLedger(),
    limits: new MemoryRequestCounter(),
    editions: new MemoryEditionStore(),
  };
}
