/**
 * Digest composition, pure: which stories a reader gets, under which topic, in what order.
 * Articles become stories (one entry per storyId, every outlet named: R25), stories are ranked by
 * importance; stories naming an actor the reader follows open the digest ("You follow"), the most
 * important of the rest lead as "Top stories", the rest are grouped under the reader's topics in
 * taxonomy order, and the actors standing out against the last 30 days are counted.
 */
import { isTopicId, TOPIC_IDS, topicLabel } from '../analysis/topics';
import type { ActorType, Article } from '../shared/types';
import type { DigestWindow } from './window';

export interface StorySource {
  outlet: string;
  url: string;
  articleId: string;
}

export interface StoryActor {
  id: string;
  name: string;
  type: ActorType;
  mentions: number;
}

export interface Story {
  storyId: string;
  title: string;
  /** Link of the lead article. */
  url: string;
  /** One per outlet, lead article first. */
  sources: StorySource[];
  /** Earliest first sighting among the story's articles in the window. */
  firstSeenAt: string;
  /** When the lead article was published. */
  publishedAt: string;
  summary: string;
  /** Every actor the story's articles name, most mentioned first. */
  actors: StoryActor[];
  /** Known topic ids, main topic first. */
  topics: string[];
  /** Per topic id, the sentence that supports it most (from analysis, when it gave one). */
  evidence: Record<string, string>;
  score: number;
}

/** The stories of one window, ready to be cut into topic selections. */
export interface StoryPool {
  window: DigestWindow;
  stories: Story[];
}

export interface DigestEntry extends Story {
  /**
   * The topic it is listed under: its section's, or for a top story the one it would be in; for a
   * story of "You follow", the reader's topic it is about, else its main topic ('' when it has none).
   */
  home: string;
  /** The story's other topics, named as plain text ("Also about: …"): never a claim it is listed there. */
  alsoAbout: string[];
  /** In "You follow": the followed actors the story names, most mentioned first. */
  via?: StoryActor[];
}

/** "You follow": every story naming an actor the reader follows, whatever its topics. */
export interface FollowSection {
  /** Shown, most important first; not repeated anywhere else in the digest. */
  entries: DigestEntry[];
  /** How many more beyond the cap ("more on the web"). */
  more: number;
  /** The followed actors these stories name, in order of first appearance. */
  actors: { id: string; name: string }[];
}

export interface DigestSection {
  topic: string;
  label: string;
  /** The entries shown, most important first (top stories are not repeated here). */
  entries: DigestEntry[];
  /** How many more the topic has beyond the cap ("more on the web"). */
  more: number;
}

export interface ActorCount {
  id: string;
  name: string;
  stories: number;
  /** How much more often than over the baseline days the actor is named; absent without a baseline. */
  lift?: number;
}

/** How often each actor was named over recent days (the "In the news" baseline). */
export interface ActorBaseline {
  days: number;
  /** Articles that named at least one actor. */
  articles: number;
  /** Articles naming each actor, by actor id. */
  byActor: ReadonlyMap<string, number>;
}

/** Articles naming each actor over a week and the week before it (ArticleStore.actorDays). */
export interface WeekActorCounts {
  thisWeek: ReadonlyMap<string, number>;
  lastWeek: ReadonlyMap<string, number>;
}

/** A row of "Most in the news this week". */
export interface WeekActor {
  id: string;
  name: string;
  /** Articles naming the actor this week (all reporting, not only the reader's topics). */
  articles: number;
  /** The same count the week before; absent when the counts could not be read. */
  previous?: number;
}

export interface ComposedDigest {
  /** A weekly edition: the week's stories, "Most in the news this week" instead of "In the news". */
  cadence?: 'weekly';
  date: string;
  timeZone: string;
  window: DigestWindow;
  /** The reader's topic selection, in taxonomy order. */
  topics: string[];
  /**
   * The story the subject names: the first of "You follow" when there is one, else the selection's
   * most important (also the first of `top` when there is a top block).
   */
  lead?: DigestEntry;
  /** Stories naming a followed actor: they open the digest. Absent when none does. */
  following?: FollowSection;
  /**
   * Shown first, most important first, and not repeated in the sections: "Top stories" (the three
   * most important), or on a light day (fewer than five stories) every story, with no sections.
   */
  top: DigestEntry[];
  /** In the selection's (taxonomy) order, so a reader finds a section in the same place each day. */
  sections: DigestSection[];
  inTheNews: ActorCount[];
  /** Weekly: the actors most named this week, with the week before's count. */
  weekNews?: WeekActor[];
  /** Stories in the digest, shown or not, each counted once ("You follow" included). */
  storyCount: number;
  /** Of those, published before the window opened (they reached us late): the header says so. */
  lateCount: number;
  outletCount: number;
}

