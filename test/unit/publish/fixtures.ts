/** Invented articles for the feed and actor-page tests: real gazetteer actors, made-up stories. */
import { createPublisher } from '../../../lambdas/publish/publisher';
import type { ActorMention, Article } from '../../../lambdas/shared/types';
import { createMemoryStore } from '../../../lambdas/store/memory';
import { createWebApp } from '../../../lambdas/web/app';
import type { WebRequest } from '../../../lambdas/web/http';
import { readingRoutesOf } from '../../../lambdas/web/reading';
import { fakeDeps } from '../subscribers/fakes';

export const KIM: ActorMention = { id: 'Q56226', name: 'Kim Jong Un', type: 'person', mentions: 3 };
export const PUTIN: ActorMention = { id: 'Q7747', name: 'Vladimir Putin', type: 'person', mentions: 1 };
export const NORTH_KOREA: ActorMention = { id: 'Q423', name: 'North Korea', type: 'state', mentions: 2 };
export const SOUTH_KOREA: ActorMention = { id: 'Q884', name: 'South Korea', type: 'state', mentions: 1 };
export const NATO: ActorMention = { id: 'Q7184', name: 'NATO', type: 'organization', mentions: 1 };

let seq = 0;

export function story(over: Partial<Article> & { title: string; firstSeenAt: string }): Article {
  seq++;
  const id = over.id ?? `pub-${seq}`;
  const url = over.url ?? `https://news.example.org/${id}`;
  return {
    id,
    feedUrl: 'https://news.example.org/feed',
    outlet: 'Example News',
    itemKey: url,
    url,
    html: '<p>Body that no feed or page should carry.</p>',
    text: 'Body that no feed or page should carry.',
    summary: `${over.title}: what happened, in one sentence.`,
    wordCount: 300,
    contentHash: `h-${id}`,
    publishedAt: over.firstSeenAt,
    updatedAt: over.firstSeenAt,
    storyId: id,
    actors: [],
    topics: [{ id: 'diplomacy', score: 1 }],
    ...over,
  };
}

/** The web app with the reading routes over an in-memory store, at `now`; `get` requests a page. */
export function readingApp(now = '2026-12-03T15:00:00.000Z') {
  const f = fakeDeps();
  f.clock.set(now);
  const store = createMemoryStore();
  const publisher = createPublisher({
    articles: store.articles,
    editions: store.editions,
    clock: f.clock,
    site: { name: 'Antiwar Digest', baseUrl: 'https://digest.example.org', timeZone: 'America/New_York' },
  });
  const app = createWebApp({ ...f.deps, limits: f.store.limits, reading: readingRoutesOf(publisher) });
  const get = (path: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) =>
    app({ method: 'GET', path, query, headers, body: '', sourceIp: '203.0.113.9' } satisfies WebRequest);
  return { store, get, clock: f.clock };
}
