/**
 * The gazetteer from its source files (data/states.json, organizations.json, people.json,
 * lexicon.json), compiled into the form the analyzer loads (data/gazetteer.generated.json). Build
 * time only: `npm run gazetteer` writes the file, and a unit test fails when it is stale. The
 * analyzer never imports this module, so its bundle holds the compiled form alone.
 */
import { slug } from '../shared/slug';
import lexiconData from './data/lexicon.json';
import organizationsData from './data/organizations.json';
import peopleData from './data/people.json';
import statesData from './data/states.json';
import {
  type ActorDef,
  type CompiledGazetteer,
  type Entry,
  encodeEntry,
  FUNCTION_WORDS,
  GazetteerError,
  GEN_KINDS,
  GivenNames,
  type Lexicon,
  madeId,
  matchKey,
} from './gazetteer';
import { organizationVariants, personVariants, stateFirstVariants } from './name-variants';
import { packTrie } from './packed-trie';
import { packData } from './shipped-data';
import { type Token, tokenize } from './tokenize';
import { TokenTrie, type TrieNode } from './trie';
import { encodeVarints } from './varint';

const NAME_SUFFIXES = new Set(['Jr', 'Sr', 'II', 'III', 'IV']);
const SIMPLE_PHRASE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

function phraseKeys(phrase: string): string[] {
  // Plain ASCII words split the same as tokenizing them.
  if (SIMPLE_PHRASE.test(phrase))
    return phrase.split(' ').map((w) => (FUNCTION_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w));
  return tokenize(phrase).map(matchKey);
}

export type StateRow = {
  id: string;
  name: string;
  aliases: string[];
  demonyms: string[];
  /** The adjective its own bodies are named with, where it is not demonyms[0] (build-gazetteer.ts). */
  adjective?: string;
  capitals: string[];
};
/** [Wikidata id, name, aliases, and 'state' for a state that is no more (the Soviet Union)]. */
type OrgRow = [string, string, string[], ('state' | 'organization')?];
/**
 * [name, Wikidata id, aliases, flags]: 'f' a famous bearer of the surname, 'k' the family name first
 * ("Kim Jong Un", named alone as Kim), 'g' named alone by the given name, the second name being a
 * father's ("Abiy Ahmed" as Abiy, "Isaias Afwerki" as Isaias: Ethiopian and Eritrean names).
 */
type PersonRow = [string, string, string[], string];

/** The source files' contents. */
export interface GazetteerSources {
  states: StateRow[];
  organizations: OrgRow[];
  people: PersonRow[];
  lexicon: typeof lexiconData;
}

export const SOURCE_FILES: GazetteerSources = {
  states: statesData as StateRow[],
  organizations: organizationsData as OrgRow[],
  people: peopleData as PersonRow[],
  lexicon: lexiconData,
};

/** The gazetteer as the source files give it, its trie a TokenTrie of maps. */
export interface SourceGazetteer {
  actors: ActorDef[];
  trie: TokenTrie<Entry>;
  stateWords: Map<string, number>;
  lexicon: Lexicon;
}

export function gazetteerFromSources(src: GazetteerSources = SOURCE_FILES): SourceGazetteer {
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
  for (const s of src.states) {
    const i = define({ id: s.id, name: s.name, type: 'state', demonym: s.adjective ?? s.demonyms[0] });
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
  // Spellings made by rule (name-variants.ts), added once every listed name and block is in.
  const variants: Array<[string, number]> = [];
  // Each state's singular demonyms ("Paraguayan", not "Paraguayans"), for "<Body> of <State>".
  const stateDemonyms = new Map(
    src.states.map((s) => [
      s.name,
      [
        ...(s.adjective ? [s.adjective] : []),
        ...s.demonyms.filter((d) => d !== s.adjective && !s.demonyms.includes(d.slice(0, -1))),
      ],
    ]),
  );
  for (const [id, name, aliases, type = 'organization'] of src.organizations) {
    const i = define({ id: id || `gen:${type === 'state' ? 'state' : 'org'}:${slug(name)}`, name, type });
    if (i === undefined) continue;
    add(name, { kind: 'name', actor: i });
    for (const a of aliases) add(a, { kind: 'name', actor: i });
    if (type === 'organization')
      for (const w of [name, ...aliases]) {
        for (const v of organizationVariants(w)) variants.push([v, i]);
        for (const v of stateFirstVariants(w, stateDemonyms)) variants.push([v, i]);
      }
  }
  const surnames: Array<[string[], number]> = [];
  const givenNames = new Set(src.lexicon.givenNames);
  for (const [name, id, aliases, flags] of src.people) {
    const i = define({
      id: id || `gen:person:${slug(name)}`,
      name,
      type: 'person',
      famous: flags.includes('f'),
    });
    if (i === undefined) continue;
    add(name, { kind: 'name', actor: i });
    for (const a of aliases) add(a, { kind: 'name', actor: i });
    for (const w of [name, ...aliases])
      for (const v of personVariants(w, flags.includes('k'))) variants.push([v, i]);
    const familyFirst = flags.includes('k') || flags.includes('g');
    const sn = surnameKeys(tokenize(name), familyFirst);
    // "Alyaksandr Lukashenka", "Vassily Nebenzia": the surname of another spelling in full names the
    // person alone too ("the Lukashenka regime"), unless it is a given name ("Mohamed Abdullahi Mohamed").
    const own = new Set(sn.map((k) => k.join(' ')));
    // Only another spelling of the same surname: not a nom de guerre ("Mazloum Kobani"), a see ("Kirill
    // of Moscow") or a title ("Comrade Kim").
    const canonical = sn[0]?.join(' ') ?? '';
    for (const a of familyFirst ? [] : aliases) {
      for (const keys of surnameKeys(tokenize(a), familyFirst)) {
        const sig = keys.join(' ');
        const last = a.split(' ').pop() ?? '';
        if (own.has(sig) || givenNames.has(last) || !sameSurname(sig, canonical)) continue;
        own.add(sig);
        sn.push(keys);
      }
    }
    for (const keys of sn) surnames.push([keys, i]);
  }
  // Blocks go in after names, so "Israel Katz" stays a person, and before surnames.
  for (const b of src.lexicon.blocks) add(b, { kind: 'block', actor: -1 });
  for (const [v, i] of variants) add(v, { kind: 'name', actor: i });
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
  return { actors, trie, stateWords, lexicon: sourceLexicon(src.lexicon) };
}

/** A surname's letters with the differences of transliteration taken out ("Qalibaf", "Ghalibaf"). */
function surnameSkeleton(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]/g, '')
    .replace(/gh|q/g, 'k')
    .replace(/kh/g, 'h')
    .replace(/zh|dzh|dj/g, 'j')
    .replace(/y/g, 'i')
    .replace(/(.)\1/g, '$1');
}

