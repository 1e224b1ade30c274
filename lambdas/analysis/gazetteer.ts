/**
 * The actor gazetteer: states (generated from world-countries), organisations and people (curated),
 * loaded from the JSON files in ./data once per process and compiled into one token trie.
 */
import { slug } from '../shared/slug';
import type { ActorType } from '../shared/types';
import lexiconData from './data/lexicon.json';
import organizationsData from './data/organizations.json';
import peopleData from './data/people.json';
import statesData from './data/states.json';
import { type Token, tokenize } from './tokenize';
import { TokenTrie } from './trie';

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
}

/** Words matched case-insensitively inside names ("Islamic Resistance In Iraq", "Al Thani"). */
const FUNCTION_WORDS = new Set([
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
const NAME_SUFFIXES = new Set(['Jr', 'Sr', 'II', 'III', 'IV']);

export function matchKey(t: Token): string {
  return FUNCTION_WORDS.has(t.lower) ? t.lower : t.key;
}

export { slug };

const SIMPLE_PHRASE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

function phraseKeys(phrase: string): string[] {
  // Most names are plain ASCII words: splitting them is the same as tokenizing, and much faster
  // at cold start, where every millisecond counts against the import-time budget.
  if (SIMPLE_PHRASE.test(phrase))
    return phrase.split(' ').map((w) => (FUNCTION_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w));
  return tokenize(phrase).map(matchKey);
}

export interface Gazetteer {
  actors: ActorDef[];
  trie: TokenTrie<Entry>;
  byName: Map<string, number>;
  /** One-word names, demonyms and capitals of states ("Russian" -> Russia). */
  stateWords: Map<string, number>;
  lexicon: Lexicon;
}

type StateRow = { id: string; name: string; aliases: string[]; demonyms: string[]; capitals: string[] };
/** [Wikidata id, name, aliases, and 'state' for a state that is no more (the Soviet Union)]. */
type OrgRow = [string, string, string[], ('state' | 'organization')?];
type PersonRow = [string, string, string[], string];

export function buildGazetteer(): Gazetteer {
  const actors: ActorDef[] = [];
  const byName = new Map<string, number>();
  const trie = new TokenTrie<Entry>(matchKey);
  const taken = new Set<string>();
  const add = (phrase: string, entry: Entry) => {
    const keys = phraseKeys(phrase);
    const sig = keys.join(' ');
    if (!sig) return;
    // The first owner of a phrase keeps it: data files are ordered by how often their actors
    // appear, and a later duplicate (two "Congolese" states) would only add ambiguity.
    if (taken.has(sig)) return;
    taken.add(sig);
    trie.add(keys, entry);
  };
  const define = (def: ActorDef): number | undefined => {
    if (byName.has(def.name)) return undefined;
    actors.push(def);
    byName.set(def.name, actors.length - 1);
    return actors.length - 1;
  };

  const stateWords = new Map<string, number>();
  for (const s of statesData as StateRow[]) {
    const i = define({ id: s.id, name: s.name, type: 'state', demonym: s.demonyms[0] });
    if (i === undefined) continue;
    for (const w of [s.name, ...s.aliases, ...s.demonyms]) {
      const keys = phraseKeys(w);
      if (keys.length === 1 && !stateWords.has(keys[0]!)) stateWords.set(keys[0]!, i);
    }
    add(s.name, { kind: 'name', actor: i });
    for (const a of s.aliases) add(a, { kind: 'name', actor: i });
    for (const d of s.demonyms) add(d, { kind: 'demonym', actor: i });
    for (const c of s.capitals) add(c, { kind: 'capital', actor: i });
  }
  for (const [id, name, aliases, type = 'organization'] of organizationsData as OrgRow[]) {
    const i = define({ id: id || `gen:${type === 'state' ? 'state' : 'org'}:${slug(name)}`, name, type });
    if (i === undefined) continue;
    add(name, { kind: 'name', actor: i });
    for (const a of aliases) add(a, { kind: 'name', actor: i });
  }
  const surnames: Array<[string[], number]> = [];
  for (const [name, id, aliases, flags] of peopleData as PersonRow[]) {
    const i = define({
      id: id || `gen:person:${slug(name)}`,
      name,
      type: 'person',
      famous: flags.includes('f'),
    });
    if (i === undefined) continue;
    add(name, { kind: 'name', actor: i });
    for (const a of aliases) add(a, { kind: 'name', actor: i });
    const sn = surnameKeys(tokenize(name), flags.includes('k'));
    for (const keys of sn) surnames.push([keys, i]);
  }
  const lexicon = loadLexicon();
  // Blocks go in after names, so "Israel Katz" stays a person, and before surnames.
  for (const b of lexiconData.blocks) add(b, { kind: 'block', actor: -1 });
  // Surnames last: a full name or organisation that is also a surname keeps its meaning.
  const surnameOwners = new Map<string, number[]>();
  for (const [keys, i] of surnames) {
    const sig = keys.join(' ');
    if (taken.has(sig) && !surnameOwners.has(sig)) continue;
    const owners = surnameOwners.get(sig) ?? [];
    owners.push(i);
    surnameOwners.set(sig, owners);
    taken.add(sig);
  }
  for (const [sig, owners] of surnameOwners) {
    for (const i of owners) trie.add(sig.split(' '), { kind: 'surname', actor: i });
  }
  return { actors, trie, byName, stateWords, lexicon };
}

/** "Vladimir Putin" -> Putin; "Kim Jong Un" (family name first) -> Kim; "Bashar al-Assad" -> al-Assad, Assad. */
export function surnameKeys(tokens: Token[], familyFirst: boolean): string[][] {
  const words = tokens.filter((t) => t.word && !NAME_SUFFIXES.has(t.key) && t.text !== '.');
  if (words.length < 2) return [];
  if (familyFirst) return [[matchKey(words[0]!)]];
  let start = words.length - 1;
  while (start > 1 && words[start]!.hyphen) start--;
  const last = words.slice(start).map(matchKey);
  const out = [last];
  const prev = words[start - 1];
  if (prev && (prev.lower === 'al' || prev.lower === 'el') && start - 1 > 0) {
    out.push([prev.lower, ...last]);
  }
  return out;
}

function loadLexicon(): Lexicon {
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  return {
    roles: lower(lexiconData.roles),
    roleHeads: lower(lexiconData.roleHeads),
    speechVerbs: lower(lexiconData.speechVerbs),
    orgHeads: new Set(lexiconData.orgHeads),
    orgCueNouns: lower(lexiconData.orgCueNouns),
    personCueNouns: lower(lexiconData.personCueNouns),
    locatives: lower(lexiconData.locatives),
    particles: lower(lexiconData.particles),
    stopCaps: new Set(lexiconData.stopCaps),
    givenNames: new Set(lexiconData.givenNames),
    capAdjectives: new Set(lexiconData.capAdjectives),
    notOrgTails: new Set(lexiconData.notOrgTails),
    orgLeftAbsorb: new Set(lexiconData.orgLeftAbsorb),
  };
}
