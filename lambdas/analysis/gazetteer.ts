/**
 * The actor gazetteer at run time: states (generated from world-countries), organisations and
 * people (curated), and the actor rules' word lists. The source files in ./data are compiled at
 * build time (gazetteer-source.ts, `npm run gazetteer`) into data/gazetteer.generated.json, whose
 * token trie is packed into arrays (packed-trie.ts): loading it makes no trie of maps and
 * tokenizes nothing. The file is compressed (shipped-data.ts).
 */
import { slug } from '../shared/slug';
import type { ActorType } from '../shared/types';
import compiledFile from './data/gazetteer.generated.json';
import { PackedTrie, type PackedTrieData, type PackedValue } from './packed-trie';
import { type ShippedData, unpackData } from './shipped-data';
import type { Token } from './tokenize';
import type { TrieMatch } from './trie';
import { decodeVarints } from './varint';

export interface ActorDef {
  id: string;
  name: string;
  type: ActorType;
  /** For states: the demonym used to name their ministries ("Russian Defense Ministry"). */
  demonym?: string;
  /** For people: a bare surname counts anywhere, not only after the full name. */
  famous?: boolean;
}

export type EntryKind =
  /** The actor's name or a full alias. */
  | 'name'
  /** A state's demonym ("Russian officials"). */
  | 'demonym'
  /** A capital standing for its state ("Moscow said"); a place after "in", "at"... */
  | 'capital'
  /** A person's bare surname: counts after the full name, or anywhere for famous people. */
  | 'surname'
  /** A place or title that must not yield actors ("Camp David", "Washington Post"). */
  | 'block';

export interface Entry {
  kind: EntryKind;
  actor: number;
}

export interface Lexicon {
  roles: Set<string>;
  roleHeads: Set<string>;
  speechVerbs: Set<string>;
  orgHeads: Set<string>;
  orgCueNouns: Set<string>;
  personCueNouns: Set<string>;
  locatives: Set<string>;
  particles: Set<string>;
  stopCaps: Set<string>;
  givenNames: Set<string>;
  /** Capitalised adjectives: not names, but may open an organisation's name ("Islamic Health Committee"). */
  capAdjectives: Set<string>;
  /** Last words of laws and treaties, which are not organisations. */
  notOrgTails: Set<string>;
  /** Words an organisation's name may start with even when the gazetteer knows them ("House Select Committee"). */
  orgLeftAbsorb: Set<string>;
  /**
   * Honours and forms of address written before a name ("Datuk Seri", "Tan Sri", "Alhaji", "Shri",
   * "Khun"), case kept, a phrase's words joined by spaces ("Dato' Sri"): no part of the name.
   */
  honorifics: Set<string>;
}

/** Words matched case-insensitively inside names ("Islamic Resistance In Iraq", "Al Thani"). */
export const FUNCTION_WORDS = new Set([
  'of',
  'the',
  'for',
  'and',
  'in',
  'at',
  'on',
  'al',
  'el',
  'bin',
  'ibn',
  'von',
  'van',
  'der',
  'de',
  'du',
  'la',
  'le',
  'da',
  'del',
]);

/** The longest function word: a longer word is none, and asks no set (matchKey runs on every token). */
const FUNCTION_WORD_MAX = Math.max(...[...FUNCTION_WORDS].map((w) => w.length));

export function matchKey(t: Token): string {
  return t.lower.length <= FUNCTION_WORD_MAX && FUNCTION_WORDS.has(t.lower) ? t.lower : t.key;
}

export { slug };

/** What actor detection needs of a trie: its longest matches. */
export interface PhraseMatcher<T> {
  scan(tokens: readonly Token[]): TrieMatch<T>[];
  matchAt(tokens: readonly Token[], start: number): TrieMatch<T> | undefined;
}

export interface Gazetteer {
  actors: ActorDef[];
  trie: PhraseMatcher<Entry>;
  byName: Map<string, number>;
  /** One-word names, demonyms and capitals of states ("Russian" -> Russia). */
  stateWords: Map<string, number>;
  lexicon: Lexicon;
}

/** What data/gazetteer.generated.json holds, packed (shipped-data.ts). */
export interface CompiledGazetteer {
  format: 2;
  /**
   * The actors, in columns: ids, names and demonyms newline-joined, a letter per actor for its type
   * (s state, o organisation, p person, f famous person). A made-up id is written short:
   * "p:kim-jong-un" for gen:person:kim-jong-un. A name the trie spells is left empty: the trie
   * entry tagged OWN_NAME of its actor is the name's phrase, its keys space-joined as written (nine
   * names in ten, "Ministry of State Security"; not "al-Qaeda" or "People's Army").
   */
  actors: { ids: string; names: string; types: string; demonyms: string };
  /** The token trie of names, aliases, demonyms, capitals, blocks and surnames (see encodeEntry). */
  trie: PackedTrieData;
  /** One-word names, demonyms and capitals of states: base64 varints of (trie word, actor) pairs. */
  stateWords: string;
  /** The actor rules' word lists, each newline-joined, as the Lexicon's sets hold them. */
  lexicon: Record<keyof Lexicon, string>;
}

export class GazetteerError extends Error {
  override name = 'GazetteerError';
}

const KINDS: readonly EntryKind[] = ['name', 'demonym', 'capital', 'surname', 'block'];
const TYPES: Record<string, ActorType> = { s: 'state', o: 'organization', p: 'person', f: 'person' };
/** The made-up ids' kinds ("gen:org:...") by the letter their short form starts with. */
export const GEN_KINDS: Record<string, string> = { s: 'state', o: 'org', p: 'person' };