/** Whether two surnames are spellings of one: at most a third of their letters differ. */
function sameSurname(a: string, b: string): boolean {
  const x = surnameSkeleton(a);
  const y = surnameSkeleton(b);
  if (!x || !y) return false;
  // Levenshtein distance, one row.
  const row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[y.length]! <= Math.max(2, Math.floor(Math.max(x.length, y.length) / 3));
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

function sourceLexicon(lexiconData: GazetteerSources['lexicon']): Lexicon {
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
    givenNames: new GivenNames(lexiconData.givenNames),
    capAdjectives: new Set(lexiconData.capAdjectives),
    notOrgTails: new Set(lexiconData.notOrgTails),
    orgLeftAbsorb: new Set(lexiconData.orgLeftAbsorb),
    honorifics: new Set(lexiconData.honorifics),
  };
}

/** The compiled form of the source files: what data/gazetteer.generated.json must hold. */
export function compileGazetteer(source: SourceGazetteer = gazetteerFromSources()): CompiledGazetteer {
  const noBreaks = (field: string) => {
    if (/[\t\n]/.test(field))
      throw new GazetteerError(`gazetteer: a tab or newline in ${JSON.stringify(field)}`);
    return field;
  };
  const shortGen = new Map(Object.entries(GEN_KINDS).map(([letter, kind]) => [`gen:${kind}:`, `${letter}:`]));
  const shortId = (id: string) => {
    const prefix = /^gen:[a-z]+:/.exec(id)?.[0];
    const short = prefix && shortGen.has(prefix) ? shortGen.get(prefix)! + id.slice(prefix.length) : id;
    if (short[1] === ':' && short === id)
      throw new GazetteerError(`gazetteer: id ${id} reads as a short one`);
    return short;
  };
  const letter = (a: ActorDef) =>
    a.type === 'state' ? 's' : a.type === 'organization' ? 'o' : a.famous ? 'f' : 'p';
  const column = (f: (a: ActorDef, i: number) => string) =>
    source.actors.map((a, i) => noBreaks(f(a, i))).join('\n');
  const ownNames = ownNameEntries(source);
  const actors = {
    // An id made from the name ("gen:org:" and its slug) is left empty: the loader makes it again.
    ids: column((a) => (a.id === madeId(a.type, a.name) ? '' : shortId(a.id))),
    // So is a name the trie spells.
    names: column((a, i) => (ownNames.has(i) ? '' : a.name)),
    types: source.actors.map(letter).join(''),
    demonyms: column((a) => a.demonym ?? ''),
  };
  const lexicon = Object.fromEntries(
    Object.entries(source.lexicon).map(([k, set]) => [k, [...(set as Set<string>)].map(noBreaks).join('\n')]),
  ) as CompiledGazetteer['lexicon'];
  const own = new Set(ownNames.values());
  const trie = packTrie(source.trie, (e) => encodeEntry(e, own.has(e)));
  const wordNumber = new Map(trie.words.split('\n').map((w, i) => [w, i]));
  const stateWords: number[] = [];
  for (const [word, actor] of source.stateWords) {
    const w = wordNumber.get(word);
    if (w === undefined) throw new GazetteerError(`gazetteer: state word "${word}" is in no name`);
    stateWords.push(w, actor);
  }
  return { format: 2, actors, trie, stateWords: encodeVarints(stateWords), lexicon };
}

/**
 * Per actor whose name is its phrase's keys space-joined ("Ministry of Defense of Ukraine", not
 * "al-Qaeda", whose keys are "al Qaeda"), the trie entry of that phrase naming it.
 */
function ownNameEntries(source: SourceGazetteer): Map<number, Entry> {
  const out = new Map<number, Entry>();
  source.actors.forEach((a, i) => {
    const keys = phraseKeys(a.name);
    if (keys.join(' ') !== a.name) return;
    let node: Readonly<TrieNode<Entry>> | undefined = source.trie.tree;
    for (const k of keys) node = node?.next?.get(k);
    const entry = node?.values?.find((e) => e.kind === 'name' && e.actor === i);
    if (entry) out.set(i, entry);
  });
  return out;
}

/** The file's text: the compiled gazetteer packed (shipped-data.ts). */
export function compiledGazetteerText(c: CompiledGazetteer = compileGazetteer()): string {
  return `${JSON.stringify(packData(c), null, 1)}\n`;
}
