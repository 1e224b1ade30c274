/**
 * The archive reads persisted editions only: a request never reads an article, never composes and
 * never renders. Pages were rendered once, when their digest was composed (run-digest.ts), stored
 * compressed with the edition, and a warm function keeps the latest few in memory.
 */
import { LruCache } from '../shared/lru';
import type { EditionPage, EditionStore } from '../store/ports';
import { isEditionId } from './edition-id';

export interface ArchiveReader {
  /**
   * A stored page: an edition's (`edition` given) or the date's house edition's. Undefined when
   * there is none.
   */
  page(date: string, edition: string | undefined, which: EditionPage): Promise<string | undefined>;
  /** Dates with a house edition, newest first. */
  dates(limit: number): Promise<string[]>;
}

/** Pages kept per warm function: a morning's popular pages fit, a flood of odd ones cannot grow it. */
const DEFAULT_CACHE_PAGES = 64;
/** A house pointer or the date list can still change today; stored pages never do. */
const MUTABLE_TTL_MS = 5 * 60_000;

export function createArchiveReader(
  editions: EditionStore,
  opts: { cachePages?: number; now?: () => number } = {},
): ArchiveReader {
  const pages = new LruCache<string, Promise<string | undefined>>(opts.cachePages ?? DEFAULT_CACHE_PAGES);
  const now = opts.now ?? Date.now;
  const mutable = new Map<string, { at: number; value: Promise<unknown> }>();
  const fresh = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = mutable.get(key);
    if (hit && now() - hit.at < MUTABLE_TTL_MS) return hit.value as Promise<T>;
    const value = load();
    value.catch(() => mutable.delete(key));
    mutable.set(key, { at: now(), value });
    if (mutable.size > 256) mutable.delete(mutable.keys().next().value as string);
    return value;
  };
  const stored = (date: string, id: string, which: EditionPage) => {
    const key = `${date}/${id}/${which}`;
    let hit = pages.get(key);
    if (!hit) {
      hit = editions.page(date, id, which);
      // Only what exists is remembered: a miss may be an edition a sender is storing right now.
      hit.then(
        (page) => page === undefined && pages.delete(key),
        () => pages.delete(key),
      );
      pages.set(key, hit);
    }
    return hit;
  };
  return {
    async page(date, edition, which) {
      if (edition !== undefined) return isEditionId(edition) ? stored(date, edition, which) : undefined;
      const house = await fresh(`house/${date}`, () => editions.house(date));
      return house ? stored(date, house, which) : undefined;
    },
    dates: (limit) => fresh(`dates/${limit}`, () => editions.listDates(limit)),
  };
}
