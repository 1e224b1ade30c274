/**
 * What the service knows, published: Atom feeds of a topic, of an actor and of the daily editions,
 * and the data of an actor's page.
 *
 * A request first reads a change marker: the sort key of the newest entry of the topic's or the
 * actor's index partition (one keys-only query of one item), or the newest archived date. The
 * validators (a weak ETag and, once loaded, Last-Modified) follow from it, so a repeat request with
 * them is answered 304 from that one query, even by a cold instance. Otherwise the feed or page is
 * built once per marker and instance and kept in memory: the index entries in one query, then only
 * the articles not already held, in batched reads of their heads (never a body).
 *
 * Known limit: an edit to an article that is not the newest of its partition (a corrected title, a
 * topic dropped) shows when the partition next changes, or when its head ages out of the cache.
 */
import { createHash } from 'node:crypto';
import {
  type ActorRef,
  actorsForSlug,
  actorWithIdSlug,
  actorWithSlug,
  canonicalById,
  generatedActorIds,
} from '../analysis/actor-lookup';
import { TOPICS, topicLabel } from '../analysis/topics';
import type { Clock } from '../shared/clock';
import { deliveryInstantOn, localDate } from '../shared/delivery-time';
import { LruCache } from '../shared/lru';
import { actorSlug, readingPaths } from '../shared/reading-paths';
import type {
  ArticleHead,
  ArticleStore,
  Edition,
  EditionStore,
  IndexEntry,
  IndexPartition,
} from '../store/ports';
import { ATOM_TYPE, type AtomEntry, type AtomFeed, renderAtom } from './atom';
import { type PublishedStory, storiesOf } from './stories';

/** Bump when a feed or page would render differently from the same data: clients' validators lapse. */
export const PUBLISH_FORMAT = 1;
/** Stories in a topic or actor feed. */
export const FEED_STORIES = 50;
/** Index entries read for a feed: a story may have several articles in one partition. */
export const FEED_ARTICLES = 120;
/** Daily editions in the digest feed. */
export const DIGEST_FEED_EDITIONS = 30;
/** Days an actor page covers, today included. */
export const ACTOR_PAGE_DAYS = 30;
/** Articles an actor page lists (the newest); its chart counts every one. */
export const ACTOR_PAGE_ARTICLES = 150;
/** Actors named with one, on their page. */
export const CO_ACTORS = 12;
/** The date in every tag: URI we mint (RFC 4151): fixed for good, so ids never change. */
const TAG_DATE = '2026';

export interface PublishDeps {
  articles: Pick<ArticleStore, 'latestIndexKey' | 'latestIndexEntries' | 'getArticleHeads'>;
  editions: Pick<EditionStore, 'listDates' | 'houseEditions'>;
  clock: Clock;
  site: {
    name: string;
    /** Absolute, without a trailing slash needed: links and ids are built on it. */
    baseUrl: string;
    /** The zone an actor page's days are counted in (the archive's). */
    timeZone: string;
  };
}

export interface Loaded<T> {
  value: T;
  /** Weak: the same marker may render byte-different but equivalent documents on two instances. */
  etag: string;
  lastModified: Date;
}

/** A feed or page at its current marker: its ETag before anything is built, the rest on load. */
export interface Versioned<T> {
  etag: string;
  load(): Promise<Loaded<T>>;
}

export interface ActorDay {
  date: string;
  /** Articles naming the actor that reached us that day. */
  articles: number;
}

export interface ActorActivity {
  actor: ActorRef;
  slug: string;
  /** The last ACTOR_PAGE_DAYS days in the site's zone, oldest first, today last. */
  days: ActorDay[];
  /** Every article naming the actor in those days. */
  articleCount: number;
  /** Stories of the newest ACTOR_PAGE_ARTICLES articles, by the day they reached us, newest first. */
  storiesByDay: { date: string; stories: PublishedStory[] }[];
  /** Articles of those days that are counted but not listed (past ACTOR_PAGE_ARTICLES). */
  unlisted: number;
  /** The actors most often named in the same stories, with how many. */
  namedWith: { actor: ActorRef; slug: string; stories: number }[];
  /** The topics of their stories, with how many. */
  topics: { topic: string; stories: number }[];
  /** The time zone the days are counted in. */
  timeZone: string;
  /** When the page's data last changed: its newest story, or the start of today. */
  updated: string;
}

