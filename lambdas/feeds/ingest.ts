/**
 * The ingest use case: one pass over a list of feeds.
 *
 * Per feed: load state (one batched read for all feeds), skip disabled or not-yet-due feeds unless
 * forced, fetch (validators, redirects, SSRF guard, limits), decode, parse, clean, key each item,
 * read seen-records in one batch, create new articles, update changed ones, assign story ids, and
 * write the feed's state once. One failing feed never stops the others.
 */
import pLimit from 'p-limit';
import type { Clock } from '../shared/clock';
import { stripInvisible } from '../shared/display-text';
import type { Log } from '../shared/log';
import type { Analysis, Article, FeedConfig, FeedErrorKind, FeedState, FeedStatus } from '../shared/types';
import type { ArticleStore, FeedStateStore, LinkRecord } from '../store/ports';
import { cleanArticle, DEFAULT_MAX_ARTICLE_BYTES } from './clean';
import { decodeFeed } from './decode';
import { errorKindOf, FeedDecodeError, FeedFetchError, FeedParseError } from './errors';
import { createFeedFetcher, DEFAULT_FETCH_OPTIONS, type FeedFetcher, type FetchOptions } from './fetch';
import {
  articleId,
  contentHash,
  decodedSimilarity,
  decodeSignature,
  itemKeys,
  SAME_STORY_THRESHOLD,
  storySignature,
} from './identity';
import { type ParsedFeed, type ParsedItem, parseFeed } from './parse';
import {
  afterFailure,
  afterSuccess,
  DEFAULT_SCHEDULE,
  fetchUrlOf,
  initialState,
  isDue,
  type ScheduleOptions,
  validatorsFor,
} from './schedule';
import { canonicalUrl, offsiteDomain } from './url';

export interface IngestOptions extends FetchOptions, ScheduleOptions {
  /** R16. Default 100. */
  maxItemsPerFeed: number;
  /** Feeds fetched at once, over all hosts; high enough that the per-host limit binds. Default 50. */
  concurrency: number;
  /** Fetches at once per host name (R15). Default 2. */
  perHostConcurrency: number;
  /** Cap on a stored article's html and text, in UTF-8 bytes. Default 100 000. */
  maxArticleBytes: number;
  /** How far back an article may be to share a story with a new one (R25). Default 3 days. */
  storyWindowMs: number;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  ...DEFAULT_FETCH_OPTIONS,
  ...DEFAULT_SCHEDULE,
  maxItemsPerFeed: 100,
  concurrency: 50,
  perHostConcurrency: 2,
  maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES,
  storyWindowMs: 3 * 24 * 3_600_000,
};

/** Operator counters; Powertools Metrics fits (`addMetric(name, Count, value)`). */
export interface IngestMetrics {
  count(
    name: 'FeedGone' | 'FeedDisabled' | 'FeedFailed' | 'ArticlesNew' | 'ArticlesUpdated',
    value: number,
  ): void;
}

export interface IngestDeps {
  articles: ArticleStore;
  feeds: FeedStateStore;
  analyze(input: { title: string; text: string; outlet?: string }): Analysis;
  clock: Clock;
  log: Log;
  metrics?: IngestMetrics;
  options?: Partial<IngestOptions>;
  /** The HTTP client; by default one is created from `options` for the run and closed after it. */
  fetcher?: FeedFetcher;
}

export interface FeedReport {
  url: string;
  outlet: string;
  status: FeedStatus;
  errorKind?: FeedErrorKind;
  error?: string;
  items: number;
  new: number;
  updated: number;
  ms: number;
}

export interface IngestReport {
  feeds: FeedReport[];
  articles: { new: number; updated: number };
}

/** Thrown only for a problem of our own (store), never for a feed's; the feed is reported as error. */
class IngestStoreError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'IngestStoreError';
  }
}

interface Candidate {
  item: ParsedItem;
  key: string;
  /** The item has a link of its own (not the feed's site), so a match by link is meaningful. */
  ownLink: boolean;
  article: Article;
}