export const DEFAULT_MAX_STORIES_PER_TOPIC = 6;
export const TOP_STORIES = 3;
/** Below this many stories a digest is one ranked list: sections of one story each read badly. */
export const LIGHT_DAY_STORIES = 5;
/** At most this many top stories share a section, when the selection has several. */
const TOP_PER_TOPIC = 2;
/** A story's main actors, by mentions: those its importance is reckoned by. */
const MAIN_ACTORS = 4;
const IN_THE_NEWS = 5;
/** "In the news" names actors named by at least this many stories, at least this much above usual. */
const IN_THE_NEWS_MIN_STORIES = 2;
const IN_THE_NEWS_MIN_LIFT = 1.5;
/** A baseline thinner than this says little about what is usual: count stories instead. */
const BASELINE_MIN_ARTICLES = 50;
/** Without a baseline, from this many stories on, an actor in more than half of them is left out. */
const BACKDROP_MIN_STORIES = 6;
const SUMMARY_MAX_CHARS = 360;
const RECENCY_SPAN_MS = 36 * 3_600_000;

/** Known topic ids of a selection in taxonomy order; an empty (or wholly unknown) one means all. */
export function normaliseTopics(topics: readonly string[]): string[] {
  const wanted = new Set(topics.filter(isTopicId));
  return wanted.size ? TOPIC_IDS.filter((t) => wanted.has(t)) : [...TOPIC_IDS];
}

/**
 * Groups the window's articles into ranked stories. Recency counts over the last 36 hours of the
 * window, or over `recencySpanMs` (a week's window weighs its whole week).
 */
export function buildStoryPool(
  articles: readonly Article[],
  window: DigestWindow,
  recencySpanMs = RECENCY_SPAN_MS,
): StoryPool {
  const byStory = new Map<string, Article[]>();
  for (const a of articles) {
    if (a.firstSeenAt < window.from || a.firstSeenAt >= window.to) continue;
    const key = a.storyId || a.id;
    const group = byStory.get(key);
    if (group) group.push(a);
    else byStory.set(key, [a]);
  }
  const stories = [...byStory.entries()].map(([storyId, group]) => toStory(storyId, group));
  rank(stories, window, recencySpanMs);
  return { window, stories };
}

