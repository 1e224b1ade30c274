/**
 * Editions: what one composed digest held, persisted so the web shows exactly what the email did.
 *
 * One composition gives three renders: the email, its "view in browser" page (the same composed
 * digest rendered for the web, so the same stories in the same order) and its full list (every
 * story of the selection, which the email's "more on the web" links open). The edition's id is a
 * hash of the two pages, so two senders that composed different stories for the same reader group
 * (an article updated between their reads) make two editions, and each email links to its own.
 * The id is not known until the pages exist, so every link is rendered around a placeholder of
 * the id's length, filled in afterwards.
 */
import { createHash } from 'node:crypto';
import type { Edition, EditionPage, EditionStore } from '../store/ports';
import { type SiteLinks, selectionKey } from '../subscribers/links';
import { type ComposeOptions, digestEntries, type StoryPool } from './compose';
import { EDITION_ID_LENGTH, editionPath, isEditionId } from './edition-id';
import { type RenderedDigest, type RenderOptions, renderDigest, renderSelection } from './render';

/** The full list shows every story; this only bounds a pathological day. */
export const ALL_STORIES_PER_TOPIC = 500;
const ID_SLOT = '_edition_slot_00';

export { editionPath, isEditionId };

export interface ComposedEdition {
  edition: Edition;
  pages: Record<EditionPage, string>;
  /** The email, with the edition's links in, still carrying the per-subscriber slots. */
  email: RenderedDigest;
}

/** What an edition is composed from: the composition's own options. */
export type EditionInput = ComposeOptions;

/**
 * Composes one edition from a window's story pool.
 * 1. Renders the email within its size budget, and the same composition as a web page.
 * 2. Renders the full list of the selection for the web.
 * 3. Names the edition by a hash of both pages and fills the id into every link.
 */
export function composeEdition(
  pool: StoryPool,
  input: EditionInput,
  options: Omit<RenderOptions, 'mode' | 'fullList'>,
  createdAt: string,
): ComposedEdition {
  if (ID_SLOT.length !== EDITION_ID_LENGTH) throw new Error('edition id slot must be as long as an id');
  const base = options.links.home().replace(/\/+$/, '');
  const slotUrl = `${base}${editionPath(input.date, ID_SLOT)}`;
  const links: SiteLinks = { ...options.links, archive: () => slotUrl };
  const fullList = `${base}${editionPath(input.date, ID_SLOT, 'all')}`;
  const compose = {
    date: input.date,
    timeZone: input.timeZone,
    topics: input.topics,
    maxStoriesPerTopic: input.maxStoriesPerTopic,
    ...(input.baseline ? { baseline: input.baseline } : {}),
    ...(input.follow?.length ? { follow: input.follow } : {}),
    ...(input.cadence === 'weekly' ? { cadence: input.cadence, week: input.week } : {}),
  };
  const render = { ...options, links, fullList };
  const { digest, rendered } = renderSelection(pool, compose, { ...render, mode: 'email' });
  const view = renderDigest(digest, { ...render, mode: 'web' });
  const full = renderSelection(
    pool,
    { ...compose, maxStoriesPerTopic: ALL_STORIES_PER_TOPIC },
    { ...render, mode: 'web' },
    { budget: false },
  );
  const id = createHash('sha256')
    .update(`${input.date}\n${input.timeZone}\n${view.html}\n${full.rendered.html}`)
    .digest('hex')
    .slice(0, EDITION_ID_LENGTH);
  const fill = (s: string) => s.split(ID_SLOT).join(id);
  // In the order a reader meets them: top stories first, then section by section.
  const storyIds = (d: typeof digest) => digestEntries(d).map((e) => e.storyId);
  return {
    edition: {
      date: input.date,
      id,
      topics: [...digest.topics],
      ...(digest.following ? { actors: digest.following.actors.map((a) => a.id) } : {}),
      ...(digest.cadence === 'weekly' ? { cadence: 'weekly' as const } : {}),
      timeZone: input.timeZone,
      window: { from: pool.window.from, to: pool.window.to },
      subject: fill(rendered.subject),
      shown: storyIds(digest),
      all: storyIds(full.digest),
      storyCount: digest.storyCount,
      createdAt,
    },
    pages: { view: fill(view.html), all: fill(full.rendered.html) },
    email: { subject: rendered.subject, html: fill(rendered.html), text: fill(rendered.text) },
  };
}

/**
 * The renders of a run are shared by every reader of one cadence, selection (topics, and the
 * followed actors the window's stories name), zone and window.
 */
export const editionKey = (
  cadence: 'daily' | 'weekly',
  topics: readonly string[],
  follow: readonly string[],
  timeZone: string,
  window: { from: string; to: string },
) =>
  `${cadence}|${selectionKey(topics)}|${[...follow].sort().join('+')}|${timeZone}|${window.from}/${window.to}`;

/**
 * Remembers which editions a warm sender already stored, so each message of a run does not put
 * again what an earlier one put (the put is conditional, so this saves requests, not correctness).
 * A failed put is not remembered.
 */
export function memoizedEditions<T extends Pick<EditionStore, 'put'>>(editions: T, maxIds = 2000): T {
  const stored = new Map<string, Promise<boolean>>();
  const put: EditionStore['put'] = (edition, pages) => {
    const key = `${edition.date}/${edition.id}`;
    let hit = stored.get(key);
    if (!hit) {
      hit = editions.put(edition, pages);
      hit.catch(() => stored.delete(key));
      stored.set(key, hit);
      while (stored.size > maxIds) stored.delete(stored.keys().next().value as string);
      return hit;
    }
    // Already there: this caller stored nothing new.
    return hit.then(() => false);
  };
  return new Proxy(editions, {
    get(target, prop) {
      if (prop === 'put') return put;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
