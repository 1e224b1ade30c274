/**
 * Following an actor: what a reader types ("Kim Jong Un", "nato", "Putin", "Kim") resolved to
 * canonical actors by `findActors`, the resolution `actors show` uses, and an actor named by its id.
 * Reads the gazetteer only (built on first use), never the topic model.
 */
import { type ActorRef, canonicalById, findActors, sharedGazetteer } from './actor-lookup';

export type FoundActor = ActorRef;

const found = ({ id, name, type }: ActorRef): FoundActor => ({ id, name, type });
const titleCase = (s: string) => s.replace(/\p{L}[\p{L}'’-]*/gu, (w) => w[0]!.toUpperCase() + w.slice(1));

/**
 * The actors a reader may mean by `query`, best first: findActors on the words as typed, then
 * capitalised ("houthis"), then in capitals when short ("nato"). Only actors of the gazetteer: a
 * name it does not know finds nobody, rather than an id no story's analysis will ever give.
 */
export function followableActors(query: string): FoundActor[] {
  const q = query.replace(/\s+/g, ' ').trim().slice(0, 120);
  if (!q) return [];
  for (const form of new Set([q, titleCase(q), q.length <= 8 ? q.toUpperCase() : q])) {
    const hits = findActors(form).filter((a) => canonicalById(a.id));
    if (hits.length > 0) return [...new Map(hits.map((a) => [a.id, found(a)])).values()];
  }
  return [];
}

/** The gazetteer's actor with this id; undefined for an id it no longer has. */
export function actorById(id: string): FoundActor | undefined {
  const def = canonicalById(id);
  return def && found(def);
}

/**
 * Names near a query that found nobody, for "did you mean": actors whose name holds the query, or
 * each of whose query words (three letters or more) starts a word of the name ("Netanyah", "kim
 * jon"). At most `limit`, people and organisations before states, then by name.
 */
export function nearActors(query: string, limit = 6): FoundActor[] {
  const q = query.toLowerCase().replace(/\s+/g, ' ').trim();
  const words = q.split(' ').filter((w) => w.length >= 3);
  if (q.length < 3) return [];
  const rank = { person: 0, organization: 1, state: 2 } as const;
  return sharedGazetteer()
    .actors.filter((a) => {
      const name = a.name.toLowerCase();
      if (name.includes(q)) return true;
      const nameWords = name.split(/[\s-]+/);
      return words.length > 0 && words.every((w) => nameWords.some((n) => n.startsWith(w)));
    })
    .sort((a, b) => rank[a.type] - rank[b.type] || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(found);
}