function toStory(storyId: string, group: Article[]): Story {
  // The original publication leads; republications and other outlets follow in order of appearance.
  const ordered = [...group].sort(
    (a, b) =>
      a.publishedAt.localeCompare(b.publishedAt) ||
      a.firstSeenAt.localeCompare(b.firstSeenAt) ||
      a.id.localeCompare(b.id),
  );
  const lead = ordered[0]!;
  const sources: StorySource[] = [];
  const outlets = new Set<string>();
  for (const a of ordered) {
    const outlet = a.outlet.trim() || hostOf(a.url);
    if (outlets.has(outlet.toLowerCase())) continue;
    outlets.add(outlet.toLowerCase());
    sources.push({ outlet, url: a.url, articleId: a.id });
  }
  const topics: string[] = [];
  const evidence: Record<string, string> = {};
  for (const a of ordered) {
    for (const t of a.topics) {
      if (!isTopicId(t.id)) continue;
      if (!topics.includes(t.id)) topics.push(t.id);
      const why = t.evidence?.replace(/\s+/g, ' ').trim();
      if (why && !evidence[t.id]) evidence[t.id] = why;
    }
  }
  const actors = new Map<string, StoryActor>();
  for (const a of ordered) {
    for (const x of a.actors) {
      const seen = actors.get(x.id);
      if (seen) seen.mentions += x.mentions;
      else actors.set(x.id, { id: x.id, name: x.name, type: x.type, mentions: x.mentions });
    }
  }
  return {
    storyId,
    title: lead.title.trim() || '(untitled)',
    url: lead.url,
    sources,
    firstSeenAt: ordered.map((a) => a.firstSeenAt).sort()[0]!,
    publishedAt: lead.publishedAt,
    summary: twoSentences(ordered.find((a) => a.summary.trim())?.summary ?? lead.text),
    actors: [...actors.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
    topics,
    evidence,
    score: 0,
  };
}

/**
 * Importance: how many outlets ran the story counts most, then how central its actors are to the
 * day (the share of the window's stories naming them), then recency. Ties break on time and id, so
 * the order never depends on the store's.
 */
function rank(stories: Story[], window: DigestWindow, recencySpanMs: number): void {
  const actorStories = new Map<string, number>();
  for (const s of stories)
    for (const a of s.actors.slice(0, MAIN_ACTORS)) actorStories.set(a.id, (actorStories.get(a.id) ?? 0) + 1);
  const busiest = Math.max(1, ...actorStories.values());
  const end = new Date(window.to).getTime();
  for (const s of stories) {
    const top = s.actors.slice(0, 3);
    const centrality = top.length
      ? top.reduce((sum, a) => sum + (actorStories.get(a.id) ?? 0) / busiest, 0) / top.length
      : 0;
    const age = Math.max(0, end - new Date(s.firstSeenAt).getTime());
    const recency = 1 - Math.min(1, age / recencySpanMs);
    s.score = 2 * (s.sources.length - 1) + 1.5 * centrality + recency;
  }
  stories.sort(compareStories);
}

const compareStories = (a: Story, b: Story) =>
  b.score - a.score || b.firstSeenAt.localeCompare(a.firstSeenAt) || a.storyId.localeCompare(b.storyId);

export interface ComposeOptions {
  date: string;
  timeZone: string;
  topics: readonly string[];
  maxStoriesPerTopic?: number;
  /** Recent days' actor counts, so "In the news" names who stands out today. @default none: by count */
  baseline?: ActorBaseline;
  /** Actor ids the reader follows: stories naming one open the digest, whatever their topics. */
  follow?: readonly string[];
  /** The weekly edition: "Most in the news this week" from `week` instead of "In the news". */
  cadence?: 'weekly';
  week?: WeekActorCounts;
}

/** Anchor of the "You follow" section (its "more on the web" link lands there). */
export const FOLLOW_ANCHOR = 'following';

/**
 * Cuts a reader's digest out of the pool:
 * 1. each story once: naming an actor the reader follows, in "You follow" whatever its topics;
 *    else under its main topic when the reader follows it, else under the first of its topics
 *    they do follow;
 * 2. the most important few of the topic stories lead as "Top stories" (at most two from one
 *    section) and are not repeated below; on a light day every one is in that one list;
 * 3. sections in the selection's taxonomy order, each most important first, capped;
 * 4. "In the news" from every story of the digest against the baseline.
 */
export function composeDigest(pool: StoryPool, options: ComposeOptions): ComposedDigest {
  const selection = normaliseTopics(options.topics);
  const cap = Math.max(1, options.maxStoriesPerTopic ?? DEFAULT_MAX_STORIES_PER_TOPIC);
  const chosen = new Set(selection);
  const followed = new Set(options.follow ?? []);
  const included: DigestEntry[] = [];
  const followingAll: DigestEntry[] = [];
  for (const story of pool.stories) {
    const via = followed.size ? story.actors.filter((a) => followed.has(a.id)) : [];
    const home = story.topics.find((t) => chosen.has(t));
    if (via.length) {
      const topic = home ?? story.topics[0] ?? '';
      followingAll.push({ ...story, home: topic, alsoAbout: story.topics.filter((t) => t !== topic), via });
      continue;
    }
    if (!home) continue;
    included.push({ ...story, home, alsoAbout: story.topics.filter((t) => t !== home) });
  }
  const following = followingAll.length ? followSection(followingAll, cap) : undefined;
  const all = [...followingAll, ...included];
  const top = pickTop(included);
  const onTop = new Set(top.map((e) => e.storyId));
  const byTopic = new Map<string, DigestEntry[]>();
  for (const entry of included) {
    if (onTop.has(entry.storyId)) continue;
    const list = byTopic.get(entry.home);
    if (list) list.push(entry);
    else byTopic.set(entry.home, [entry]);
  }
  const sections = selection
    .filter((t) => byTopic.has(t))
    .map((topic) => {
      const all = byTopic.get(topic)!;
      return {
        topic,
        label: topicLabel(topic),
        entries: all.slice(0, cap),
        more: Math.max(0, all.length - cap),
      };
    });
  const weekly = options.cadence === 'weekly';
  return {
    ...(weekly ? { cadence: 'weekly' as const } : {}),
    date: options.date,
    timeZone: options.timeZone,
    window: pool.window,
    topics: selection,
    lead: all[0],
    ...(following ? { following } : {}),
    top,
    sections,
    inTheNews: weekly ? [] : inTheNews(all, options.baseline),
    ...(weekly ? { weekNews: weekNews(all, options.week) } : {}),
    storyCount: all.length,
    lateCount: all.filter((e) => e.publishedAt < pool.window.from).length,
    outletCount: new Set(all.flatMap((s) => s.sources.map((x) => x.outlet.toLowerCase()))).size,
  };
}

function followSection(entries: DigestEntry[], cap: number): FollowSection {
  const actors = new Map<string, string>();
  for (const e of entries) for (const a of e.via ?? []) if (!actors.has(a.id)) actors.set(a.id, a.name);
  return {
    entries: entries.slice(0, cap),
    more: Math.max(0, entries.length - cap),
    actors: [...actors].map(([id, name]) => ({ id, name })),
  };
}

/**
 * Every story of a digest in the order a reader meets it: "You follow", top stories, then section
 * by section.
 */
export function digestEntries(digest: ComposedDigest): DigestEntry[] {
  return [...(digest.following?.entries ?? []), ...digest.top, ...digest.sections.flatMap((s) => s.entries)];
}

/**
 * The followed actors that matter to a pool: those some story of it names. Readers whose followed
 * actors differ only by ones no story names get the same digest, so they share one composition.
 */
export function followedIn(pool: StoryPool, follow: readonly string[] | undefined): string[] {
  if (!follow?.length) return [];
  let named = poolActors.get(pool);
  if (!named) {
    named = new Set(pool.stories.flatMap((s) => s.actors.map((a) => a.id)));
    poolActors.set(pool, named);
  }
  return [...new Set(follow)].filter((id) => named.has(id)).sort();
}

/** Every actor id a pool's stories name, worked out once per pool (a run asks once per reader). */
const poolActors = new WeakMap<StoryPool, Set<string>>();

function pickTop(ranked: DigestEntry[]): DigestEntry[] {
  if (ranked.length < LIGHT_DAY_STORIES) return ranked;
  const severalTopics = new Set(ranked.map((e) => e.home)).size > 1;
  const top: DigestEntry[] = [];
  const perTopic = new Map<string, number>();
  for (const entry of ranked) {
    if (top.length === TOP_STORIES) break;
    const n = perTopic.get(entry.home) ?? 0;
    if (severalTopics && n === TOP_PER_TOPIC) continue;
    perTopic.set(entry.home, n + 1);
    top.push(entry);
  }
  return top;
}

/** Each actor the stories name: in how many stories, and how often in all. */
function storiesByActor(stories: readonly Story[]): Map<string, ActorCount & { mentions: number }> {
  const counts = new Map<string, ActorCount & { mentions: number }>();
  for (const s of stories) {
    for (const a of s.actors) {
      const c = counts.get(a.id) ?? { id: a.id, name: a.name, stories: 0, mentions: 0 };
      c.stories++;
      c.mentions += a.mentions;
      counts.set(a.id, c);
    }
  }
  return counts;
}

/**
 * The actors of the reader's stories that stand out today. With a baseline, each actor's stories
 * today are set against how many its share of the baseline's articles would predict: the lift,
 * (stories + 1) / (expected + 1), where the one added to both keeps an actor never seen before from
 * outranking the day's main actor on two stories. Actors always in the news (lift under 1.5) drop
 * out; the rest rank by lift. Without a baseline (or a thin one: a new deployment) they rank by
 * stories naming them, leaving out, on a day of six stories or more, any actor in more than half of
 * them. Either way an actor needs two stories, so a one-story mention is never "in the news".
 */
export function inTheNews(stories: readonly Story[], baseline?: ActorBaseline): ActorCount[] {
  const counts = storiesByActor(stories);
  let rows = [...counts.values()].filter((c) => c.stories >= IN_THE_NEWS_MIN_STORIES);
  const base = baseline && baseline.articles >= BASELINE_MIN_ARTICLES ? baseline : undefined;
  if (base) {
    for (const c of rows) {
      const expected = (stories.length * (base.byActor.get(c.id) ?? 0)) / base.articles;
      c.lift = Math.round(((c.stories + 1) / (expected + 1)) * 100) / 100;
    }
    rows = rows.filter((c) => c.lift! >= IN_THE_NEWS_MIN_LIFT);
  } else if (stories.length >= BACKDROP_MIN_STORIES) {
    // No history to tell what is usual: an actor in most of the day's stories is its backdrop.
    rows = rows.filter((c) => c.stories <= stories.length / 2);
  }
  return rows
    .sort(
      (a, b) =>
        (b.lift ?? 0) - (a.lift ?? 0) ||
        b.stories - a.stories ||
        b.mentions - a.mentions ||
        a.name.localeCompare(b.name),
    )
    .slice(0, IN_THE_NEWS)
    .map(({ mentions: _, ...row }) => row);
}

const WEEK_NEWS = 6;

/**
 * "Most in the news this week": of the actors named by at least two of the reader's stories (so
 * the list is about what they read), the most named across the week's reporting, each with the
 * week before's count so the change shows. Without counts (a failed read) it ranks by the reader's
 * stories and shows no change.
 */
export function weekNews(stories: readonly Story[], week?: WeekActorCounts): WeekActor[] {
  const counts = storiesByActor(stories);
  return [...counts.values()]
    .filter((c) => c.stories >= IN_THE_NEWS_MIN_STORIES)
    .map((c) => ({
      ...c,
      articles: week ? Math.max(week.thisWeek.get(c.id) ?? 0, c.stories) : c.stories,
      previous: week ? (week.lastWeek.get(c.id) ?? 0) : undefined,
    }))
    .sort(
      (a, b) =>
        b.articles - a.articles ||
        b.stories - a.stories ||
        b.mentions - a.mentions ||
        a.name.localeCompare(b.name),
    )
    .slice(0, WEEK_NEWS)
    .map(({ id, name, articles, previous }) => ({
      id,
      name,
      articles,
      ...(previous === undefined ? {} : { previous }),
    }));
}

/** Sums per-day actor counts into a baseline. */
export function actorBaseline(
  days: readonly { articles: number; actors: Readonly<Record<string, number>> }[],
): ActorBaseline {
  const byActor = new Map<string, number>();
  let articles = 0;
  for (const d of days) {
    articles += d.articles;
    for (const [id, n] of Object.entries(d.actors)) byActor.set(id, (byActor.get(id) ?? 0) + n);
  }
  return { days: days.length, articles, byActor };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The analysis already writes two-sentence summaries; this only cuts long ones (or the article text
 * when there is no summary) to two sentences, and never leaves a wall of text without breaks.
 * Short text is kept whole, since sentence segmentation stumbles on "Mr." and "U.S.".
 */
export function twoSentences(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= SUMMARY_MAX_CHARS) return clean;
  let out = '';
  let n = 0;
  for (const { segment } of segmenter.segment(clean)) {
    out += segment;
    if (++n === 2) break;
  }
  out = out.trim();
  if (out.length <= SUMMARY_MAX_CHARS) return out;
  const cut = out.slice(0, SUMMARY_MAX_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_MAX_CHARS - 40)).trimEnd()}…`;
}

/** The segmenter ends a sentence after these ("The U.S. ", "Sen. "): the sentence goes on. */
const ABBREVIATION =
  /(?:^|[\s(])(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Gov|Lt|Col|Adm|Sgt|Capt|St|Jr|Sr|No|Vol|Inc|Corp|Co|Ltd|vs|U\.S|U\.K|U\.N)\.\s*$/;

/**
 * One line for a top story: the summary's first sentence (carried past abbreviations the
 * segmenter stops at). A longer one is cut at a clause past half the room, else at a word.
 */
export function oneLine(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (const { segment } of segmenter.segment(clean)) {
    out += segment;
    if (!ABBREVIATION.test(out)) break;
  }
  out = out.trim();
  if (out.length <= max) return out;
  const cut = out.slice(0, max - 1);
  const clause = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '), cut.lastIndexOf(' — '));
  const at = clause > max / 2 ? clause : Math.max(cut.lastIndexOf(' '), max - 30);
  return `${cut.slice(0, at).replace(/[\s,;:—–-]+$/, '')}…`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'unknown source';
  }
}