interface RecentArticle {
  id: string;
  storyId: string;
  signature: Uint32Array | undefined;
}

function resolveOptions(partial: Partial<IngestOptions> | undefined): IngestOptions {
  const o = { ...DEFAULT_INGEST_OPTIONS, ...partial };
  for (const k of ['maxItemsPerFeed', 'concurrency', 'perHostConcurrency'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1)
      throw new RangeError(`ingest option ${k} must be a positive integer`);
  }
  return o;
}

/** Checks a configured feed list once (R9): http(s) URLs, outlet names, no duplicates. */
export function validateFeedConfigs(feeds: FeedConfig[]): FeedConfig[] {
  const seen = new Set<string>();
  return feeds.map((f, i) => {
    let url: URL;
    try {
      url = new URL(f.url);
    } catch {
      throw new RangeError(`feeds[${i}].url is not a URL: ${String(f.url)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RangeError(`feeds[${i}].url must be http or https: ${f.url}`);
    }
    // An outlet name is shown as it is: no bidi overrides or invisible characters (issue 12 item 9).
    const outlet = typeof f.outlet === 'string' ? stripInvisible(f.outlet).trim() : '';
    if (!outlet) throw new RangeError(`feeds[${i}].outlet is missing`);
    if (seen.has(f.url)) throw new RangeError(`feeds[${i}].url is listed twice: ${f.url}`);
    seen.add(f.url);
    return { url: f.url, outlet };
  });
}

function clampDate(iso: string | undefined, now: Date): string {
  const nowIso = now.toISOString();
  if (!iso) return nowIso;
  // R24: a date in the future is the fetch time.
  return iso > nowIso ? nowIso : iso;
}

/** The link readers follow: the item's own, a permalink guid, else the feed's site. */
function itemUrl(item: ParsedItem, base: string, feed: ParsedFeed): { url: string; own: boolean } {
  const link = canonicalUrl(item.link, base);
  if (link) return { url: link, own: true };
  const guid = item.guid && /^https?:\/\//i.test(item.guid) ? canonicalUrl(item.guid, base) : undefined;
  if (guid) return { url: guid, own: true };
  return { url: canonicalUrl(feed.link, base) ?? base, own: false };
}

/** Builds the article candidates of one parsed feed: cleaned, keyed, hashed, not yet analysed. */
export function buildCandidates(
  feed: ParsedFeed,
  cfg: FeedConfig,
  fetchedFrom: string,
  now: Date,
  opts: Pick<IngestOptions, 'maxItemsPerFeed' | 'maxArticleBytes'>,
): Candidate[] {
  const items = feed.items.slice(0, opts.maxItemsPerFeed);
  const nowIso = now.toISOString();
  const cleaned = items.map((item) => {
    const { url, own } = itemUrl(item, fetchedFrom, feed);
    const title = item.title.slice(0, 500) || '(untitled)';
    const c = cleanArticle({
      html: item.html,
      title,
      baseUrl: own ? url : fetchedFrom,
      maxBytes: opts.maxArticleBytes,
    });
    return { item, url, own, title, c };
  });
  const keys = itemKeys(
    cleaned.map(({ item, title, c }) => ({
      ...(item.guid ? { guid: item.guid } : {}),
      ...(item.link ? { link: item.link } : {}),
      title,
      text: c.text,
    })),
    fetchedFrom,
  );
  const byId = new Map<string, Candidate>();
  cleaned.forEach(({ item, url, own, title, c }, i) => {
    const key = keys[i]!;
    const id = articleId(cfg.url, key);
    if (byId.has(id)) return; // the same item twice in one document: first wins
    const signature = storySignature(title, c.text);
    const article: Article = {
      id,
      feedUrl: cfg.url,
      outlet: cfg.outlet,
      itemKey: key,
      url,
      title,
      html: c.html,
      text: c.text,
      summary: c.summary,
      wordCount: c.wordCount,
      contentHash: contentHash(title, c.text),
      publishedAt: clampDate(item.publishedAt, now),
      firstSeenAt: nowIso,
      updatedAt: nowIso,
      storyId: id,
      actors: [],
      topics: [],
    };
    if (item.author) article.author = item.author.slice(0, 200);
    if (signature) article.signature = signature;
    const linkDomain = own ? offsiteDomain(url, [cfg.url, fetchedFrom, feed.link]) : undefined;
    if (linkDomain) article.linkDomain = linkDomain;
    byId.set(id, { item, key, ownLink: own, article });
  });
  return [...byId.values()];
}

/** Anything unexpected while reading a fetched body is the body's fault: a parse error. */
function guardParse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FeedParseError || err instanceof FeedDecodeError) throw err;
    throw new FeedParseError(`unreadable item: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/** Resolves after pending I/O and timers have had their turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function readFeed(
  body: Buffer,
  contentType: string | undefined,
  cfg: FeedConfig,
  fetchedFrom: string,
  now: Date,
  opts: IngestOptions,
): Promise<Candidate[]> {
  const decoded = decodeFeed(body, contentType);
  const feed = await parseFeed(decoded.text, { maxItems: opts.maxItemsPerFeed });
  return guardParse(() => buildCandidates(feed, cfg, fetchedFrom, now, opts));
}

/** Runs one ingestion pass over `feeds`. See the module docblock for the steps. */
export async function ingestFeeds(
  deps: IngestDeps,
  feeds: FeedConfig[],
  runOpts: {
    force?: boolean;
    /** Feeds due by this time count as due; a planner that ran a little earlier passes its horizon. */
    dueBy?: Date;
  } = {},
): Promise<IngestReport> {
  const opts = resolveOptions(deps.options);
  const configs = validateFeedConfigs(feeds);
  const runStart = deps.clock.now();
  const states = configs.length
    ? await deps.feeds.getMany(configs.map((f) => f.url))
    : new Map<string, FeedState>();
  const fetcher = deps.fetcher ?? createFeedFetcher(opts, { now: () => deps.clock.now() });
  const fetchLimit = pLimit(opts.concurrency);
  const hostLimits = new Map<string, ReturnType<typeof pLimit>>();
  const hostLimit = (url: string) => {
    const host = new URL(url).host.toLowerCase();
    let l = hostLimits.get(host);
    if (!l) {
      l = pLimit(opts.perHostConcurrency);
      hostLimits.set(host, l);
    }
    return l;
  };

  // Recent articles for near-duplicate stories: loaded once per run, on first need.
  let recent: Promise<RecentArticle[]> | undefined;
  const recentArticles = () => {
    recent ??= deps.articles
      .listFirstSeenBetween(
        new Date(runStart.getTime() - opts.storyWindowMs).toISOString(),
        runStart.toISOString(),
      )
      .then((list) =>
        list.map(
          (a): RecentArticle => ({ id: a.id, storyId: a.storyId, signature: decodeSignature(a.signature) }),
        ),
      )
      .catch((err: unknown) => {
        deps.log.warn('recent articles unavailable; stories matched by link only', { error: String(err) });
        return [];
      });
    return recent;
  };

  // Links stored by this run, so sibling feeds join the stories their articles start (R25).
  const runLinks = new Map<string, LinkRecord>();

  /** The story of a new article: by its canonical link, else by a near-identical recent one. */
  function assignStory(
    article: Article,
    ownLink: boolean,
    links: Map<string, LinkRecord>,
    recentList: RecentArticle[],
  ): string {
    if (ownLink) {
      const hit = runLinks.get(article.url) ?? links.get(article.url);
      if (hit && hit.articleId !== article.id) return hit.storyId;
    }
    const mine = decodeSignature(article.signature);
    if (!mine) return article.id;
    let best: RecentArticle | undefined;
    let bestScore = SAME_STORY_THRESHOLD;
    for (const r of recentList) {
      if (r.id === article.id) continue;
      const s = decodedSimilarity(mine, r.signature);
      if (s >= bestScore) {
        best = r;
        bestScore = s;
      }
    }
    return best ? best.storyId : article.id;
  }

  async function processFeed(cfg: FeedConfig): Promise<FeedReport> {
    const started = deps.clock.now();
    const ms = () => Math.max(0, deps.clock.now().getTime() - started.getTime());
    const stored = states.get(cfg.url);
    // The configured outlet name wins over the one stored with an older configuration.
    const state = stored ? { ...stored, outlet: cfg.outlet } : initialState(cfg, started);
    const report: FeedReport = {
      url: cfg.url,
      outlet: cfg.outlet,
      status: 'skipped',
      items: 0,
      new: 0,
      updated: 0,
      ms: 0,
    };
    const dueAt = runOpts.dueBy && runOpts.dueBy > started ? runOpts.dueBy : started;
    if (!runOpts.force && !isDue(state, dueAt)) {
      report.ms = ms();
      return report;
    }

    const fetchUrl = fetchUrlOf(state, opts);
    const validators = validatorsFor(state, started, opts);
    let nextState: FeedState;
    try {
      // The limits hold connections, not the work after them: a feed's host slot first (waiting for it
      // holds nothing else), then one of the overall slots. Parsing and storing run as bodies arrive.
      const res = await hostLimit(fetchUrl)(() => fetchLimit(() => fetcher.fetch(fetchUrl, validators)));
      const now = deps.clock.now();
      const success = {
        httpStatus: res.httpStatus,
        unconditional: validators === undefined,
        ...(res.permanentRedirect ? { permanentRedirect: res.permanentRedirect } : {}),
      };
      if (res.status === 'not_modified') {
        report.status = 'not_modified';
        nextState = afterSuccess(state, now, { ...success, status: 'not_modified' }, opts);
      } else {
        const candidates = await readFeed(res.body, res.contentType, cfg, res.url, now, opts);
        report.status = 'fetched';
        report.items = candidates.length;
        const counts = await storeCandidates(candidates, now);
        report.new = counts.new;
        report.updated = counts.updated;
        nextState = afterSuccess(
          state,
          now,
          {
            ...success,
            status: 'fetched',
            ...(res.etag ? { etag: res.etag } : {}),
            ...(res.lastModified ? { lastModified: res.lastModified } : {}),
          },
          opts,
        );
        deps.log.info('feed fetched', {
          feedUrl: cfg.url,
          items: report.items,
          new: report.new,
          updated: report.updated,
        });
      }
    } catch (err) {
      if (err instanceof IngestStoreError) {
        // Our failure, not the feed's: leave its state alone so the next run tries again.
        deps.log.error('feed not stored', { feedUrl: cfg.url, error: err.message });
        report.status = 'error';
        report.error = err.message;
        report.ms = ms();
        return report;
      }
      const kind = errorKindOf(err);
      const message = err instanceof Error ? err.message : String(err);
      const fetchErr = err instanceof FeedFetchError ? err : undefined;
      const outcome = afterFailure(
        state,
        deps.clock.now(),
        {
          kind,
          message,
          ...(fetchErr?.httpStatus !== undefined ? { httpStatus: fetchErr.httpStatus } : {}),
          ...(fetchErr?.retryAfterMs !== undefined ? { retryAfterMs: fetchErr.retryAfterMs } : {}),
        },
        opts,
      );
      nextState = outcome.state;
      report.status = 'error';
      report.errorKind = kind;
      report.error = message;
      deps.metrics?.count('FeedFailed', 1);
      if (outcome.disabled === 'gone') {
        deps.metrics?.count('FeedGone', 1);
        deps.log.error('feed gone; disabled', { feedUrl: cfg.url });
      } else if (outcome.disabled === 'failing') {
        deps.metrics?.count('FeedDisabled', 1);
        deps.log.error('feed failing for too long; disabled', {
          feedUrl: cfg.url,
          since: nextState.failingSince,
        });
      } else {
        deps.log.warn('feed failed', {
          feedUrl: cfg.url,
          errorKind: kind,
          error: message,
          next: nextState.nextAttemptAt,
        });
      }
    }
    try {
      await deps.feeds.put(nextState);
    } catch (cause) {
      deps.log.error('feed state not saved', { feedUrl: cfg.url, error: String(cause) });
      report.status = 'error';
      report.error = `feed state not saved: ${String(cause)}`;
    }
    report.ms = ms();
    return report;
  }

  /**
   * Stores one feed's candidates: one batched read of their seen-keys and links, then the new
   * articles (analysed, linked to stories) and the changed ones, each in batched writes.
   */
  async function storeCandidates(
    candidates: Candidate[],
    now: Date,
  ): Promise<{ new: number; updated: number }> {
    if (candidates.length === 0) return { new: 0, updated: 0 };
    const store = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (cause) {
        throw new IngestStoreError(`${what}: ${String(cause)}`, { cause });
      }
    };
    const known = await store('seen-keys unavailable', () =>
      deps.articles.lookup(
        candidates.map((c) => c.article.id),
        candidates.filter((c) => c.ownLink).map((c) => c.article.url),
      ),
    );
    const fresh = candidates.filter((c) => !known.seen.has(c.article.id));
    const changed = candidates.filter((c) => {
      const record = known.seen.get(c.article.id);
      return record !== undefined && record.contentHash !== c.article.contentHash;
    });

    // A macrotask of its own for each feed's analysis: the feeds whose reads came back in one batch
    // would otherwise analyse back to back in one run of microtasks, holding every write (and its
    // batch timer) until the last of them, so the store sat idle and then had all of it at once.
    if (fresh.length) await nextTurn();
    const created = fresh.length ? newArticles(fresh, known.links, await recentArticles()) : [];
    if (created.length) await store('new articles not stored', () => deps.articles.putNewArticles(created));

    let updated = 0;
    if (changed.length) {
      // R24: an expired article stays expired; only a live one is updated (R23).
      const previous = await store('changed articles unavailable', () =>
        deps.articles.getArticles(changed.map((c) => c.article.id)),
      );
      const changes = changed.flatMap((c) => {
        const before = previous.get(c.article.id);
        if (!before) return [];
        const analysis = deps.analyze({
          title: c.article.title,
          text: c.article.text,
          outlet: c.article.outlet,
        });
        const next: Article = {
          ...c.article,
          actors: analysis.actors,
          topics: analysis.topics,
          publishedAt: before.publishedAt,
          firstSeenAt: before.firstSeenAt,
          storyId: before.storyId,
          updatedAt: now.toISOString(),
        };
        return [{ next, previous: before }];
      });
      if (changes.length)
        await store('changed articles not stored', () => deps.articles.putUpdatedArticles(changes));
      updated = changes.length;
    }
    if (created.length) deps.metrics?.count('ArticlesNew', created.length);
    if (updated) deps.metrics?.count('ArticlesUpdated', updated);
    return { new: created.length, updated };
  }

  /**
   * Analyses the unseen candidates and gives each its story, registering each at once (before any
   * await) so the candidates and feeds after it can join it. An article whose link record names
   * itself was half-stored by a crashed run: it keeps that run's first-seen time and story, so
   * writing it again overwrites the same items.
   */
  function newArticles(
    fresh: Candidate[],
    links: Map<string, LinkRecord>,
    recentList: RecentArticle[],
  ): Article[] {
    return fresh.map((c) => {
      const analysis = deps.analyze({
        title: c.article.title,
        text: c.article.text,
        outlet: c.article.outlet,
      });
      const own = c.ownLink ? links.get(c.article.url) : undefined;
      const resumed = own?.articleId === c.article.id && own.firstSeenAt ? own : undefined;
      const article: Article = {
        ...c.article,
        actors: analysis.actors,
        topics: analysis.topics,
        ...(resumed ? { firstSeenAt: resumed.firstSeenAt!, storyId: resumed.storyId } : {}),
      };
      if (!resumed) article.storyId = assignStory(article, c.ownLink, links, recentList);
      if (c.ownLink)
        runLinks.set(article.url, {
          articleId: article.id,
          storyId: article.storyId,
          firstSeenAt: article.firstSeenAt,
        });
      recentList.push({
        id: article.id,
        storyId: article.storyId,
        signature: decodeSignature(article.signature),
      });
      return article;
    });
  }

  try {
    const reports = await Promise.all(configs.map((cfg) => processFeed(cfg)));
    return {
      feeds: reports,
      articles: {
        new: reports.reduce((s, r) => s + r.new, 0),
        updated: reports.reduce((s, r) => s + r.updated, 0),
      },
    };
  } finally {
    if (!deps.fetcher) await fetcher.close();
  }
}

export interface CheckedItem {
  id: string;
  itemKey: string;
  url: string;
  /** Where the link goes when that is not the outlet's domain (Article.linkDomain). */
  linkDomain?: string;
  title: string;
  author?: string;
  publishedAt: string;
  summary: string;
  wordCount: number;
  contentHash: string;
  actors: Analysis['actors'];
  topics: Analysis['topics'];
}

export interface CheckReport {
  url: string;
  status: Extract<FeedStatus, 'fetched' | 'error'>;
  errorKind?: FeedErrorKind;
  error?: string;
  httpStatus?: number;
  /** Where the feed was found after redirects. */
  finalUrl?: string;
  encoding?: string;
  format?: ParsedFeed['format'];
  title?: string;
  items: CheckedItem[];
  ms: number;
}

/**
 * `feeds check URL`: fetches once without validators, parses, cleans and analyses, and stores
 * nothing. Says what would be stored, or why not.
 */
export async function checkFeed(
  deps: Pick<IngestDeps, 'analyze' | 'clock' | 'log' | 'options' | 'fetcher'>,
  url: string,
  outlet?: string,
): Promise<CheckReport> {
  const opts = resolveOptions(deps.options);
  const started = deps.clock.now();
  const ms = () => Math.max(0, deps.clock.now().getTime() - started.getTime());
  const fetcher = deps.fetcher ?? createFeedFetcher(opts, { now: () => deps.clock.now() });
  try {
    const res = await fetcher.fetch(url, undefined);
    if (res.status === 'not_modified') {
      return {
        url,
        status: 'error',
        error: 'unexpected 304 to an unconditional request',
        httpStatus: 304,
        items: [],
        ms: ms(),
      };
    }
    const decoded = decodeFeed(res.body, res.contentType);
    const feed = await parseFeed(decoded.text, { maxItems: opts.maxItemsPerFeed });
    const candidates = guardParse(() =>
      buildCandidates(
        feed,
        { url, outlet: outlet ?? new URL(res.url).hostname },
        res.url,
        deps.clock.now(),
        opts,
      ),
    );
    const items = candidates.map(({ article: a }): CheckedItem => {
      const analysis = deps.analyze({ title: a.title, text: a.text, outlet: a.outlet });
      return {
        id: a.id,
        itemKey: a.itemKey,
        url: a.url,
        ...(a.linkDomain ? { linkDomain: a.linkDomain } : {}),
        title: a.title,
        ...(a.author ? { author: a.author } : {}),
        publishedAt: a.publishedAt,
        summary: a.summary,
        wordCount: a.wordCount,
        contentHash: a.contentHash,
        actors: analysis.actors,
        topics: analysis.topics,
      };
    });
    return {
      url,
      status: 'fetched',
      httpStatus: res.httpStatus,
      finalUrl: res.url,
      encoding: decoded.encoding,
      format: feed.format,
      ...(feed.title ? { title: feed.title } : {}),
      items,
      ms: ms(),
    };
  } catch (err) {
    const fetchErr = err instanceof FeedFetchError ? err : undefined;
    return {
      url,
      status: 'error',
      errorKind: errorKindOf(err),
      error: err instanceof Error ? err.message : String(err),
      ...(fetchErr?.httpStatus !== undefined ? { httpStatus: fetchErr.httpStatus } : {}),
      items: [],
      ms: ms(),
    };
  } finally {
    if (!deps.fetcher) await fetcher.close();
  }
}
