/**
 * Finding a canonical actor by what a person types ("Kim Jong Un", "nato", "Putin", "Kim"), and
 * naming one by its id: the resolution `actors show` and following an actor share. The gazetteer
 * is built on first use, not at import, so the web function pays for it only when a reader looks
 * someone up.
 */
import type { ActorType } from '../shared/types';
import { detectActors } from './actors';
import { actorTokens, readArticle } from './article';
import { type ActorDef, buildGazetteer, type Gazetteer } from './gazetteer';

export interface FoundActor {
  id: string;
  name: string;
  type: ActorType;
}

let built: { gazetteer: Gazetteer; byId: Map<string, ActorDef> } | undefined;

function gazetteer() {
  if (!built) {
    const gazetteer = buildGazetteer();
    built = { gazetteer, byId: new Map(gazetteer.actors.map((a) => [a.id, a])) };
  }
  return built;
}

const found = ({ id, name, type }: Pick<ActorDef, 'id' | 'name' | 'type'>): FoundActor => ({
  id,
  name,
  type,
});

/** The known actors a query names as analysis reads it: names and aliases, in the order written. */
function named(query: string): FoundActor[] {
  const { gazetteer: gaz, byId } = gazetteer();
  return detectActors(actorTokens(readArticle({ title: query, text: '' })), gaz)
    .filter((a) => byId.has(a.id))
    .map(found);
}

const titleCase = (s: string) => s.replace(/\p{L}[\p{L}'’-]*/gu, (w) => w[0]!.toUpperCase() + w.slice(1));

/**
 * Canonical actors a person might mean by `query`, best first: a name or alias as analysis reads
 * it ("Shoigu's ministry" aside), also when typed in lower case ("houthis", "nato"); else people
 * whose surname (or Korean and Chinese family name) it is. Only actors of the gazetteer: a name it
 * does not know finds nothing, rather than an id no story will ever carry.
 */
export function findActors(query: string): FoundActor[] {
  const q = query.replace(/\s+/g, ' ').trim().slice(0, 120);
  if (!q) return [];
  for (const form of new Set([q, titleCase(q), q.length <= 8 ? q.toUpperCase() : q])) {
    const hits = named(form);
    if (hits.length > 0) return hits;
  }
  const lower = q.toLowerCase();
  const words = (a: ActorDef) => a.name.toLowerCase().split(' ');
  const { gazetteer: gaz } = gazetteer();
  // Western surnames come last, Korean and Chinese family names first ("Kim" of Kim Jong Un).
  const last = gaz.actors.filter((a) => a.type === 'person' && words(a).at(-1) === lower);
  const first = gaz.actors.filter((a) => a.type === 'person' && words(a).length > 2 && words(a)[0] === lower);
  return [...new Map([...last, ...first].map((a) => [a.id, found(a)])).values()];
}

/** The gazetteer's actor with this id; undefined for an id it no longer has. */
export function actorById(id: string): FoundActor | undefined {
  const def = gazetteer().byId.get(id);
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
  return gazetteer()
    .gazetteer.actors.filter((a) => {
      const name = a.name.toLowerCase();
      if (name.includes(q)) return true;
      const nameWords = name.split(/[\s-]+/);
      return words.length > 0 && words.every((w) => nameWords.some((n) => n.startsWith(w)));
    })
    .sort((a, b) => rank[a.type] - rank[b.type] || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(found);
}