export type ActorResolution =
  | { kind: 'found'; actor: ActorRef; slug: string }
  /** An alias, a surname or another spelling of one actor's canonical slug. */
  | { kind: 'moved'; actor: ActorRef; slug: string }
  | { kind: 'choices'; actors: { actor: ActorRef; slug: string }[] }
  | { kind: 'unknown' };

export interface Publisher {
  /** Undefined for an id that is not one of the taxonomy's. */
  topicFeed(topicId: string): Promise<Versioned<string> | undefined>;
  actorFeed(actor: ActorRef): Promise<Versioned<string>>;
  digestFeed(): Promise<Versioned<string>>;
  actorActivity(actor: ActorRef): Promise<Versioned<ActorActivity>>;
  /** The actor a page slug names: canonical, an alias or surname of one, several, or none. */
  resolveActor(slug: string): Promise<ActorResolution>;
}

export { actorSlug };

/** Feeds and pages kept per warm instance; one feed is tens of KB. */
const DEFAULT_CACHE_ENTRIES = 128;
/** Article heads kept per warm instance (about 1.5 KB each). */
const DEFAULT_HEAD_ENTRIES = 4000;
/** A held head is read again after this, so an edited title shows within the hour of a rebuild. */
const HEAD_TTL_MS = 60 * 60_000;
/** Slug lookups kept; an unknown slug costs at most two one-item queries, then is remembered. */
const RESOLVED_TTL_MS = 10 * 60_000;

