/**
 * Digest composition, pure: which stories a reader gets, under which topic, in what order.
 * Articles become stories (one entry per storyId, every outlet named: R25), stories are ranked by
 * importance and grouped under the reader's topics, and the day's leading actors are counted.
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
  /** The story's main actors, most mentioned first. */
  actors: StoryActor[];
  /** Known topic ids, main topic first. */
  topics: string[];
  score: number;
}

/** The stories of one window, ready to be cut into topic selections. */
export interface StoryPool {
  window: DigestWindow;
  stories: Story[];
}

export interface DigestEntry extends Story {
  /** The other topics the story belongs to, shown as tags. */
  alsoIn: string[];
}

export interface DigestSection {
  topic: string;
  label: string;
  /** The entries shown, most important first. */
  entries: DigestEntry[];
  /** How many more the topic has beyond the cap ("more on the web"). */
  more: number;
}

export interface ActorCount {
  id: string;
  name: string;
  stories: number;
}

export interface ComposedDigest {
  date: string;
  timeZone: string;
  window: DigestWindow;
  /** The reader's topic selection, in taxonomy order. */
  topics: string[];
  sections: DigestSection[];
  inTheNews: ActorCount[];
  /** Stories in the selection, shown or not. */
  storyCount: number;
  outletCount: number;
}

export const DEFAULT_MAX_STORIES_PER_TOPIC = 6;
const ACTORS_PER_STORY = 4;
const IN_THE_NEWS = 5;
const SUMMARY_MAX_CHARS = 360;
const RECENCY_SPAN_MS = 36 * 3_600_000;

/** Known topic ids of a selection in taxonomy order; an empty (or wholly unknown) one means all. */
export function normaliseTopics(topics: readonly string[]): string[] {
  const wanted = new Set(topics.filter(isTopicId));
  return wanted.size ? TOPIC_IDS.filter((t) => wanted.has(t)) : [...TOPIC_IDS];
}

/** Groups the window's articles into ranked stories. */
export function buildStoryPool(articles: readonly Article[], window: DigestWindow): StoryPool {
  const byStory = new Map<string, Article[]>();
  for (const a of articles) {
    if (a.firstSeenAt < window.from || a.firstSeenAt >= window.to) continue;
    const key = a.storyId || a.id;
    const group = byStory.get(key);
    if (group) group.push(a);
    else byStory.set(key, [a]);
  }
  const stories = [...byStory.entries()].map(([storyId, group]) => toStory(storyId, group));
  rank(stories, window);
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
  for (const a of ordered) {
    for (const t of a.topics) if (isTopicId(t.id) && !topics.includes(t.id)) topics.push(t.id);
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
    actors: [...actors.values()]
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
      .slice(0, ACTORS_PER_STORY),
    topics,
    score: 0,
  };
}

/**
 * Importance: how many outlets ran the story counts most, then how central its actors are to the
 * day (the share of the window's stories naming them), then recency. Ties break on time and id, so
 * the order never depends on the store's.
 */
function rank(stories: Story[], window: DigestWindow): void {
  const actorStories = new Map<string, number>();
  for (const s of stories)
    for (const a of s.actors) actorStories.set(a.id, (actorStories.get(a.id) ?? 0) + 1);
  const busiest = Math.max(1, ...actorStories.values());
  const end = new Date(window.to).getTime();
  for (const s of stories) {
    const top = s.actors.slice(0, 3);
    const centrality = top.length
      ? top.reduce((sum, a) => sum + (actorStories.get(a.id) ?? 0) / busiest, 0) / top.length
      : 0;
    const age = Math.max(0, end - new Date(s.firstSeenAt).getTime());
    const recency = 1 - Math.min(1, age / RECENCY_SPAN_MS);
    s.score = 2 * (s.sources.length - 1) + 1.5 * centrality + recency;
  }
  stories.sort(compareStories);
}

const compareStories = (a: Story, b: Story) =>
  b.score - a.score || b.firstSeenAt.localeCompare(a.firstSeenAt) || a.storyId.localeCompare(b.storyId);

/**
 * Cuts a reader's digest out of the pool: each story once, under its main topic when the reader
 * follows it, else under the first of its topics they do follow, tagged with its other topics.
 * Sections lead with the day's most important news; ties keep taxonomy order.
 */
export function composeDigest(
  pool: StoryPool,
  options: { date: string; timeZone: string; topics: readonly string[]; maxStoriesPerTopic?: number },
): ComposedDigest {
  const selection = normaliseTopics(options.topics);
  const cap = Math.max(1, options.maxStoriesPerTopic ?? DEFAULT_MAX_STORIES_PER_TOPIC);
  const chosen = new Set(selection);
  const byTopic = new Map<string, DigestEntry[]>();
  const included: Story[] = [];
  for (const story of pool.stories) {
    const home = story.topics.find((t) => chosen.has(t));
    if (!home) continue;
    included.push(story);
    const entry: DigestEntry = { ...story, alsoIn: story.topics.filter((t) => t !== home) };
    const list = byTopic.get(home);
    if (list) list.push(entry);
    else byTopic.set(home, [entry]);
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
    })
    .sort(
      (a, b) =>
        b.entries[0]!.score - a.entries[0]!.score ||
        b.entries.length + b.more - (a.entries.length + a.more) ||
        selection.indexOf(a.topic) - selection.indexOf(b.topic),
    );
  return {
    date: options.date,
    timeZone: options.timeZone,
    window: pool.window,
    topics: selection,
    sections,
    inTheNews: countActors(included),
    storyCount: included.length,
    outletCount: new Set(included.flatMap((s) => s.sources.map((x) => x.outlet.toLowerCase()))).size,
  };
}

/** The most-mentioned actors of the reader's stories: by stories naming them, then mentions. */
function countActors(stories: Story[]): ActorCount[] {
  const counts = new Map<string, ActorCount & { mentions: number }>();
  for (const s of stories) {
    for (const a of s.actors) {
      const c = counts.get(a.id) ?? { id: a.id, name: a.name, stories: 0, mentions: 0 };
      c.stories++;
      c.mentions += a.mentions;
      counts.set(a.id, c);
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.stories - a.stories || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, IN_THE_NEWS)
    .map(({ id, name, stories }) => ({ id, name, stories }));
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

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'unknown source';
  }
}
