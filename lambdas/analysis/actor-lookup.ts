/**
 * Finding an actor by what a person types or links: a name, an alias, a surname, or a page slug.
 * Reads the gazetteer only (no topic model), so the web function can resolve `/actors/<slug>`
 * without loading what analysis of an article needs.
 */
import { slug } from '../shared/slug';
import type { ActorType } from '../shared/types';
import { detectActors } from './actors';
import { actorTokens, readArticle } from './article';
import { type ActorDef, type Gazetteer, loadGazetteer } from './gazetteer';

export interface ActorRef {
  id: string;
  name: string;
  type: ActorType;
}

let shared: Gazetteer | undefined;
/** The process's one gazetteer, loaded on first use. */
export function sharedGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}

const ref = ({ id, name, type }: ActorDef | ActorRef): ActorRef => ({ id, name, type });

/**
 * Canonical actors a person might mean by `query`, best first: a name or alias as analysis reads
 * it ("Shoigu's ministry" aside), else people whose surname it is. Used by `actors show NAME`.
 */
export function findActors(query: string): ActorRef[] {
  const q = query.trim();
  if (!q) return [];
  const gazetteer = sharedGazetteer();
  const named = detectActors(actorTokens(readArticle({ title: q, text: '' })), gazetteer);
  // By their canonical names: analysis names an organisation as the words do ("KFOR").
  if (named.length > 0) return named.map((a) => ref(canonicalById(a.id) ?? a));
  const lower = q.toLowerCase();
  const words = (a: ActorDef) => a.name.toLowerCase().split(' ');
  // Western surnames come last, Korean and Chinese family names first ("Kim" of Kim Jong Un).
  const last = gazetteer.actors.filter((a) => a.type === 'person' && words(a).at(-1) === lower);
  const first = gazetteer.actors.filter(
    (a) => a.type === 'person' && words(a).length > 2 && words(a)[0] === lower,
  );
  return [...last, ...first].map(ref);
}

let byId: Map<string, ActorDef> | undefined;
/** The gazetteer's actor with this id, by its canonical name; undefined for an id it does not have. */
export function canonicalById(id: string): ActorDef | undefined {
  byId ??= new Map(sharedGazetteer().actors.map((a) => [a.id, a]));
  return byId.get(id);
}

let bySlug: Map<string, ActorDef> | undefined;

/** The gazetteer actor whose canonical name has this slug ("kim-jong-un"); no two share one. */
export function actorWithSlug(s: string): ActorRef | undefined {
  if (!bySlug) {
    bySlug = new Map();
    for (const a of sharedGazetteer().actors) if (!bySlug.has(slug(a.name))) bySlug.set(slug(a.name), a);
  }
  const found = bySlug.get(s);
  return found && ref(found);
}

/** The gazetteer organisation or person whose id is "gen:org:<slug>" or "gen:person:<slug>" (the link a story makes, actorLinkSlug). */
export function actorWithIdSlug(s: string): ActorRef | undefined {
  const found = canonicalById(`gen:org:${s}`) ?? canonicalById(`gen:person:${s}`);
  return found && ref(found);
}

/**
 * What a slug that is no canonical name may stand for: its words read as a name ("putin",
 * "nato", "kim"), the way `actors show` reads one. A slug carries no case, so the words are tried
 * capitalised, then as an acronym when short. Best first; empty when nothing answers to it.
 */
export function actorsForSlug(s: string): ActorRef[] {
  const words = s.split('-').filter(Boolean);
  if (words.length === 0 || words.length > 8) return [];
  const titled = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  const tries = [titled];
  if (words.length === 1 && words[0]!.length <= 6) tries.push(words[0]!.toUpperCase());
  for (const query of tries) {
    const found = findActors(query);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The ids the analyzer gives an actor it names outside the gazetteer, for a slug: such an actor has
 * a page only when the store holds entries under one of them.
 */
export const generatedActorIds = (s: string): string[] => [`gen:person:${s}`, `gen:organization:${s}`];
