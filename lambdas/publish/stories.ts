/**
 * Articles to stories for the feeds and the actor pages: the articles of one story (several
 * outlets, republications; R25) become one item, under the story's id, told by its first article.
 */
import type { ActorMention } from '../shared/types';
import type { ArticleHead } from '../store/ports';

export interface PublishedStory {
  id: string;
  title: string;
  url: string;
  summary: string;
  author?: string;
  /** Earliest publication among its articles. */
  publishedAt: string;
  /** When the first of its articles reached us. */
  firstSeenAt: string;
  /** The last change: an article updated, or another outlet joining. */
  updatedAt: string;
  /** Outlets and links, the first article's first. */
  sources: { outlet: string; url: string }[];
  /** Main topic of the first article first, then the others' in order. */
  topics: string[];
  /** Every actor any of its articles names, most mentioned first. */
  actors: ActorMention[];
}

const byFirstSeen = (a: ArticleHead, b: ArticleHead) =>
  a.firstSeenAt.localeCompare(b.firstSeenAt) || a.id.localeCompare(b.id);

/** Stories of `heads`, newest first by when their first article reached us, then by publication. */
export function storiesOf(heads: Iterable<ArticleHead>): PublishedStory[] {
  const groups = new Map<string, ArticleHead[]>();
  for (const h of heads) groups.set(h.storyId, [...(groups.get(h.storyId) ?? []), h]);
  const stories = [...groups].map(([id, articles]) => story(id, articles.sort(byFirstSeen)));
  return stories.sort(
    (a, b) =>
      b.firstSeenAt.localeCompare(a.firstSeenAt) ||
      b.publishedAt.localeCompare(a.publishedAt) ||
      a.id.localeCompare(b.id),
  );
}

function story(id: string, articles: ArticleHead[]): PublishedStory {
  // The story's own first article tells it when we hold it; else the earliest we hold.
  const lead = articles.find((a) => a.id === id) ?? articles[0]!;
  const rest = articles.filter((a) => a !== lead);
  // ISO times sort as strings.
  const max = (xs: string[]) => [...xs].sort().at(-1)!;
  const min = (xs: string[]) => [...xs].sort()[0]!;
  const actors = new Map<string, ActorMention>();
  for (const a of articles) {
    for (const x of a.actors) {
      const seen = actors.get(x.id);
      actors.set(x.id, seen ? { ...seen, mentions: seen.mentions + x.mentions } : { ...x });
    }
  }
  const sources: PublishedStory['sources'] = [];
  for (const a of [lead, ...rest]) {
    if (!sources.some((s) => s.url === a.url)) sources.push({ outlet: a.outlet, url: a.url });
  }
  return {
    id,
    title: lead.title,
    url: lead.url,
    summary: lead.summary,
    ...(lead.author ? { author: lead.author } : {}),
    publishedAt: min(articles.map((a) => a.publishedAt)),
    firstSeenAt: min(articles.map((a) => a.firstSeenAt)),
    updatedAt: max(articles.flatMap((a) => [a.updatedAt, a.firstSeenAt])),
    sources,
    topics: [...new Set([lead, ...rest].flatMap((a) => a.topics.map((t) => t.id)))],
    actors: [...actors.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
  };
}