export function createPublisher(
  deps: PublishDeps,
  opts: { cacheEntries?: number; headEntries?: number } = {},
): Publisher {
  const base = deps.site.baseUrl.replace(/\/+$/, '');
  const host = tagAuthority(base);
  const built = new LruCache<string, { etag: string; value: Promise<Loaded<unknown>> }>(
    opts.cacheEntries ?? DEFAULT_CACHE_ENTRIES,
  );
  const heads = new LruCache<string, { head: ArticleHead; at: number }>(
    opts.headEntries ?? DEFAULT_HEAD_ENTRIES,
  );
  const resolved = new LruCache<string, { at: number; value: Promise<ActorResolution> }>(512);
  const now = () => deps.clock.now().getTime();

  const etagOf = (...parts: (string | number | undefined)[]) =>
    `W/"${createHash('sha256')
      .update([PUBLISH_FORMAT, base, ...parts].map((p) => p ?? '').join('\n'))
      .digest('base64url')
      .slice(0, 27)}"`;

  /** Built once per key and etag; a build that finds a newer marker is kept under that one's etag. */
  function cached<T>(key: string, etag: string, build: () => Promise<Loaded<T>>): Promise<Loaded<T>> {
    const hit = built.get(key);
    if (hit && hit.etag === etag) return hit.value as Promise<Loaded<T>>;
    const value = build();
    built.set(key, { etag, value });
    value.then(
      (loaded) => {
        if (loaded.etag !== etag && built.get(key)?.value === value)
          built.set(key, { etag: loaded.etag, value });
      },
      () => {
        if (built.get(key)?.value === value) built.delete(key);
      },
    );
    return value;
  }

  /** Heads of `ids`, reading only those not held (or held for over an hour), in batched reads. */
  async function headsOf(ids: string[]): Promise<ArticleHead[]> {
    const t = now();
    const missing = ids.filter((id) => {
      const h = heads.get(id);
      return !h || t - h.at > HEAD_TTL_MS;
    });
    if (missing.length) {
      const read = await deps.articles.getArticleHeads(missing);
      for (const [id, head] of read) heads.set(id, { head, at: t });
    }
    return ids.flatMap((id) => {
      const h = heads.get(id);
      return h ? [h.head] : [];
    });
  }

  const markerTime = (marker: string | undefined) =>
    marker ? marker.slice(0, marker.indexOf('#')) : undefined;
  const keyOf = (e: IndexEntry | undefined) => e && `${e.firstSeenAt}#${e.articleId}`;

  /** A topic's or actor's feed: the stories of the partition's newest FEED_ARTICLES entries. */
  async function partitionFeed(
    partition: IndexPartition,
    describe: () => { key: string; title: string; subtitle: string; self: string; alternate: string },
  ): Promise<Versioned<string>> {
    const d = describe();
    const marker = await deps.articles.latestIndexKey(partition);
    const etag = etagOf('feed', d.key, marker);
    return {
      etag,
      load: () =>
        cached(`feed/${d.key}`, etag, async () => {
          const entries = await deps.articles.latestIndexEntries(partition, { limit: FEED_ARTICLES });
          const stories = storiesOf(await headsOf(entries.map((e) => e.articleId))).slice(0, FEED_STORIES);
          const updated = latest([...stories.map((s) => s.updatedAt), markerTime(keyOf(entries[0]))]);
          const feed: AtomFeed = {
            id: tag(host, `feed/${d.key}`),
            title: `${d.title} · ${deps.site.name}`,
            subtitle: d.subtitle,
            updated,
            links: [
              { rel: 'self', type: ATOM_TYPE, href: `${base}${d.self}` },
              { rel: 'alternate', type: 'text/html', href: `${base}${d.alternate}` },
            ],
            authors: [{ name: deps.site.name, uri: `${base}/` }],
            generator: deps.site.name,
            entries: stories.map((s) => storyEntry(s, host)),
          };
          return {
            value: renderAtom(feed),
            etag: etagOf('feed', d.key, keyOf(entries[0])),
            lastModified: new Date(updated),
          };
        }),
    };
  }

  async function resolve(s: string): Promise<ActorResolution> {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s) || s.length > 100) return { kind: 'unknown' };
    const exact = actorWithSlug(s);
    if (exact) return { kind: 'found', actor: exact, slug: s };
    // A story's link to a body or person it names by another form ("KFOR", "Abbas Araqchi"): the
    // id's slug, moved to the name's.
    const byId = actorWithIdSlug(s);
    if (byId) return { kind: 'moved', actor: byId, slug: actorSlug(byId) };
    // Named outside the gazetteer: a page exists when the store holds entries for it.
    for (const id of generatedActorIds(s)) {
      const marker = await deps.articles.latestIndexKey({ actor: id });
      if (!marker) continue;
      const articleId = marker.slice(marker.indexOf('#') + 1);
      const [head] = await headsOf([articleId]);
      const named = head?.actors.find((x) => x.id === id);
      if (named && actorSlug(named) === s) {
        return { kind: 'found', actor: { id, name: named.name, type: named.type }, slug: s };
      }
    }
    const candidates = actorsForSlug(s).map((actor) => ({ actor, slug: actorSlug(actor) }));
    if (candidates.length === 1) return { kind: 'moved', ...candidates[0]! };
    if (candidates.length > 1) return { kind: 'choices', actors: candidates };
    return { kind: 'unknown' };
  }

  return {
    async topicFeed(topicId) {
      const topic = TOPICS.find((t) => t.id === topicId);
      if (!topic) return undefined;
      return partitionFeed({ topic: topic.id }, () => ({
        key: `topic/${topic.id}`,
        title: topic.label,
        subtitle: topic.description,
        self: readingPaths.topicFeed(topic.id),
        alternate: '/archive',
      }));
    },

    actorFeed(actor) {
      const s = actorSlug(actor);
      return partitionFeed({ actor: actor.id }, () => ({
        key: `actor/${actor.id}`,
        title: actor.name,
        subtitle: `Stories naming ${actor.name}, from the antiwar press.`,
        self: readingPaths.actorFeed(s),
        alternate: readingPaths.actorPage(s),
      }));
    },

    async digestFeed() {
      const [newest] = await deps.editions.listDates(1);
      const etag = etagOf('feed', 'digest', newest);
      return {
        etag,
        load: () =>
          cached('feed/digest', etag, async () => {
            const dates = await deps.editions.listDates(DIGEST_FEED_EDITIONS);
            const editions = await deps.editions.houseEditions(dates);
            const updated = latest(editions.map((e) => e.createdAt));
            const feed: AtomFeed = {
              id: tag(host, 'feed/digest'),
              title: `${deps.site.name}: the daily edition`,
              subtitle: 'Each day’s digest of the antiwar press, every topic, as it was emailed.',
              updated,
              links: [
                { rel: 'self', type: ATOM_TYPE, href: `${base}${readingPaths.digestFeed()}` },
                { rel: 'alternate', type: 'text/html', href: `${base}/archive` },
              ],
              authors: [{ name: deps.site.name, uri: `${base}/` }],
              generator: deps.site.name,
              entries: editions.map((e) => editionEntry(e, base, host, deps.site.name)),
            };
            return {
              value: renderAtom(feed),
              etag: etagOf('feed', 'digest', dates[0]),
              lastModified: new Date(updated),
            };
          }),
      };
    },

    async actorActivity(actor) {
      const today = localDate(deps.clock.now(), deps.site.timeZone);
      const marker = await deps.articles.latestIndexKey({ actor: actor.id });
      const key = `page/actor/${actor.id}`;
      const etag = etagOf(key, marker, today);
      return {
        etag,
        load: () =>
          cached(key, etag, async () => {
            const activity = await buildActivity(actor, today);
            const newest = keyOf(activity.entries[0]);
            return {
              value: activity.value,
              etag: etagOf(key, newest, today),
              lastModified: new Date(activity.value.updated),
            };
          }),
      };
    },

    resolveActor(s) {
      const hit = resolved.get(s);
      if (hit && now() - hit.at < RESOLVED_TTL_MS) return hit.value;
      const value = resolve(s);
      resolved.set(s, { at: now(), value });
      value.catch(() => resolved.delete(s));
      return value;
    },
  };

  /**
   * 1. The actor's index entries of the last ACTOR_PAGE_DAYS days: the chart counts them by day.
   * 2. The heads of the newest ACTOR_PAGE_ARTICLES, as stories by day.
   * 3. Who else those stories name, and under which topics they are.
   */
  async function buildActivity(actor: ActorRef, today: string) {
    const tz = deps.site.timeZone;
    const dates = lastDays(today, ACTOR_PAGE_DAYS);
    const first = dates[0]!;
    const sinceIso = deliveryInstantOn(tz, 0, first).toISOString();
    const all = await deps.articles.latestIndexEntries({ actor: actor.id }, { sinceIso });
    const dayOf = new Map<string, string>();
    const counts = new Map(dates.map((d) => [d, 0]));
    const entries = all.filter((e) => {
      const d = localDate(new Date(e.firstSeenAt), tz);
      if (!counts.has(d)) return false;
      dayOf.set(e.articleId, d);
      counts.set(d, counts.get(d)! + 1);
      return true;
    });
    const listed = entries.slice(0, ACTOR_PAGE_ARTICLES);
    const read = await headsOf(listed.map((e) => e.articleId));
    const stories = storiesOf(read);
    // A story is listed on the day its first article naming the actor reached us.
    const storyOf = new Map(read.map((h) => [h.id, h.storyId]));
    const storyDay = new Map<string, string>();
    for (const e of [...listed].reverse()) {
      const story = storyOf.get(e.articleId);
      if (story !== undefined && !storyDay.has(story)) storyDay.set(story, dayOf.get(e.articleId)!);
    }
    const byDay = new Map<string, PublishedStory[]>();
    for (const s of stories) {
      const d = storyDay.get(s.id) ?? localDate(new Date(s.firstSeenAt), tz);
      byDay.set(d, [...(byDay.get(d) ?? []), s]);
    }
    const withOthers = new Map<string, { actor: ActorRef; stories: number }>();
    const topics = new Map<string, number>();
    for (const s of stories) {
      for (const x of s.actors) {
        if (x.id === actor.id) continue;
        // Named with its canonical name, as its own page is, whatever form the story wrote.
        const name = canonicalById(x.id)?.name ?? x.name;
        const c = withOthers.get(x.id) ?? { actor: { id: x.id, name, type: x.type }, stories: 0 };
        c.stories++;
        withOthers.set(x.id, c);
      }
      for (const t of s.topics) topics.set(t, (topics.get(t) ?? 0) + 1);
    }
    const startOfToday = deliveryInstantOn(tz, 0, today).toISOString();
    const value: ActorActivity = {
      actor,
      slug: actorSlug(actor),
      days: dates.map((date) => ({ date, articles: counts.get(date)! })),
      articleCount: entries.length,
      storiesByDay: [...byDay]
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([date, list]) => ({ date, stories: list })),
      unlisted: entries.length - listed.length,
      namedWith: [...withOthers.values()]
        .sort((a, b) => b.stories - a.stories || a.actor.name.localeCompare(b.actor.name))
        .slice(0, CO_ACTORS)
        .map((c) => ({ ...c, slug: actorSlug(c.actor) })),
      topics: [...topics]
        .map(([topic, n]) => ({ topic, stories: n }))
        .sort((a, b) => b.stories - a.stories || topicLabel(a.topic).localeCompare(topicLabel(b.topic))),
      timeZone: tz,
      updated: latest([...stories.map((s) => s.updatedAt), startOfToday]),
    };
    return { value, entries };
  }
}