// A module constant: esbuild writes a \p{...} expression as `new RegExp(...)`, a new object per call in a function.
const MARKS = /\p{M}/gu;
const ASCII = /^[\x20-\x7e]*$/;
/**
 * The id the gazetteer makes for an actor with no Wikidata id: "gen:org:<slug of the name>". The
 * compiled file leaves such ids out (a sixth of its bytes), and loading makes them again; a name in
 * plain ASCII needs no Unicode normalising, which keeps that to a few milliseconds.
 */
export const madeId = (type: ActorType, name: string): string =>
  `gen:${type === 'organization' ? 'org' : type}:${
    ASCII.test(name)
      ? name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
      : slug(name)
  }`;

/**
 * The tag of an actor's 'name' entry whose phrase is its name as written, for the names column to
 * leave out (CompiledGazetteer).
 */
const OWN_NAME = KINDS.length;

/** A trie entry as the packed trie holds it: its kind's tag, and its actor plus one (0 for a block). */
export const encodeEntry = (e: Entry, ownName = false): PackedValue => [
  ownName ? OWN_NAME : KINDS.indexOf(e.kind),
  e.actor + 1,
];

function decodeEntry(tag: number, n: number): Entry {
  return { kind: tag === OWN_NAME ? 'name' : KINDS[tag]!, actor: n - 1 };
}

/** The shipped compiled gazetteer (data/gazetteer.generated.json, packed: shipped-data.ts). */
export function shippedGazetteer(): CompiledGazetteer {
  return unpackData<CompiledGazetteer>(compiledFile as ShippedData, 'gazetteer.generated.json');
}

/**
 * An actor, every one with the same fields (those it lacks undefined): actor rules read thousands of
 * them, and V8 reads one shape of object faster than three, and recompiles no rule for a new one.
 */
export function actorDef(
  id: string,
  name: string,
  type: ActorType,
  demonym?: string,
  famous?: boolean,
): ActorDef {
  return { id, name, type, demonym, famous };
}

/** The gazetteer from its compiled form (the shipped one by default). */
export function loadGazetteer(data: CompiledGazetteer = shippedGazetteer()): Gazetteer {
  if (data.format !== 2) throw new GazetteerError(`gazetteer: unknown format ${String(data.format)}`);
  const ids = data.actors.ids.split('\n');
  const names = data.actors.names.split('\n');
  const trie = new PackedTrie<Entry>(data.trie, matchKey, decodeEntry, OWN_NAME);
  const { nodes: spelled, nums: spelledActors } = trie.spelled;
  for (let i = 0; i < spelled.length; i++) {
    const a = spelledActors[i]! - 1;
    if (names[a] === '') names[a] = trie.phrase(spelled[i]!);
  }
  const demonyms = data.actors.demonyms.split('\n');
  const letters = data.actors.types;
  if (ids.length !== names.length || demonyms.length !== names.length || letters.length !== names.length)
    throw new GazetteerError('gazetteer: the actor columns differ in length');
  const actors: ActorDef[] = new Array(names.length);
  const byName = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const short = ids[i]!;
    const name = names[i]!;
    const letter = letters[i]!;
    const type = TYPES[letter];
    const id =
      short === '' && type
        ? madeId(type, name)
        : short[1] === ':'
          ? `gen:${GEN_KINDS[short[0]!]}:${short.slice(2)}`
          : short;
    if (!id || !name || !type)
      throw new GazetteerError(`gazetteer: bad actor ${i}: "${short}", "${name}", "${letter}"`);
    const def = actorDef(
      id,
      name,
      type,
      demonyms[i] || undefined,
      type === 'person' ? letter === 'f' : undefined,
    );
    byName.set(name, i);
    actors[i] = def;
  }
  const stateWords = new Map<string, number>();
  const pairs = decodeVarints(data.stateWords, 'gazetteer state words');
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const word = trie.word(pairs[i]!);
    const actor = pairs[i + 1]!;
    if (word === undefined || actor >= actors.length)
      throw new GazetteerError(`gazetteer: state word ${pairs[i]} or actor ${actor} out of range`);
    stateWords.set(word, actor);
  }
  const lx = data.lexicon;
  const set = (list: string) => new Set(list ? list.split('\n') : []);
  const lexicon: Lexicon = {
    roles: set(lx.roles),
    roleHeads: set(lx.roleHeads),
    speechVerbs: set(lx.speechVerbs),
    orgHeads: set(lx.orgHeads),
    orgCueNouns: set(lx.orgCueNouns),
    personCueNouns: set(lx.personCueNouns),
    locatives: set(lx.locatives),
    particles: set(lx.particles),
    stopCaps: set(lx.stopCaps),
    givenNames: new GivenNames(lx.givenNames ? lx.givenNames.split('\n') : []),
    capAdjectives: set(lx.capAdjectives),
    notOrgTails: set(lx.notOrgTails),
    orgLeftAbsorb: set(lx.orgLeftAbsorb),
    honorifics: set(lx.honorifics),
  };
  return { actors, trie, byName, stateWords, lexicon };
}

/**
 * Given names, found also with their accents taken off ("Rubén" as "Ruben", "Seán" as "Sean",
 * "Óscar" as "Oscar"): news writes a name with or without them, the list holds one form.
 */
export class GivenNames extends Set<string> {
  override has(name: string): boolean {
    if (super.has(name)) return true;
    // Only a name with a letter outside ASCII can have another form.
    if (ASCII.test(name)) return false;
    return super.has(name.normalize('NFKD').replace(MARKS, ''));
  }
}