function storyEntry(s: PublishedStory, host: string): AtomEntry {
  const [lead, ...others] = s.sources;
  const outlet = lead?.outlet ?? '';
  const also = others.map((o) => o.outlet).filter((o, i, all) => o !== outlet && all.indexOf(o) === i);
  return {
    id: tag(host, `story/${s.id}`),
    title: s.title,
    updated: s.updatedAt,
    published: s.publishedAt,
    links: [
      { rel: 'alternate', type: 'text/html', href: s.url },
      ...others.map((o) => ({ rel: 'related' as const, type: 'text/html', href: o.url, title: o.outlet })),
    ],
    authors: [{ name: s.author ? `${s.author} (${outlet})` : outlet }],
    categories: s.topics.map((t) => ({ term: t, label: topicLabel(t) })),
    summary: [s.summary, also.length ? `Also reported by ${also.join(', ')}.` : ''].filter(Boolean).join(' '),
  };
}

function editionEntry(e: Edition, base: string, host: string, siteName: string): AtomEntry {
  const stories = `${e.storyCount} ${e.storyCount === 1 ? 'story' : 'stories'}`;
  return {
    id: tag(host, `edition/${e.date}`),
    title: e.subject,
    updated: e.createdAt,
    published: e.createdAt,
    links: [
      { rel: 'alternate', type: 'text/html', href: `${base}/archive/${e.date}` },
      {
        rel: 'related',
        type: 'text/html',
        href: `${base}/archive/${e.date}/all`,
        title: 'Every story of the day',
      },
    ],
    authors: [{ name: siteName }],
    summary: `The digest of ${e.date}: ${stories}, every topic.`,
  };
}

/** `tag:host,2026:specific` (RFC 4151): permanent, and the same wherever the entry appears. */
const tag = (host: string, specific: string) => `tag:${host},${TAG_DATE}:${specific}`;

function tagAuthority(base: string): string {
  try {
    return new URL(base).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** The latest of ISO times; the Unix epoch when there is none (an empty feed). */
function latest(times: (string | undefined)[]): string {
  let max = '1970-01-01T00:00:00.000Z';
  for (const t of times) if (t && t > max) max = t;
  return max;
}

/** `n` dates ending with `today`, oldest first. */
export function lastDays(today: string, n: number): string[] {
  const end = Date.parse(`${today}T12:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(end - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}
