/**
 * Actor detection over one article's tokens.
 *
 * Steps: (1) longest gazetteer matches; (2) organisations not in the gazetteer, from an
 * organisation head word ("Ministry", "University") and its capitalised neighbours, or a cue
 * ("the Taiwanese firm"); (3) people not in the gazetteer, from capitalised runs with a title or
 * role stripped off ("Russian Defense Minister X Y"), a speech verb, an appositive role or a known
 * given name; (4) bare surnames and acronyms resolved to actors named in full in the same article;
 * (5) mentions counted per actor.
 */

import { WEEKDAYS } from '../shared/delivery-time';
import type { ActorMention } from '../shared/types';
import { definesAcronym } from './acronyms';
import {
  articleName,
  type NamingWords,
  personName,
  placedEmbassy,
  type WrittenSpan,
  withLegalForm,
} from './article-names';
import { type ActorDef, actorDef, type Entry, type Gazetteer, type PhraseMatcher, slug } from './gazetteer';
import { canonicalDept, LOWER_DEPT_WORDS, ministryName } from './ministry';
import {
  bodyNotPerson,
  departmentAfterTitle,
  honorificLength,
  identifiedAs,
  isApostrophe,
  isTitleWord,
  lastTwoNamesStart,
  type NameContext,
  namesPlace,
  personCue,
  personNounBefore,
  placeWordSurname,
  titleAbbreviationBefore,
  tooLongForName,
} from './person-rules';
import { normaliseKey, type Token, tokenize } from './tokenize';
import type { TrieMatch } from './trie';

// Regular expressions with \p{...} are module constants: esbuild, for a node target, writes each one
// as `new RegExp(...)`, which inside a function is a new object on every call.
const CAPS_3_TO_7 = /^\p{Lu}{3,7}$/u;
const INITIALS = /^(?:\p{Lu}\.){2,3}$/u;
const UPPER_START = /^\p{Lu}/u;
const CAPITALISED_PREFIX = /^\p{Lu}\p{Ll}+/u;
const PART_START = /(^|['’])(\p{Ll})/gu;

interface Found {
  def: ActorDef;
  mentions: number;
  first: number;
  /** Full-name mention seen (not only a surname). */
  full: boolean;
}

/** The United States' short forms that open its bodies' names ("US Treasury", "U.S. Army"). */
const US_PREFIX = new Set(['US', 'U.S.']);
const GOVERNMENT_HEADS = new Set([
  'Ministry',
  'Department',
  'Army',
  'Navy',
  'Forces',
  'Force',
  'Guard',
  'Guards',
  'Corps',
  'Embassy',
  'Consulate',
  'Cabinet',
  'Parliament',
  'Police',
]);
/**
 * Bodies that speak for their government: named with a state, they name it ("the Russian Foreign
 * Ministry said", "the Chinese Embassy in Manila") as a capital does; armed forces, commands and
 * police named with one do not ("US Southern Command", "Israel Defense Forces").
 */
const GOVERNMENT_VOICES = new Set([
  'Ministry',
  'Department',
  'Embassy',
  'Consulate',
  'Cabinet',
  'Parliament',
]);
const DIRECT_ORG_CUES = new Set(['party', 'movement', 'militia', 'faction', 'gang', 'cartel']);
const GOVERNMENT_WORDS = new Set([
  'Ministry',
  'Department',
  'Army',
  'Navy',
  'Forces',
  'Force',
  'Guard',
  'Corps',
  'Command',
  'Embassy',
  'Parliament',
  // "Georgia's parliament", "Paraguay's Senate": a legislature named by its state's possessive.
  'parliament',
  'legislature',
  'Senate',
  'Congress',
  'Assembly',
  'Cabinet',
  'General',
  'Staff',
]);
const ARTICLES = new Set(['the', 'a', 'an']);
/** Lower-case words inside Spanish, Portuguese, Italian and French names ("Comuneros del Sur"). */
const ROMANCE_CONNECTORS = new Set([
  'de',
  'del',
  'da',
  'do',
  'dos',
  'das',
  'di',
  'della',
  'des',
  'du',
  'la',
  'las',
  'los',
  'le',
  'les',
  'por',
  'para',
  'pour',
  'y',
  'e',
  'et',
]);
/** Head words that open Spanish, Portuguese, Italian and French names ("Centro Militar de Inteligencia"). */
const ROMANCE_HEADS = new Set([
  'Centro',
  'Partido',
  'Partito',
  'Parti',
  'Frente',
  'Fronte',
  'Movimiento',
  'Movimento',
  'Mouvement',
  'Ejército',
  'Ejercito',
  'Exército',
  'Exercito',
  'Esercito',
  'Armée',
  'Fuerzas',
  'Forças',
  'Forcas',
  'Comando',
  'Instituto',
  'Istituto',
  'Consejo',
  'Conselho',
  'Consiglio',
  'Conseil',
  'Ministerio',
  'Ministério',
  'Ministero',
  'Ministère',
  'Unión',
  'União',
  'Alianza',
  'Aliança',
  'Coordinadora',
  'Asamblea',
  'Congreso',
  'Congresso',
  'Corte',
  'Policía',
  'Policia',
  'Polícia',
  'Polizia',
  'Guardia',
  'Guarda',
  'Servicio',
  'Serviço',
  'Agencia',
  'Agência',
  'Agenzia',
  'Dirección',
  'Direccion',
  'Secretaría',
  'Secretaria',
  'Fundación',
  'Fundação',
  'Asociación',
  'Associação',
  'Federación',
  'Confederación',
  'Sindicato',
  'Bloque',
  'Comité',
  'Comision',
  'Comisión',
  'Comissão',
]);
const APPOSITIVE_OPENERS = new Set(['the', 'a', 'an', 'another', 'its', 'one']);
/**
 * Kinds of body that say what a name is only after it ("X, the state defence holding"): before a name
 * they are a verb's or an adjective's ("holding Pokrovsk", "Iraq's giant West Qurna field", "legal
 * authority President Trump relied on").
 */
const APPOSITIVE_ONLY_CUES = new Set([
  'holding',
  'giant',
  'authority',
  'builder',
  'exporter',
  'alliance',
  'league',
  'council',
  'board',
  'commission',
  'tribunal',
  'society',
  'academy',
  'university',
  'foundation',
  'association',
  'federation',
]);
const ORG_CONNECTORS = new Set(['of', 'for', 'and', 'on', 'in', 'at', 'the', 'de', 'al']);

/**
 * The actors an article's tokens name. `outlet` is the name of the outlet that published it ("The
 * Namibian", "Graphic Online"): the article naming its own outlet ("told The Namibian") names a body
 * even where the gazetteer does not know it.
 */
export function detectActors(tokens: Token[], gaz: Gazetteer, outlet?: string): ActorMention[] {
  const scan = createScan(tokens, gaz, outlet);
  for (const o of scan.outletMentions) note(scan, genDef(scan, o.name, 'organization'), o.start, true);
  gazetteerMentions(scan);
  blockTownsAndCommittees(scan);
  orgsFromHeads(scan);
  definedAcronyms(scan);
  lowerCaseMinistries(scan);
  lowerCaseEmbassies(scan);
  placePossessiveNames(scan);
  cuedOrgs(scan);
  listedOrgs(scan);
  usServices(scan);
  democraticAdjective(scan);
  greensByState(scan);
  partiesByState(scan);
  euBodiesAlone(scan);
  knownOrgEndings(scan);
  peopleFromRuns(scan);
  speakerLabels(scan);
  settleAcronyms(scan);
  settleShortForms(scan);
  prefixedForms(scan);
  return rankFound(scan);
}

/**
 * One article's detection state, shared by the passes. Every field is set in `createScan` so that
 * the passes see objects of one shape; one function per pass keeps each small enough for V8 to
 * optimise early in a fresh process.
 */
interface ActorScan {
  tokens: Token[];
  gaz: Gazetteer;
  lx: Gazetteer['lexicon'];
  actors: Gazetteer['actors'];
  n: number;
  /** Actor index (>= 0), -1 block, -2 free. */
  owner: Int32Array;
  found: Map<string, Found>;
  generated: Map<string, ActorDef>;
  /** Gazetteer matches outside datelines, places and author lines. */
  matches: Array<TrieMatch<Entry>>;
  /** Tokens of any gazetteer match, a surname's included. */
  inMatch: Uint8Array;
  pendingSurnames: Array<{ start: number; end: number; entries: Entry[] }>;
  /** Acronyms the gazetteer knows, settled once the article's own organisations are known. */
  pendingAcronyms: Array<{ pos: number; actor: number }>;
  stateMentions: Array<{ pos: number; end: number; actor: number; kind: Entry['kind'] }>;
  /** Organisations the rules named, by the position after their last word. */
  ruleOrgEndingAt: Map<number, ActorDef>;
  /** Organisations the gazetteer named, by the position after their last word. */
  orgMatchEndingAt: Map<number, { start: number; def: ActorDef }>;
  /** Universities named by their town's name alone ("Georgetown"), counted if named in full too. */
  shortUniversities: Array<{ pos: number; def: ActorDef }>;
  /** Organisations noted from the gazetteer, as written, for a body named in full before them. */
  knownOrgMentions: Array<{ pos: number; end: number; def: ActorDef }>;
  /** Gazetteer organisations' and people's mentions by the forms the article writes, for the name it uses (article-names.ts). */
  written: Map<string, WrittenSpan[]>;
  /** States consumed as part of an organisation's name ("Amnesty International Kenya"). */
  consumed: Set<number>;
  /** Where the body names its own outlet (outletSpans). */
  outletMentions: OutletSpan[];
  /** States named inside an organisation's name, not counted as the state. */
  suppressed: Set<number>;
  /** The matches by start, built the first time a rule asks. */
  matchAt: Map<number, TrieMatch<Entry>> | undefined;
  /** Words the body writes in lower case somewhere, gathered the first time a rule asks. */
  lowerInBody: Set<string> | undefined;
}

function createScan(tokens: Token[], gaz: Gazetteer, outlet: string | undefined): ActorScan {
  const { lexicon: lx, actors } = gaz;
  const n = tokens.length;
  const owner = new Int32Array(n).fill(-2);
  // (1) gazetteer; the agency tag of a dateline is not reporting.
  const tag = datelineTag(tokens);
  if (tag) owner.fill(-1, tag[0], tag[1]);
  const signOff = tag && signOffTag(tokens, tag);
  if (signOff) owner.fill(-1, signOff[0], signOff[1]);
  // "ROME (AFP) -", "TALLINN -": where the story was filed is no mention.
  const filed = datelinePlace(tokens, tag);
  if (filed) owner.fill(-1, filed[0], filed[1]);
  const scanned = gazetteerMatches(tokens, gaz.trie);
  // Places that are only locations ("Thitu Island", "Kamal Adwan Hospital", "Port Sudan").
  const places = placeSpans(tokens, scanned, actors, lx);
  for (const [a, b] of places) owner.fill(-1, a, b);
  // "Jane Roe writes about East Asian security.": an author's line at the end is no reporting.
  for (const [a, b] of authorLines(tokens)) {
    owner.fill(-1, a, b);
    places.push([a, b]);
  }
  const own = outlet ? outletSpans(tokens, owner, scanned, gaz, outlet) : [];
  for (const o of own) owner.fill(-3, o.start, o.end);
  const blocked = [
    ...(tag ? [tag] : []),
    ...(signOff ? [signOff] : []),
    ...(filed ? [filed] : []),
    ...places,
    ...own.map((o): [number, number] => [o.start, o.end]),
  ];
  const matches = scanned.filter((m) => !blocked.some(([a, b]) => m.start < b && m.end > a));
  const inMatch = new Uint8Array(n);
  for (const m of matches) inMatch.fill(1, m.start, m.end);
  return {
    tokens,
    gaz,
    lx,
    actors,
    n,
    owner,
    found: new Map(),
    generated: new Map(),
    matches,
    inMatch,
    pendingSurnames: [],
    pendingAcronyms: [],
    stateMentions: [],
    ruleOrgEndingAt: new Map(),
    orgMatchEndingAt: new Map(),
    shortUniversities: [],
    knownOrgMentions: [],
    written: new Map(),
    outletMentions: own,
    consumed: new Set(),
    suppressed: new Set(),
    matchAt: undefined,
    lowerInBody: undefined,
  };
}

function rankFound(scan: ActorScan): ActorMention[] {
  return [...scan.found.values()]
    .sort((a, b) => b.mentions - a.mentions || a.first - b.first)
    .map((f) => ({
      id: f.def.id,
      name:
        f.def.type === 'organization'
          ? organisationName(scan, f.def)
          : f.def.type === 'person'
            ? personName(f.def.name, scan.tokens, scan.written.get(f.def.id) ?? [], scan.lx.roles)
            : f.def.name,
      type: f.def.type,
      mentions: f.mentions,
    }));
}

/**
 * The name an organisation is given in this article (article-names.ts): the form the article writes,
 * placed in its city if an embassy, with the article's spelling of its demonym and its legal form.
 */
function organisationName(scan: ActorScan, def: ActorDef): string {
  const { tokens } = scan;
  const words = namingWords(scan.gaz);
  const written = articleName(def.name, tokens, scan.written.get(def.id) ?? [], words);
  return withLegalForm(articleDemonym(scan, placedEmbassy(written, tokens, words)), tokens);
}

/** Whether two words are within two letters' edits of each other (short words only). */
function nearWords(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! <= 2;
}

/**
 * A body named with its state's demonym (a ministry by rule, "Ecuadorean Foreign Ministry") takes
 * the demonym as the article spells it when that is another spelling of the same word
 * ("Ecuadorian") and the article never writes the gazetteer's; not another word ("Filipino" for
 * "Philippine", "Croat" for "Croatian") nor a plural ("Ecuadorians").
 */
function articleDemonym(scan: ActorScan, name: string): string {
  let written: string | undefined;
  let demonym = '';
  for (const m of scan.stateMentions) {
    if (m.kind !== 'demonym') continue;
    const d = scan.actors[m.actor]?.demonym;
    if (!d || !name.startsWith(`${d} `)) continue;
    const w = joinName(scan.tokens.slice(m.pos, m.end));
    if (w === d) return name;
    if (!written && w.length >= 5 && !w.endsWith('s') && !d.startsWith(w) && nearWords(w, d)) {
      written = w;
      demonym = d;
    }
  }
  return written ? written + name.slice(demonym.length) : name;
}

const naming = new WeakMap<Gazetteer, NamingWords>();
function namingWords(gaz: Gazetteer): NamingWords {
  let words = naming.get(gaz);
  if (!words) {
    words = {
      namesState: (tokens, k) =>
        gaz.stateWords.has(tokens[k]!.key) ||
        !!gaz.trie.matchAt(tokens, k)?.values.some((e) => e.kind === 'capital'),
      placeEnd: (tokens, k) => {
        const m = gaz.trie.matchAt(tokens, k);
        const place = m?.values.some(
          // "The Hague", "Mexico City": a city the gazetteer blocks as a place.
          (e) =>
            e.kind === 'capital' ||
            e.kind === 'block' ||
            (e.kind === 'name' && gaz.actors[e.actor]!.type === 'state'),
        );
        return place ? m!.end : undefined;
      },
      capAdjectives: gaz.lexicon.capAdjectives,
    };
    naming.set(gaz, words);
  }
  return words;
}

/** Notes a gazetteer organisation's mention by one of its own forms, written at `pos` to `end`. */
function noteWritten(scan: ActorScan, def: ActorDef, pos: number, end: number): void {
  const spans = scan.written.get(def.id);
  if (spans) spans.push({ pos, end });
  else scan.written.set(def.id, [{ pos, end }]);
}

function note(scan: ActorScan, def: ActorDef, pos: number, full: boolean): void {
  const f = scan.found.get(def.id);
  if (f) {
    f.mentions++;
    f.full ||= full;
    f.first = Math.min(f.first, pos);
  } else scan.found.set(def.id, { def, mentions: 1, first: pos, full });
}

/** Takes back one mention noted at `pos` (a gazetteer name absorbed into a longer name). */
function retract(scan: ActorScan, def: ActorDef): void {
  const f = scan.found.get(def.id);
  if (!f) return;
  if (--f.mentions <= 0) scan.found.delete(def.id);
}

function genDef(scan: ActorScan, name: string, type: 'person' | 'organization'): ActorDef {
  const known = scan.gaz.byName.get(name);
  if (known !== undefined) return scan.actors[known]!;
  const id = `gen:${type}:${slug(name)}`;
  let def = scan.generated.get(id);
  if (!def) {
    def = actorDef(id, name, type);
    scan.generated.set(id, def);
  }
  return def;
}

/** The state a body's name names ("State Border Guard Service of Ukraine" -> Ukraine), if one. */
function homeState(scan: ActorScan, name: string): ActorDef | undefined {
  const { states, memo } = homeLookup(scan.gaz);
  if (memo.has(name)) return memo.get(name);
  const words = ` ${name} `;
  const home = states.find(
    (st) => words.includes(` ${st.name} `) || (!!st.demonym && words.includes(` ${st.demonym} `)),
  );
  memo.set(name, home);
  return home;
}

function isCapWord(t: Token | undefined): boolean {
  return !!t && t.word && t.cap;
}

/** Whether the body writes the word in lower case somewhere. */
function writtenLower(scan: ActorScan, t: Token): boolean {
  if (!scan.lowerInBody) {
    const lower = new Set<string>();
    for (const x of scan.tokens) if (x.para > 0 && !x.cap && x.word) lower.add(x.lower);
    scan.lowerInBody = lower;
  }
  return scan.lowerInBody.has(t.lower);
}

function titleWord(scan: ActorScan, t: Token): boolean {
  return t.para === 0 && (!scan.lx.givenNames.has(t.text) || writtenLower(scan, t));
}

function notName(scan: ActorScan, t: Token): boolean {
  return scan.lx.stopCaps.has(t.text) || scan.lx.capAdjectives.has(t.text);
}

function free(scan: ActorScan, i: number): boolean {
  return scan.owner[i] === -2;
}

/** Headlines capitalise every word: names are learnt from the body, not the title. */
function inBody(scan: ActorScan, i: number): boolean {
  return scan.tokens[i]!.para > 0;
}

function matchesByStart(scan: ActorScan): Map<number, TrieMatch<Entry>> {
  scan.matchAt ??= new Map(scan.matches.map((x) => [x.start, x]));
  return scan.matchAt;
}

/** (1) Notes the gazetteer's matches, or takes them into longer names or blocks them. */
function gazetteerMentions(scan: ActorScan): void {
  const {
    tokens,
    gaz,
    lx,
    actors,
    owner,
    matches,
    pendingSurnames,
    pendingAcronyms,
    stateMentions,
    ruleOrgEndingAt,
    orgMatchEndingAt,
    shortUniversities,
    knownOrgMentions,
    consumed,
    suppressed,
  } = scan;
  const otherParties: number[] = [];
  for (const m of matches) {
    if (consumed.has(m.start)) continue;
    const e = m.values[0]!;
    // "Germany's Social Democrats", "the Christian Democrats": a word of a party's name before the US
    // parties' word names another state's party (settled below, once the states are known).
    if (
      m.end - m.start === 1 &&
      e.kind === 'name' &&
      US_PARTIES.has(actors[e.actor]!.name) &&
      PARTY_WORDS.has(tokens[m.start - 1]?.text ?? '') &&
      free(scan, m.start - 1)
    ) {
      owner.fill(-1, m.start - 1, m.end);
      otherParties.push(m.start - 1);
      continue;
    }
    // "Union por la Patria": a known body's one-word name after a Romance name's connector is the
    // longer name's word (left free for the head rule), not the body ("Patria", a Finnish firm).
    if (
      m.end - m.start === 1 &&
      e.kind === 'name' &&
      actors[e.actor]!.type === 'organization' &&
      romanceJoint(tokens, m.start - 1) &&
      (isCapWord(tokens[m.start - 2]) ||
        (romanceJoint(tokens, m.start - 2) && isCapWord(tokens[m.start - 3])))
    )
      continue;
    if (e.kind === 'surname') {
      pendingSurnames.push({ start: m.start, end: m.end, entries: m.values });
      continue;
    }
    if (
      e.kind === 'name' &&
      actors[e.actor]!.type === 'person' &&
      surnameInCompound(tokens, m.start, m.end)
    ) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "Julieta de Lima", "de Lima said": a capital or a state after "de" is a surname.
    if ((e.kind === 'capital' || e.kind === 'name') && surnameParticleBefore(scan, m.start)) continue;
    // "NIS 112 billion", "fined the outlet MVR 100,000": three capitals before an amount are a
    // currency's code, not the body the letters also stand for.
    if (e.kind === 'name' && currencyCode(tokens, m.start, m.end)) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "the carrier Harry S. Truman": a ship named for a known person is no mention of the person.
    if (e.kind === 'name' && actors[e.actor]!.type === 'person' && shipNameAt(tokens, m.start)) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "Gul Bibi", "Saddam Haftar": a person's one-word name after a capitalised word that is no
    // title is part of someone else's name, left to the person rules.
    if (
      e.kind === 'name' &&
      m.end - m.start === 1 &&
      actors[e.actor]!.type === 'person' &&
      nameGoesOn(scan, m.start)
    )
      continue;
    // "Emir Tamim bin Hamad bin Khalifa Al Thani": a known person's name after "bin" that goes on a
    // person's name is the father's, part of the full name, and no mention of him.
    if (e.kind === 'name' && actors[e.actor]!.type === 'person' && patronymAfterPerson(scan, m.start)) {
      owner.fill(-3, m.start, m.end);
      continue;
    }
    // "COGAT, the Israeli military body", "a Chinese military base": "military" before a thing of the
    // forces is an adjective for the thing, no mention of the forces (LABELLING); the state is named.
    if (e.kind === 'name' && militaryThing(tokens, m.end)) {
      owner.fill(-1, m.start, m.end);
      const st = gaz.stateWords.get(tokens[m.start]!.key);
      if (st !== undefined)
        stateMentions.push({ pos: m.start, end: m.start + 1, actor: st, kind: 'demonym' });
      continue;
    }
    // "talks at State House", "the Lancaster House treaties", "Parliament House in Canberra": a
    // building's (or another body's) name, no mention of the US House.
    if (
      e.kind === 'name' &&
      ((m.end - m.start === 1 && tokens[m.start]!.text === 'House' && houseOfAName(tokens, m.start)) ||
        (actors[e.actor]!.type === 'organization' &&
          tokens[m.end]?.text === 'House' &&
          houseOfAName(tokens, m.end)))
    )
      continue;
    for (let k = m.start; k < m.end; k++) owner[k] = e.actor;
    if (e.kind === 'block') continue;
    // "a Norway-based group" (a place), "Soviet-era", "post-Soviet", "a Columbia-class submarine",
    // "US$4 billion": part of a word about something else, not a mention.
    const after = tokens[m.end];
    const before = tokens[m.start - 1];
    if (
      (after?.hyphen && COMPOUND_TAILS.has(after.lower)) ||
      (tokens[m.start]!.hyphen && before && COMPOUND_HEADS.has(before.lower)) ||
      (tokens[m.start]!.hyphen &&
        before &&
        STANCE_HEADS.has(before.lower) &&
        actors[e.actor]!.type === 'state') ||
      (after?.text === '$' && after.start === tokens[m.end - 1]!.start + tokens[m.end - 1]!.text.length)
    ) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "known by its Spanish acronym": a language, not the state.
    if (e.kind === 'demonym' && after?.word && !after.cap && LANGUAGE_WORDS.has(after.lower)) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "issued in French.", "our translation from the Spanish.", "the imposition of French in courts":
    // a language, not the state.
    if (e.kind === 'demonym' && languageNamed(tokens, m.start, m.end)) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "the Timor and Arafura seas", "the Juba river": a place named after a state or a capital.
    if (actors[e.actor]!.type === 'state' && waterAfter(tokens, m.end)) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "Central America", "South American armies": part of a continent, not the United States.
    if (before?.cap && AMERICAS.has(before.text) && tokens[m.start]!.text.startsWith('America')) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    // "Soviet times", "former Soviet republics", "of Soviet design": a state that is no more is named
    // by its name ("the Soviet Union", "the USSR"); the first word of that name before a lower-case
    // word is an adjective for a period or an origin, not the state; before its people, forces or
    // acts ("Soviet leaders", "the Soviet invasion", "Soviet submarines") it is the state acting.
    if (
      m.end - m.start === 1 &&
      after?.word &&
      !after.cap &&
      !stateActing(tokens, m.end) &&
      isFormerStateAdjective(actors[e.actor]!, tokens[m.start]!, lx)
    ) {
      owner.fill(-1, m.start, m.end);
      continue;
    }
    if (e.kind === 'capital') {
      const place = capitalAsPlace(scan, m.start, m.end);
      if (place === 'place') {
        owner.fill(-1, m.start, m.end);
        continue;
      }
      // "Naval Sea Systems Command, Washington, D.C.": the city, no mention, though still the story's.
      if (place === 'city') suppressed.add(m.start);
    }
    let def = actors[e.actor]!;
    // A body the gazetteer keeps under one state, by a generic name (the US or British "Coast Guard",
    // "Supreme Court", "Ministry of Defence") or by a name that names the state ("State Border Guard
    // Service of Ukraine"), met by a form naming no state, right after another state ("the Philippine
    // Coast Guard", "Lithuania's State Border Guard Service") or before "of" and another ("the Supreme
    // Court of Pakistan"), is that other state's: as written, or after a possessive with the demonym
    // ("Lithuanian State Border Guard Service", "Kenyan Defense Ministry").
    if (def.type === 'organization' && e.kind === 'name') {
      const generic = GENERIC_FIRST.has(tokens[m.start]!.text) ? joinName(tokens.slice(m.start, m.end)) : '';
      const home = GENERIC_BODIES.has(generic) ? undefined : homeState(scan, def.name);
      if (GENERIC_BODIES.has(generic) || (home && !homeState(scan, joinName(tokens.slice(m.start, m.end))))) {
        const possessive = tokens[m.start - 1]?.lower === "'s";
        const sp = possessive ? m.start - 2 : m.start - 1;
        const o = sp >= 0 && tokens[sp]!.cap ? owner[sp]! : -2;
        let st = o >= 0 ? actors[o]! : undefined;
        let ofState: TrieMatch<Entry> | undefined;
        if (st?.type !== 'state' && tokens[m.end]?.lower === 'of' && !tokens[m.end]!.cap) {
          const matchAt = matchesByStart(scan);
          ofState = matchAt.get(m.end + 1);
          const oe = ofState?.values[0];
          const od = oe?.kind === 'name' ? actors[oe.actor] : undefined;
          st = od?.type === 'state' ? od : undefined;
        }
        const other = home ? st !== home : !GENERIC_BODY_OWNERS.has(st?.name ?? '');
        const demonym = st?.type === 'state' ? st.demonym : undefined;
        if (demonym && other) {
          const written = joinName(tokens.slice(m.start, m.end));
          let k = sp;
          while (!ofState && !possessive && k > 0 && owner[k - 1] === o) k--;
          if (ofState) consumed.add(ofState.start);
          const name = written.startsWith('Ministry of ')
            ? ministryName(demonym, written.slice('Ministry of '.length).split(' '))
            : ofState
              ? joinName(tokens.slice(m.start, ofState.end))
              : possessive
                ? `${demonym} ${written}`
                : joinName(tokens.slice(k, m.end));
          if (name) def = genDef(scan, name, 'organization');
        }
      }
    }
    // "Amnesty International Kenya", "Transparency International Georgia": a national section; "BAE
    // Systems Australia", "Sputnik Azerbaijan", "Save the Children UK": a company's, an outlet's or a
    // charity's, when the name ends there and no clause goes on from the state ("told Reuters Ukraine
    // would ...").
    if (def.type === 'organization' && e.kind === 'name') {
      const matchAt = matchesByStart(scan);
      const next = matchAt.get(m.end);
      const nd = next && next.values[0]!.kind === 'name' ? actors[next.values[0]!.actor] : undefined;
      if (
        next &&
        nd?.type === 'state' &&
        tokens[m.end]!.cap &&
        tokens[m.end]!.para === tokens[m.start]!.para &&
        (def.name.endsWith(' International') || nationalArm(scan, m.start, m.end, next.end))
      ) {
        consumed.add(next.start);
        owner.fill(-3, next.start, next.end);
        def = genDef(scan, joinName(tokens.slice(m.start, next.end)), 'organization');
        for (let k = m.start; k < m.end; k++) owner[k] = -3;
        note(scan, def, m.start, true);
        continue;
      }
    }
    // "General Dynamics Ordnance and Tactical Systems Inc.", "Islamic Revolutionary Guard Corps-Quds
    // Force": a division named after its parent is the division.
    if (def.type === 'organization' && e.kind === 'name') {
      const end = divisionEnd(scan, m.start, m.end);
      if (end > m.end) {
        const matchAt = matchesByStart(scan);
        for (let k = m.end; k < end; k++) if (matchAt.has(k)) consumed.add(k);
        let nameEnd = end;
        while (nameEnd > m.end && COMPANY_SUFFIXES.has(tokens[nameEnd - 1]!.text)) nameEnd--;
        const division = genDef(scan, joinName(tokens.slice(m.start, nameEnd)), 'organization');
        owner.fill(-3, m.start, end);
        note(scan, division, m.start, true);
        ruleOrgEndingAt.set(end, division);
        continue;
      }
    }
    // "the Quincy Institute for Responsible Statecraft", "the Palestinian Red Crescent Society", "the
    // Nigerian Senate Committee on Air Force": a known name that is only the start of a longer
    // capitalised name is that longer body.
    if (def.type === 'organization' && e.kind === 'name') {
      const end = longerNameEnd(scan, m.start, m.end);
      if (end > m.end) {
        // "the Zorgan Liberation Front": the name may open before the known one ("Libération") too.
        const start = longerNameStart(scan, m.start);
        // "Senate Armed Services Chairman Roger Wicker": a committee named before its chair's title.
        const own = joinName(tokens.slice(start, end));
        const committee = lx.roleHeads.has(tokens[end]?.lower ?? '')
          ? gaz.byName.get(`${own} Committee`)
          : undefined;
        // "the US Treasury Department": "US" and a form of the same body ("Treasury Department"), no other.
        const same =
          start === m.start && US_PREFIX.has(tokens[m.start]!.text)
            ? organisationNamed(scan, joinName(tokens.slice(m.start + 1, end))) === def
            : false;
        const longer = same
          ? def
          : committee !== undefined
            ? actors[committee]!
            : genDef(scan, own, 'organization');
        owner.fill(-3, start, end);
        note(scan, longer, start, true);
        if (same) noteWritten(scan, def, start, end);
        ruleOrgEndingAt.set(end, longer);
        continue;
      }
    }
    // "the Heritage Institute for Policy Studies", "the opposition Constitutional Democratic Party of
    // Japan", "the African Union's Peace and Security Council": a known name that is only the end of a
    // longer capitalised name is that longer body, not the known one.
    // A one-word name only when it is a body's head word: "the World Uyghur Congress" is no Congress.
    if (
      def.type === 'organization' &&
      e.kind === 'name' &&
      (m.end - m.start >= 2 || (lx.orgHeads.has(tokens[m.start]!.text) && !tokens[m.start]!.caps))
    ) {
      const s = longerNameStart(scan, m.start);
      // "the Ministry of National Defence and Veterans Affairs": a department after a head's "of" is
      // left to the head's name.
      const ofHead = tokens[s - 1]?.lower === 'of' && lx.orgHeads.has(tokens[s - 2]?.text ?? '');
      if (s < m.start && !ofHead) {
        let end = m.end;
        // "... Party of Japan": the state it belongs to closes the name.
        const matchAt = matchesByStart(scan);
        const st = tokens[end]?.lower === 'of' && !tokens[end]!.cap ? matchAt.get(end + 1) : undefined;
        if (st && st.values[0]!.kind === 'name' && actors[st.values[0]!.actor]!.type === 'state') {
          consumed.add(st.start);
          end = st.end;
        }
        end = tailToAcronym(scan, s, end);
        // "the African Union's Peace and Security Council": named with its parent, as written.
        const parent = possessiveParent(scan, s);
        const own = joinName(tokens.slice(s, end));
        const longer = genDef(scan, parent ? `${parent} ${own}` : own, 'organization');
        owner.fill(-3, s, end);
        note(scan, longer, s, true);
        ruleOrgEndingAt.set(end, longer);
        continue;
      }
    }
    if (def.type === 'organization' && e.kind === 'name')
      orgMatchEndingAt.set(m.end, { start: m.start, def });
    if (def.type === 'state') stateMentions.push({ pos: m.start, end: m.end, actor: e.actor, kind: e.kind });
    // "Rubio flew to Georgetown", "the Columbia-class": a university's short name is a town's, unless
    // the article names the university in full.
    else if (
      def.type === 'organization' &&
      m.end - m.start === 1 &&
      def.name === `${tokens[m.start]!.text} University`
    )
      shortUniversities.push({ pos: m.start, def });
    else if (def.type === 'organization' && m.end - m.start === 1 && tokens[m.start]!.caps)
      pendingAcronyms.push({ pos: m.start, actor: e.actor });
    else {
      note(scan, def, m.start, true);
      if (def.type === 'organization' && def === actors[e.actor]) {
        knownOrgMentions.push({ pos: m.start, end: m.end, def });
        noteWritten(scan, def, m.start, m.end);
      }
      // A person's full name as written, for the name the article uses (article-names.ts).
      if (def.type === 'person' && m.end - m.start > 1) noteWritten(scan, def, m.start, m.end);
    }
    // "Russian Foreign Ministry spokeswoman": a government body named by its state is that state's (a
    // bare "Foreign Ministry" after it is too), and names the state if it speaks for it; "the US
    // Navy" and "US Southern Command" alone name no state, as writers label them. A body named after
    // its state's possessive names the state on its own ("Iran's Atomic Energy Organization",
    // "Georgia's parliament").
    const possessive = tokens[m.start + 1]?.lower === "'s";
    if (
      def.type === 'organization' &&
      m.end - m.start > 1 &&
      (possessive || tokens.slice(m.start, m.end).some((x) => GOVERNMENT_WORDS.has(x.text)))
    ) {
      const st = gaz.stateWords.get(tokens[m.start]!.key);
      if (st !== undefined) {
        stateMentions.push({ pos: m.start, end: m.start + 1, actor: st, kind: 'demonym' });
        if (!possessive && !governmentVoice(tokens, m.start, m.end)) suppressed.add(m.start);
      }
    }
  }
  for (const pos of otherParties) otherParty(scan, pos);
}

/**
 * Names the party of another state at `pos` ("Social Democrats") by the gazetteer's name for it with
 * the state's demonym ("German Social Democrats"): the state of a possessive before it, else the
 * article's most named; none when the gazetteer has no such name.
 */
function otherParty(scan: ActorScan, pos: number): void {
  const { tokens, actors, owner } = scan;
  const sp = tokens[pos - 1]?.lower === "'s" ? pos - 2 : pos - 1;
  const st = isState(scan, owner[sp] ?? -2) ? actors[owner[sp]!] : dominantState(scan);
  if (!st?.demonym || st.name === 'United States') return;
  const party = organisationNamed(scan, `${st.demonym} ${tokens[pos]!.text} ${tokens[pos + 1]!.text}`);
  if (!party) return;
  note(scan, party, pos, true);
  owner.fill(-3, pos, pos + 2);
}

/** The gazetteer's organisation that `name`, whole, is a name or an alias of ("British Labour Party"). */
function organisationNamed(scan: ActorScan, name: string): ActorDef | undefined {
  const written = tokenize(name);
  const m = scan.gaz.trie.matchAt(written, 0);
  const entry = m?.end === written.length ? m.values[0] : undefined;
  const actor = entry?.kind === 'name' ? scan.actors[entry.actor] : undefined;
  return actor?.type === 'organization' ? actor : undefined;
}

/** Nouns for kin before a given name alone ("her son Yousef", "Levinson's mother, Michal,"). */
const KIN = new Set([
  'son',
  'daughter',
  'wife',
  'husband',
  'brother',
  'sister',
  'mother',
  'father',
  'widow',
  'cousin',
  'nephew',
  'niece',
  'grandson',
  'granddaughter',
  'grandmother',
  'grandfather',
]);
/** Words before "as" that say a source gave only a given name ("identified only as X", "gave his name as X"). */
const ONLY_AS = new Set(['only', 'name']);

/**
 * Whether the one word s..e is a person named by the given name alone: a source naming someone so
 * ("identified only as Artyom", "gave his name as Ernesto"), or a known given name after a noun for
 * kin ("her son Yousef", "Levinson's mother, Michal,") or before an age ("Kirill, a 19-year-old",
 * "Yousef, 14,").
 */
function loneGivenName(tokens: readonly Token[], s: number, e: number, lx: Gazetteer['lexicon']): boolean {
  const as = tokens[s - 1];
  if (as?.lower === 'as' && !as.cap && ONLY_AS.has(tokens[s - 2]?.lower ?? '')) return true;
  if (saidByOneName(tokens, s, e)) return true;
  if (!lx.givenNames.has(tokens[s]!.text)) return false;
  const p = tokens[s - 1]?.text === ',' ? tokens[s - 2] : tokens[s - 1];
  if (p?.word && !p.cap && KIN.has(p.lower) && (tokens[s - 1] === p || tokens[e]?.text === ',')) return true;
  if (tokens[e]?.text !== ',') return false;
  const t = tokens[e + 1];
  const after = tokens[e + 2];
  // ", 14," and ", a 19-year-old" (the tokenizer drops the hyphens).
  if (/^\d{1,2}$/.test(t?.text ?? '')) return after?.text === ',' || after?.lower === 'and';
  return (
    (t?.lower === 'a' || t?.lower === 'an') &&
    /^\d{1,2}$/.test(after?.text ?? '') &&
    tokens[e + 3]?.lower === 'year' &&
    tokens[e + 4]?.lower === 'old'
  );
}

/** Speech verbs after a quote that name the speaker next. */
const QUOTE_SPEECH = new Set(['said', 'says', 'told']);
/** Closing quotes and the comma of a quote before its speech verb. */
const QUOTE_CLOSERS = new Set(['"', '\u201d', ',', "'", '\u2019']);

/**
 * '"We eat once a day," said Hamidou, a father of seven', '... said Fatima, the mother.': one name
 * after a quote's speech verb, set off by a comma and a noun phrase about the speaker.
 */
function saidByOneName(tokens: readonly Token[], s: number, e: number): boolean {
  const verb = tokens[s - 1];
  if (!verb?.word || verb.cap || !QUOTE_SPEECH.has(verb.lower)) return false;
  if (!QUOTE_CLOSERS.has(tokens[s - 2]?.text ?? '') || tokens[e]?.text !== ',') return false;
  const det = tokens[e + 1];
  const noun = tokens[e + 2];
  return (
    !!det &&
    (det.lower === 'a' || det.lower === 'an' || det.lower === 'the') &&
    !det.cap &&
    !!noun?.word &&
    !noun.cap
  );
}

/** A body of this name the rules found already in the article. */
function bodyNamed(scan: ActorScan, name: string): ActorDef | undefined {
  const def = scan.generated.get(`gen:organization:${slug(name)}`);
  return def && scan.found.has(def.id) ? def : undefined;
}

/** Hyphen-joined words before a surname that make it part of a word about something else. */
const SURNAME_COMPOUND_HEADS = new Set(['pro', 'anti', 'post', 'pre']);

/**
 * Whether the surname s..e is part of "pro-Trump", "Biden-era" or "the Reagan administration", also
 * in a list of them ("the Obama, Trump and Biden administrations").
 */
function surnameInCompound(tokens: readonly Token[], s: number, e: number): boolean {
  const before = tokens[s - 1];
  const after = tokens[e];
  return (
    (tokens[s]!.hyphen && !!before?.word && SURNAME_COMPOUND_HEADS.has(before.lower)) ||
    (!!after?.hyphen && COMPOUND_TAILS.has(after.lower)) ||
    administrationAfter(tokens, e)
  );
}

/** Whether "administration" follows at `k`, or a list of names then "administrations" ("..., Trump and Biden administrations"). */
function administrationAfter(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (t?.word && !t.cap && t.lower === 'administration') return true;
  for (let j = k; j < k + 10; j++) {
    const w = tokens[j];
    if (!w) return false;
    if (w.text === ',' || (w.word && w.cap && !w.sentStart)) continue;
    if (!w.word || w.cap) return false;
    if (w.lower === 'and' || w.lower === 'or') continue;
    return w.lower === 'administrations';
  }
  return false;
}

/** Particles of Spanish and Portuguese surnames, which "of" writes in English ("Bank of Spain"). */
const SURNAME_PARTICLES = new Set(['de', 'da', 'do', 'dos', 'das', 'del']);

/**
 * Whether a surname's particle in lower case stands before `k`, after a given name or no name at
 * all ("Julieta de Lima", "de Lima said"): not inside a body's name ("Grupo de Lima").
 */
function surnameParticleBefore(scan: ActorScan, k: number): boolean {
  const { tokens, lx } = scan;
  const p = tokens[k - 1];
  if (!p?.word || p.cap || !SURNAME_PARTICLES.has(p.lower) || !tokens[k]!.cap) return false;
  const q = tokens[k - 2];
  return !isCapWord(q) || (lx.givenNames.has(q!.text) && scan.owner[k - 2] === -2);
}

/** Whether the word before `k` is a free capitalised word that opens a name with it ("Gul Bibi"). */
function nameGoesOn(scan: ActorScan, k: number): boolean {
  const { tokens, lx, owner } = scan;
  const p = tokens[k - 1];
  const t = tokens[k]!;
  return (
    !!p &&
    isCapWord(p) &&
    !p.caps &&
    !t.caps &&
    !t.hyphen &&
    p.para === t.para &&
    owner[k - 1] === -2 &&
    !lx.stopCaps.has(p.text) &&
    !lx.capAdjectives.has(p.text) &&
    !lx.roles.has(p.lower) &&
    !(p.sentStart && writtenLower(scan, p))
  );
}

/** Blocks names with a year and towns before a US state; names a chamber's committees named together. */
function blockTownsAndCommittees(scan: ActorScan): void {
  const { tokens, actors, n, owner } = scan;
  // "Khaan Quest 2026", "Balikatan 2025": an exercise, plan or contest named with its year is no
  // actor, wherever the article names it.
  blockYearNamed(scan);
  // "Garland, Texas", "Newport News, Virginia": a name before a US state is a town.
  for (let i = 0; i + 2 < n; i++) {
    if (tokens[i + 1]!.text !== ',' || !isCapWord(tokens[i]) || !usStateAt(scan, i + 2)) continue;
    let k = i;
    while (k > 0 && isCapWord(tokens[k - 1]) && owner[k - 1]! < 0 && !tokens[k]!.sentStart) k--;
    if (owner[i]! >= 0) {
      const o = owner[i]!;
      if (actors[o]!.type === 'state') continue;
      while (k > 0 && owner[k - 1] === o) k--;
    }
    for (let j = k; j <= i; j++) {
      if (owner[j]! >= 0) retract(scan, actors[owner[j]!]!);
      while (owner[j + 1] === owner[j] && owner[j]! >= 0 && j < i) j++;
    }
    owner.fill(-1, k, i + 1);
  }

  // "the Senate Armed Services and Foreign Relations committees", "the Senate Foreign Relations and
  // House Foreign Affairs committees": a chamber's committees named together are each named.
  for (let i = 2; i < n; i++) {
    if (tokens[i]!.lower !== 'committees' || tokens[i]!.cap) continue;
    let k = i;
    while (
      k > 0 &&
      i - k < 10 &&
      (isCapWord(tokens[k - 1]) || (tokens[k - 1]!.lower === 'and' && !tokens[k - 1]!.cap))
    )
      k--;
    while (k < i && tokens[k]!.text !== 'Senate' && tokens[k]!.text !== 'House') k++;
    if (k < i && tokens[k]!.para === tokens[i]!.para) chamberCommittees(scan, k, i);
  }
}

/** (2) Organisations named around a head word ("Ministry", "University"). */
// Lookups of orgsFromHeads (and peopleFromRuns) as functions of their own: its closures read the loop body's `s` and `e`,
// and V8 allocated that body's scope for every token.

/** Whether a known surname alone starts at `s` (and, given `e`, ends there). */
function pendingSurnameAt(pending: ActorScan['pendingSurnames'], s: number, e?: number): boolean {
  for (const p of pending) if (p.start === s && (e === undefined || p.end === e)) return true;
  return false;
}

/** The place in `pending` of the first acronym inside s..e, or -1. */
function acronymIn(pending: ActorScan['pendingAcronyms'], s: number, e: number): number {
  for (let i = 0; i < pending.length; i++) if (pending[i]!.pos >= s && pending[i]!.pos < e) return i;
  return -1;
}

function orgsFromHeads(scan: ActorScan): void {
  const {
    tokens,
    lx,
    actors,
    n,
    owner,
    inMatch,
    pendingAcronyms,
    ruleOrgEndingAt,
    orgMatchEndingAt,
    suppressed,
  } = scan;
  // (2) organisations from head words
  for (let h = 0; h < n; h++) {
    const t = tokens[h]!;
    if (
      !free(scan, h) ||
      !t.cap ||
      !inBody(scan, h) ||
      !(
        lx.orgHeads.has(t.text) ||
        t.text === 'Subcommittee' ||
        romanceHead(tokens, h) ||
        numberedUnit(scan, h)
      )
    )
      continue;
    // "Interior Cabinet Secretary X": Kenya's title for a minister, no body.
    if (t.text === 'Cabinet' && lx.roles.has(tokens[h + 1]?.lower ?? '')) continue;
    // "Iran's Petroleum Ministry": a head word before "Ministry" is its department.
    if (tokens[h + 1]?.text === 'Ministry' && free(scan, h + 1)) continue;
    let s = h;
    // A known chamber the name opens with ("the House Select Committee on ..."), no mention of its own.
    let leftAbsorbed = -1;
    let chamberPossessive = false;
    // "Japan's Defense Ministry": the state of a possessive opens the name; no word before it does.
    let possessor = -1;
    while (s > 0) {
      const p = tokens[s - 1]!;
      if (possessor >= 0 && owner[s - 1] !== possessor) break;
      if (isCapWord(p) && lx.orgLeftAbsorb.has(p.text) && owner[s - 1]! >= 0) {
        s--;
        leftAbsorbed = owner[s]!;
      }
      // "the 101st Airborne Division", "22nd Marine Expeditionary Unit": a unit's number is its name.
      else if (
        isCapWord(p) &&
        !lx.stopCaps.has(p.text) &&
        // "the Justice Ministry": a department's word, though a title elsewhere ("Justice Ruiz").
        (!lx.roleHeads.has(p.lower) || (t.text === 'Ministry' && s === h && LOWER_DEPT_WORDS.has(p.lower))) &&
        (owner[s - 1] === -2 || isState(scan, owner[s - 1]!))
      )
        s--;
      // "the General Border Committee", "told the General Affairs Council": a rank after an article,
      // before more words of the name, opens the name; no person follows it. "The Executive Council of
      // Australian Jewry", "the General Directorate for National Defence Policy": so right before the
      // head, when the name goes on past "of" or "for".
      else if (
        isCapWord(p) &&
        lx.roleHeads.has(p.lower) &&
        free(scan, s - 1) &&
        (s < h || nameGoesOnPastJoint(scan, h)) &&
        !p.sentStart &&
        ARTICLES.has(tokens[s - 2]?.lower ?? '')
      )
        s--;
      else if (p.lower === "'s" && s - 2 >= 0 && isState(scan, owner[s - 2]!)) {
        s -= 2;
        possessor = owner[s]!;
      }
      // "the Senate's Committee on Air Force": a chamber's committee, named "Senate Committee on ...".
      else if (
        p.lower === "'s" &&
        s === h &&
        (t.text === 'Committee' || t.text === 'Subcommittee') &&
        (tokens[s - 2]?.text === 'Senate' || tokens[s - 2]?.text === 'House') &&
        owner[s - 2]! >= 0
      ) {
        s -= 2;
        leftAbsorbed = owner[s]!;
        chamberPossessive = true;
      }
      // "the Ombudsman's Office", "the Prosecutor General's Office": an office named by its holder's title.
      else if (
        p.lower === "'s" &&
        s - 2 >= 0 &&
        free(scan, s - 2) &&
        isCapWord(tokens[s - 2]) &&
        (lx.roles.has(tokens[s - 2]!.lower) || /man$/.test(tokens[s - 2]!.text)) &&
        (t.text === 'Office' || t.text === 'Bureau')
      ) {
        s -= 2;
        // "Prosecutor General's", "Federal Prosecutor's": the whole title; "the Istanbul Chief Public
        // Prosecutor's Office": with the words of its rank and place, no title's or given name.
        while (
          s > 0 &&
          owner[s - 1]! < 0 &&
          isCapWord(tokens[s - 1]) &&
          !tokens[s - 1]!.sentStart &&
          (lx.roles.has(tokens[s - 1]!.lower) ||
            lx.capAdjectives.has(tokens[s - 1]!.text) ||
            (owner[s - 1] === -2 &&
              !lx.stopCaps.has(tokens[s - 1]!.text) &&
              !lx.givenNames.has(tokens[s - 1]!.text)))
        )
          s--;
      }
      // "the Internet Freedom Foundation", "the Facebook Oversight Board": a common noun or a platform,
      // no name alone, opening a body's name.
      else if (isCapWord(p) && NOUN_STOP_CAPS.has(p.text) && !p.sentStart && s < h && free(scan, s - 1)) s--;
      // "the Middle East Studies Association", "the Sahel Arms Monitor": a region that was taken for a
      // place opens the body's name.
      else if (
        isCapWord(p) &&
        owner[s - 1] === -1 &&
        (!p.sentStart || (s < h && owner[s] === -1)) &&
        tokens[s - 1]!.para === t.para &&
        s - 1 > 0
      )
        s--;
      // "the National Solidarity, Brotherhood and Democracy Commission": a list that "and" closes.
      else if (p.lower === 'and' && !p.cap && leftNameListStart(scan, s - 1) < s - 1)
        s = leftNameListStart(scan, s - 1);
      // "Trinidad and Tobago Defence Force": "and" inside a state's own name.
      else if (p.lower === 'and' && isState(scan, owner[s]!) && owner[s - 1] === owner[s]) s--;
      // "the National Security and Defense Council", "the Peace and Security Council": "and" between
      // two common words of the name, right before its head; not between two places ("Groton and
      // Newport News", "Artibonite and Centre").
      else if (p.lower === 'and' && !p.cap && h - s === 1 && commonWord(scan, s - 2)) s -= 2;
      // "the Independent and Peaceful Australia Network", "the Nuclear Weapons and Arms Control Working
      // Group": further from the head, "and" after common words only, every one of them; not a list of
      // two firms ("Konkan Tanker Management and Seabird Maritime Services").
      else if (p.lower === 'and' && !p.cap && h - s >= 2 && h - s <= 3 && commonWord(scan, s - 2)) {
        let k = s - 2;
        while (k > 0 && s - k < 3 && commonWord(scan, k - 1)) k--;
        if (isCapWord(tokens[k - 1]) && free(scan, k - 1) && !lx.stopCaps.has(tokens[k - 1]!.text)) break;
        s = k;
      }
      // "the Media and Law Studies Association", "the army's Aviation and Special Forces Command": "and"
      // after a word no list of the gazetteer knows, that "the" or a possessive opens, one or two words
      // before it.
      else if (p.lower === 'and' && !p.cap && s < h && h - s <= 3 && openedWordBeforeAnd(scan, s - 2)) s -= 2;
      // "the Journalists' Union of Turkey", "the Swedish Dockworkers' Union": a plural of people the
      // article also writes in lower case, its apostrophe after it, opens the name; not a body's
      // possessive ("Huntington Ingalls Industries' Newport News Shipbuilding").
      else if (pluralPossessive(scan, s - 1)) s -= 2;
      // "the Sudan People's Liberation Movement": "People's" inside a name.
      else if (p.lower === "'s" && s - 2 >= 0 && tokens[s - 2]!.text === 'People' && free(scan, s - 2))
        s -= 2;
      // "King's College London", "Queen's University": a possessive opening a college's name.
      else if (
        p.lower === "'s" &&
        s === h &&
        SCHOOL_HEADS.has(t.text) &&
        isCapWord(tokens[s - 2]) &&
        free(scan, s - 2) &&
        !tokens[s - 2]!.sentStart
      )
        s -= 2;
      // "the Protection of Civilians in Conflict Caucus": "of" or "in" inside a name that "the" opens.
      else if ((p.lower === 'of' || p.lower === 'in') && !p.cap && s < h + 1 && openedByThe(scan, s - 2))
        s -= 2;
      // "the S. Rajaratnam School": an initial opening the name.
      else if (p.text === '.' && isInitial(tokens[s - 2]!, p) && free(scan, s - 2) && s < h) s -= 2;
      else break;
    }
    let e = h + 1;
    // "Assistant Secretary of the Air Force for Acquisition": after a title's "of", "for" opens the
    // title's portfolio, no word of the body's name; an institution is named for what it is for ("Head
    // of the Centre for Cyber Security").
    const ofTitle = s > 1 && !INSTITUTION_HEADS.has(t.text) && titleOfBefore(scan, s);
    let officeTitle = false;
    let sawFor = false;
    let sawOf = false;
    let sawJoint = false;
    let sawOn = false;
    let inRegion = false;
    while (e < n) {
      const t2 = tokens[e]!;
      if (inRegion && owner[e] !== -1) inRegion = false;
      // "Secretary of the Air Force Frank Kendall": a given name starts the next name; "Army
      // Secretary Dan Driscoll": a title does.
      if (isCapWord(t2) && lx.givenNames.has(t2.text) && isCapWord(tokens[e + 1])) break;
      // "Patriotic Front Member of Parliament Robert Lihefu": a member's title.
      if (t2.text === 'Member' && tokens[e + 1]?.lower === 'of' && !tokens[e + 1]!.cap) break;
      // "the Office of the Prosecutor General", "Office of the High Commissioner": after "of the" a
      // title is the office's name, when no person's name follows it.
      // "the Council of Ministers", "the Board of Governors": a plural of holders after "of" is the
      // name's, when no name follows it.
      const holders =
        tokens[e - 1]!.lower === 'of' && PLURAL.test(t2.text) && e - h === 2 && !isCapWord(tokens[e + 1]);
      // "Commander of the Australian Fleet Rear Admiral Chris Smith": a title's first word before its
      // head, after the name's own words ("the Office of the Prosecutor General" is a name).
      if (
        isCapWord(t2) &&
        isCapWord(tokens[e - 1]) &&
        lx.roles.has(t2.lower) &&
        isCapWord(tokens[e + 1]) &&
        lx.roleHeads.has(tokens[e + 1]!.lower)
      )
        break;
      if (
        isCapWord(t2) &&
        lx.roleHeads.has(t2.lower) &&
        !holders &&
        !((afterOfThe(scan, e) || officeTitle) && !personAfterTitle(scan, e))
      ) {
        // "The Cabinet of Prime Minister Sanae Takaichi": a title's first words after "of", before a
        // person, are the title's, not the body's.
        let k = e;
        while (k > h + 1 && isCapWord(tokens[k - 1]) && titleModifier(scan, tokens[k - 1]!)) k--;
        if (k < e && tokens[k - 1]!.lower === 'of' && personAfterTitle(scan, e)) e = k;
        break;
      }
      if (isCapWord(t2) && lx.roleHeads.has(t2.lower)) officeTitle = true;
      // "the UN Verification Mission in Colombia": a mission is named by the state it serves in.
      if (t2.lower === 'in' && tokens[e - 1]!.text === 'Mission' && isState(scan, owner[e + 1] ?? -2)) {
        let k = e + 1;
        while (k < n && owner[k] === owner[e + 1]) k++;
        if (!isCapWord(tokens[k])) {
          e = k;
          break;
        }
      }
      // "the Sudan People's Liberation Movement-in-Opposition": a name's hyphen-joined tail.
      if (
        t2.hyphen &&
        t2.word &&
        !t2.cap &&
        ORG_CONNECTORS.has(t2.lower) &&
        tokens[e + 1]?.hyphen &&
        isCapWord(tokens[e + 1])
      ) {
        e += 2;
        continue;
      }
      if (ofTitle && t2.lower === 'for' && !t2.cap) break;
      // "the 102nd Intelligence Wing at Otis Air National Guard Base": a complete name, then a place.
      // "the Army Headquarters in Bhadrakali": so after a longer name's head.
      if (
        (t2.lower === 'at' || t2.lower === 'in') &&
        !t2.cap &&
        (lx.orgHeads.has(tokens[e - 1]!.text) ||
          LONGER_HEADS.has(tokens[e - 1]!.text) ||
          ORDINAL_ONLY_HEADS.has(tokens[e - 1]!.text))
      )
        break;
      // "the rank of General of the Nepali Army on Dwivedi": a person's surname after "on" is no word
      // of the name.
      if (t2.lower === 'on' && !t2.cap && pendingSurnameAt(scan.pendingSurnames, e + 1)) break;
      // "the School of International Studies in Singapore": where it is, not its name ("Students for
      // Justice in Palestine" is one).
      if (t2.lower === 'in' && !t2.cap && !sawFor && isState(scan, owner[e + 1] ?? -2)) break;
      if (isCapWord(t2) && (owner[e] === -2 || isState(scan, owner[e]!))) e++;
      // "the Foundation for Middle East Peace", "the Washington Office on Latin America": a region the
      // gazetteer blocks as a place, inside a name after "for" or "on".
      // "the Subcommittee on the Western Hemisphere".
      else if (
        isCapWord(t2) &&
        owner[e] === -1 &&
        inMatch[e] &&
        (inRegion || forOrOn(tokens[e - 1]!) || (tokens[e - 1]!.lower === 'the' && forOrOn(tokens[e - 2]!)))
      ) {
        inRegion = true;
        e++;
      }
      // "the Ministry of National Defence and Veterans Affairs": a known body's short name with no
      // head word ("Veterans Affairs") after "and" in a ministry's department is a department.
      else if (
        t2.lower === 'and' &&
        !t2.cap &&
        t.text === 'Ministry' &&
        sawOf &&
        departmentAfterAnd(scan, e + 1)
      ) {
        const m = matchesByStart(scan).get(e + 1)!;
        retract(scan, actors[m.values[0]!.actor]!);
        e = m.end;
      }
      // "the Center on Conscience & War", "Defending Rights & Dissent", "the National Regulatory
      // Authority for UXO/Mine Action".
      else if ((t2.text === '&' || slashJoins(tokens, e)) && isCapWord(tokens[e + 1])) e++;
      // "the Ministry of Economy, Trade and Industry", "the Office of the Adviser on Peace,
      // Reconciliation and Unity": after "of", "for" or "on", a list that "and" closes.
      else if (t2.text === ',' && sawJoint && nameListEnd(scan, e) > e) e = nameListEnd(scan, e);
      else if (
        ORG_CONNECTORS.has(t2.lower) &&
        !t2.cap &&
        isCapWord(tokens[e + 1]) &&
        !lx.stopCaps.has(tokens[e + 1]!.text) &&
        // "The Ministry of Defense on Aug. 28 requested": a name never runs into a date.
        !dateAt(tokens, e + 1) &&
        // "and" joins words of the name near its head, or after "for" ("Bureau for Human Rights and
        // Rule of Law"), unless what follows is a name of its own.
        // "Federal Office of Family Affairs and Civil Society Functions": after "of", a plural or
        // other common word before it.
        (t2.lower !== 'and' ||
          ((e - h <= 3 || sawFor || sawOn || (sawOf && commonWord(scan, e - 1))) &&
            andJoins(scan, h, e, sawOf, sawOn)))
      ) {
        if (t2.lower === 'for') sawFor = true;
        if (t2.lower === 'of') sawOf = true;
        if (t2.lower === 'on') sawOn = true;
        if (t2.lower === 'for' || t2.lower === 'of' || t2.lower === 'on') sawJoint = true;
        e++;
      } else if (t2.lower === 'the' && isCapWord(tokens[e + 1])) e++;
      // "the National Task Force to End Local Communist Armed Conflict", "the Committee to Protect
      // Journalists": what a body is there to do.
      else if (t2.lower === 'to' && !t2.cap && TO_VERBS.has(tokens[e + 1]?.text ?? '') && e === h + 1) e++;
      // "Union por la Patria", "Centro Militar de Inteligencia": a Spanish, Portuguese, Italian or French
      // name's connectors, one or two before a capitalised word.
      else if (romanceJoint(tokens, e)) e += ROMANCE_CONNECTORS.has(tokens[e + 1]!.lower) ? 2 : 1;
      // "Armed Forces of the Philippines", "Armed Forces for the Defence of Mozambique", "the Subcommittee
      // on the Western Hemisphere"
      else if (
        (t2.lower === 'of' ||
          t2.lower === 'for' ||
          (t2.lower === 'on' && (owner[e + 2] === -2 || (owner[e + 2] === -1 && inMatch[e + 2] === 1)))) &&
        !t2.cap &&
        tokens[e + 1]?.lower === 'the' &&
        isCapWord(tokens[e + 2]) &&
        !lx.stopCaps.has(tokens[e + 2]!.text)
      ) {
        // "the Review Committee on the Intelligence and Security Services": "and" after "of the",
        // "for the" or "on the" joins as after "of", "for" or "on".
        if (t2.lower === 'for') sawFor = true;
        if (t2.lower === 'of') sawOf = true;
        if (t2.lower === 'on') sawOn = true;
        sawJoint = true;
        e += 2;
      } else break;
    }
    while (
      e > h + 1 &&
      (ORG_CONNECTORS.has(tokens[e - 1]!.lower) ||
        ROMANCE_CONNECTORS.has(tokens[e - 1]!.lower) ||
        tokens[e - 1]!.lower === 'to' ||
        tokens[e - 1]!.text === '&' ||
        tokens[e - 1]!.text === '/')
    )
      e--;
    e = acronymEnd(scan, s, tailToAcronym(scan, s, e));
    if (unitNumberAfter(scan, s, e)) e++;
    // "the 101st Airborne Division", "the 7th Special Forces Group", "the 444 Combat Brigade": a unit's
    // number is its name's first word, an ordinal before any unit's head, a bare number before a named
    // brigade, regiment, battalion or division.
    const unitNumber = tokens[s - 1]?.text ?? '';
    const unitHead = tokens[e - 1]!.text;
    if (
      s > 0 &&
      free(scan, s - 1) &&
      ((ORDINAL.test(unitNumber) && UNIT_HEADS.has(unitHead)) ||
        (/^\d{1,4}$/.test(unitNumber) && NUMBERED_HEADS.has(unitHead) && s < e - 1))
    )
      s--;
    // A body of a known organisation, named with it: "Pentagon Press Association", "Yale Humanitarian
    // Research Lab", "Department of Defense Office of Inspector General". The longer name is the actor.
    let absorbed: ActorDef | undefined;
    const known = orgMatchEndingAt.get(s);
    if (known && ABSORBING_HEADS.has(t.text) && known.start < s && tokens[known.start]!.para === t.para) {
      absorbed = known.def;
      s = known.start;
      if (tokens[s]!.lower === 'the') s++;
    }
    // The tail of a longer name that is not an organisation's ("Authorization for Use of
    // Military Force"): the words before "of" or "for" are no role ("Secretary of the Navy"), nor a
    // person's name ("said Aina Bek of the Human Rights Bureau").
    {
      let k = s - 1;
      const the = tokens[k]?.lower === 'the';
      if (the) k--;
      const joint = tokens[k];
      const before = tokens[k - 1];
      if (
        !personBefore(scan, k) &&
        joint &&
        !joint.cap &&
        (joint.lower === 'of' || joint.lower === 'for') &&
        isCapWord(before) &&
        !before!.sentStart &&
        !lx.roles.has(before!.lower) &&
        !lx.orgHeads.has(before!.text) &&
        owner[k - 1] === -2
      ) {
        owner.fill(-1, s, e);
        h = e - 1;
        continue;
      }
    }
    while (
      s < h &&
      ((lx.stopCaps.has(tokens[s]!.text) && (tokens[s]!.sentStart || !NOUN_STOP_CAPS.has(tokens[s]!.text))) ||
        (tokens[s]!.sentStart && tokens[s]!.lower === 'the'))
    )
      s++;
    // "Hai Xing Maritime", "Golden Harbor Shipping Co., Limited": a trade word names a firm only when
    // a name opens it and nothing but a legal form follows it ("the Maritime Security Belt exercise" is
    // a drill); the legal form is the article's name's, not the firm's (withLegalForm).
    if (TRADE_HEADS.has(t.text)) {
      if (s === h || tokens.slice(h + 1, e).some((x) => x.word && !LEGAL_FORMS.has(x.text))) continue;
      // "the Swiss Trading and Shipping Association": a trade word before "and" and a body's name
      // that another head closes is a word of that name ("Hai Xing Trading and Golden Harbor Shipping"
      // are two firms).
      if (tokens[h + 1]?.lower === 'and' && startsOwnName(scan, h + 2) && !tradeRunAt(scan, h + 2)) continue;
      owner.fill(-1, h + 1, e);
      e = h + 1;
    }
    s = acronymStart(scan, s, e);
    const span = tokens.slice(s, e);
    const words = span.filter((x) => x.word);
    // "the Senate and House Armed Services committees": a name several bodies share is none of them;
    // "Review of The Grey Zone" opens a review, not a body.
    // "the Compact of Free Association", "Regarding the Status of Visiting Forces", "the Army
    // Enterprise Agreement for Maven Smart System": a pact's name.
    // "Mission Divyastra", "Mission Shakti": an operation's name, not a body's.
    if (
      (tokens[e]?.lower === 'committees' && !tokens[e]!.cap) ||
      (s === h && lx.notOrgTails.has(t.text) && tokens[h + 1]?.lower === 'of') ||
      (PACT_OPENERS.has(tokens[s]!.text) && tokens[s + 1]?.lower === 'of') ||
      pactInside(scan, s, e) ||
      (s === h && t.text === 'Mission' && e - h <= 3 && tokens.slice(h + 1, e).every((x) => isCapWord(x)))
    ) {
      owner.fill(-1, s, e);
      h = e - 1;
      continue;
    }
    // "... Bureau for Human Rights and Rule of Law": after "for" the last word is no kind of the name.
    if (!sawFor && lx.notOrgTails.has(tokens[e - 1]!.text)) {
      owner.fill(-1, s, e);
      h = e - 1;
      continue;
    }
    if (words.length < 2) continue;
    // "Russia's Foreign Intelligence Service": the possessive names the state, not the body.
    let ns = s;
    if (t.text !== 'Ministry' && isState(scan, owner[s]!)) {
      let k = s;
      while (k < h && owner[k] === owner[s]) k++;
      if (tokens[k]?.lower === "'s" && tokens.slice(k + 1, e).filter((x) => x.word).length >= 2) ns = k + 1;
    }
    let ownName = chamberPossessive
      ? joinName([tokens[s]!, ...tokens.slice(s + 2, e)])
      : orgName(scan, tokens.slice(ns, e), h - ns, ns);
    if (!ownName) continue;
    // "Iran's Atomic Energy Organization": the gazetteer's name of the body with its state's
    // ("Atomic Energy Organization of Iran").
    const withState = ns > s ? scan.gaz.byName.get(`${ownName} of ${actors[owner[s]!]!.name}`) : undefined;
    if (withState !== undefined) {
      note(scan, actors[withState]!, s, true);
      owner.fill(-3, s, e);
      h = e - 1;
      continue;
    }
    // "Ukraine's Air Force said": a state's own service is named with its demonym ("Ukrainian Air
    // Force"), as the writers name "the Syrian Army".
    const demonym = ns > s ? actors[owner[s]!]!.demonym : undefined;
    if (demonym && STATE_SERVICES.has(ownName)) ownName = `${demonym} ${ownName}`;
    const def = genDef(scan, ownName, 'organization');
    ruleOrgEndingAt.set(e, def);
    if (absorbed && absorbed.id !== def.id) {
      // An acronym ("UN") is counted later, with the article's own acronyms: drop it there instead.
      const at = acronymIn(pendingAcronyms, s, e);
      if (at >= 0) pendingAcronyms.splice(at, 1);
      else retract(scan, absorbed);
    }
    note(scan, def, s, true);
    if (leftAbsorbed >= 0 && owner[s] === leftAbsorbed) retract(scan, actors[leftAbsorbed]!);
    for (let k = s; k < e; k++) {
      // "Kenyan Navy" names no Kenya, "the Japanese Defense Ministry said" names Japan.
      const named = GOVERNMENT_HEADS.has(t.text) && (k > s || governmentVoice(tokens, s, e));
      if (isState(scan, owner[k]!) && !named && k >= ns) suppressed.add(k);
      owner[k] = -3;
    }
    h = e - 1;
  }
}

/**
 * "the separatist Barisan Revolusi Nasional (BRN)", "the Samyukt Kisan Morcha (SKM)": capitalised words
 * before an acronym in brackets that is made of their initials are an organisation, known or not; the
 * longest such run, which may hold states' names and known bodies ("... Security Council") but must
 * hold a word of its own.
 */
// Lookups of definedAcronyms, lowerCaseMinistries, euBodiesAlone and blockYearNamed as functions of their
// own: a closure that read a variable of a per-token loop's body made V8 allocate that body's scope for
// every token.

/** The first gazetteer match over the boundary before `k`. */
function matchOver(matches: readonly TrieMatch<Entry>[], k: number): TrieMatch<Entry> | undefined {
  for (const x of matches) if (x.start < k && x.end >= k) return x;
  return undefined;
}

/** Whether a capitalised word no rule or match owns stands in s..e. */
function freeCapWordIn(tokens: readonly Token[], owner: Int32Array, s: number, e: number): boolean {
  for (let j = s; j < e; j++) {
    const x = tokens[j]!;
    if (x.cap && x.word && owner[j] === -2) return true;
  }
  return false;
}

function definedAcronyms(scan: ActorScan): void {
  const { tokens, actors, n, owner, matches, pendingAcronyms, ruleOrgEndingAt, suppressed } = scan;
  for (let i = 2; i < n; i++) {
    const acr = tokens[i]!;
    if (!acr.caps || !parenthesised(scan, i) || !inBody(scan, i) || isState(scan, owner[i]!)) continue;
    const e = i - 1;
    const para = acr.para;
    let best = -1;
    let k = e;
    const absorbed: Array<TrieMatch<Entry>> = [];
    while (k > 0 && e - k < 12) {
      const t = tokens[k - 1]!;
      if (t.para !== para) break;
      const o = owner[k - 1]!;
      if (o >= 0 && !isState(scan, o)) {
        const m = matchOver(matches, k);
        if (!m || m.end !== k || actors[o]!.type !== 'organization') break;
        absorbed.push(m);
        k = m.start;
      } else if (isCapWord(t) && (o === -2 || o >= 0)) k--;
      else if (
        t.word &&
        !t.cap &&
        (t.hyphen || ORG_CONNECTORS.has(t.lower) || ROMANCE_CONNECTORS.has(t.lower))
      )
        k--;
      else if (t.lower === "'s" && isCapWord(tokens[k - 2])) k--;
      else if (t.text === '&') k--;
      else break;
      const s = k;
      if (!isCapWord(tokens[s]) || tokens[s]!.hyphen || (tokens[s]!.sentStart && tokens[s]!.lower === 'the'))
        continue;
      const span = tokens.slice(s, e);
      if (!freeCapWordIn(tokens, owner, s, e)) continue;
      if (
        definesAcronym(
          acr.key,
          span.map((x) => x.text),
        )
      )
        best = s;
    }
    // "the Joint Direct Attack Munition (JDAM)", "the Defense Cooperation Agreement (DCA)": a
    // weapon's, a programme's or a pact's name.
    if (best < 0 || scan.lx.notOrgTails.has(tokens[e - 1]!.text) || pactInside(scan, best, e)) continue;
    const def = genDef(scan, joinName(tokens.slice(best, e)), 'organization');
    for (const m of absorbed) {
      if (m.start < best) continue;
      const at = pendingAcronyms.findIndex((a) => a.pos === m.start);
      if (at >= 0) pendingAcronyms.splice(at, 1);
      else retract(scan, actors[m.values[0]!.actor]!);
    }
    note(scan, def, best, true);
    ruleOrgEndingAt.set(e, def);
    for (let j = best; j < e; j++) {
      if (isState(scan, owner[j]!)) suppressed.add(j);
      owner[j] = -3;
    }
  }
}

/** Ministries written in lower case after their state. */
/** The last state mentioned before `st` in its paragraph or the one before. */
function lastStateBefore(
  mentions: ActorScan['stateMentions'],
  tokens: readonly Token[],
  st: number,
): ActorScan['stateMentions'][number] | undefined {
  for (let i = mentions.length - 1; i >= 0; i--) {
    const x = mentions[i]!;
    if (x.pos < st && tokens[x.pos]!.para >= tokens[st]!.para - 1) return x;
  }
  return undefined;
}

function lowerCaseMinistries(scan: ActorScan): void {
  const { tokens, lx, actors, n, owner, stateMentions } = scan;
  // A ministry written in lower case after its state: "China's foreign ministry", "the Qatari
  // foreign ministry", "Taiwan's national defense ministry".
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if (t.lower !== 'ministry' || t.cap || !free(scan, i)) continue;
    let k = i;
    while (
      k > 0 &&
      free(scan, k - 1) &&
      !tokens[k - 1]!.cap &&
      (LOWER_DEPT_WORDS.has(tokens[k - 1]!.lower) || tokens[k - 1]!.lower === 'national')
    )
      k--;
    if (k === i) continue;
    let st = k - 1;
    if (tokens[st]?.lower === "'s") st--;
    let o = st >= 0 ? owner[st]! : -2;
    // "Cambodia denied it. Its defence ministry said ...": the state named last before "its".
    if (tokens[st]?.lower === 'its') {
      const m = lastStateBefore(stateMentions, tokens, st);
      if (m) {
        o = m.actor;
        st = m.pos;
      }
    }
    let state = isState(scan, o) && tokens[st]!.cap ? actors[o] : undefined;
    // "Gaza's health ministry says": a place's own, named as "the health ministry in Gaza" is.
    if (
      !state &&
      tokens[k - 1]?.lower === "'s" &&
      isCapWord(tokens[st]) &&
      (o === -1 || o === -2) &&
      !isCapWord(tokens[st - 1]) &&
      inBody(scan, k)
    ) {
      const dept = canonicalDept(tokens.slice(k, i).map((x) => x.lower));
      note(scan, genDef(scan, `${tokens[st]!.text} ${dept} Ministry`, 'organization'), st, true);
      owner.fill(-3, k, i + 1);
      continue;
    }
    // "The interior ministry did not respond" in a story from Cairo: the state a bare ministry would
    // take, the United States never (it has departments).
    // It must act or be placed: open its sentence, speak ("said"), or be named with its government
    // ("of the Government of National Unity") or its capital ("in Jakarta").
    const next = tokens[i + 1];
    const acts =
      tokens[k - 1]?.sentStart ||
      (!!next &&
        next.word &&
        (lx.speechVerbs.has(next.lower) || next.lower === 'has' || next.lower === 'did')) ||
      ((next?.lower === 'of' || next?.lower === 'in') &&
        (isCapWord(tokens[i + 2]) || (tokens[i + 2]?.lower === 'the' && isCapWord(tokens[i + 3]))));
    if (!state && tokens[k - 1]?.lower === 'the' && inBody(scan, k) && acts) {
      // "the health ministry" after "the Gaza Health Ministry" is that one.
      const same = ministryFound(scan, canonicalDept(tokens.slice(k, i).map((x) => x.lower)), k);
      if (same) {
        note(scan, same, k, false);
        owner.fill(-3, k, i + 1);
        continue;
      }
      // "the defence ministry in Jakarta" is Indonesia's; "the health ministry in Gaza" is Gaza's.
      const place = next?.lower === 'in' && isCapWord(tokens[i + 2]) ? i + 2 : -1;
      const matchAt = matchesByStart(scan);
      const known = place > 0 ? matchAt.get(place)?.values[0] : undefined;
      if (place > 0 && isState(scan, owner[place]!)) state = actors[owner[place]!];
      // A capital after "in" was taken for a place, not a mention.
      else if (known?.kind === 'capital') state = actors[known.actor];
      else if (place > 0 && owner[place]! < 0 && !known && !isCapWord(tokens[place + 1])) {
        const dept = canonicalDept(tokens.slice(k, i).map((x) => x.lower));
        note(scan, genDef(scan, `${tokens[place]!.text} ${dept} Ministry`, 'organization'), k, true);
        owner.fill(-3, k, place + 1);
        continue;
      } else state = ministryState(scan, k);
    }
    if (!state) continue;
    const name = ministryName(
      state.demonym,
      tokens.slice(k, i).map((x) => x.lower),
    );
    if (!name) continue;
    note(scan, genDef(scan, name, 'organization'), k, true);
    owner.fill(-3, k, i + 1);
  }
}

/** Verbs of an embassy's building, not of the embassy that acts: "reopening the US embassy there". */
const EMBASSY_BUILDING_VERBS = new Set([
  'open',
  'opens',
  'opened',
  'opening',
  'reopen',
  'reopens',
  'reopened',
  'reopening',
  'close',
  'closes',
  'closed',
  'closing',
  'shut',
]);

/**
 * Embassies and consulates written in lower case after their state: "the Russian embassy in
 * Stockholm", "China's embassy in Manila", "the Chinese consulate general in Munich" are the "Russian
 * Embassy in Stockholm" and so on, as LABELLING names an embassy that speaks for its government; a
 * bare one ("The Russian embassy said") is "Russian Embassy", or the placed one of its state the
 * article names. Not "an Iranian embassy", "its embassy", "the new Chinese embassy" or "reopening the
 * US embassy", a building.
 */
function lowerCaseEmbassies(scan: ActorScan): void {
  const { tokens, actors, n, owner, stateMentions } = scan;
  const found: Array<{ at: number; end: number; actor: number; base: string; place?: string }> = [];
  let m = 0;
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if ((t.lower !== 'embassy' && t.lower !== 'consulate') || t.cap || !free(scan, i) || !inBody(scan, i))
      continue;
    const possessive = tokens[i - 1]!.lower === "'s";
    const stEnd = possessive ? i - 1 : i;
    while (m < stateMentions.length && stateMentions[m]!.end < stEnd) m++;
    const sm = stateMentions[m];
    if (!sm || sm.end !== stEnd || !tokens[sm.pos]!.cap || !isState(scan, sm.actor)) continue;
    const before = possessive ? sm.pos - 1 : sm.pos - 2;
    if (!possessive && tokens[sm.pos - 1]?.lower !== 'the') continue;
    if (EMBASSY_BUILDING_VERBS.has(tokens[before]?.lower ?? '')) continue;
    const state = actors[sm.actor]!;
    const own = possessive || sm.kind === 'capital' ? state.demonym : joinName(tokens.slice(sm.pos, sm.end));
    const usOwn = state.name === 'United States' && possessive ? 'US' : own;
    if (!usOwn) continue;
    let end = i + 1;
    let base = `${usOwn} ${t.lower === 'embassy' ? 'Embassy' : 'Consulate'}`;
    if (t.lower === 'consulate' && tokens[end]?.lower === 'general' && !tokens[end]!.cap) {
      base += ' General';
      end++;
    }
    let place: string | undefined;
    if (tokens[end]?.lower === 'in' && !tokens[end]!.cap && tokens[end + 1]?.para === t.para) {
      const p = placeAfter(scan, end + 1);
      if (p > end + 1) place = joinName(tokens.slice(end + 1, p));
    }
    found.push({ at: possessive ? sm.pos : sm.pos - 1, end, actor: sm.actor, base, place });
    owner.fill(-3, i, end);
  }
  for (const f of found) {
    const places = new Set(found.filter((g) => g.base === f.base && g.place).map((g) => g.place));
    const place = f.place ?? (places.size === 1 ? [...places][0] : undefined);
    note(scan, genDef(scan, place ? `${f.base} in ${place}` : f.base, 'organization'), f.at, true);
  }
}

/**
 * A known body named "<Place> X" written "<Place>'s X": "Gaza's Civil Defence says", and in lower case when
 * it speaks, "Gaza's civil defence said", are the Gaza Civil Defence. The place is a capitalised word no
 * body or state owns (a state's own bodies after its possessive are other rules' to read).
 */
function placePossessiveNames(scan: ActorScan): void {
  const { tokens, actors, gaz, n, owner } = scan;
  for (let i = 1; i + 2 < n; i++) {
    if (tokens[i]!.lower !== "'s" || !inBody(scan, i)) continue;
    const p = tokens[i - 1]!;
    if (!isCapWord(p) || (owner[i - 1] !== -1 && owner[i - 1] !== -2) || isCapWord(tokens[i - 2])) continue;
    for (let e = i + 3; e >= i + 2; e--) {
      const words = tokens.slice(i + 1, e);
      if (!words.every((w, j) => w.word && free(scan, i + 1 + j))) continue;
      const name = `${p.text} ${words.map((w) => w.text[0]!.toUpperCase() + w.text.slice(1)).join(' ')}`;
      const id = gaz.byName.get(name);
      if (id === undefined || actors[id]!.type !== 'organization') continue;
      // In lower case only when it speaks ("Gaza's civil defence said"), not "a head of Tigray's interim
      // administration".
      const next = tokens[e];
      if (words.some((w) => !w.cap) && !(next?.word && scan.lx.speechVerbs.has(next.lower))) break;
      note(scan, actors[id]!, i - 1, true);
      owner.fill(-3, i + 1, e);
      break;
    }
  }
}

/**
 * The end of a city or state's name at `k` that places a body ("in Stockholm", "in The Hague", "in
 * Munich"): a state, capital or blocked city the gazetteer knows, else one to three capitalised words no known body
 * owns, then no capitalised word; `k` when there is none.
 */
function placeAfter(scan: ActorScan, k: number): number {
  const { tokens, owner } = scan;
  // A known place, as a capitalised embassy is placed (placedEmbassy's placeEnd).
  const known = namingWords(scan.gaz).placeEnd(tokens, k);
  if (known !== undefined) return isCapWord(tokens[known]) ? k : known;
  let e = k;
  while (
    e < k + 3 &&
    isCapWord(tokens[e]) &&
    owner[e]! < 0 &&
    owner[e] !== -3 &&
    !MONTHS.has(tokens[e]!.text)
  )
    e++;
  return e > k && !isCapWord(tokens[e]) && !WEEKDAY_NAMES.has(tokens[k]!.text) ? e : k;
}

/** Organisations named by a cue before or after them. */
function cuedOrgs(scan: ActorScan): void {
  const { tokens, lx, n, owner, ruleOrgEndingAt, suppressed } = scan;
  // Organisations named by a cue: "Gold Apollo, the Taiwanese firm", "the company X Y".
  for (let i = 0; i < n; i++) {
    if (!free(scan, i) || !inBody(scan, i) || !isCapWord(tokens[i])) continue;
    // A name may open a sentence when an appositive names what it is ("Mesarvot, a network that
    // ..."); a word the article also writes in lower case is no name ("Meanwhile, the group ...").
    const opens = tokens[i]!.sentStart;
    // "African Parks, the conservation group": an adjective may open the name, kept only if a cue follows.
    const adjOpens =
      opens && lx.capAdjectives.has(tokens[i]!.text) && isCapWord(tokens[i + 1]) && free(scan, i + 1);
    if (opens && !adjOpens && (notName(scan, tokens[i]!) || lx.givenNames.has(tokens[i]!.text))) continue;
    let e = i;
    let len = 0;
    // "the Comuneros del Sur faction", "Ernst & Young, the auditor": a Romance name's connectors and
    // "&" inside the run.
    while (
      e < n &&
      ((free(scan, e) && isCapWord(tokens[e])) ||
        (e > i && (romanceJoint(tokens, e) || (tokens[e]!.text === '&' && isCapWord(tokens[e + 1])))))
    )
      if (isCapWord(tokens[e++])) len++;
    if (len === 0 || len > 3) {
      i = e;
      continue;
    }
    // "the campaign group Prisoners for Palestine": a name may go on over "for" or "of"; "the group
    // Spotlight on Corruption": over "on" to a word that is no state's, day's or month's.
    const statesInName: number[] = [];
    while (
      e + 1 < n &&
      (tokens[e]!.lower === 'for' ||
        tokens[e]!.lower === 'of' ||
        (tokens[e]!.lower === 'on' &&
          free(scan, e + 1) &&
          !WEEKDAY_NAMES.has(tokens[e + 1]!.text) &&
          !MONTHS.has(tokens[e + 1]!.text))) &&
      !tokens[e]!.cap &&
      (free(scan, e + 1) || isState(scan, owner[e + 1]!)) &&
      isCapWord(tokens[e + 1]) &&
      !lx.stopCaps.has(tokens[e + 1]!.text)
    ) {
      e += 1;
      while (e < n && (free(scan, e) || isState(scan, owner[e]!)) && isCapWord(tokens[e])) {
        if (isState(scan, owner[e]!)) statesInName.push(e);
        e++;
      }
    }
    const before = tokens[i - 1];
    const cueBefore =
      !opens &&
      !!before &&
      ((lx.orgCueNouns.has(before.lower) && !before.cap && !APPOSITIVE_ONLY_CUES.has(before.lower)) ||
        kindBefore(scan, i, e));
    if (e - i === 1 && notName(scan, tokens[i]!)) {
      i = e;
      continue;
    }
    const direct = tokens[e];
    const cueDirect = !opens && !!direct && direct.word && !direct.cap && DIRECT_ORG_CUES.has(direct.lower);
    // "Senator, the President's authority", "President Trump": a title opens no body's name.
    const titled = !tokens[i]!.caps && lx.roleHeads.has(tokens[i]!.lower);
    if (cueDirect && !titled && !lx.givenNames.has(tokens[i]!.text)) {
      // "the Georgian Dream party": the name may open with a demonym.
      let s0 = i;
      if (s0 > 0 && isState(scan, owner[s0 - 1]!) && tokens[s0 - 1]!.cap) s0--;
      // "the Sinaloa cartel": a cartel is named with the word ("Sinaloa Cartel").
      const name = joinName(tokens.slice(s0, e)) + (direct.lower === 'cartel' ? ' Cartel' : '');
      const def = genDef(scan, name, 'organization');
      note(scan, def, s0, true);
      ruleOrgEndingAt.set(e, def);
      owner.fill(-3, i, e);
      i = e;
      continue;
    }
    // "Iran's Velmor news agency", "the Viv Ansanm coalition", "the Lakurawa group": a kind of body
    // after the name, which the name is written without.
    if (!opens && !titled && !lx.givenNames.has(tokens[i]!.text) && kindAfter(scan, i, e)) {
      const def = genDef(scan, joinName(tokens.slice(i, e)), 'organization');
      note(scan, def, i, true);
      ruleOrgEndingAt.set(e, def);
      owner.fill(-3, i, e);
      i = e;
      continue;
    }
    // "built by Turkey's STM under a 2024 contract", "whose CAPSAT unit joined the protests": an
    // acronym after a state's possessive, or before a word for a unit or its members, is a body.
    if (e - i === 1 && acronymBody(scan, i)) {
      const def = genDef(scan, tokens[i]!.text, 'organization');
      note(scan, def, i, true);
      ruleOrgEndingAt.set(e, def);
      owner.fill(-3, i, e);
      i = e;
      continue;
    }
    let cueAfter = false;
    // The appositive must be a noun phrase ("X, the Taiwanese firm"), not a clause ("X, said the company");
    // its noun may come seven words on ("X, the country's largest private arms maker").
    if (tokens[e]?.text === ',' && APPOSITIVE_OPENERS.has(tokens[e + 1]?.lower ?? '')) {
      for (let k = e + 1; k < Math.min(n, e + 8); k++) {
        const w = tokens[k]!;
        // "X, the movement's executive secretary": a possessor is not what the name is.
        if (tokens[k + 1]?.lower === "'s") continue;
        if (lx.orgCueNouns.has(w.lower) && !w.cap) {
          // "In Gaza City, the committee found ...": a clause, not an appositive; "X, a company
          // commander", "X, a man holding a sign": the cue noun must end the noun phrase.
          const v = tokens[k + 1];
          cueAfter =
            !v ||
            !(
              lx.speechVerbs.has(v.lower) ||
              CLAUSE_VERBS.has(v.lower) ||
              (v.word && !v.cap && (APPOSITIVE_OPENERS.has(v.lower) || lx.personCueNouns.has(v.lower)))
            );
          break;
        }
        // "Graphite, the spyware made by the Israeli firm X": a noun after "by" is another's.
        if (lx.personCueNouns.has(w.lower) || w.text === ',' || w.text === '.' || w.lower === 'by') break;
      }
    }
    if (!cueAfter && !cueBefore && outletCue(tokens, i, e)) cueAfter = true;
    // Otherwise a sentence's first word is read as before: the rest of the run on its own.
    if (opens && (!cueAfter || writtenLower(scan, tokens[i]!))) continue;
    if ((cueBefore || cueAfter) && !titled && !lx.givenNames.has(tokens[i]!.text)) {
      // "Iran Human Rights, a Norway-based group": the name may open with a state's name.
      let s0 = i;
      if (cueAfter && s0 > 0 && isState(scan, owner[s0 - 1]!) && isCapWord(tokens[s0 - 1])) s0--;
      const name = joinName(tokens.slice(s0, e));
      if (s0 < i) suppressed.add(s0);
      for (const k of statesInName) suppressed.add(k);
      const def = genDef(scan, name, 'organization');
      note(scan, def, s0, true);
      ruleOrgEndingAt.set(e, def);
      owner.fill(-3, s0, e);
    }
    i = e;
  }
}

/** Outlets' kinds that name a body before its name only with a word for what outlet ("the private station X"). */
const MEDIA_KINDS = new Set(['station', 'site', 'portal']);
/** Words that make MEDIA_KINDS an outlet ("radio station", "news site"), not a place ("power station"). */
const MEDIA_MODIFIERS = new Set([
  'radio',
  'television',
  'tv',
  'news',
  'private',
  'independent',
  'online',
  'investigative',
  'web',
  'opposition',
  'satellite',
  'commercial',
  'community',
]);
/** Words before a lower-case kind of body that open its noun phrase ("the", "its", "Paraguay's"). */
const KIND_OPENERS = new Set(['the', 'a', 'an', 'its', 'their', "'s", "'", '\u2019']);
/** Who owns a body, hyphen-joined before "owned" or "run" ("state-owned", "state-run"). */
const OWNERS = new Set(['state', 'government']);

/**
 * Whether a lower-case kind of body right before the name at i..e says the name is a body: one
 * written with a word for what kind ("the carriers' association Linava", "the private station
 * Mosaique FM", "the independent news site X", "Istanbul trading house X"; alone, "association" or
 * "authority" is also an adjective's or a verb's), or one set off by commas ("the broadcasting
 * regulator, HAICA, fined ...", "Paraguay's anti-money-laundering secretariat, Seprelad, said", "its
 * radio station, Andalus."), or "state-owned" and "state-run" ("Kazakhstan's state-owned X").
 */
function kindBefore(scan: ActorScan, i: number, e: number): boolean {
  const { tokens, lx } = scan;
  const comma = tokens[i - 1]!.text === ',';
  const b = comma ? i - 2 : i - 1;
  const w = tokens[b];
  // "against the group, Operation Shujaa,": an operation; "the online news site Le Faso Libre": a name
  // that runs on into a known one is left whole to the other rules.
  if (!w?.word || w.cap || lx.stopCaps.has(tokens[i]!.text) || isCapWord(tokens[e])) return false;
  if (!comma && w.hyphen && (w.lower === 'owned' || w.lower === 'run'))
    return OWNERS.has(tokens[b - 1]?.lower ?? '');
  const trading = w.lower === 'house' && tokens[b - 1]?.lower === 'trading';
  const media = MEDIA_KINDS.has(w.lower) && MEDIA_MODIFIERS.has(tokens[b - 1]?.lower ?? '');
  if (!trading && !media && !lx.orgCueNouns.has(w.lower) && w.lower !== 'secretariat') return false;
  // The words for what kind, back to the noun phrase's opener: lower-case words, a plural's apostrophe.
  let k = b - 1;
  while (k >= 0 && b - k <= 4) {
    const t = tokens[k]!;
    // "the carriers' association": a plural's apostrophe is a word for what kind.
    const plural = (t.text === "'" || t.text === '\u2019') && !!tokens[k - 1]?.word && !tokens[k - 1]!.cap;
    if (KIND_OPENERS.has(t.lower) && !plural) break;
    if (!plural && (!t.word || t.cap || t.para !== w.para)) break;
    k--;
  }
  const o = tokens[k];
  const mods = b - 1 - k;
  // "Istanbul trading house X": a place may open it.
  const opened = !!o && (KIND_OPENERS.has(o.lower) || (isCapWord(o) && !o.sentStart && mods > 0));
  if (!opened) return false;
  if (!comma)
    return mods > 0 && (trading || media || APPOSITIVE_ONLY_CUES.has(w.lower) || w.lower === 'secretariat');
  // The name closes its appositive, or its sentence: not "the agency, Ma and a relative".
  const after = tokens[e];
  return (
    !!after && (after.text === '.' || (after.text === ',' && !LIST_JOINTS.has(tokens[e + 1]?.lower ?? '')))
  );
}

/** Verbs before "by" whose agent is an outlet that saw or asked ("a report seen by X", "residents interviewed by X"). */
const OUTLET_BY = new Set(['seen', 'interviewed', 'obtained', 'reviewed']);

/**
 * Whether the name at i..e is an outlet by what wire copy says of one: it saw a paper or asked people
 * ("a report seen by the Nation", "residents interviewed by AIM"), was told ("told The Local", "told
 * APA": a "The" of its own or an acronym; "told" before a name alone is too often a person), has
 * learnt ("The Reporter has learnt") or could not verify ("Jubi could not independently verify").
 */
function outletCue(tokens: readonly Token[], i: number, e: number): boolean {
  let b = i - 1;
  if (tokens[b]?.lower === 'the' && !tokens[b]!.cap) b--;
  const p = tokens[b]?.lower;
  if (p === 'by' && OUTLET_BY.has(tokens[b - 1]?.lower ?? '')) return true;
  if (
    p === 'told' &&
    b === i - 1 &&
    ((tokens[i]!.text === 'The' && e - i >= 2) || (e - i === 1 && tokens[i]!.caps))
  )
    return true;
  const a = tokens[e]?.lower;
  if (
    (a === 'has' || a === 'had') &&
    (tokens[e + 1]?.lower === 'learnt' || tokens[e + 1]?.lower === 'learned')
  )
    return true;
  if (a !== 'could' && a !== 'was' && a !== 'has' && a !== 'is') return false;
  // "could not independently verify", "was unable to confirm", "has not been able to verify".
  let not = false;
  for (let k = e + 1; k < e + 7 && tokens[k]?.word; k++) {
    const w = tokens[k]!.lower;
    if (w === 'not' || w === 'unable') not = true;
    else if (w === 'verify' || w === 'confirm') return not;
  }
  return false;
}

/** Kinds of body written after a name ("the Lakurawa group", "the Karvan newspaper"). */
const KINDS_AFTER = new Set([
  'coalition',
  'group',
  'newspaper',
  'daily',
  'weekly',
  'tabloid',
  'broadcaster',
  'outlet',
  'website',
]);
/** Words for what kind of group or outlet, between a name and KINDS_AFTER ("the X rebel group"). */
const KIND_MODIFIERS = new Set([
  'rebel',
  'armed',
  'militant',
  'jihadist',
  'separatist',
  'insurgent',
  'paramilitary',
  'mercenary',
  'opposition',
  'ruling',
  'governing',
  'state',
  'official',
  'business',
  'hacker',
  'rights',
  'advocacy',
  'campaign',
  'research',
  'conservation',
  'media',
  'online',
]);
/** What "news" makes a kind of body ("the Velmor news agency"). */
const NEWS_KINDS = new Set([
  'agency',
  'outlet',
  'site',
  'website',
  'channel',
  'service',
  'portal',
  'network',
]);

/**
 * Whether the name i..e is followed by a kind of body, "news" and a kind of outlet, or one of
 * KINDS_AFTER: not after "a" ("a Signal group": a kind of chat), nor before "of" ("the Batanes group
 * of islands").
 */
function kindAfter(scan: ActorScan, i: number, e: number): boolean {
  const { tokens } = scan;
  // "the Red-Tabara rebel group", "Iran's Velmor state news agency": one word for what kind.
  const k = KIND_MODIFIERS.has(tokens[e]?.lower ?? '') && !tokens[e]!.cap ? e + 1 : e;
  const w = tokens[k];
  if (!w?.word || w.cap) return false;
  let end = k + 1;
  if (w.lower === 'news') {
    if (!NEWS_KINDS.has(tokens[k + 1]?.lower ?? '') || tokens[k + 1]!.cap) return false;
    end = k + 2;
  } else if (!KINDS_AFTER.has(w.lower)) return false;
  if (tokens[end]?.lower === 'of') return false;
  // In a noun phrase: after "the", a possessive or a state ("Iran's Velmor news agency"), not "from
  // Darfur daily" (an adverb) nor "a Signal group" (a kind of chat); "in the Batanes group" is a place.
  const p = tokens[i - 1];
  if (p?.lower === 'the') return w.lower !== 'group' || !PLACE_BEFORE.has(tokens[i - 2]?.lower ?? '');
  return p?.lower === "'s" || (!!p?.cap && isState(scan, scan.owner[i - 1]!));
}
const PLACE_BEFORE = new Set(['in', 'near', 'off', 'around', 'across', 'within', 'throughout']);

/** Words for a unit of a body or its members, after an acronym that names the body ("the CAPSAT unit"). */
const ACRONYM_BODY_NOUNS = new Set([
  'unit',
  'units',
  'group',
  'militia',
  'militias',
  'rebels',
  'militants',
  'insurgents',
  'brigade',
  'battalion',
  'regiment',
  'troops',
  'forces',
  'commandos',
  'fighters',
  'soldiers',
  'personnel',
  'officers',
  'agents',
]);
/** Acronyms for things, measures, kinds of unit and people, which no possessive makes a body. */
const NOT_BODY_ACRONYMS = new Set([
  'GDP',
  'GNP',
  'ADIZ',
  'EEZ',
  'DMZ',
  'ICBM',
  'IRBM',
  'SLBM',
  'UAV',
  'UAS',
  'HEU',
  'LEU',
  'LNG',
  'NPT',
  'JCPOA',
  'AUMF',
  'HIMARS',
  'ATACMS',
  'THAAD',
  'NASAMS',
  'MLRS',
  'MANPADS',
  'AWACS',
  'JDAM',
  'FCAS',
  'GCAP',
  'ISR',
  'SWAT',
  'EOD',
  'ICU',
  'SOF',
  'CEO',
  'MBS',
  'MBZ',
  'AMLO',
]);

/**
 * Whether the acronym at `i`, alone, is a body: after a state's possessive ("Turkey's STM"), or before
 * a word for a unit or its members ("whose CAPSAT unit", "MNDAA fighters"); not an acronym for a thing
 * ("Taiwan's ADIZ", "Russia's GDP").
 */
function acronymBody(scan: ActorScan, i: number): boolean {
  const { tokens, owner, found } = scan;
  const t = tokens[i]!;
  if (!t.caps || !CAPS_3_TO_7.test(t.text) || NOT_BODY_ACRONYMS.has(t.text)) return false;
  const next = tokens[i + 1];
  if (next?.hyphen || (next?.word && next.cap)) return false;
  const p = tokens[i - 1];
  const possessed = p?.lower === "'s" && !!tokens[i - 2]?.cap && isState(scan, owner[i - 2]!);
  // "an ISR unit": a kind of unit, not a named one.
  const single = next?.lower === 'unit' || next?.lower === 'group' || next?.lower === 'brigade';
  const members =
    !!next &&
    next.word &&
    !next.cap &&
    ACRONYM_BODY_NOUNS.has(next.lower) &&
    !(single && (p?.lower === 'a' || p?.lower === 'an'));
  if (!possessed && !members) return false;
  // "Papua New Guinea ... PNG forces", "the Royal Moroccan Armed Forces (FAR) ... FAR units": the
  // short form of a state or of a body the article names in full, settled later.
  for (const f of found.values())
    if (f.def.type !== 'person' && acronymOf(f.def.name) === t.key) return false;
  for (let k = 1; k < tokens.length; k++)
    if (tokens[k]!.key === t.key && parenthesised(scan, k)) return false;
  return !homeLookup(scan.gaz).states.some((st) => acronymOf(st.name) === t.key);
}

/** Organisations a plural cue lists. */
function listedOrgs(scan: ActorScan): void {
  const { tokens, lx, n, owner, ruleOrgEndingAt } = scan;
  // "groups such as Lehava", "telecommunications companies, including AT&T, Verizon and Lumen": the
  // names a plural cue lists.
  for (let i = 0; i + 2 < n; i++) {
    const t = tokens[i]!;
    if (t.cap || !LIST_CUES.has(t.lower) || !inBody(scan, i)) continue;
    let k = i + 1;
    if (tokens[k]?.text === ',') k++;
    if (tokens[k]?.lower === 'such' && tokens[k + 1]?.lower === 'as') k += 2;
    else if (tokens[k]?.lower === 'like' || tokens[k]?.lower === 'including') k++;
    // "two state-owned factories, Krusik and Sloboda, as ...": the names in apposition, two or more.
    else if (k === i + 2 && !appositiveList(scan, k, t.para)) continue;
    else if (k !== i + 2) continue;
    for (;;) {
      let e = k;
      // "Ernst & Young": "&" between two words of a name.
      while (
        e < n &&
        e - k < 4 &&
        tokens[e]!.para === t.para &&
        ((free(scan, e) && isCapWord(tokens[e])) ||
          (e > k && tokens[e]!.text === '&' && isCapWord(tokens[e + 1]) && free(scan, e + 1)))
      )
        e++;
      if (e > k && !lx.givenNames.has(tokens[k]!.text) && !(e - k === 1 && notName(scan, tokens[k]!))) {
        const def = genDef(scan, joinName(tokens.slice(k, e)), 'organization');
        note(scan, def, k, true);
        ruleOrgEndingAt.set(e, def);
        owner.fill(-3, k, e);
      } else if (e === k && owner[k]! < 0) break;
      // The next item: past a name the gazetteer knew, then "," "and" or "or".
      while (e < n && owner[e]! >= 0) e++;
      if (tokens[e]?.text === ',') e++;
      if (tokens[e]?.lower === 'and' || tokens[e]?.lower === 'or') e++;
      if (e === k || e >= n || !(isCapWord(tokens[e]) || owner[e]! >= 0)) break;
      k = e;
    }
  }
}

/** The US armed services named alone. */
function usServices(scan: ActorScan): void {
  const { tokens, gaz, actors, n, owner } = scan;
  // "The Army said", "the Air Force's budget": in an article about the United States, its
  // services. A service named with another state ("the Pakistani Army") is named in full above.
  // "Marines" capitalised, alone or after "US", are the US Marine Corps in any story ("Marines of the
  // 22nd MEU trained with ..."); another state's are named with it ("Royal Marines").
  const us = gaz.byName.get('United States');
  if (us !== undefined) {
    const usStory = isUsStory(scan, actors[us]!);
    const usAtAll = !usStory && scan.stateMentions.some((m) => m.actor === us);
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!;
      if (!free(scan, i) || !t.cap || t.para === 0) continue;
      const two = t.text === 'Air' && tokens[i + 1]?.text === 'Force' && free(scan, i + 1);
      if (!two && !US_SERVICES.has(t.text)) continue;
      const marines = t.text === 'Marines';
      // In a story mostly about another state that names the United States, "the Navy" acting is still
      // the US one, as writers label it; "Army chief Gen. al-Burhan", "a former Army officer" are not.
      const next = tokens[two ? i + 2 : i + 1];
      const titled =
        !!next &&
        !next.cap &&
        (gaz.lexicon.roleHeads.has(next.lower) || gaz.lexicon.personCueNouns.has(next.lower));
      if (!usStory && !marines && !(usAtAll && !titled && !otherService(scan, t.text))) continue;
      const end = two ? i + 2 : i + 1;
      const prev = tokens[i - 1];
      const afterUs = marines && owner[i - 1] === us;
      if ((prev && isCapWord(prev) && !prev.sentStart && !afterUs) || isCapWord(tokens[end])) continue;
      const def = gaz.byName.get(two ? 'US Air Force' : US_SERVICES.get(t.text)!);
      if (def === undefined) continue;
      note(scan, actors[def]!, i, false);
      owner.fill(-3, i, end);
      // "US Marines", as "the US Navy": the service's name, no mention of the state.
      if (afterUs) scan.suppressed.add(i - 1);
    }
  }
}

/** Titles of US office-holders written after a party's adjective ("Democratic Sen. Chris Murphy"). */
const US_PARTY_TITLED = new Set([
  'Sen',
  'Senator',
  'Rep',
  'Representative',
  'Congressman',
  'Congresswoman',
  'Gov',
]);

/**
 * "Democratic members", "the Democratic side", "Democratic Sen. Chris Murphy": the adjective names the
 * Democratic Party, as "Republican" names the Republican Party, as writers label both (LABELLING). Not
 * inside a longer name ("Social Democratic Party", "Democratic Republic of the Congo"), and only in a
 * story that names the United States or a body of its government, or before a US title: "Democratic
 * backsliding in Hungary" names no party.
 */
function democraticAdjective(scan: ActorScan): void {
  const { tokens, gaz, actors, n, owner } = scan;
  const party = gaz.byName.get('Democratic Party');
  if (party === undefined) return;
  let usNamed: boolean | undefined;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.text !== 'Democratic' || !inBody(scan, i) || !free(scan, i)) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev?.cap && !ARTICLES.has(prev.lower)) continue;
    if (!next?.word || next.hyphen || (next.cap && !US_PARTY_TITLED.has(next.text))) continue;
    usNamed ??= namesUs(scan);
    if (!usNamed && !US_PARTY_TITLED.has(next.text)) continue;
    note(scan, actors[party]!, i, false);
    owner[i] = -3;
  }
}

/** Whether the article names the United States, Washington or one of its federal bodies (US_BODIES: "the Pentagon", "the Senate Armed Services Committee"). */
function namesUs(scan: ActorScan): boolean {
  const us = scan.gaz.byName.get('United States');
  return (
    (us !== undefined && usWeight(scan, scan.actors[us]!) > 0) ||
    scan.tokens.some((t) => t.text === 'Washington')
  );
}

/** Whether the article names another state's service of this kind ("the Brazilian Navy", "Romanian Naval Forces"). */
function otherService(scan: ActorScan, word: string): boolean {
  const kind = word === 'Navy' ? /\b(?:Navy|Naval)\b/ : word === 'Army' ? /\bArmy\b/ : /\bAir Force\b/;
  for (const f of scan.found.values())
    if (f.def.type === 'organization' && !f.def.name.startsWith('US ') && kind.test(f.def.name)) return true;
  return false;
}

/**
 * "Greens Senator David Shoebridge", "Critics in the Greens": a green party named by its members is the
 * story's state's ("Australian Greens", "German Greens"), as writers label it, when the gazetteer has one.
 */
function greensByState(scan: ActorScan): void {
  const { tokens, gaz, actors, n, owner } = scan;
  let party: ActorDef | null | undefined;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.text !== 'Greens' || !inBody(scan, i) || !free(scan, i) || tokens[i + 1]?.text === '/') continue;
    const prev = tokens[i - 1];
    if (prev?.cap && !prev.sentStart && !ARTICLES.has(prev.lower)) continue;
    if (party === undefined) {
      const st = dominantState(scan);
      const written = st?.demonym ? tokenize(`${st.demonym} Greens`) : [];
      const m = written.length ? gaz.trie.matchAt(written, 0) : undefined;
      const entry = m?.end === written.length ? m.values[0] : undefined;
      party =
        entry?.kind === 'name' && actors[entry.actor]!.type === 'organization' ? actors[entry.actor]! : null;
    }
    if (!party) return;
    note(scan, party, i, true);
    owner[i] = -3;
  }
}

/** Head words that name a trading or shipping firm (lexicon orgHeads), unlike a body's. */
const TRADE_HEADS = new Set([
  'Shipping',
  'Shipmanagement',
  'Trading',
  'Electronics',
  'Components',
  'Holding',
  'Maritime',
  'Tankers',
]);
/** A firm's legal form after its name ("Co., Limited", "FZE", "DMCC"). */
const LEGAL_FORMS = new Set([
  'Co',
  'Corp',
  'Inc',
  'Ltd',
  'Limited',
  'LLC',
  'PLC',
  'FZE',
  'FZCO',
  'DMCC',
  'SA',
  'GmbH',
  'Pte',
  'JSC',
  'PJSC',
  'LLP',
  'AG',
  'BV',
  'NV',
]);

/** A party's word as news writes it alone, for the party ("the Conservatives", "Labor came to power"). */
const PARTY_ALONE = new Map([
  ['Conservative', 'Conservative'],
  ['Conservatives', 'Conservative'],
  ['Tory', 'Conservative'],
  ['Tories', 'Conservative'],
  ['Liberal', 'Liberal'],
  ['Liberals', 'Liberal'],
  ['Labor', 'Labor'],
  ['Labour', 'Labour'],
]);
/** Words after a party's adjective that make it the party's ("Conservative leader", "Liberal MPs"). */
const PARTY_MEMBER_NOUNS = new Set([
  'critic',
  'member',
  'chair',
  'mps',
  'lawmakers',
  'senators',
  'members',
  'government',
  'backbencher',
  'backbenchers',
  'politicians',
  'candidates',
  'opposition',
]);

/**
 * "Conservative defence critic James Bezan", "the Liberals", "Labor came to power": a party named by its
 * members or its adjective is the story's state's, as writers label it ("Conservative Party of Canada",
 * "Australian Labor Party"), when the gazetteer has one; the adjective only before a party role
 * ("leader", "MPs", "government"). In a story about the United States, which has no such party,
 * "Conservatives who claim to distrust federal power" are no party, not Britain's.
 */
function partiesByState(scan: ActorScan): void {
  const { tokens, actors, n, owner } = scan;
  const parties = new Map<string, ActorDef | null | undefined>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const kind = PARTY_ALONE.get(t.text);
    if (!kind || !inBody(scan, i)) continue;
    const o = owner[i]!;
    // Free, or the gazetteer's match of this one word ("Conservatives", "Labour").
    const alone = o >= 0 && owner[i - 1] !== o && owner[i + 1] !== o && actors[o]!.type === 'organization';
    if (!free(scan, i) && !alone) continue;
    const prev = tokens[i - 1];
    if ((prev?.cap && !prev.sentStart && !ARTICLES.has(prev.lower)) || isCapWord(tokens[i + 1])) continue;
    // The adjective alone ("Conservative libertarians", "Liberal democracy") names no party.
    if ((t.text === 'Conservative' || t.text === 'Liberal' || t.text === 'Tory') && !partyRoleAfter(scan, i))
      continue;
    if (!parties.has(kind)) parties.set(kind, stateParty(scan, kind));
    const party = parties.get(kind);
    if (party === null) {
      // A story about the United States that names no Britain: the gazetteer's British party is none.
      if (alone) {
        retract(scan, actors[o]!);
        owner[i] = -1;
      }
      continue;
    }
    if (!party || (alone && actors[o] === party)) continue;
    if (alone) retract(scan, actors[o]!);
    note(scan, party, i, false);
    owner[i] = -3;
  }
}

/** Whether a role or a members' noun follows a party's adjective, two words at most apart. */
function partyRoleAfter(scan: ActorScan, i: number): boolean {
  for (let k = i + 1; k <= i + 3; k++) {
    const t = scan.tokens[k];
    if (!t?.word || t.cap) return false;
    if (scan.lx.roleHeads.has(t.lower) || PARTY_MEMBER_NOUNS.has(t.lower)) return true;
  }
  return false;
}

/**
 * The party of this word of the story's state: of the states it names, the most named one's that the
 * gazetteer has ("Conservative Party of Canada", "Australian Labor Party"), else undefined; null in a
 * story about the United States that names no United Kingdom.
 */
function stateParty(scan: ActorScan, kind: string): ActorDef | null | undefined {
  const { gaz, actors } = scan;
  const us = gaz.byName.get('United States');
  const uk = gaz.byName.get('United Kingdom');
  if (us !== undefined && isUsStory(scan, actors[us]!) && !scan.stateMentions.some((m) => m.actor === uk))
    return null;
  // The states the story names, the most named first.
  const count = new Map<number, number>();
  for (const m of scan.stateMentions) if (m.actor !== us) count.set(m.actor, (count.get(m.actor) ?? 0) + 1);
  for (const [a] of [...count].sort((x, y) => y[1] - x[1])) {
    const st = actors[a]!;
    const party =
      organisationNamed(scan, `${kind} Party of ${st.name}`) ??
      (st.demonym ? organisationNamed(scan, `${st.demonym} ${kind} Party`) : undefined);
    if (party) return party;
  }
  return undefined;
}

/** The EU's bodies that a story about the EU names by their head word alone. */
const EU_BODIES_ALONE = new Map([
  ['Commission', 'European Commission'],
  ['Council', 'Council of the European Union'],
]);

/**
 * "the Commission said", "taken the Council to court": in a story that names the European Union and no
 * other body of that word, its Commission and its Council, as writers label them.
 */
/** Whether an actor found, other than `body`, has a name that ends in the word `last`. */
function otherEndingIn(found: ActorScan['found'], last: string, body: string): boolean {
  const tail = ` ${last}`;
  for (const f of found.values()) if (f.def.name.endsWith(tail) && f.def.name !== body) return true;
  return false;
}

function euBodiesAlone(scan: ActorScan): void {
  const { tokens, gaz, actors, n, found, owner } = scan;
  const eu = gaz.byName.get('European Union');
  if (eu === undefined || !found.has(actors[eu]!.id)) return;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const body = EU_BODIES_ALONE.get(t.text);
    if (body === undefined || !inBody(scan, i) || !free(scan, i)) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev?.cap && !prev.sentStart && !ARTICLES.has(prev.lower)) continue;
    if (prev?.hyphen || next?.hyphen || isCapWord(next) || ORG_CONNECTORS.has(next?.lower ?? '')) continue;
    const def = gaz.byName.get(body);
    if (def === undefined) continue;
    if (otherEndingIn(found, t.text, body)) continue;
    note(scan, actors[def]!, i, false);
    owner[i] = -3;
  }
}

/** A known body's name that ends a longer body named before is that body. */
function knownOrgEndings(scan: ActorScan): void {
  const { tokens, gaz, lx, owner, found, knownOrgMentions } = scan;
  // "the Federal Ministry of Defence ... the Ministry of Defence", "the Federal Foreign Office ... the
  // Foreign Office": a known body's name that ends a body the article named before is that body.
  for (const k of knownOrgMentions) {
    // "Ukraine's State Border Guard Service" is named with its own state.
    const st = k.pos - (tokens[k.pos - 1]?.lower === "'s" ? 2 : 1);
    if (st >= 0 && isState(scan, owner[st]!)) continue;
    const written = ` ${joinName(tokens.slice(k.pos, k.end))}`;
    for (const f of found.values()) {
      if (f.def.type !== 'organization' || f.def.id === k.def.id || f.first >= k.pos || !f.full) continue;
      // "Mexico's Senate ... the Senate": a chamber the gazetteer names "<Senate> of <State>".
      if (k.end - k.pos === 1 && chamberOfState(scan, f.def.name, written.slice(1))) {
        retract(scan, k.def);
        unwrite(scan, k);
        note(scan, f.def, k.pos, false);
        break;
      }
      if (!f.def.name.endsWith(written)) continue;
      // One word only as a state's ("the Mexican Senate ... the Senate"), not a committee's ("House").
      const rest = f.def.name.slice(0, -written.length);
      // "Baptists and Jehovah's Witnesses" lists the known body; it names no other.
      if (rest.endsWith(' and') || rest.endsWith(' &')) continue;
      if (
        k.end - k.pos < 2 &&
        (rest.includes(' ') || !gaz.stateWords.has(rest) || lx.capAdjectives.has(rest))
      )
        continue;
      retract(scan, k.def);
      unwrite(scan, k);
      note(scan, f.def, k.pos, false);
      break;
    }
  }
}

/** Bodies whose name the article may write before another body's as part of it ("the UN Conference on Disarmament"). */
const NAME_PREFIXES = ['United Nations', 'US Army'];

/**
 * "The UN Conference on Disarmament", "the US Army Southern European Task Force": a known body written
 * right after "UN", "United Nations" or "US Army" keeps that prefix in its name, as the article writes
 * it (article-names.ts), where the gazetteer holds no such form (else the longer match took it); the
 * prefix is then no mention of the UN or the Army, as in a form the gazetteer holds ("UN Security Council").
 */
function prefixedForms(scan: ActorScan): void {
  const { gaz, tokens, written } = scan;
  for (const prefixName of NAME_PREFIXES) {
    const i = gaz.byName.get(prefixName);
    const prefix = i === undefined ? undefined : scan.actors[i];
    const ends = prefix && written.get(prefix.id);
    if (!prefix || !ends?.length) continue;
    for (const [id, spans] of written) {
      const name = scan.found.get(id)?.def.name;
      if (id === prefix.id || !name) continue;
      for (const span of spans) {
        const p = ends.find((x) => x.end === span.pos && tokens[x.pos]!.para === tokens[span.pos]!.para);
        if (!p || !tokens[span.pos]!.cap) continue;
        // "the US Army Green Berets": a body whose name holds the prefix already gains no other form.
        const as = joinName(tokens.slice(p.pos, p.end)).replace(/\./g, '');
        if (name.startsWith(`${prefixName} `) || name.startsWith(`${as} `)) continue;
        retract(scan, prefix);
        unwrite(scan, { pos: p.pos, def: prefix });
        span.pos = p.pos;
      }
    }
  }
}

/** Takes back a form noted by noteWritten: the mention at `k` turned out to be another body's. */
function unwrite(scan: ActorScan, k: { pos: number; def: ActorDef }): void {
  const spans = scan.written.get(k.def.id);
  if (spans)
    scan.written.set(
      k.def.id,
      spans.filter((s) => s.pos !== k.pos),
    );
}

/** Whether s..e is one word of three capitals right before a number: a currency's code ("NIS 112 billion"). */
function currencyCode(tokens: readonly Token[], s: number, e: number): boolean {
  const t = tokens[s]!;
  const next = tokens[e];
  return (
    e - s === 1 &&
    t.caps &&
    t.text.length === 3 &&
    !!next?.word &&
    /^\d/.test(next.text) &&
    next.start === t.start + 4
  );
}

/** Whether `name` is "<word> of <State>" or "<word> of the <State>" ("Senate of Paraguay"). */
function chamberOfState(scan: ActorScan, name: string, word: string): boolean {
  if (!name.startsWith(`${word} of `)) return false;
  const rest = name.slice(word.length + 4).replace(/^the /, '');
  const i = scan.gaz.byName.get(rest);
  return i !== undefined && scan.actors[i]?.type === 'state';
}

/** (3) People not in the gazetteer, from capitalised runs. */
function peopleFromRuns(scan: ActorScan): void {
  const { tokens, lx, actors, n, owner, found, pendingSurnames, stateMentions, suppressed } = scan;
  // (3) people not in the gazetteer
  // "The Pentagon's senior adviser, Abe Denmark, said": a known given name, then a state's name of one
  // word, with a title before or a speech verb after, is a person, and no mention of the state.
  for (let i = 1; i + 1 < n; i++) {
    const t = tokens[i]!;
    if (!t.cap || !lx.givenNames.has(t.text) || owner[i] !== -2) continue;
    if (!stateNamedAt(stateMentions, i + 1) || tokens[i + 2]?.lower === "'s" || !inBody(scan, i)) continue;
    if (
      roleBefore(tokens, i, lx, owner, actors) === 'none' &&
      !speechAfter(tokens, i + 2, lx) &&
      !appositiveRole(tokens, i + 2, lx)
    )
      continue;
    suppressed.add(i + 1);
    note(scan, genDef(scan, joinName(tokens.slice(i, i + 2)), 'person'), i, true);
    owner.fill(-3, i, i + 2);
  }
  /** Tokens of the people the rules below name, for `listedWithPerson`. */
  const personTok = new Uint8Array(n);
  const nameContext: NameContext = { tokens, lx, owner, actors };
  const surnameStarts = new Set(pendingSurnames.map((p) => p.start));
  /** Two-word names with no evidence of their own, for `surnameSaysPerson`. */
  const weakRuns: Array<[number, number]> = [];
  let knownPeople = 0;
  for (const f of found.values()) if (f.def.type === 'person') knownPeople++;
  // "the journalists A B, C D and E F": the end of the last name of a list a plural title opened.
  let listEnd = -1;
  /** Whether only ",", "and" or ", and" stand between a list's last name and `s`. */
  const continuesList = (s: number) => {
    if (listEnd < 0 || s <= listEnd || s - listEnd > 2) return false;
    const gap = tokens
      .slice(listEnd, s)
      .map((t) => t.lower)
      .join(' ');
    return gap === ',' || gap === 'and' || gap === ', and';
  };
  for (let i = 0; i < n; i++) {
    if (!free(scan, i) || !inBody(scan, i) || !isCapWord(tokens[i])) continue;
    let e = i;
    /** The opening quote of a nickname inside the name, or -1. */
    let nick = -1;
    while (e < n) {
      const t = tokens[e]!;
      // A heading is its own paragraph ("Witnesses" over "Lena Whitford, a professor ...").
      if (!free(scan, e) || t.para !== tokens[i]!.para) break;
      // A middle initial ("Raymond P. Moore"), or initials after a title or a given name ("Vice
      // Admiral J.T. Anderson", "George H.W. Bush").
      const after = t.text.endsWith('.') ? e + 1 : e + 2;
      if (
        isInitial(t, tokens[e + 1]) &&
        isCapWord(tokens[after]) &&
        free(scan, after) &&
        (e > i || lx.roles.has(tokens[e - 1]?.lower ?? '') || initialsOpenName(scan, e))
      )
        e = after;
      // "identified as Waldemar K.": a given name and the initial of a surname kept private.
      else if (privateInitialAt(scan, i, e)) {
        e += 2;
        break;
      }
      // "Samir V Kamat", "said TB Hasanuddin": initials written without their stops.
      else if (bareInitialsAt(scan, i, e)) e++;
      // "Ismael "El Mayo" Zambada": a nickname in quotes inside the name, left out of it below.
      else if (e === i + 1 && nicknameEnd(scan, e) > 0) {
        nick = e;
        e = nicknameEnd(scan, e);
      } else if (t.word && t.cap && !t.caps) e++;
      // "Dato' Sri Anwar": the apostrophe of an honorific, stripped below.
      else if (
        e > i &&
        isApostrophe(t) &&
        lx.honorifics.has(`${tokens[e - 1]!.text}'`) &&
        isCapWord(tokens[e + 1])
      )
        e++;
      // "King Mswati III", "Pope John Paul II": a regnal number after a monarch's or a pope's title
      // and a name ends the name.
      else if (e > i + 1 && REGNAL_NUMBERS.has(t.text) && regnalTitleIn(tokens, i, e)) {
        e++;
        break;
      }
      // "Makhabat Tazhibek kyzy": a Central Asian patronymic ends the name, in lower case.
      else if (e >= i + 2 && t.word && !t.cap && PATRONYMICS.has(t.lower)) {
        e++;
        break;
      }
      // The second syllable of a Korean or Chinese given name ("Lee Sung-jun", "Cheng Li-wun"),
      // lower case after a hyphen; not a compound's tail ("Seoul-based").
      else if (e > i && isGivenNameSyllable(t, tokens[e - 1]!)) e++;
      else if (
        t.word &&
        lx.particles.has(t.lower) &&
        !t.sentStart &&
        e > i &&
        isCapWord(tokens[e + 1]) &&
        free(scan, e + 1)
      )
        e++;
      // "Abelardo de la Espriella": two particles before the surname.
      else if (
        t.word &&
        !t.cap &&
        lx.particles.has(t.lower) &&
        e > i &&
        tokens[e + 1]?.word &&
        !tokens[e + 1]!.cap &&
        lx.particles.has(tokens[e + 1]!.lower) &&
        isCapWord(tokens[e + 2]) &&
        free(scan, e + 2)
      )
        e += 2;
      else break;
    }
    const runEnd = e;
    const runStart = i;
    // Strip titles and roles at the front; remember them as evidence.
    let s = i;
    let role = false;
    /** A word kept from names that opens this one as a given name ("Air Marshal Sunday Aneke"). */
    let givenStop = -1;
    while (s < e) {
      const t = tokens[s]!;
      // "Datuk Seri", "Tan Sri", "Alhaji": an honour before the name, never a name of its own.
      const honour = honorificLength(tokens, s, e, lx);
      if (honour > 0) {
        s += honour;
        role = true;
        continue;
      }
      // "Air Marshal Sunday Aneke", "said Bill Marczak": a word the lexicon keeps from names (a day, a
      // month, "Bill") before a surname is a given name after a title, or when it is one.
      if (
        notName(scan, t) &&
        e - s === 2 &&
        !t.sentStart &&
        isCapWord(tokens[s + 1]) &&
        !notName(scan, tokens[s + 1]!) &&
        (lx.givenNames.has(t.text) ||
          ((WEEKDAY_NAMES.has(t.text) || MONTHS.has(t.text)) &&
            s > runStart &&
            lx.roleHeads.has(tokens[s - 1]!.lower)))
      ) {
        givenStop = s;
        if (s > runStart) role = true;
        break;
      }
      if (
        isTitleWord(t, lx) ||
        notName(scan, t) ||
        // "Petty Officer Third Class", "Airman First Class": the class of a rank.
        (t.text === 'Class' && s > runStart) ||
        (t.sentStart &&
          !lx.givenNames.has(t.text) &&
          nameWordCount(tokens, s, e) > 3 &&
          !lx.particles.has(tokens[s + 1]!.text))
      ) {
        if (lx.roleHeads.has(t.lower)) role = true;
        s++;
        if (tokens[s]?.text === '.') s++;
      } else break;
    }
    // A title inside the run ("Cagayan Governor Manuel Mamba"): the name follows the last one.
    for (let k = e - 3; k >= s; k--) {
      if (lx.roleHeads.has(tokens[k]!.lower) && tokens[k]!.cap) {
        s = k + 1;
        if (tokens[s]?.text === '.') s++;
        role = true;
        break;
      }
    }
    // "Minister of Natural Resources and Environment Alexander Kozlov": the name starts at a
    // given name, or is the last two words.
    // "Minister of Defence General Abdel Mageed Saqr and ...": a title in the run ends the chain.
    const titledInRun = role;
    const ctx = roleBefore(tokens, i, lx, owner, actors);
    if (ctx === 'chain' && e - s > 2) {
      let g = s;
      while (g < e - 1 && !lx.givenNames.has(tokens[g]!.text)) g++;
      s = g < e - 1 ? g : lastTwoNamesStart(tokens, s, e);
    }
    role ||= ctx !== 'none';
    // The next paragraph's first word opens a run of its own.
    i = tokens[runEnd]?.para === tokens[runStart]!.para ? runEnd : runEnd - 1;
    // "Prince Mohammed bin Salman bin Abdulaziz Al Saud": the rest of a known person's full name.
    if (patronymAfterPerson(scan, runStart)) {
      owner.fill(-3, runStart, runEnd);
      continue;
    }
    if (ctx === 'chain' && departmentAfterTitle(tokens, s, runStart)) continue;
    // Part of a longer title ("Natural Resources and Environment ..."), not a name.
    const after = tokens[runEnd];
    if (
      ctx === 'chain' &&
      !titledInRun &&
      after &&
      ORG_CONNECTORS.has(after.lower) &&
      !after.cap &&
      isCapWord(tokens[runEnd + 1])
    )
      continue;
    // "Dr Mohammed bin Abdulaziz bin Saleh Al-Khulaifi": a longer form of a person the gazetteer
    // knows by the first and last names.
    if (e - s >= 3) {
      const known = knownByEnds(scan, s, e);
      if (known) {
        note(scan, known, s, true);
        knownPeople++;
        owner.fill(-3, s, e);
        personTok.fill(1, s, e);
        continue;
      }
    }
    const all = nick > s ? withoutNickname(tokens, s, e, nick) : tokens.slice(s, e);
    // Initials and their dots are no words of their own ("Raymond P. Moore" is two names).
    const words = wordsBesideInitials(all);
    const nameWords = countBesideDots(all);
    // "Kirill, a 19-year-old from ...", "her son Yousef, 14,", "who gave his name as Ernesto": a
    // person named by the given name alone.
    if (nameWords === 1 && words.length === 1 && s === runStart && loneGivenName(tokens, s, e, lx)) {
      // "Thank you, brother Hakan" after "Hakan Fidan": the person named in full.
      const named = knownPeople > 0 ? namedInFullBefore(scan, all, s) : undefined;
      if (named) note(scan, named.def, s, false);
      else note(scan, genDef(scan, words[0]!.text, 'person'), s, true);
      knownPeople++;
      owner.fill(-3, s, e);
      personTok.fill(1, s, e);
      continue;
    }
    if (nameWords < 2 || tooLongForName(all, lx) || words.length < 1) continue;
    // "the frigate Tran Hung Dao", "the submarine, to be named Álvaro Alberto": a ship's name.
    if (s === runStart && shipNameAt(tokens, s)) continue;
    // "Kosiniak-Kamysz said": a known surname alone, settled with the surnames below.
    if (pendingSurnameAt(pendingSurnames, s, e)) continue;
    if (someNoNameWord(scan, words, tokens[givenStop])) continue;
    if (lx.notOrgTails.has(words[words.length - 1]!.text)) continue;
    // "Uzbek President" before a name the gazetteer took: a title, not a name ("Angus King" is one).
    if (lx.roles.has(words[words.length - 1]!.lower) && !lx.givenNames.has(words[0]!.text)) continue;
    const first = words[0]!;
    if (lx.particles.has(first.lower) && first.lower !== 'abu' && first.lower !== 'abd') continue;
    const listed = s === runStart && continuesList(s);
    const pluralCue = tokens[s - 1];
    const opensList =
      s === runStart &&
      !!pluralCue?.word &&
      !pluralCue.cap &&
      pluralCue.lower.endsWith('s') &&
      (lx.roleHeads.has(pluralCue.lower) || lx.personCueNouns.has(pluralCue.lower.slice(0, -1)));
    const saidBefore =
      !!tokens[s - 1] &&
      ['said', 'says', 'by', 'told'].includes(tokens[s - 1]!.lower) &&
      !clauseVerbAfter(tokens, e, tokens[s - 1]!.lower);
    // "said TB Hasanuddin, a commission member", "the interlocutor, AK Mishra, and": initials opening a
    // name with no title before need a person's cue around it, as firms open names so too ("made by FN
    // Herstal", "KP Energy said", "at FN Herstal or ...").
    const initialsOpen = !role && s === runStart && (tokens[s]!.caps || INITIALS.test(tokens[s]!.text));
    const evidence = initialsOpen
      ? (saidBefore && tokens[s - 1]!.lower !== 'by') ||
        appositiveRole(tokens, e, lx) ||
        speechAfterAppositive(tokens, e, lx) ||
        personCue(nameContext, s, e)
      : role ||
        // "Jesús "Chuy" García": only people go by a nickname in quotes inside the name.
        nick > s ||
        listed ||
        opensList ||
        (lx.givenNames.has(first.text) &&
          !(first.sentStart && writtenLower(scan, first)) &&
          // "the submarine, the Álvaro Alberto", "the carrier Harry S. Truman": a ship named for someone.
          !shipNamedFor(tokens, s, runStart)) ||
        speechAfter(tokens, e, lx) ||
        speechAfterAppositive(tokens, e, lx) ||
        appositiveRole(tokens, e, lx) ||
        whoOrAgeAfter(tokens, e) ||
        personCue(nameContext, s, e) ||
        saidBefore ||
        // "Hunter Biden": a known person's surname after another given name is someone else ("Will
        // Trump ..." opening a sentence is no given name).
        (words.length === 2 &&
          surnameStarts.has(s + 1) &&
          !surnameStarts.has(s) &&
          !words[1]!.hyphen &&
          (!first.sentStart || (lx.givenNames.has(first.text) && !writtenLower(scan, first))));
    // "For Hassan Sheikh, ..." after "President Hassan Sheikh Mohamud": the first names of a person
    // the article named in full are that person.
    // "Lund Poulsen said" after "Troels Lund Poulsen": the last two names are the person too.
    const longer = knownPeople > 0 && words.length <= 3 ? namedInFullBefore(scan, all, s) : undefined;
    if (longer) {
      note(scan, longer.def, s, false);
      owner.fill(-3, s, e);
      personTok.fill(1, s, e);
      continue;
    }
    if (!evidence) {
      // "Valentyna Ivanenko's flat ... says Ivanenko, who is 78": settled below, by the surname.
      // Not "Will Trump meet Kim?" nor "Has Takaichi ...": a sentence's first word must be a given name.
      const opener = !first.sentStart || (lx.givenNames.has(first.text) && !writtenLower(scan, first));
      // Not "at FN Herstal or ...": two capitals opening a name need a cue of their own.
      if (words.length === 2 && s === runStart && nameWords === 2 && opener && !first.caps)
        weakRuns.push([s, e]);
      continue;
    }
    // "diplomats in Addis Abeba said", "her apartment in Ann Arbor": a name after "in" or "near" with
    // no title is a place; so after "from" that follows a noun for a person ("a man from Loi Mamund
    // told", "a tribal elder from Loi Mamund, said").
    if (
      !role &&
      s === runStart &&
      (PLACE_PREPOSITIONS.has(tokens[s - 1]?.text ?? '') || fromPlaceAt(tokens, s, lx)) &&
      // A known surname or given name with a possessive is someone's ("interest in Hunter Biden's
      // laptop", "the light in Valentyna Ivanenko's flat").
      !((surnameStarts.has(e - 1) || lx.givenNames.has(first.text)) && tokens[e]?.lower === "'s")
    )
      continue;
    // "King Charles III", "Pope John Paul II": a regnal name keeps its title, as news writes it.
    const regnal =
      REGNAL_NUMBERS.has(all[all.length - 1]!.text) && REGNAL_TITLES.has(tokens[s - 1]?.text ?? '');
    const name = regnal ? `${tokens[s - 1]!.text} ${joinName(all)}` : joinName(all);
    // "Rep. Joe Wilson of South Carolina, who ...": a US state is no person.
    if (US_STATES.has(name) || US_STATES_TWO.has(name) || namesPlace(tokens, all, e)) continue;
    // "the opposition Samagi Jana Balawegaya (SJB)", "the Military Manpower Administration": a body's.
    const body = bodyNotPerson(tokens, s, e, lx);
    // "Public Eye said", after "Public Eye, a Swiss non-governmental organisation": the same body.
    const def = body
      ? genDef(scan, name, 'organization')
      : (bodyNamed(scan, name) ?? genDef(scan, name, 'person'));
    note(scan, def, s, true);
    knownPeople++;
    owner.fill(-3, s, e);
    if (def.type === 'person') personTok.fill(1, s, e);
    listEnd = listed || opensList ? e : -1;
  }
  // "Marisa Delgado's documentary ... Delgado, who had extraordinary access": a name with no cue is a
  // person when its surname, alone later, has one.
  for (const [s, e] of weakRuns) {
    // "the light in Valentyna Ivanenko's flat": a possessive after a name after "in" is someone's.
    const possessive = tokens[e]?.lower === "'s";
    if (owner[s] !== -2 || (PLACE_PREPOSITIONS.has(tokens[s - 1]?.text ?? '') && !possessive)) continue;
    const all = tokens.slice(s, e);
    const name = joinName(all);
    if (
      US_STATES.has(name) ||
      US_STATES_TWO.has(name) ||
      namesPlace(tokens, all, e) ||
      bodyNotPerson(tokens, s, e, lx)
    )
      continue;
    // "with Albania's X Y and Croatia's Ivan Anusic": a name in a list with a person is one.
    const isPerson = (k: number) =>
      personTok[k] === 1 || (owner[k]! >= 0 && actors[owner[k]!]!.type === 'person');
    if (!surnameSaysPerson(scan, nameContext, tokens[e - 1]!, e) && !listedWithPerson(tokens, s, e, isPerson))
      continue;
    note(scan, genDef(scan, name, 'person'), s, true);
    owner.fill(-3, s, e);
  }
}

// Helpers of peopleFromRuns as loops of their own: a closure in its per-token loop that read a variable of
// the loop's body made V8 allocate that body's scope for every token (about a seventh of analysis's allocation).

/** Lower-case patronymics that end a Central Asian name ("Makhabat Tazhibek kyzy", "Azamat Bakyt uulu"). */
const PATRONYMICS = new Set(['kyzy', 'uulu', 'qizi', 'ogli']);

/** Dotted initials that name a place or a body, not a person ("U.S.", "U.N.", "D.C."). */
const PLACE_INITIALS = new Set(['U.S.', 'U.N.', 'U.K.', 'E.U.', 'D.C.', 'B.C.', 'N.Y.', 'L.A.']);

/**
 * Whether the dotted initials at `k` open a person's name after no title ("Lt. Gen. S.M. Kamrul Hassan",
 * "adviser (Northeast) A.K. Mishra"): two or three letters that are no place's ("U.S.") and no state's.
 */
function initialsOpenName(scan: ActorScan, k: number): boolean {
  const t = scan.tokens[k]!;
  return INITIALS.test(t.text) && !PLACE_INITIALS.has(t.text) && !stateNamedAt(scan.stateMentions, k);
}

/** Two-letter words that are no one's initials. */
const NOT_INITIALS = new Set(['US', 'UK', 'EU', 'UN', 'MP', 'TV', 'AI', 'OK', 'PM', 'DC', 'ID', 'AU']);

/**
 * Whether the token at `e` of a run opened at `i` is initials written without stops: a single capital
 * between a given name and a surname ("Samir V Kamat"), or two capitals opening the run before a
 * name word that is no title ("said TB Hasanuddin", "AK Mishra"); the run still needs a cue.
 */
function bareInitialsAt(scan: ActorScan, i: number, e: number): boolean {
  const { tokens, lx } = scan;
  const t = tokens[e]!;
  const next = tokens[e + 1];
  if (!t.word || !isCapWord(next) || next!.caps || !free(scan, e + 1) || next!.sentStart) return false;
  if (t.text.length === 1)
    return e > i && t.cap && t.text !== 'A' && t.text !== 'I' && lx.givenNames.has(tokens[e - 1]!.text);
  return (
    e === i &&
    t.caps &&
    t.text.length === 2 &&
    !t.sentStart &&
    !NOT_INITIALS.has(t.text) &&
    !stateNamedAt(scan.stateMentions, e) &&
    !isTitleWord(next!, lx) &&
    !lx.roleHeads.has(next!.lower) &&
    !notName(scan, next!)
  );
}

/**
 * Where a nickname in double quotes after the given name at `e - 1` ends, after its closing quote and
 * before the surname ("Jimmy "Barbecue" Cherizier", "Jesús "Chuy" García"), or 0.
 */
function nicknameEnd(scan: ActorScan, e: number): number {
  const { tokens, lx } = scan;
  const open = tokens[e]!;
  if (open.text !== '"' && open.text !== '\u201c') return 0;
  const given = tokens[e - 1]!;
  if (!lx.givenNames.has(given.text) && (given.sentStart || isTitleWord(given, lx))) return 0;
  let k = e + 1;
  while (k < e + 4 && isCapWord(tokens[k]) && !tokens[k]!.caps) k++;
  const close = tokens[k];
  if (k === e + 1 || (close?.text !== '"' && close?.text !== '\u201d')) return 0;
  return isCapWord(tokens[k + 1]) && free(scan, k + 1) ? k + 1 : 0;
}

/** A name's tokens from `s` to `e` without the quoted nickname that opens at `nick`. */
function withoutNickname(tokens: readonly Token[], s: number, e: number, nick: number): Token[] {
  let k = nick + 1;
  while (k < e && tokens[k]!.word) k++;
  return [...tokens.slice(s, nick), ...tokens.slice(k + 1, e)];
}

/**
 * Whether a private surname's initial stands at `e` of a run opened at `i` ("identified as Waldemar
 * K.", "a Chinese national, Jian G., ..."): one capital and its stop after a given name, no next name
 * word, and not a comment's signature ("Tom R.: ...", "Nadia K. says:"), which opens a paragraph.
 */
function privateInitialAt(scan: ActorScan, i: number, e: number): boolean {
  const { tokens } = scan;
  const t = tokens[e]!;
  if (e !== i + 1 || t.text.length !== 1 || !t.cap || tokens[e + 1]?.text !== '.') return false;
  if (tokens[e + 1]!.start !== t.start + 1) return false;
  const g = tokens[i]!;
  if (!scan.lx.givenNames.has(g.text) && !identifiedAs(tokens, i)) return false;
  if (tokens[i - 1]?.para !== g.para) return false;
  const next = tokens[e + 2];
  return next?.text !== ':' && next?.lower !== 'says' && !isCapWord(next);
}

/** Whether a state's name of one word, by its name, is mentioned at `pos`. */
function stateNamedAt(mentions: ActorScan['stateMentions'], pos: number): boolean {
  for (const m of mentions) if (m.pos === pos && m.end === pos + 1 && m.kind === 'name') return true;
  return false;
}

/** A run's tokens but its dots and initials. */
function wordsBesideInitials(all: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < all.length; k++) {
    const w = all[k]!;
    if (w.text !== '.' && !isInitial(w, all[k + 1])) out.push(w);
  }
  return out;
}

/** How many of a run's tokens are not dots. */
function countBesideDots(all: readonly Token[]): number {
  let c = 0;
  for (const w of all) if (w.text !== '.') c++;
  return c;
}

/**
 * Whether a word of a name is an organisation's head word, a word kept from names (but `given`, kept as
 * a given name) or a single letter ("Donncha Ó Cearbhaill": the Irish "Ó" is the one name word of a letter).
 */
function someNoNameWord(scan: ActorScan, words: readonly Token[], given: Token | undefined): boolean {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (
      scan.lx.orgHeads.has(w.text) ||
      (notName(scan, w) && w !== given) ||
      (w.text.length < 2 && w.text !== 'Ó' && !middleInitial(scan, words, k))
    )
      return true;
  }
  return false;
}

/** "Samir V Kamat": a capital without its stop between a given name and a surname. */
function middleInitial(scan: ActorScan, words: readonly Token[], k: number): boolean {
  const w = words[k]!;
  return k > 0 && k < words.length - 1 && w.cap && scan.lx.givenNames.has(words[k - 1]!.text);
}

/**
 * Whether a lower-case word that is no joint follows the name at `e` after "said" or "says": the
 * name opens the clause said ("US Army Pacific said Talisman Sabre allows ..."), not the speaker
 * after the quote ("..., said Jane Roe, a spokeswoman").
 */
function clauseVerbAfter(tokens: readonly Token[], e: number, verb: string): boolean {
  if (verb !== 'said' && verb !== 'says') return false;
  const t = tokens[e];
  return !!t?.word && !t.cap && !NAME_FOLLOWERS.has(t.lower);
}
/** Lower-case words that may follow a speaker's name after "said" ("said Jane Roe of the ..."). */
const NAME_FOLLOWERS = new Set([
  'of',
  'who',
  'in',
  'at',
  'on',
  'and',
  'from',
  'during',
  'after',
  'before',
  'to',
  'for',
  'last',
  'this',
]);

/** Words that join a name to the father's ("Tamim bin Hamad"). */
const PATRONYM_JOINTS = new Set(['bin', 'ibn', 'bint']);

/** Whether the name at `i` follows "bin" right after a known person's name ("... bin Salman bin X Y"). */
function patronymAfterPerson(scan: ActorScan, i: number): boolean {
  const { tokens, owner, actors } = scan;
  const joint = tokens[i - 1];
  const o = owner[i - 2] ?? -2;
  return !!joint && !joint.cap && PATRONYM_JOINTS.has(joint.lower) && o >= 0 && actors[o]!.type === 'person';
}

/**
 * The person named in full before `s` whose first or last names are the words `all` ("Hassan
 * Sheikh" of "Hassan Sheikh Mohamud", "Lund Poulsen" of "Troels Lund Poulsen").
 */
function namedInFullBefore(scan: ActorScan, all: Token[], s: number): Found | undefined {
  const part = joinName(all);
  const head = `${part} `;
  const tail = ` ${part}`;
  for (const f of scan.found.values()) {
    if (f.def.type !== 'person' || !f.full || f.first >= s) continue;
    const full = f.def.name;
    if (full.length > part.length && (full.startsWith(head) || full.endsWith(tail))) return f;
  }
  return undefined;
}

/** The words that join two names of a list ("A B and C D"; a comma may open a clause). */
const LIST_JOINTS = new Set(['and', 'or']);

/**
 * Whether the name s..e is joined by "and" or "or" to a person, each name maybe after a state's
 * possessive: "with Albania's X Y and Croatia's Ivan Anusic", "Ivan Anusic and X Y". Not after a
 * comma ("Jo Roe, of Ennis, Co Clare, and ..." is an address).
 */
function listedWithPerson(
  tokens: readonly Token[],
  s: number,
  e: number,
  isPerson: (k: number) => boolean,
): boolean {
  const joint = (k: number) => !!tokens[k]?.word && !tokens[k]!.cap && LIST_JOINTS.has(tokens[k]!.lower);
  const possessor = (k: number) => tokens[k]?.lower === "'s" && !!tokens[k - 1]?.cap;
  const para = tokens[s]!.para;
  // After: the joint, a possessor maybe, then a person's first word.
  if (joint(e)) {
    const k = possessor(e + 2) ? e + 3 : e + 1;
    if (k < tokens.length && isPerson(k) && tokens[k]!.para === para) return true;
  }
  // Before: a possessor maybe, the joint, then a person's last word.
  const j = possessor(s - 1) ? s - 3 : s - 1;
  return j > 0 && joint(j) && isPerson(j - 1) && tokens[j - 1]!.para === para;
}

/**
 * Whether the surname `last`, alone after `from`, is said of a person: a speech verb before or
 * after it ("says Ivanenko", "Delgado said"), a relative "who" or an age after it, or an
 * appositive with a person's role ("Kahananui, a Native Hawaiian filmmaker,").
 */
function surnameSaysPerson(scan: ActorScan, c: NameContext, last: Token, from: number): boolean {
  const { tokens, lx, n } = scan;
  for (let k = from; k < n; k++) {
    const t = tokens[k]!;
    if (
      t.text !== last.text ||
      !free(scan, k) ||
      scan.inMatch[k] ||
      isCapWord(tokens[k + 1]) ||
      isCapWord(tokens[k - 1])
    )
      continue;
    const p = tokens[k - 1];
    if (
      speechAfter(tokens, k + 1, lx) ||
      whoOrAgeAfter(tokens, k + 1) ||
      appositiveRole(tokens, k + 1, lx) ||
      personCue(c, k, k + 1) ||
      (!!p?.word && !p.cap && lx.speechVerbs.has(p.lower))
    )
      return true;
  }
  return false;
}

/** Speakers named by a transcript's turn labels. */
function speakerLabels(scan: ActorScan): void {
  const { tokens, n, owner } = scan;
  // A transcript's turn names its speaker by title and surname ("Senator SHOEBRIDGE:", "REP. JACOBS:",
  // "Vice Adm. Mead:"): the person the article named in full with that name, else the one the
  // gazetteer knows by it, else a person the article names so.
  // A transcript run into one paragraph opens each turn as a sentence, its label in capitals
  // ("... on the record. SENATOR SHAHEEN: Thank you").
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if (t.para === 0 || (t.para === tokens[i - 1]!.para && !(t.sentStart && t.caps))) continue;
    const label = speakerLabel(scan, i, t.para !== tokens[i - 1]!.para);
    if (label === undefined) continue;
    const [s, e] = label;
    const fullName = tokens.slice(s + 1, e).some((t) => !t.hyphen);
    const def = fullName ? speakerByFullName(scan, s, e) : speakerByName(scan, s, e);
    note(scan, def, s, fullName || def.id.startsWith('gen:'));
    owner.fill(-3, s, e);
  }
}

/** Acronyms the gazetteer knows, settled against the article's own organisations. */
function settleAcronyms(scan: ActorScan): void {
  const { tokens, gaz, actors, found, pendingAcronyms, ruleOrgEndingAt } = scan;
  // An acronym is first the organisation the article named in full with those initials ("the
  // Armed Forces of the Philippines ... the AFP"), else the gazetteer's.
  if (pendingAcronyms.length) {
    const ownAcronyms = new Map<string, ActorDef>();
    for (const f of found.values()) {
      if (f.def.type !== 'organization' || !f.full) continue;
      const acr = acronymOf(f.def.name);
      if (acr.length >= 2 && !ownAcronyms.has(acr)) ownAcronyms.set(acr, f.def);
      // "the Japan Self-Defense Forces ... the SDF": the initials without the state's name.
      const sp = f.def.name.indexOf(' ');
      if (sp > 0 && gaz.stateWords.has(f.def.name.slice(0, sp))) {
        const rest = acronymOf(f.def.name.slice(sp + 1));
        if (rest.length >= 2 && !ownAcronyms.has(rest)) ownAcronyms.set(rest, f.def);
      }
    }
    // "the Intelligence and Security Service (SIS)": an acronym the article defines by a name's
    // initials is that body's, in this article, whatever body the gazetteer knows by it.
    const defined = new Map<string, ActorDef>();
    for (const a of pendingAcronyms) {
      const named = parenthesised(scan, a.pos) ? ruleOrgEndingAt.get(a.pos - 1) : undefined;
      const key = tokens[a.pos]!.key;
      if (named && !defined.has(key) && definesAcronym(key, named.name.split(/[\s-]+/)))
        defined.set(key, named);
    }
    for (const a of pendingAcronyms) {
      const known = actors[a.actor]!;
      // "Russia's Foreign Intelligence Service (SVR)": a body the rules named, then an acronym the
      // gazetteer knows that is not its initials, is that known body.
      const named = parenthesised(scan, a.pos) ? ruleOrgEndingAt.get(a.pos - 1) : undefined;
      if (
        named &&
        named.id !== known.id &&
        !defined.has(tokens[a.pos]!.key) &&
        acronymOf(named.name) !== tokens[a.pos]!.key &&
        merge(scan, named, known)
      ) {
        note(scan, known, a.pos, true);
        noteWritten(scan, known, a.pos, a.pos + 1);
        continue;
      }
      const own = defined.get(tokens[a.pos]!.key) ?? ownAcronyms.get(tokens[a.pos]!.key);
      const def = own && own.id !== known.id ? own : undefined;
      note(scan, def ?? known, a.pos, !def);
      if (!def) noteWritten(scan, known, a.pos, a.pos + 1);
    }
  }
}

/** (4) Short universities, states, surnames and acronyms, once the full names are known. */
function settleShortForms(scan: ActorScan): void {
  const {
    tokens,
    lx,
    actors,
    n,
    owner,
    found,
    pendingSurnames,
    stateMentions,
    ruleOrgEndingAt,
    orgMatchEndingAt,
    shortUniversities,
    suppressed,
  } = scan;
  for (const u of shortUniversities) if (found.get(u.def.id)?.full) note(scan, u.def, u.pos, false);

  // (4) states (with suppression inside organisation names and US states), surnames, acronyms
  const usState = usStateMentions(tokens, stateMentions, actors);
  for (const m of stateMentions) {
    if (suppressed.has(m.pos) || usState.has(m.pos)) continue;
    note(scan, actors[m.actor]!, m.pos, m.kind === 'name');
  }
  // People named in full, by surname and by family name first ("Kim" of Kim Jong Un).
  const fullBySurname = new Map<string, ActorDef[]>();
  for (const f of found.values()) {
    if (f.def.type !== 'person' || !f.full) continue;
    for (const key of new Set([surnameOf(f.def.name), familyFirstOf(f.def.name)])) {
      if (key) fullBySurname.set(key, [...(fullBySurname.get(key) ?? []), f.def]);
    }
  }
  for (const p of pendingSurnames) {
    // Part of a name found in (3) ("Hunter Biden"): counted there.
    if (owner[p.start] !== -2) continue;
    // "pro-Trump", "Biden-era sanctions", "the Reagan administration" (LABELLING: the United States):
    // a word about something else, no mention of the person.
    if (surnameInCompound(tokens, p.start, p.end)) {
      owner.fill(-1, p.start, p.end);
      continue;
    }
    const candidates = entryActors(actors, p.entries);
    const seen = namedInFull(candidates, found);
    const next = tokens[p.end];
    // "Stephen Miller" is not "Miller" of another article's Matthew Miller. A headline capitalises
    // every word: there a word the body writes in lower case is no part of a name ("Trump Signs ...").
    if (
      next &&
      free(scan, p.end) &&
      isCapWord(next) &&
      !next.sentStart &&
      !next.hyphen &&
      !titleWord(scan, next)
    )
      continue;
    const prev = tokens[p.start - 1];
    if (
      prev &&
      isCapWord(prev) &&
      !titleWord(scan, prev) &&
      !(prev.sentStart && writtenLower(scan, prev)) &&
      free(scan, p.start - 1) &&
      !tokens[p.start]!.hyphen &&
      !lx.roles.has(prev.lower) &&
      !lx.stopCaps.has(prev.text)
    )
      continue;
    // A surname is first the person the article named in full with it ("Hunter Biden" makes
    // "Biden" his, not the famous one's); only when it named no one is a famous bearer assumed.
    const key = wordKeys(tokens, p.start, p.end);
    const named = [...seen, ...(fullBySurname.get(key) ?? []).filter((d) => !seen.includes(d))];
    let pick: ActorDef | undefined;
    if (named.length === 1) pick = named[0];
    else if (named.length > 1) pick = nearestBefore(named, found, p.start);
    else {
      const famous = candidates.filter((d) => d.famous);
      if (famous.length === 1) pick = famous[0];
      // "Colombia's President Petro", "Prime Minister Kurti's cabinet": a title before the surname of
      // the one person the gazetteer knows by it.
      // "Secretary Hegseth", "Sen. Ossoff", "Gen. Caine": any title does, in the body (a headline
      // capitalises "Lawmakers He ...").
      else if (
        candidates.length === 1 &&
        inBody(scan, p.start) &&
        ((prev?.cap && (HEAD_TITLES.has(prev.text) || lx.roleHeads.has(prev.lower))) ||
          titleAbbreviationBefore(tokens, p.start, lx))
      )
        pick = candidates[0];
    }
    if (pick) note(scan, pick, p.start, false);
    // Settled here either way: the generic surname pass below must not count it again.
    owner.fill(-3, p.start, p.end);
  }
  // Bare surnames and acronyms of actors found without the gazetteer.
  const bySurname = new Map<string, ActorDef[]>();
  for (const f of found.values()) {
    if (f.def.type !== 'person' || !f.full) continue;
    for (const key of [surnameOf(f.def.name), familyFirstOf(f.def.name)]) {
      if (!key) continue;
      const list = bySurname.get(key) ?? [];
      if (!list.includes(f.def)) list.push(f.def);
      bySurname.set(key, list);
    }
  }
  const byAcronym = new Map<string, ActorDef>();
  for (const f of found.values()) {
    if (f.def.type !== 'organization') continue;
    const acr = acronymOf(f.def.name);
    if (acr.length >= 2) byAcronym.set(acr, f.def);
    // "Norway's KTM ... KTM said": a body the rules named by an acronym alone.
    if (f.def.id.startsWith('gen:') && CAPS_3_TO_7.test(f.def.name)) byAcronym.set(f.def.name, f.def);
  }
  // "the Armed Forces General Staff (AFGS)": an acronym in brackets after a name is that name's.
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if (!t.caps || !free(scan, i) || !parenthesised(scan, i)) continue;
    const def = ruleOrgEndingAt.get(i - 1) ?? orgMatchEndingAt.get(i - 1)?.def;
    if (def && found.has(def.id)) byAcronym.set(t.key, def);
  }
  for (let i = 0; i < n; i++) {
    if (!free(scan, i)) continue;
    const t = tokens[i]!;
    if (!t.word || !t.cap) continue;
    if (isCapWord(tokens[i + 1]) && free(scan, i + 1)) continue;
    if (t.caps) {
      const org = byAcronym.get(t.key);
      if (org) note(scan, org, i, false);
      continue;
    }
    const people = bySurname.get(t.key);
    if (people?.length === 1) note(scan, people[0]!, i, false);
    else if (people && people.length > 1) note(scan, nearestBefore(people, found, i), i, false);
  }
}

// Three steps of settleShortForms as loops of their own: inlined array built-ins there met a new
// kind of array in a fresh process and made V8 throw away and recompile that large function three times.

/** The actors of a pending surname's trie entries. */
function entryActors(actors: readonly ActorDef[], entries: readonly Entry[]): ActorDef[] {
  const out: ActorDef[] = [];
  for (const x of entries) out.push(actors[x.actor]!);
  return out;
}

/** Those of `defs` the article has named in full. */
function namedInFull(defs: readonly ActorDef[], found: ReadonlyMap<string, Found>): ActorDef[] {
  const out: ActorDef[] = [];
  for (const d of defs) if (found.get(d.id)?.full) out.push(d);
  return out;
}

/** The keys of the words of tokens s..e, space-joined. */
function wordKeys(tokens: readonly Token[], s: number, e: number): string {
  const keys: string[] = [];
  for (let i = s; i < e; i++) if (tokens[i]!.word) keys.push(tokens[i]!.key);
  return keys.join(' ');
}

/**
 * The name in a speaker's label at `i`: titles, then the surname or the full name, then a colon,
 * a party and state in brackets before it or not ("Senator SHOEBRIDGE:", "LT. GEN. TURNER:", "Vice
 * Adm. Mead:", "SEN. PETE RICKETTS (R-Neb.):"). A label inside a paragraph is all in capitals.
 */
function speakerLabel(scan: ActorScan, i: number, opensParagraph: boolean): [number, number] | undefined {
  const { tokens, lx, n } = scan;
  const para = tokens[i]!.para;
  let j = i;
  let titles = 0;
  while (j < n && j - i < 6 && tokens[j]!.para === para) {
    const t = tokens[j]!;
    if (t.text === '.' && j > i) j++;
    else if (t.word && t.cap && lx.roles.has(t.lower) && tokens[j + 1]?.text !== ':') {
      if (!opensParagraph && !t.caps) return undefined;
      titles++;
      j++;
    } else break;
  }
  let e = j;
  while (e < n && e - j < 3 && tokens[e]!.para === para && speakerNameWord(scan, e, opensParagraph)) e++;
  if (!titles || e === j) return undefined;
  let colon = e;
  if (tokens[colon]?.text === '(') {
    while (colon < n && colon - e < 8 && tokens[colon]!.text !== ')') colon++;
    colon++;
  }
  return tokens[colon]?.text === ':' ? [j, e] : undefined;
}

/** A word of the name in a speaker's label: capitalised, free, no title. */
function speakerNameWord(scan: ActorScan, k: number, opensParagraph: boolean): boolean {
  const t = scan.tokens[k]!;
  return (
    t.word &&
    t.cap &&
    (opensParagraph || labelCaps(t)) &&
    t.text.length >= 2 &&
    free(scan, k) &&
    !scan.lx.roles.has(t.lower)
  );
}

/**
 * The person a speaker's label names in full ("SEN. PETE RICKETTS (R-Neb.):"): one the article
 * or the gazetteer knows by that name, else a person named so.
 */
function speakerByFullName(scan: ActorScan, s: number, e: number): ActorDef {
  const { tokens, gaz, actors, found } = scan;
  const probes = labelProbes(tokens, s, e);
  const name = joinName(probes);
  for (const f of found.values()) if (f.def.type === 'person' && f.def.name === name) return f.def;
  const m = gaz.trie.matchAt(probes, 0);
  const known = m?.end === probes.length ? m.values.find((x) => x.kind === 'name') : undefined;
  if (known && actors[known.actor]!.type === 'person') return actors[known.actor]!;
  return genDef(scan, name, 'person');
}

/**
 * The words of a label's name s..e as a name is written ("PETE RICKETTS" as "Pete Ricketts",
 * "McCAUL" as "McCaul", "O'NEILL" as "O'Neill").
 */
function labelProbes(tokens: readonly Token[], s: number, e: number): Token[] {
  return tokens.slice(s, e).map((w) => {
    const text = labelCaps(w) ? recased(w.text) : w.text;
    const key = text === w.text ? w.key : normaliseKey(text);
    return { ...w, text, key, lower: key.toLowerCase(), caps: false };
  });
}

/** A name's prefix written in lower case before a surname in capitals ("McCAUL", "MacARTHUR", "DeSANTIS"). */
const CAPS_AFTER_PREFIX = /^\p{Lu}\p{Ll}{1,2}\p{Lu}{2,}$/u;

/** Whether a label's word is written in capitals, a lower-case name prefix aside ("McGOVERN"). */
function labelCaps(t: Token): boolean {
  return t.caps || CAPS_AFTER_PREFIX.test(t.text);
}

/** A word in capitals as a name is written: each part after a prefix or an apostrophe capitalised. */
function recased(text: string): string {
  const prefix = CAPS_AFTER_PREFIX.test(text) ? CAPITALISED_PREFIX.exec(text)![0] : '';
  const rest = text.slice(prefix.length).toLowerCase();
  return prefix + rest.replace(PART_START, (_, a: string, b: string) => a + b.toUpperCase());
}

/** The person a speaker's label names by the surname at k..end, as `speakerLabel` found it. */
function speakerByName(scan: ActorScan, k: number, end: number): ActorDef {
  const { tokens, gaz, actors, found } = scan;
  // "DR. JEAN-BAPTISTE:": a surname of hyphen-joined words.
  const probes = labelProbes(tokens, k, end);
  const text = joinName(probes);
  const named: ActorDef[] = [];
  for (const f of found.values()) {
    if (f.def.type !== 'person' || !f.full) continue;
    const parts = f.def.name.split(' ');
    if (parts.length > 1 && (surnameOf(f.def.name) === text || parts[0] === text)) named.push(f.def);
  }
  if (named.length) return nearestBefore(named, found, k);
  const m = gaz.trie.matchAt(probes, 0);
  const known = (m?.end === probes.length ? m.values : [])
    .filter((x) => x.kind === 'surname' || x.kind === 'name')
    .map((x) => actors[x.actor]!)
    .filter((d) => d.type === 'person');
  if (known.length === 1) return known[0]!;
  const famous = known.filter((d) => d.famous);
  if (famous.length === 1) return famous[0]!;
  return genDef(scan, text, 'person');
}

/** "(SVR)": a token alone in brackets. */
function parenthesised(scan: ActorScan, i: number): boolean {
  const { tokens } = scan;
  return tokens[i - 1]?.text === '(' && tokens[i + 1]?.text === ')';
}

/**
 * Where the capitalised name that a known name at `start` ends begins: back over free capitalised
 * words in the body that open no sentence and are no title or common capitalised word, and over
 * "and" between two of them ("Peace and Security Council"); `start` when there are none.
 */
function longerNameStart(scan: ActorScan, start: number): number {
  const { tokens, lx, owner, inMatch } = scan;
  const nameWord = (k: number) => {
    const t = tokens[k];
    return (
      !!t &&
      owner[k] === -2 &&
      !inMatch[k] &&
      t.word &&
      t.cap &&
      !t.caps &&
      !t.sentStart &&
      t.para > 0 &&
      t.para === tokens[start]!.para &&
      !lx.stopCaps.has(t.text) &&
      !NOT_NAME_OPENERS.has(t.text) &&
      // "the National Defence and Security Council": a department's word, though a title's elsewhere.
      (!lx.roles.has(t.lower) || DEPARTMENT_ROLE_WORDS.has(t.lower)) &&
      !lx.givenNames.has(t.text) &&
      // "the pro-Kurdish DEM Party": a word hyphen-joined to a lower-case one is no name's.
      !(t.hyphen && tokens[k - 1]?.word && !tokens[k - 1]!.cap)
    );
  };
  let s = start;
  for (;;) {
    if (nameWord(s - 1)) s--;
    // "Peace and Security Council", not "Baptists and Jehovah's Witnesses" (a plural lists bodies), nor
    // "the Defence Ministry and Turkish Aerospace" (a head ends a name).
    else if (
      tokens[s - 1]?.lower === 'and' &&
      !tokens[s - 1]!.cap &&
      s < start + 1 &&
      nameWord(s - 2) &&
      !PLURAL.test(tokens[s - 2]!.text) &&
      !lx.orgHeads.has(tokens[s - 2]!.text)
    )
      s -= 2;
    else break;
  }
  return s;
}

/**
 * Notes each committee of "<Chamber> X and [<Chamber>] Y committees" at s..e, the chamber the US
 * Senate's or House's; false, noting none, for any other shape ("the Senate and House X committees").
 */
function chamberCommittees(scan: ActorScan, s: number, e: number): boolean {
  const { tokens, gaz, actors, owner } = scan;
  const chamber = tokens[s]!.text;
  if (chamber !== 'Senate' && chamber !== 'House') return false;
  const and = tokens.findIndex((x, k) => k > s && k < e && x.lower === 'and' && !x.cap);
  if (and < s + 2 || and > e - 2) return false;
  const first = tokens.slice(s, and);
  const second = tokens.slice(and + 1, e);
  if (![...first, ...second].every((x) => isCapWord(x))) return false;
  const own = (span: Token[]) => {
    const name = `${joinName(span)} Committee`;
    const known = gaz.byName.get(name);
    return known !== undefined ? actors[known]! : genDef(scan, name, 'organization');
  };
  const opens = second[0]!.text === 'Senate' || second[0]!.text === 'House';
  note(scan, own(first), s, true);
  note(scan, own(opens ? second : [tokens[s]!, ...second]), and + 1, true);
  for (let k = s; k < e; k++)
    if (owner[k]! >= 0 && owner[k] !== owner[k - 1]) retract(scan, actors[owner[k]!]!);
  owner.fill(-3, s, e + 1);
  return true;
}

/** Whether free capitalised words back from `k`, "of" or "in" between them, follow "the". */
function openedByThe(scan: ActorScan, k: number): boolean {
  const { tokens, lx } = scan;
  const nameWord = (t: Token) =>
    isCapWord(t) &&
    !t.sentStart &&
    !lx.stopCaps.has(t.text) &&
    !lx.roles.has(t.lower) &&
    !lx.givenNames.has(t.text);
  let j = k;
  while (j >= 0 && k - j < 6) {
    const t = tokens[j]!;
    if (free(scan, j) && nameWord(t)) j--;
    else if ((t.lower === 'of' || t.lower === 'in') && !t.cap && j < k && isCapWord(tokens[j - 1])) j--;
    else break;
  }
  return (
    j < k && isCapWord(tokens[j + 1]) && tokens[j]?.lower === 'the' && tokens[j]!.para === tokens[k]!.para
  );
}

/**
 * Whether the word at `k` is a free capitalised common word that may stand before "and" inside a
 * name: one the article also writes in lower case, a role or a department, and no name, title or head.
 */
function commonWord(scan: ActorScan, k: number): boolean {
  const { tokens, lx } = scan;
  const w = tokens[k];
  return (
    !!w &&
    free(scan, k) &&
    isCapWord(w) &&
    !w.sentStart &&
    (writtenLower(scan, w) ||
      lx.roles.has(w.lower) ||
      LOWER_DEPT_WORDS.has(w.lower) ||
      PLURAL.test(w.text)) &&
    !lx.stopCaps.has(w.text) &&
    !lx.roleHeads.has(w.lower) &&
    !lx.orgHeads.has(w.text)
  );
}

/**
 * Whether the word at `j`, before "and" inside a name, opens the name: a free capitalised word the
 * gazetteer does not hold (no place, state or body), no title, given name or common capital, with
 * "the" or a possessive before it or before one or two such words, capitalised adjectives or a state's
 * ("the Media and Law Studies Association", "the National Counterintelligence and Security Center").
 */
function openedWordBeforeAnd(scan: ActorScan, j: number): boolean {
  const { tokens, lx, inMatch, owner } = scan;
  const nameWord = (k: number) => {
    const t = tokens[k];
    return (
      !!t &&
      free(scan, k) &&
      isCapWord(t) &&
      !t.caps &&
      !t.sentStart &&
      !inMatch[k] &&
      !lx.stopCaps.has(t.text) &&
      !lx.givenNames.has(t.text) &&
      !lx.roleHeads.has(t.lower) &&
      !lx.roles.has(t.lower)
    );
  };
  if (!nameWord(j)) return false;
  let k = j;
  // "the National Counterintelligence and": a capitalised adjective may open the name.
  const opener = (x: number) =>
    (nameWord(x) && !lx.orgHeads.has(tokens[x]!.text)) ||
    (free(scan, x) &&
      isCapWord(tokens[x]) &&
      !tokens[x]!.sentStart &&
      lx.capAdjectives.has(tokens[x]!.text)) ||
    (isState(scan, owner[x]!) && tokens[x]!.cap);
  while (k > 0 && j - k < 2 && opener(k - 1)) k--;
  const before = tokens[k - 1]?.lower;
  return (before === 'the' || before === "'s") && tokens[k - 1]!.para === tokens[j]!.para;
}

/** Whether one or two Romance connectors at `k` join a name to a capitalised word after them ("por la Patria"). */
function romanceJoint(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t?.word || t.cap || !ROMANCE_CONNECTORS.has(t.lower)) return false;
  const next = tokens[k + 1];
  if (next?.word && !next.cap && ROMANCE_CONNECTORS.has(next.lower)) return isCapWord(tokens[k + 2]);
  return isCapWord(next);
}

/**
 * Whether a Romance head opens a name at `k`: capitalised words or a connector after it ("Partido
 * Liberal", "Frente de Todos"), not a name's last word ("Plaza del Centro").
 */
function romanceHead(tokens: readonly Token[], k: number): boolean {
  return ROMANCE_HEADS.has(tokens[k]!.text) && (isCapWord(tokens[k + 1]) || romanceJoint(tokens, k + 1));
}

/** Connectors a name's tail may follow ("American Institute in Taiwan", "Japan Council against A and H Bombs"). */
const TAIL_JOINTS = new Set(['in', 'of', 'for', 'on', 'against', 'at']);
/** Words that join a tail's capitalised words ("Guinea and Cape Verde", "Region of the Indian Ocean"). */
const TAIL_INNER = new Set(['and', 'of', 'the', 'for', 'in']);

/**
 * The end of a name from `s` that stops at `e` before a connector, run on to an acronym in brackets
 * that names it all: "the American Institute in Taiwan (AIT)", "the Union for Peace in the Central
 * African Republic (UPC)", "the Mine Countermeasures Naval Group in the Black Sea (MCM Black Sea)". The
 * tail is capitalised words that are places, states or no known body's, and the acronym opens with
 * the name's first letter; `e` otherwise ("the Army Headquarters in Bhadrakali").
 */
function tailToAcronym(scan: ActorScan, s: number, e: number): number {
  const { tokens, owner } = scan;
  const j = tokens[e];
  if (!j || j.cap || !TAIL_JOINTS.has(j.lower)) return e;
  let k = e + 1;
  if (tokens[k]?.lower === 'the') k++;
  const tailWord = (x: number) =>
    isCapWord(tokens[x]) && (owner[x]! >= -2 ? owner[x]! < 0 || isState(scan, owner[x]!) : false);
  if (!tailWord(k)) return e;
  while (k < e + 12) {
    if (tailWord(k)) k++;
    else if (
      !tokens[k]!.cap &&
      TAIL_INNER.has(tokens[k]!.lower) &&
      (tailWord(k + 1) || (tokens[k + 1]?.lower === 'the' && tailWord(k + 2)))
    )
      k++;
    else break;
  }
  const acr = tokens[k + 1];
  if (tokens[k]?.text !== '(' || !acr?.caps || tokens[k]!.para !== j.para) return e;
  if (tokens[k + 2]?.text !== ')' && tokens[k + 3]?.text !== ')' && tokens[k + 4]?.text !== ')') return e;
  const first = (x: Token | undefined) => x?.key[0]?.toUpperCase();
  return first(acr) === first(tokens[s]) || first(acr) === first(tokens[s + 1]) ? k : e;
}

/**
 * Whether a number after the name s..e is its last word: "Light Infantry Division 99", "Naval Mobile
 * Construction Battalion 4" (a named unit's head, then a number of up to three digits), "Unit 80"
 * (two to five digits: "Unit 4" of a power plant is a reactor). Not a number that goes on ("Division
 * 3,000", "Brigade 12-strong") or counts something after it ("Battalion 40 soldiers").
 */
function unitNumberAfter(scan: ActorScan, s: number, e: number): boolean {
  const { tokens } = scan;
  const head = tokens[e - 1]!.text;
  const num = tokens[e];
  if (!num || !/^\d+$/.test(num.text)) return false;
  const named = NUMBERED_HEADS.has(head) && e - s >= 2 && num.text.length <= 3;
  const unit = head === 'Unit' && e - s === 1 && num.text.length >= 2 && num.text.length <= 5;
  if (!named && !unit) return false;
  const next = tokens[e + 1];
  if (next?.hyphen) return false;
  if (next?.text === ',' || next?.text === '.') return !/^\d/.test(tokens[e + 2]?.text ?? '');
  // "Battalion 4 and", "Unit 80 said", "Division 99 has": a joint, a speech verb or a clause's verb.
  const w = next?.lower ?? '';
  return (
    !next?.word ||
    next.cap ||
    ORG_CONNECTORS.has(w) ||
    LIST_JOINTS.has(w) ||
    CLAUSE_AFTER_STATE.has(w) ||
    scan.lx.speechVerbs.has(w)
  );
}

/** Words inside a name between its capitalised words, up to an acronym in brackets (acronymEnd). */
const ACRONYM_INNER = new Set(['and', 'of', 'the', 'for', 'in', 'on', '&']);

/**
 * The end of a name from `s` that stopped at `e` a few words before an acronym in brackets whose
 * letters spell the name only with those words: "the Canadian Association of Defence and Security
 * Industries (CADSI)", "the Media Association of Trinidad and Tobago (MATT)", "the Movement for Social
 * Justice (MSJ)"; `e` otherwise. The words are capitalised ones no body owns (a state's may be) and
 * the small words that join them.
 */
function acronymEnd(scan: ActorScan, s: number, e: number): number {
  const { tokens, owner } = scan;
  if (!isCapWord(tokens[e]) && !ACRONYM_INNER.has(tokens[e]?.lower ?? '')) return e;
  let k = e;
  while (k < e + 6) {
    const t = tokens[k];
    if (!t || t.para !== tokens[s]!.para) return e;
    if (isCapWord(t) && !t.caps && (owner[k]! < 0 ? owner[k] !== -3 : isState(scan, owner[k]!))) k++;
    else if (!t.cap && ACRONYM_INNER.has(t.lower) && isCapWord(tokens[k + 1])) k++;
    else break;
  }
  const acr = tokens[k + 1];
  if (k === e || tokens[k]?.text !== '(' || !acr?.caps || tokens[k + 2]?.text !== ')') return e;
  const texts = (end: number) => tokens.slice(s, end).map((x) => x.text);
  return definesAcronym(acr.key, texts(k)) && !definesAcronym(acr.key, texts(e)) ? k : e;
}

/** Words after a state that make it a clause's subject after "told" or "to" ("told Reuters Ukraine would"). */
const CLAUSE_AFTER_STATE = new Set([
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'must',
  'did',
  'does',
  'needs',
  'needed',
  'wants',
  'wanted',
  'plans',
  'planned',
]);

/**
 * Whether a known body's name at `s`..`e` and the state's name after it to `end` are one name, its arm in
 * that state ("BAE Systems Australia", "Anduril Australia"): in the body of the story, the body's name
 * no acronym ("NATO Ukraine") and no tail of a longer name, nothing capitalised or hyphen-joined after
 * the state, and no clause told going on from it ("told Reuters Ukraine had", "according to CNN Russia
 * said").
 */
function nationalArm(scan: ActorScan, s: number, e: number, end: number): boolean {
  const { tokens, lx } = scan;
  if (!inBody(scan, s) || (e - s === 1 && tokens[s]!.caps)) return false;
  // "Tehrik-i-Taliban Pakistan", "State House Kenya": the known name ends a longer one.
  if (tokens[s]!.hyphen || isCapWord(tokens[s - 1])) return false;
  const after = tokens[end];
  if (!after) return true;
  if (after.hyphen || isCapWord(after) || after.lower === "'s") return false;
  // "BAE Systems Australia said" is the arm speaking; after "told" or "according to" the state
  // opens the clause told.
  const told = tokens[s - 1]?.lower === 'told' || tokens[s - 1]?.lower === 'to';
  return !told || !after.word || !(CLAUSE_AFTER_STATE.has(after.lower) || lx.speechVerbs.has(after.lower));
}

/**
 * Whether "of" or "for" after the head at `h` goes on to a capitalised word that is a state's or no
 * known name's ("Council of Australian ...", not "Official Journal of the EU").
 */
function nameGoesOnPastJoint(scan: ActorScan, h: number): boolean {
  const { tokens, lx } = scan;
  const j = tokens[h + 1];
  if (!j || j.cap || (j.lower !== 'of' && j.lower !== 'for')) return false;
  const k = tokens[h + 2]?.lower === 'the' ? h + 3 : h + 2;
  return (
    isCapWord(tokens[k]) &&
    (scan.owner[k] === -2 || isState(scan, scan.owner[k]!)) &&
    !lx.stopCaps.has(tokens[k]!.text) &&
    !lx.givenNames.has(tokens[k]!.text)
  );
}

/**
 * Where a name that ends at `e` before an acronym in brackets starts, when the acronym's letters are
 * not its words' but are those of a few more words before it: "the South Sudan Opposition Movements
 * Alliance (SSOMA)", "the Republic of Singapore Air Force (RSAF)"; `s` otherwise. The words are
 * capitalised ones of the paragraph that no body owns (a state's may be), "of", "the" and "and".
 */
function acronymStart(scan: ActorScan, s: number, e: number): number {
  const { tokens, owner } = scan;
  const acr = tokens[e + 1];
  if (tokens[e]?.text !== '(' || !acr?.caps || tokens[e + 2]?.text !== ')') return s;
  const texts = (k: number) => tokens.slice(k, e).map((x) => x.text);
  if (definesAcronym(acr.key, texts(s))) return s;
  for (let k = s - 1; k >= 0 && s - k <= 5; k--) {
    const t = tokens[k]!;
    if (t.para !== acr.para) break;
    if (isCapWord(t) && !t.caps && (owner[k]! === -2 || owner[k] === -1 || isState(scan, owner[k]!))) {
      if (t.sentStart && t.lower === 'the') break;
      if (definesAcronym(acr.key, texts(k))) return k;
    } else if (!(t.word && !t.cap && (t.lower === 'of' || t.lower === 'the' || t.lower === 'and'))) break;
  }
  return s;
}

/** Whether the token at `a` is an apostrophe closing a capitalised plural the article also writes in lower case ("Journalists'"). */
function pluralPossessive(scan: ActorScan, a: number): boolean {
  const { tokens } = scan;
  const p = tokens[a];
  const w = tokens[a - 1];
  return (
    !!p &&
    (p.text === "'" || p.text === '’') &&
    isCapWord(w) &&
    free(scan, a - 1) &&
    w!.text.endsWith('s') &&
    w!.start + w!.text.length === p.start &&
    writtenLower(scan, w!)
  );
}

/** Whether a capitalised word opens a title and names no department ("Prime", "Deputy", not "Defence"). */
function titleModifier(scan: ActorScan, t: Token): boolean {
  return scan.lx.roles.has(t.lower) && !LOWER_DEPT_WORDS.has(t.lower) && !DEPARTMENT_ROLE_WORDS.has(t.lower);
}

/** Whether the token at `k` is a slash written between two words without spaces ("UXO/Mine"). */
function slashJoins(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  const a = tokens[k - 1];
  const b = tokens[k + 1];
  return t?.text === '/' && !!a && !!b && a.start + a.text.length === t.start && t.start + 1 === b.start;
}

/** Whether `h` is a unit's head that an ordinal a few capitalised words before names ("480th ISR Wing"). */
function numberedUnit(scan: ActorScan, h: number): boolean {
  const { tokens } = scan;
  if (!ORDINAL_ONLY_HEADS.has(tokens[h]!.text)) return false;
  for (let k = h - 1; k >= 0 && h - k <= 4; k--) {
    if (ORDINAL.test(tokens[k]!.text)) return k < h - 1;
    if (!isCapWord(tokens[k]) || tokens[k]!.sentStart) return false;
  }
  return false;
}

/** Whether a pact's last word ("Agreement", "Act") comes before "for", "of" or "on" inside s..e. */
function pactInside(scan: ActorScan, s: number, e: number): boolean {
  const { tokens, lx } = scan;
  for (let k = s; k + 1 < e; k++)
    if (
      lx.notOrgTails.has(tokens[k]!.text) &&
      (tokens[k + 1]!.lower === 'for' || tokens[k + 1]!.lower === 'of' || tokens[k + 1]!.lower === 'on') &&
      !tokens[k + 1]!.cap
    )
      return true;
  return false;
}

/** Whether a title and "of" ("Secretary of the", "Minister of") come right before the name at `s`. */
function titleOfBefore(scan: ActorScan, s: number): boolean {
  const { tokens, lx } = scan;
  const k = tokens[s - 1]?.lower === 'the' ? s - 2 : s - 1;
  const t = tokens[k - 1];
  return (
    tokens[k]?.lower === 'of' && !!t && isCapWord(t) && (lx.roles.has(t.lower) || lx.roleHeads.has(t.lower))
  );
}

/** Whether "of the" and at most two capitalised words come before `k` ("of the Presidential Adviser"). */
function afterOfThe(scan: ActorScan, k: number): boolean {
  const { tokens, lx } = scan;
  let j = k - 1;
  while (j > k - 3 && isCapWord(tokens[j]) && !lx.roleHeads.has(tokens[j]!.lower)) j--;
  return tokens[j]?.lower === 'the' && tokens[j - 1]?.lower === 'of';
}

/** Whether capitalised words after the title at `k` name a person ("Prosecutor General Ana Ruiz"). */
function personAfterTitle(scan: ActorScan, k: number): boolean {
  const { tokens, lx, n } = scan;
  let j = k;
  while (
    j < n &&
    isCapWord(tokens[j]) &&
    (lx.roles.has(tokens[j]!.lower) || lx.roleHeads.has(tokens[j]!.lower))
  )
    j++;
  return isCapWord(tokens[j]) && isCapWord(tokens[j + 1]);
}

/**
 * The end of a division named after its parent at start..end: another known body of two words or
 * more hyphen-joined to it ("Islamic Revolutionary Guard Corps-Quds Force"), or capitalised words up
 * to a company suffix ("General Dynamics Land Systems Inc."); `end` when there is none.
 */
function divisionEnd(scan: ActorScan, start: number, end: number): number {
  const { tokens, actors, n, owner } = scan;
  if (!tokens[end]?.cap) return end;
  const next = tokens[end]!.hyphen ? matchesByStart(scan).get(end) : undefined;
  const nd = next?.values[0]?.kind === 'name' ? actors[next.values[0]!.actor] : undefined;
  if (
    next &&
    nd?.type === 'organization' &&
    end - start >= 2 &&
    next.end - next.start >= 2 &&
    tokens[end]!.cap &&
    tokens[end]!.hyphen &&
    !tokens[end]!.sentStart &&
    tokens[end]!.para === tokens[start]!.para
  )
    return next.end;
  let k = end;
  while (
    k < n &&
    k - end < 6 &&
    tokens[k]!.para === tokens[start]!.para &&
    ((isCapWord(tokens[k]) && !tokens[k]!.sentStart && owner[k]! < 0) ||
      (k > end && (tokens[k]!.lower === 'and' || tokens[k]!.text === '&') && isCapWord(tokens[k + 1])))
  ) {
    if (COMPANY_SUFFIXES.has(tokens[k]!.text)) return k > end ? k + 1 : end;
    k++;
  }
  return end;
}

/**
 * The end of the longer name that a known body's name at start..end opens: more capitalised words
 * up to a head ("Red Crescent" + "Society"), or "for", "on" or "&" and capitalised words after a name
 * that ends in a head ("Quincy Institute" + "for Responsible Statecraft"); `end` when there is none.
 * The words are free ones of the same paragraph: no known name, title, given name or state.
 */
function longerNameEnd(scan: ActorScan, start: number, end: number): number {
  const { tokens, lx, owner, inMatch } = scan;
  const para = tokens[start]!.para;
  if (para === 0) return end;
  const word = (k: number) => {
    const t = tokens[k];
    return (
      !!t &&
      isCapWord(t) &&
      !t.caps &&
      !t.sentStart &&
      t.para === para &&
      owner[k] === -2 &&
      !inMatch[k] &&
      !lx.stopCaps.has(t.text) &&
      !lx.roleHeads.has(t.lower) &&
      !lx.givenNames.has(t.text)
    );
  };
  let best = end;
  let k = end;
  while (word(k)) {
    k++;
    if (lx.orgHeads.has(tokens[k - 1]!.text) || LONGER_HEADS.has(tokens[k - 1]!.text)) best = k;
  }
  // "TransDigm Group", "Hanwha Holdings": a firm's own suffix names no other body.
  if (best === end + 1 && FIRM_TAILS.has(tokens[end]!.text)) best = end;
  const joint = tokens[best];
  // "British Army Training Unit Kenya": a name going on past the head is another rule's to read.
  if (best > end && isCapWord(joint) && joint!.para === para && !lx.roleHeads.has(joint!.lower)) return end;
  // "the IAEA Board of Governors", "the House Select Committee on China": a name going on past a
  // joint is the head rule's to read.
  if (!joint?.word || joint.cap || !ORG_CONNECTORS.has(joint.lower)) return best;
  // "the Pakistan Air Force Academy in Risalpur": a head, then where it is ("the UN Mission in South
  // Sudan" is named with its state, by the head rule).
  if (best > end && (joint.lower === 'in' || joint.lower === 'at') && !isState(scan, owner[best + 1] ?? -2))
    return best;
  if (!forOrOn(joint) || !INSTITUTION_HEADS.has(tokens[best - 1]!.text) || !word(best + 1))
    return isCapWord(tokens[best + 1]) ? end : best;
  k = best + 1;
  while (word(k)) k++;
  return isCapWord(tokens[k]) || (ORG_CONNECTORS.has(tokens[k]?.lower ?? '') && isCapWord(tokens[k + 1]))
    ? end
    : k;
}

/**
 * Whether a list of two or more names opens at `k` after a plural cue and a comma and is closed
 * by a comma or a full stop: "X and Y," or "X, Y and Z.".
 */
function appositiveList(scan: ActorScan, k: number, para: number): boolean {
  const { tokens, lx, n } = scan;
  let items = 0;
  let e = k;
  for (;;) {
    const s0 = e;
    while (e < n && e - s0 < 4 && isCapWord(tokens[e]) && tokens[e]!.para === para) e++;
    if (e === s0 || lx.givenNames.has(tokens[s0]!.text) || notName(scan, tokens[s0]!)) return false;
    items++;
    const sep = tokens[e];
    if (sep?.lower === 'and' && !sep.cap) {
      e++;
      if (!isCapWord(tokens[e])) return false;
      continue;
    }
    if (sep?.text === ',' && isCapWord(tokens[e + 1])) {
      e++;
      continue;
    }
    return items >= 2 && (sep?.text === ',' || sep?.text === '.') && tokens[e - 1]!.para === para;
  }
}

/**
 * Whether a person's name ends right before `k`: two or three capitalised words opened by a known
 * given name, or set off after a comma or "said" ("said Aina Bek of the ...").
 */
function personBefore(scan: ActorScan, k: number): boolean {
  const { tokens, lx } = scan;
  let j = k;
  while (j > 0 && k - j < 3 && isCapWord(tokens[j - 1]) && !tokens[j - 1]!.caps) j--;
  if (k - j < 2) return false;
  const p = tokens[j - 1];
  return (
    lx.givenNames.has(tokens[j]!.text) ||
    tokens[j]!.sentStart ||
    p?.text === ',' ||
    (!!p && (p.lower === 'said' || p.lower === 'says' || p.lower === 'by'))
  );
}

/** A known organisation's name as written, whose possessive ends right before `s` ("the African Union's ..."). */
function possessiveParent(scan: ActorScan, s: number): string | undefined {
  const { tokens, actors, owner } = scan;
  if (tokens[s - 1]?.text !== "'s" || s < 2) return undefined;
  const o = owner[s - 2]!;
  if (o < 0 || actors[o]!.type !== 'organization' || tokens[s - 2]!.para !== tokens[s]!.para)
    return undefined;
  let k = s - 2;
  while (k > 0 && owner[k - 1] === o) k--;
  if (tokens[k]!.lower === 'the') k++;
  return joinName(tokens.slice(k, s - 1));
}

/** The known person named by the first word and the last name (hyphen-joined parts and all) of s..e. */
function knownByEnds(scan: ActorScan, s: number, e: number): ActorDef | undefined {
  const { tokens, gaz, actors } = scan;
  let k = e - 1;
  while (k > s + 1 && tokens[k]!.hyphen) k--;
  if (k <= s + 1) return undefined;
  const m = gaz.trie.matchAt([tokens[s]!, ...tokens.slice(k, e)], 0);
  const entry = m?.end === e - k + 1 ? m.values[0] : undefined;
  const def = entry?.kind === 'name' ? actors[entry.actor] : undefined;
  return def?.type === 'person' ? def : undefined;
}

/** Blocks every run of free capitalised words that the article once writes before a year. */
/** Whether the tokens from `i` on have these keys. */
function keysAt(tokens: readonly Token[], i: number, keys: readonly string[]): boolean {
  for (let j = 0; j < keys.length; j++) if (tokens[i + j]!.key !== keys[j]) return false;
  return true;
}

function blockYearNamed(scan: ActorScan) {
  const { tokens, lx, n, owner } = scan;
  const named = new Set<string>();
  for (let i = 1; i < n; i++) {
    const y = tokens[i]!.text;
    if (y.length !== 4 || (y[0] !== '1' && y[0] !== '2') || !YEAR.test(y)) continue;
    if (!free(scan, i - 1) || !isCapWord(tokens[i - 1])) continue;
    let k = i - 1;
    while (
      k > 0 &&
      free(scan, k - 1) &&
      isCapWord(tokens[k - 1]) &&
      !tokens[k]!.sentStart &&
      tokens[k - 1]!.para === tokens[i]!.para
    )
      k--;
    while (k < i && (lx.stopCaps.has(tokens[k]!.text) || lx.roles.has(tokens[k]!.lower))) k++;
    if (k < i)
      named.add(
        tokens
          .slice(k, i)
          .map((t) => t.key)
          .join(' '),
      );
  }
  if (!named.size) return;
  for (const name of named) {
    const keys = name.split(' ');
    const len = keys.length;
    for (let i = 0; i + len <= n; i++) {
      if (tokens[i]!.key !== keys[0] || !free(scan, i) || !keysAt(tokens, i, keys)) continue;
      if (isCapWord(tokens[i + len]) && free(scan, i + len)) continue;
      owner.fill(-1, i, i + len);
    }
  }
}

/**
 * A capital at s..e that names no government: a `place` where something is or happens ("in Kabul",
 * "flew to Abu Dhabi", "the Pretoria agreement", "the Rome talks", "the Kyiv region", "Middle Juba",
 * the dateline "Oslo, 22 July 2026"), or the `city` of "Washington, D.C." (no mention, though a story
 * that names it is still about its state).
 */
function capitalAsPlace(scan: ActorScan, s: number, e: number): 'place' | 'city' | undefined {
  const { tokens, lx } = scan;
  const prev = tokens[s - 1];
  const after = tokens[e];
  if (prev && lx.locatives.has(prev.lower)) return 'place';
  if (
    (prev?.text === 'to' || prev?.text === 'for') &&
    [tokens[s - 2], tokens[s - 3]].some((t) => !!t && TRIP_WORDS.has(t.lower))
  )
    return 'place';
  if (pactWordAt(tokens, e) || (PACT_ADJECTIVES.has(after?.lower ?? '') && pactWordAt(tokens, e + 1)))
    return 'place';
  // "the Baku-Tbilisi-Ceyhan pipeline": a capital in the hyphened places of a route's name.
  if (routeNamed(tokens, s, e)) return 'place';
  // "banks in Zurich, Dubai or London", "negotiated in Miami and Berlin": a capital listed after a
  // place the locative named is a place too.
  if (listedAfterLocative(tokens, s, e, lx)) return 'place';
  if (after?.word && !after.cap && REGION_WORDS.has(after.lower)) return 'place';
  if (prev?.cap && !prev.sentStart && COMPASS_WORDS.has(prev.text)) return 'place';
  if (after?.text === ',' && dateAt(tokens, e + 1)) return 'place';
  if (after?.text === ',' && tokens[e + 1]?.key === 'DC') return 'city';
  return undefined;
}

/** Lower-case words of water and land named after a place before them ("the Juba river"). */
const WATER_WORDS = new Set([
  'sea',
  'seas',
  'river',
  'rivers',
  'strait',
  'straits',
  'valley',
  'basin',
  'delta',
]);

/** Whether a lower-case water's word follows at `k`, or "and", a name and a plural one ("Timor and Arafura seas"). */
function waterAfter(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (t?.word && !t.cap && WATER_WORDS.has(t.lower)) return true;
  const w = tokens[k + 2];
  return (
    t?.lower === 'and' &&
    !t.cap &&
    isCapWord(tokens[k + 1]) &&
    !!w?.word &&
    !w.cap &&
    w.lower.endsWith('s') &&
    WATER_WORDS.has(w.lower)
  );
}

/**
 * Whether the singular demonym s..e names a language: alone after "in" or "into", or after "from the"
 * or "into the", before a stop ("issued in French.", "translated from the Spanish."), or after "of"
 * before "in" ("the imposition of French in courts").
 */
function languageNamed(tokens: readonly Token[], s: number, e: number): boolean {
  if (e - s !== 1 || tokens[s]!.lower.endsWith('s')) return false;
  const prev = tokens[s - 1];
  const after = tokens[e];
  if (!prev?.word) return false;
  const stop = !after || (!after.word && LANGUAGE_STOPS.has(after.text));
  if (prev.lower === 'in' || prev.lower === 'into') return stop;
  if (
    prev.lower === 'the' &&
    !prev.cap &&
    (tokens[s - 2]?.lower === 'from' || tokens[s - 2]?.lower === 'into')
  )
    return stop;
  return prev.lower === 'of' && !prev.cap && !!after?.word && !after.cap && after.lower === 'in';
}
const LANGUAGE_STOPS = new Set(['.', ',', ';', ':', ')']);

/** Nouns of a route named after the places it joins ("the Baku-Tbilisi-Ceyhan pipeline"). */
const ROUTE_WORDS = new Set([
  'pipeline',
  'pipelines',
  'railway',
  'railroad',
  'road',
  'highway',
  'corridor',
  'route',
]);

/** Whether s..e is one of hyphen-joined capitalised words before a route's noun. */
function routeNamed(tokens: readonly Token[], s: number, e: number): boolean {
  if (!tokens[s]!.hyphen && !tokens[e]?.hyphen) return false;
  let k = e;
  while (tokens[k]?.hyphen && isCapWord(tokens[k])) k++;
  const t = tokens[k];
  return !!t?.word && !t.cap && ROUTE_WORDS.has(t.lower);
}

/** A pact's or a meeting's word at `k` ("agreement", "talks", "Convention", "Final Act"). */
function pactWordAt(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t?.word) return false;
  if (PACT_WORDS.has(t.lower) || MEETING_WORDS.has(t.lower)) return true;
  return t.text === 'Final' && tokens[k + 1]?.text === 'Act';
}

/**
 * Whether the name at `s` closes or continues a list of capitalised names (joined by commas, "and"
 * or "or") whose first follows a locative ("in Zurich, Dubai or London", "in Miami and Berlin").
 */
function listedAfterLocative(
  tokens: readonly Token[],
  s: number,
  e: number,
  lx: Gazetteer['lexicon'],
): boolean {
  const joint = (t: Token | undefined) => !!t?.word && !t.cap && (t.lower === 'and' || t.lower === 'or');
  // "in Gaza, Cairo said" is no list: a middle item needs one after it.
  if (
    !joint(tokens[s - 1]) &&
    !(tokens[s - 1]?.text === ',' && (tokens[e]?.text === ',' || joint(tokens[e])))
  )
    return false;
  let k = s - 1;
  let joined = false;
  for (let steps = 0; k >= 0 && steps < 16; steps++) {
    const t = tokens[k]!;
    if (t.text === ',' || joint(t)) {
      joined = true;
      k--;
      continue;
    }
    if (!joined || !t.word || !t.cap || t.sentStart) return false;
    // Back over one capitalised name to the word before it.
    while (k > 0 && tokens[k]!.word && tokens[k]!.cap && !tokens[k]!.sentStart && tokens[k]!.para === t.para)
      k--;
    const p = tokens[k]!;
    if (p.word && p.para === t.para && lx.locatives.has(p.lower)) return true;
    joined = false;
  }
  return false;
}

/** "May 20", "20 May", "22 July 2026": a date at `k`. */
function dateAt(tokens: readonly Token[], k: number): boolean {
  const a = tokens[k];
  // "Aug. 28": an abbreviated month's stop.
  const b = tokens[k + 1]?.text === '.' && a && a.text.length <= 4 ? tokens[k + 2] : tokens[k + 1];
  if (!a || !b) return false;
  const day = (t: Token) => /^\d{1,2}$/.test(t.text);
  return (MONTHS.has(a.text) && day(b)) || (day(a) && MONTHS.has(b.text));
}

/** Whether a body named with its state at `s` speaks for it: a possessive, or a ministry's word. */
function governmentVoice(tokens: readonly Token[], s: number, e: number): boolean {
  if (tokens[s + 1]?.lower === "'s") return true;
  for (let k = s; k < e; k++) if (GOVERNMENT_VOICES.has(tokens[k]!.text)) return true;
  return false;
}

/** Whether a US state's name starts at `k` and ends the place ("Garland, Texas,"). */
function usStateAt(scan: ActorScan, k: number): boolean {
  const { tokens } = scan;
  const t = tokens[k];
  if (!t?.cap) return false;
  let end = k + 1;
  // "Washington, D.C." is the capital, and "Washington" mostly names it.
  if (US_STATES.has(t.text) && t.text !== 'Washington') end = k + 1;
  else if (
    US_STATE_FIRSTS.has(t.text) &&
    tokens[k + 1] &&
    US_STATES_TWO.has(`${t.text} ${tokens[k + 1]!.text}`)
  )
    end = k + 2;
  else return false;
  const next = tokens[end];
  // "Garland, Texas, ..." but not "Jane Doe, Georgia's top election official".
  if (!next) return true;
  if (next.lower === "'s") return false;
  return next.word ? !next.cap && next.lower !== 'and' : TOWN_ENDS.has(next.text);
}

/** Counts the mentions of `from` as `into`'s; false when `from` was not found. */
function merge(scan: ActorScan, from: ActorDef, into: ActorDef): boolean {
  const { found } = scan;
  const f = found.get(from.id);
  if (!f) return false;
  found.delete(from.id);
  const g = found.get(into.id);
  if (g) {
    g.mentions += f.mentions;
    g.first = Math.min(g.first, f.first);
    g.full ||= f.full;
  } else found.set(into.id, { ...f, def: into });
  return true;
}

/**
 * Whether "and" at `e`, inside the name whose head is at `h`, joins the words after it to the name:
 * not right after the head ("the Defence Ministry and Turkish Aerospace"), nor before a possessive
 * ("the Arab Organization for Industrialization and Greece's ..."), nor before a name of its own; a
 * lone head word after "of" is the department's ("Ministry of Information and Broadcasting"), and
 * after "on" what the body is on ("Subcommittee on Tactical Air and Land Forces").
 */
function andJoins(scan: ActorScan, h: number, e: number, sawOf: boolean, sawOn: boolean): boolean {
  const { tokens, n } = scan;
  if (e === h + 1) return false;
  let k = e + 1;
  while (k + 1 < n && isCapWord(tokens[k + 1])) k++;
  if (tokens[k + 1]?.lower === "'s") return false;
  // "the Guardia Civil and Mauritanian patrol boats": a state's word alone before a lower-case noun is
  // no word of the name.
  if (
    isState(scan, scan.owner[e + 1]!) &&
    scan.owner[k] === scan.owner[e + 1] &&
    tokens[k + 1]?.word &&
    !tokens[k + 1]!.cap
  )
    return false;
  return !startsOwnName(scan, e + 1) || sawOn || (sawOf && k === e + 1 && !US_SERVICES.has(tokens[k]!.text));
}

/** Whether a known body's name at `k` is a bare department ("Veterans Affairs"): no head word in it. */
function departmentAfterAnd(scan: ActorScan, k: number): boolean {
  const { tokens, lx, actors, owner } = scan;
  const m = owner[k]! >= 0 ? matchesByStart(scan).get(k) : undefined;
  if (!m || m.values[0]!.kind !== 'name' || actors[m.values[0]!.actor]!.type !== 'organization') return false;
  const words = tokens.slice(m.start, m.end);
  return words.length >= 2 && words.every((w) => isCapWord(w) && !lx.orgHeads.has(w.text));
}

/**
 * Whether the word at `k` can be an item of a list inside a body's name ("Economy, Trade and
 * Industry"): a free capitalised word of paragraph `para`, not opening a sentence, and no head,
 * title, given name or capitalised stop word.
 */
function nameListWord(scan: ActorScan, k: number, para: number): boolean {
  const { tokens, lx, owner } = scan;
  const t = tokens[k];
  return (
    isCapWord(t) &&
    t!.para === para &&
    owner[k] === -2 &&
    !t!.sentStart &&
    !lx.stopCaps.has(t!.text) &&
    !lx.givenNames.has(t!.text) &&
    !lx.roleHeads.has(t!.lower) &&
    !lx.orgHeads.has(t!.text)
  );
}

/**
 * Where a list of capitalised words that "and" at `a` closes, before a head, starts ("National
 * Solidarity, Brotherhood and"): one or two free words an item, a comma between the items, at least
 * one; `a + 1` when there is no such list.
 */
function leftNameListStart(scan: ActorScan, a: number): number {
  const { tokens } = scan;
  const para = tokens[a]!.para;
  const item = (k: number) => nameListWord(scan, k, para);
  let k = a;
  let commas = 0;
  for (;;) {
    let j = k;
    while (j > k - 2 && item(j - 1)) j--;
    if (j === k) return a + 1;
    k = j;
    if (tokens[k - 1]?.text !== ',' || commas >= 3) break;
    commas++;
    k--;
  }
  return commas > 0 ? k : a + 1;
}

/**
 * The end of a list of common words that "and" closes, from the comma at `e` inside a name ("of
 * Economy, Trade and Industry"): free capitalised words, one or two an item, none a head, title,
 * given name or known name; `e` when there is no such list.
 */
function nameListEnd(scan: ActorScan, e: number): number {
  const { tokens } = scan;
  const para = tokens[e]!.para;
  const item = (k: number) => nameListWord(scan, k, para);
  let k = e;
  for (let items = 0; items < 4; items++) {
    let and = false;
    const comma = tokens[k]?.text === ',';
    if (comma) k++;
    if (tokens[k]?.lower === 'and' && !tokens[k]!.cap) {
      k++;
      and = true;
    } else if (!comma) return e;
    let j = k;
    while (j - k < 2 && item(j)) j++;
    if (j === k) return e;
    k = j;
    if (and) return isCapWord(tokens[k]) || tokens[k]?.lower === "'s" ? e : k;
  }
  return e;
}

/** Whether the capitalised run from `i` ends in an organisation's head word ("Air Force", not "Aerospace Workers"). */
function startsOwnName(scan: ActorScan, i: number): boolean {
  const { tokens, lx, n } = scan;
  let k = i;
  while (k + 1 < n && isCapWord(tokens[k + 1])) k++;
  const last = tokens[k]!.text;
  return isCapWord(tokens[k]) && (lx.orgHeads.has(last) || US_SERVICES.has(last));
}

/** Whether the capitalised run from `i` ends in a trade word ("Golden Harbor Shipping"). */
function tradeRunAt(scan: ActorScan, i: number): boolean {
  const { tokens, n } = scan;
  let k = i;
  while (k + 1 < n && isCapWord(tokens[k + 1])) k++;
  return TRADE_HEADS.has(tokens[k]!.text);
}

function isState(scan: ActorScan, o: number): boolean {
  const { actors } = scan;
  return o >= 0 && actors[o]!.type === 'state';
}

/** Canonical name of an organisation span; ministries become "<Demonym> <Dept> Ministry". */
function orgName(scan: ActorScan, span: Token[], headAt: number, spanStart: number): string | undefined {
  const { actors, owner } = scan;
  const head = span[headAt]!;
  if (head.text !== 'Ministry') return joinName(span);
  let state: ActorDef | undefined;
  const dept: string[] = [];
  for (let k = 0; k < span.length; k++) {
    const o = owner[spanStart + k]!;
    if (isState(scan, o)) state ??= actors[o];
    else if (k !== headAt && span[k]!.word && span[k]!.text !== "'s" && !ORG_CONNECTORS.has(span[k]!.lower))
      dept.push(span[k]!.text);
  }
  // "(Israel's) Ministry of Defense", "Ministry of Foreign Affairs of the Republic of Azerbaijan":
  // the department is what follows "of" up to the state; named as written when no state is named.
  if (span[headAt + 1]?.lower === 'of') {
    const words: string[] = [];
    for (let k = headAt + 2; k < span.length; k++) {
      const w = span[k]!;
      if (isState(scan, owner[spanStart + k]!) || (w.lower === 'of' && words.length)) break;
      // "of Economy, Trade and Industry": a list's commas are the name's.
      if ((w.word && w.lower !== 'the') || (w.text === ',' && words.length)) words.push(w.text);
    }
    // "the Ministry of Defence" after "the British Defence Ministry" is that one.
    if (!state && headAt === 0) {
      const same = ministryFound(scan, canonicalDept(words), spanStart);
      if (same) return same.name;
    }
    if (!state?.demonym) return joinName(span.slice(headAt));
    return ministryName(state.demonym, words);
  }
  const d = canonicalDept(dept);
  if (!d) return undefined;
  if (!state) {
    // "the Health Ministry" after "the Lebanese Health Ministry" is the same body.
    const same = ministryFound(scan, d, spanStart);
    if (same) return same.name;
    state = ministryState(scan, spanStart);
  }
  if (!state?.demonym) return `${d} Ministry`;
  return `${state.demonym} ${d} Ministry`;
}

/**
 * A ministry of this department the article named before `pos` ("the Lebanese Health Ministry"); one
 * named later is another state's ("the Ministry of Foreign Affairs expelled two of the Russian
 * Embassy's staff. The Russian Foreign Ministry ...").
 */
function ministryFound(scan: ActorScan, dept: string, pos: number): ActorDef | undefined {
  const end = ` ${dept} Ministry`;
  for (const f of scan.found.values())
    if (f.def.type === 'organization' && f.def.name.endsWith(end) && f.first < pos) return f.def;
  return undefined;
}

/**
 * Whose a ministry named without its state is ("Beijing ... Foreign Ministry spokesman Lin Jian"):
 * the dateline's state (a story filed from Tokyo about Japan's talks with Bangladesh: "the Foreign
 * Ministry said" is Japan's), else the state a capital or demonym named last before it in the
 * paragraph, else the headline's first, else the article's most named. The United States has departments, not
 * ministries: "the Foreign Ministry" in a story about Washington's strikes in Nigeria is Nigeria's.
 */
function ministryState(scan: ActorScan, pos: number): ActorDef | undefined {
  return (
    subjectState(scan, pos) ??
    hasMinistries(datelineState(scan)) ??
    nearestStateBefore(scan, pos) ??
    headlineState(scan) ??
    dominantState(scan)
  );
}

/**
 * The state the headline names first, the story's own ("Nairobi bars Ethiopian radio firms":
 * "the Trade Ministry said" is Kenya's, though Ethiopia is named more).
 */
function headlineState(scan: ActorScan): ActorDef | undefined {
  const { tokens, actors, stateMentions } = scan;
  let first: (typeof stateMentions)[number] | undefined;
  for (const m of stateMentions)
    if (tokens[m.pos]!.para === 0 && hasMinistries(actors[m.actor]) && (!first || m.pos < first.pos))
      first = m;
  return first ? actors[first.actor] : undefined;
}

/**
 * "Armenia objected, and Yerevan has criticised arms sales to Baku, though its Foreign Ministry did
 * not comment": after "its", the state that opens the nearest clause before it, its subject, not the
 * state named last.
 */
function subjectState(scan: ActorScan, pos: number): ActorDef | undefined {
  const { tokens, actors, stateMentions } = scan;
  const its = tokens[pos - 1]?.lower === 'the' ? pos - 2 : pos - 1;
  if (tokens[its]?.lower !== 'its') return undefined;
  for (let k = its - 1; k >= 0; k--) {
    const before = tokens[k - 1];
    const opens =
      tokens[k]!.sentStart ||
      before?.text === ';' ||
      (!!before && CLAUSE_JOINS.has(before.lower) && tokens[k - 2]?.text === ',');
    const m = opens ? stateMentions.find((x) => x.pos === k || x.pos === k + 1) : undefined;
    if (m && hasMinistries(actors[m.actor])) return actors[m.actor];
    if (tokens[k]!.sentStart) break;
  }
  return undefined;
}

const CLAUSE_JOINS = new Set(['and', 'but', 'while', 'whereas', 'yet', 'though', 'although']);

/**
 * The state of the dateline's place, in capitals at the body's start ("TOKYO -" is Japan's
 * capital); read as a place name, so an acronym ("US officials ...") names none.
 */
function datelineState(scan: ActorScan): ActorDef | undefined {
  const { tokens, gaz, actors, n } = scan;
  const first = tokens.findIndex((t) => t.para >= 1);
  if (first < 0) return undefined;
  let e = first;
  while (e < n && e - first < 3 && tokens[e]!.caps && tokens[e]!.word) e++;
  if (e === first || tokens[first]!.text.length < 3) return undefined;
  // "WASHINGTON -" as "Washington" (the words are all in capitals, as a speaker's label's are).
  const place = labelProbes(tokens, first, e);
  const m = gaz.trie.matchAt(place, 0);
  const entry = m?.end === place.length ? m.values[0] : undefined;
  const def = entry && entry.kind !== 'block' && entry.kind !== 'surname' ? actors[entry.actor] : undefined;
  return def?.type === 'state' ? def : undefined;
}

function nearestStateBefore(scan: ActorScan, pos: number): ActorDef | undefined {
  const { tokens, actors, stateMentions } = scan;
  let best: (typeof stateMentions)[number] | undefined;
  for (const m of stateMentions) {
    // A capital or demonym speaks for a government ("Beijing said"); a name may be a place ("left for
    // Belarus"), unless it opens its sentence ("Turkey, which controls the straits, expressed concern").
    if ((m.kind === 'name' && !tokens[m.pos]!.sentStart) || !hasMinistries(actors[m.actor])) continue;
    if (m.pos < pos && tokens[m.pos]!.para === tokens[pos]!.para && (!best || m.pos > best.pos)) best = m;
  }
  return best ? actors[best.actor] : undefined;
}

/**
 * An article about the United States: it names the country, or its federal bodies, more than any
 * other state ("the Navy" in a story about the Pentagon's budget that never says "US").
 */
function isUsStory(scan: ActorScan, usDef: ActorDef): boolean {
  const { actors, stateMentions } = scan;
  const score = usWeight(scan, usDef);
  const others = new Map<number, number>();
  for (const m of stateMentions)
    if (actors[m.actor]!.id !== usDef.id) others.set(m.actor, (others.get(m.actor) ?? 0) + 1);
  return score > 0 && [...others.values()].every((c) => c < score);
}

/** How often the article names the United States, its own mentions and its federal bodies' (US_BODIES). */
function usWeight(scan: ActorScan, usDef: ActorDef): number {
  const { actors, found, stateMentions } = scan;
  let score = 0;
  for (const m of stateMentions) if (actors[m.actor]!.id === usDef.id) score++;
  // "the Senate Armed Services Committee" and other bodies of a federal body count as it.
  for (const f of found.values()) {
    const name = f.def.name;
    if (US_BODIES.has(name) || US_BODIES.has(name.slice(0, name.indexOf(' ')))) score += f.mentions;
  }
  return score;
}

function dominantState(scan: ActorScan): ActorDef | undefined {
  const { actors, stateMentions } = scan;
  const count = new Map<number, number>();
  for (const m of stateMentions)
    if (hasMinistries(actors[m.actor])) count.set(m.actor, (count.get(m.actor) ?? 0) + 1);
  let best: number | undefined;
  let bestN = 0;
  for (const [a, c] of count) {
    if (c > bestN) {
      best = a;
      bestN = c;
    }
  }
  return best === undefined ? undefined : actors[best];
}

/** A state that names its departments ministries: any but the United States. */
function hasMinistries(st: ActorDef | undefined): ActorDef | undefined {
  return st && st.name !== 'United States' ? st : undefined;
}

/** Bodies the gazetteer knows by a generic name (the US ones) that other states have too. */
const GENERIC_BODIES = new Set([
  'Senate',
  'House of Representatives',
  'Congress',
  'Ministry of Defence',
  'Ministry of Defense',
  'Coast Guard',
  'Supreme Court',
  'Joint Chiefs of Staff',
  'National Security Council',
  'Marine Corps',
  'National Guard',
  // The ICRC's short name: "the Kenya Red Cross", "the Finnish Red Cross" are national societies.
  'Red Cross',
]);
/** Verbs after "X, the committee ..." that make it a clause. */
const CLAUSE_VERBS = new Set([
  'has',
  'have',
  'had',
  'is',
  'was',
  'will',
  'would',
  'found',
  'finds',
  'concluded',
  'ruled',
]);
/** Plural nouns whose "such as", "like" or "including" lists organisations. */
const LIST_CUES = new Set([
  'groups',
  'organisations',
  'organizations',
  'companies',
  'firms',
  'outlets',
  'newspapers',
  'broadcasters',
  'banks',
  'manufacturers',
  'makers',
  'contractors',
  'militias',
  'factions',
  'parties',
  'charities',
  'unions',
  'apps',
  'platforms',
  'exchanges',
  'networks',
  'agencies',
  'ngos',
  'factories',
  'plants',
  'shipyards',
  'refineries',
]);
/** First words of GENERIC_BODIES, to look no further at other names. */
const GENERIC_FIRST = new Set([...GENERIC_BODIES].map((b) => b.split(' ')[0]!));
/** Per gazetteer: its states, longest name first (so "South Sudan" is found before "Sudan"), and the
 * names already looked up for the state they name. */
const homeLookups = new WeakMap<Gazetteer, { states: ActorDef[]; memo: Map<string, ActorDef | undefined> }>();
function homeLookup(gaz: Gazetteer) {
  let l = homeLookups.get(gaz);
  if (!l) {
    const states = gaz.actors.filter((a) => a.type === 'state').sort((a, b) => b.name.length - a.name.length);
    l = { states, memo: new Map() };
    homeLookups.set(gaz, l);
  }
  return l;
}
/** The states whose bodies the gazetteer's generic names are. */
const GENERIC_BODY_OWNERS = new Set(['United States', 'United Kingdom']);
const YEAR = /^(?:19|20)\d\d$/;
/** A state's services, named after its possessive ("Ukraine's Air Force"). */
const STATE_SERVICES = new Set([
  'Army',
  'Navy',
  'Air Force',
  'Coast Guard',
  'Marine Corps',
  'National Guard',
  'Armed Forces',
  'Ground Forces',
  'Special Forces',
  'Border Guard',
  'National Police',
]);
/** Words between a capital and a pact's word ("the Pretoria peace agreement"). */
const PACT_ADJECTIVES = new Set([
  'peace',
  'ceasefire',
  'cease-fire',
  'framework',
  'nuclear',
  'trade',
  'inspection',
]);
/** Words of a journey before "to" or "for" and a capital, which is then where one goes ("flew to Kabul"). */
const TRIP_WORDS = new Set(
  'travel travels traveled travelled traveling travelling trip trips flew fly flies flying flight flights sent send sending went go goes going came come comes returned return returns returning departs departed depart departing leave leaves left leaving headed heads head heading arrived arrive arrives moved move relocated fled flee flees evacuated transferred taken brought drove driven journey bound'.split(
    ' ',
  ),
);
/** Words after a capital that make it where talks are held ("the Rome talks", "the Astana process"). */
const MEETING_WORDS = new Set(['talks', 'process', 'format', 'summit', 'conference']);
/** Lower-case words after a capital that make it a region named after the city ("the Kyiv region"). */
const REGION_WORDS = new Set(['region', 'province', 'oblast', 'governorate', 'district', 'area', 'county']);
/** Words before a capital that make it part of a longer place's name ("Middle Juba", "Greater Cairo"). */
const COMPASS_WORDS = new Set([
  'Middle',
  'Lower',
  'Upper',
  'Greater',
  'North',
  'South',
  'East',
  'West',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
  'Central',
]);
/** Nouns after a demonym that make it a language ("its Spanish acronym", "the French original"). */
const LANGUAGE_WORDS = new Set([
  'acronym',
  'initials',
  'spelling',
  'translation',
  'version',
  'original',
  'language',
]);
/** Words before "America" or "American" that name a part of the continent. */
const AMERICAS = new Set(['North', 'South', 'Central', 'Latin', 'Middle']);
/** Days of the week, which are given names too ("Air Marshal Sunday Aneke"). */
const WEEKDAY_NAMES = new Set<string>(WEEKDAYS);
const MONTHS = new Set(
  'January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(
    ' ',
  ),
);
/** Words after a capital that make it the name of a pact signed there ("the Pretoria agreement"). */
const PACT_WORDS = new Set([
  'agreement',
  'agreements',
  'accord',
  'accords',
  'treaty',
  'protocol',
  'protocols',
  'declaration',
  'process',
  'format',
  'memorandum',
  'statute',
  'convention',
  'document',
  'framework',
]);
/** The US parties, whose words other states' parties' names end in ("Social Democrats"). */
const US_PARTIES = new Set(['Democratic Party', 'Republican Party']);
/** Words before "Democrats" or "Republicans" that name another party ("Christian Democrats"). */
const PARTY_WORDS = new Set([
  'Social',
  'Christian',
  'Free',
  'Liberal',
  'National',
  'New',
  'Civic',
  'Radical',
  'Left',
  'Centre',
  'Popular',
  'Conservative',
]);
/** Verbs after "to" in a body's name ("Task Force to End ...", "Committee to Protect Journalists"). */
const TO_VERBS = new Set([
  'End',
  'Stop',
  'Protect',
  'Defend',
  'Combat',
  'Counter',
  'Prevent',
  'Save',
  'Ban',
  'Abolish',
  'Free',
  'Support',
  'Reduce',
  'Eliminate',
  'Fight',
  'Restore',
  'Halt',
]);
/** Words the lexicon keeps from opening a name that may still open a body's ("Internet Freedom Foundation"). */
const NOUN_STOP_CAPS = new Set([
  'Internet',
  'War',
  'Constitution',
  'Google',
  'Facebook',
  'Twitter',
  'Telegram',
  'YouTube',
  'Instagram',
  'TikTok',
]);
/** First words of a pact's name before "of" ("the Compact of Free Association"). */
const PACT_OPENERS = new Set([
  'Compact',
  'Treaty',
  'Agreement',
  'Convention',
  'Pact',
  'Charter',
  'Protocol',
  'Status',
  'Statute',
  'Accord',
]);
/** Titles of heads of state and government and ministers, written before a surname alone. */
const HEAD_TITLES = new Set(['President', 'Minister', 'Premier', 'Chancellor', 'King', 'Emir', 'Sheikh']);
/** Punctuation after "Town, State": "Garland, Texas," "Oshkosh, Wisconsin." */
const TOWN_ENDS = new Set([',', '.', ';', ':', ')', '(']);
/** Words of the roles list that name a department inside a body's name ("National Defence"). */
const DEPARTMENT_ROLE_WORDS = new Set([...LOWER_DEPT_WORDS, 'national', 'security', 'homeland']);
/** Capitalised words before a known body that open no longer name of it ("Former", "Top"). */
const NOT_NAME_OPENERS = new Set(['Former', 'Senior', 'Top', 'New', 'First', 'Second', 'Third', 'Great']);
/** Words that end a company's name ("Inc.", "LLC"), no part of the name the news gives it. */
const COMPANY_SUFFIXES = new Set(['Inc', 'LLC', 'Ltd', 'Corp', 'Co', 'PLC', 'plc', 'GmbH', 'AG', 'SA']);
/**
 * Lower-case words after which a name with no title is a place ("in Ann Arbor", "arrived at Hai Phong",
 * "Wing 7 at Surat Thani": the writers of the dev set and the corpus label no person right after "at").
 */
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'inside', 'across', 'throughout', 'at']);
/** Nouns for people, besides the lexicon's, before "from" and where they come from ("a man from X"). */
const FROM_PEOPLE = new Set([
  'man',
  'woman',
  'men',
  'women',
  'elder',
  'elders',
  'villager',
  'villagers',
  'family',
  'families',
]);

/** Whether "from" right before `s` follows a noun for a person: what follows is where they come from. */
function fromPlaceAt(tokens: readonly Token[], s: number, lx: Gazetteer['lexicon']): boolean {
  const f = tokens[s - 1];
  const noun = tokens[s - 2];
  if (!f?.word || f.cap || f.lower !== 'from' || !noun?.word || noun.cap) return false;
  return FROM_PEOPLE.has(noun.lower) || personNounBefore(tokens, s - 1, lx);
}
/** Hyphen-joined words after a name that make it part of a word about something else. */
const COMPOUND_TAILS = new Set([
  'based',
  'class',
  'era',
  'aligned',
  'registered',
  'flagged',
  'funded',
  'operated',
  'dominated',
  'language',
  'speaking',
]);
/**
 * A lower-case syllable hyphen-joined to a capitalised one, as romanised Korean and Chinese given
 * names are written: short, letters only, and no word that makes a compound ("Moscow-backed").
 */
const NOT_SYLLABLES = new Set([
  'backed',
  'based',
  'born',
  'bound',
  'class',
  'era',
  'led',
  'like',
  'linked',
  'made',
  'owned',
  'run',
  'style',
  'type',
  'wide',
  'aligned',
  'allied',
  'funded',
  'held',
  'armed',
  'built',
  'only',
  'free',
]);
/** Nouns for a ship, before the name it bears ("the carrier Harry S. Truman"). */
const SHIP_NOUNS = new Set([
  'ship',
  'vessel',
  'carrier',
  'destroyer',
  'frigate',
  'corvette',
  'cruiser',
  'submarine',
  'tanker',
  'freighter',
  'icebreaker',
]);

/**
 * Whether a name with no title at `s` is a ship's: after "the" ("the Álvaro Alberto") or a noun
 * for a ship ("the carrier Harry S. Truman"). People are named with no article.
 */
/**
 * Whether a name at `s` is a ship's by what stands right before it: a noun for a ship ("the frigate
 * Tran Hung Dao", "the carrier Harry S. Truman"), or "named" after one in the sentence ("the
 * submarine, to be named Álvaro Alberto").
 */
function shipNameAt(tokens: readonly Token[], s: number): boolean {
  const p = tokens[s - 1];
  if (!p?.word || p.cap || p.para !== tokens[s]!.para) return false;
  if (SHIP_NOUNS.has(p.lower)) return true;
  if (p.lower !== 'named' && p.lower !== 'renamed' && p.lower !== 'christened') return false;
  for (let k = s - 2; k >= 0 && k >= s - 8; k--) {
    const t = tokens[k]!;
    if (t.sentStart && !SHIP_NOUNS.has(t.lower)) return false;
    if (t.word && SHIP_NOUNS.has(t.lower)) return true;
  }
  return false;
}

function shipNamedFor(tokens: readonly Token[], s: number, runStart: number): boolean {
  const p = tokens[s - 1];
  if (s !== runStart || !p?.word || p.cap) return false;
  return p.lower === 'the' || SHIP_NOUNS.has(p.lower);
}

/** Words of s..e that are no initial nor its stop ("Reed D. Rubinstein" has two). */
function nameWordCount(tokens: readonly Token[], s: number, e: number): number {
  let words = 0;
  for (let k = s; k < e; k++) if (tokens[k]!.word && !isInitial(tokens[k]!, tokens[k + 1])) words++;
  return words;
}

/** Regnal numbers after a monarch's or a pope's name ("Mswati III"); "I" and "V" are left out (a pronoun, an initial). */
const REGNAL_NUMBERS = new Set('II III IV VI VII VIII IX XI XII XIII XIV XV XVI'.split(' '));
/** Titles of those who reign, written before a regnal name ("King Charles III", "Pope Leo XIV"). */
const REGNAL_TITLES = new Set(
  'King Queen Pope Emperor Empress Sultan Emir Tsar Shah Prince Princess'.split(' '),
);

/** Whether a regnal title stands among the run's words i..e ("His Majesty King Mswati"). */
function regnalTitleIn(tokens: readonly Token[], i: number, e: number): boolean {
  for (let k = i; k < e - 1; k++) if (REGNAL_TITLES.has(tokens[k]!.text)) return true;
  return false;
}

/** An initial in a person's name: "P" before its dot, or "J.T." written as one token. */
function isInitial(t: Token, next: Token | undefined): boolean {
  return (t.word && t.text.length === 1 && t.cap && next?.text === '.') || INITIALS.test(t.text);
}
function isGivenNameSyllable(t: Token, prev: Token): boolean {
  return (
    t.word &&
    t.hyphen &&
    !t.cap &&
    prev.word &&
    prev.cap &&
    !prev.caps &&
    /^[a-z]{1,5}$/.test(t.text) &&
    !NOT_SYLLABLES.has(t.text)
  );
}
/** Words besides US_PREFIX's before "House" that name the US House ("Democratic House members"). */
const HOUSE_QUALIFIERS = new Set(['Republican', 'Democratic', 'GOP', 'Full']);

/**
 * Whether "House" at `i` ends another name: right after a capitalised word inside a body sentence
 * ("State House", "Government House", "Hyderabad House"), not one opening it ("Several House
 * Democrats") nor in a title, whose words are all capitalised.
 */
function houseOfAName(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return (
    !!prev &&
    prev.word &&
    prev.cap &&
    !prev.sentStart &&
    prev.para === tokens[i]!.para &&
    prev.para > 0 &&
    !HOUSE_QUALIFIERS.has(prev.text) &&
    !US_PREFIX.has(prev.text)
  );
}
/** Hyphen-joined words before a name that do the same ("post-Soviet"). */
const COMPOUND_HEADS = new Set(['post', 'pre']);
/** "pro-Russian", "anti-American": a stance, no mention of the state (a body's name may be: "non-NATO"). */
const STANCE_HEADS = new Set(['pro', 'anti']);
/**
 * Things of a state's forces named after "<Demonym> military": its places, bodies and units, its
 * people in service, its supplies and money ("Israeli military bases", "Chinese military end users").
 * Not its acts nor its rule ("a Myanmar military airstrike", "Myanmar's military regime"), which
 * writers label as the forces.
 */
const MILITARY_THINGS = new Set([
  'body',
  'bodies',
  'base',
  'bases',
  'installation',
  'installations',
  'facility',
  'facilities',
  'site',
  'sites',
  'unit',
  'units',
  'academy',
  'academies',
  'school',
  'schools',
  'court',
  'courts',
  'end',
  'personnel',
  'equipment',
  'hardware',
  'aid',
  'assistance',
  'spending',
  'budget',
  'presence',
  'footprint',
]);

/** Whether a known name that ends in lower-case "military" at `end` is an adjective for MILITARY_THINGS. */
function militaryThing(tokens: readonly Token[], end: number): boolean {
  const last = tokens[end - 1]!;
  const next = tokens[end];
  return last.text === 'military' && !!next && !next.cap && MILITARY_THINGS.has(next.lower);
}
/** Head words of a longer name a known name opens, beside the lexicon's ("... Armed Forces Headquarters"). */
const LONGER_HEADS = new Set([
  'Headquarters',
  'Team',
  'Initiative',
  'Project',
  'Campaign',
  'Program',
  'Programme',
]);
/** Heads of institutions named for what they work on ("Institute for ...", "Council on ..."), not firms ("BAE Systems for Excalibur shells"). */
const INSTITUTION_HEADS = new Set([
  'Institute',
  'Center',
  'Centre',
  'Office',
  'Council',
  'Committee',
  'Commission',
  'Foundation',
  'Initiative',
  'Project',
  'Campaign',
  'Coalition',
  'Network',
  'Alliance',
  'Association',
  'Bureau',
  'Program',
  'Programme',
  'Caucus',
  'Fund',
  'Society',
  'League',
  'Movement',
]);
/** Words after a firm's name that name the same firm ("TransDigm Group"). */
const FIRM_TAILS = new Set([
  'Group',
  'Holdings',
  'Corporation',
  'Corp',
  'Company',
  'Inc',
  'Ltd',
  'LLC',
  'PLC',
]);
/** Heads of schools whose name may open with a possessive ("King's College London"). */
const SCHOOL_HEADS = new Set(['College', 'University', 'School']);
/** "for" or "on" in lower case, before the words a body is for or on. */
const forOrOn = (t: Token) => !t.cap && (t.lower === 'for' || t.lower === 'on');
/** A plural common noun ("Weapons", "Affairs"), as a name's word before "and". */
const PLURAL = /^\p{Lu}\p{Ll}{3,}[^s]s$/u;
/** "101st", "22nd": the number a military unit is named by. */
const ORDINAL = /^\d+(?:st|nd|rd|th)$/;
/** Head words of units only when an ordinal names them ("the 480th ISR Wing", not "the West Wing"). */
const ORDINAL_ONLY_HEADS = new Set(['Wing', 'Wings', 'Squadron', 'Flotilla', 'Flight']);
/** Head words of units named by a number. */
const UNIT_HEADS = new Set([
  ...ORDINAL_ONLY_HEADS,
  'Division',
  'Brigade',
  'Regiment',
  'Battalion',
  'Unit',
  'Fleet',
  'Army',
  'Corps',
  'Group',
  'Front',
  'Command',
]);
/** Unit heads whose name a bare number may open, before a word of the name ("444 Combat Brigade"). */
const NUMBERED_HEADS = new Set(['Division', 'Brigade', 'Regiment', 'Battalion']);
/** Head words of the bodies of a known organisation named with it ("Pentagon Press Association"). */
const ABSORBING_HEADS = new Set([
  'Mission',
  'Association',
  'Board',
  'Committee',
  'Lab',
  'Laboratory',
  'School',
  'Center',
  'Centre',
  'College',
  'Institute',
  'Office',
  'Bureau',
  'Commission',
  'Division',
  'Aerospace',
  'Systems',
  'Network',
  'Unit',
]);
/** Federal bodies that make an article one about the United States. */
const US_BODIES = new Set([
  'Pentagon',
  'Congress',
  'White House',
  'Senate',
  'House of Representatives',
  'State Department',
  'Government Accountability Office',
  'Congressional Budget Office',
  'US Army',
  'US Navy',
  'US Air Force',
  'US Marine Corps',
  'CIA',
  'FBI',
  'National Security Agency',
  'Department of Homeland Security',
  'Justice Department',
  'Treasury Department',
]);

/** Services that, named alone in an article about the United States, are its own. */
const US_SERVICES = new Map([
  ['Army', 'US Army'],
  ['Navy', 'US Navy'],
  ['Marines', 'US Marine Corps'],
]);

/**
 * The gazetteer's longest matches, left to right; a name opened by "the" ("the Guardian") yields to a
 * longer one from the next word ("Guardian Council").
 */
function gazetteerMatches(tokens: readonly Token[], trie: PhraseMatcher<Entry>): TrieMatch<Entry>[] {
  const out: TrieMatch<Entry>[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = trie.matchAt(tokens, i);
    if (!m) {
      i++;
      continue;
    }
    if (tokens[i]!.lower === 'the' && m.end - m.start >= 2) {
      const next = trie.matchAt(tokens, i + 1);
      if (next && next.end > m.end) {
        i++;
        continue;
      }
    }
    out.push(m);
    i = m.end;
  }
  return out;
}

/** The 50 US states, which are places, never countries, in this domain ("Georgia", "New Mexico"). */
const US_STATES = new Set(
  (
    'Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho ' +
    'Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota ' +
    'Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah ' +
    'Vermont Virginia Washington Wisconsin Wyoming'
  ).split(' '),
);
/** US states of two words, and their first words. */
const US_STATES_TWO = new Set([
  'New Hampshire',
  'New Jersey',
  'New Mexico',
  'New York',
  'North Carolina',
  'North Dakota',
  'Rhode Island',
  'South Carolina',
  'South Dakota',
  'West Virginia',
]);
const US_STATE_FIRSTS = new Set([...US_STATES_TWO].map((s) => s.split(' ')[0]!));
/** Words after a US state's name that make it one: "Georgia Republican", "Georgia National Guard". */
const US_STATE_NEXT = new Set(
  (
    'Republican Republicans Democrat Democrats Democratic Senator Sen Rep Congressman Congresswoman Governor Gov ' +
    'National State Tech Power Legislature Bulldogs senator senators congressman congresswoman lawmaker ' +
    'lawmakers delegation governor voters primary legislature county counties residents'
  ).split(' '),
);
/** Roles before "of Georgia" that make it the US state: "Sen. Jon Ossoff of Georgia". */
const US_POLITICS = new Set(
  'sen senator rep representative congressman congresswoman gov governor republican democrat lawmaker'.split(
    ' ',
  ),
);

/**
 * Positions of state mentions that are a US state of the same name: "Atlanta, Georgia",
 * "Sen. Jon Ossoff of Georgia", "Georgia Republican", "(R-Georgia)". When an article uses one so
 * and never names the country otherwise (demonym, capital), all its mentions are the US state.
 */
function usStateMentions(
  tokens: readonly Token[],
  mentions: ReadonlyArray<{ pos: number; end: number; actor: number; kind: Entry['kind'] }>,
  actors: readonly ActorDef[],
): Set<number> {
  const out = new Set<number>();
  const statePos = new Set(mentions.map((m) => m.pos));
  const byActor = new Map<number, typeof mentions>();
  for (const m of mentions) {
    if (!US_STATES.has(actors[m.actor]!.name)) continue;
    byActor.set(m.actor, [...(byActor.get(m.actor) ?? []), m]);
  }
  for (const list of byActor.values()) {
    const us = list.filter((m) => {
      if (m.kind !== 'name') return false;
      const prev = tokens[m.pos - 1];
      const prev2 = tokens[m.pos - 2];
      const next = tokens[m.end];
      // "Atlanta, Georgia" but not "Russia, Georgia and Armenia".
      if (prev?.text === ',' && prev2?.word && prev2.cap && !statePos.has(m.pos - 2)) return true;
      if (next?.word && US_STATE_NEXT.has(next.text)) return true;
      if ((prev?.text === 'R' || prev?.text === 'D') && tokens[m.pos]!.hyphen) return true;
      if (prev?.lower === 'of' || prev?.lower === 'from') {
        for (let k = m.pos - 2; k >= Math.max(0, m.pos - 8); k--) {
          if (tokens[k]!.text === '.' && tokens[k + 1]?.sentStart) break;
          if (US_POLITICS.has(tokens[k]!.lower)) return true;
        }
      }
      return false;
    });
    if (us.length === 0) continue;
    const countryOtherwise = list.some((m) => m.kind !== 'name');
    for (const m of countryOtherwise ? us : list.filter((x) => x.kind === 'name')) out.add(m.pos);
  }
  return out;
}

/** Capitalised words that end a place's name: "Thitu Island", "Al-Shifa Hospital", "Ramstein Air Base". */
const PLACE_TAILS = new Set([
  'Island',
  'Islands',
  'Isle',
  'Isles',
  'Shoal',
  'Shoals',
  'Reef',
  'Reefs',
  'Atoll',
  'Cay',
  'Strait',
  'Straits',
  'Sea',
  'Ocean',
  'Gulf',
  'Bay',
  'Peninsula',
  'Region',
  'Province',
  'Oblast',
  'Governorate',
  'Prefecture',
  'District',
  'County',
  'Valley',
  'River',
  'Lake',
  'Mountains',
  'Hills',
  'Heights',
  'Desert',
  'Basin',
  'Coast',
  'Canal',
  'Corridor',
  'Hospital',
  'Clinic',
  'Arena',
  'Stadium',
  'Square',
  'Street',
  'Avenue',
  'Boulevard',
  'Highway',
  'Bridge',
  'Airport',
  'Airfield',
  'Airbase',
  'Base',
  'Harbor',
  'Harbour',
  'Dam',
  'Park',
  'Mosque',
  'Church',
  'Cathedral',
  'Plaza',
  'Hotel',
  'Tower',
  'Crossing',
  'Checkpoint',
  'Camp',
  'Refinery',
  'Castle',
  'Palace',
  'Township',
]);
/** The same words written in lower case, after a name ("the Nasser hospital", "Pag-asa island"). */
const PLACE_TAILS_LOWER = new Set([
  'island',
  'islands',
  'shoal',
  'reef',
  'atoll',
  'hospital',
  'arena',
  'stadium',
  'airport',
  'airbase',
  'region',
  'province',
  'oblast',
  'governorate',
  'district',
  'county',
  'refinery',
  'crossing',
]);
/** Prefixes of ships' names. */
const SHIP_PREFIXES = new Set([
  'USS',
  'USNS',
  'HMS',
  'HMAS',
  'HMCS',
  'HMNZS',
  'INS',
  'FS',
  'ROKS',
  'JS',
  'BRP',
]);
/** Capitalised words that open a place's name: "Port Sudan", "Fort Bragg", "Camp Lemonnier", "RAF Lakenheath". */
const PLACE_HEADS = new Set(['Port', 'Fort', 'Camp', 'Mount', 'Lake', 'Cape', 'RAF', 'NAS', 'MCAS']);
const PARTY_LETTERS = new Set(['D', 'R', 'I']);
/** "Gulf of Mexico", "Sea of Japan", "Isle of Man". */
const PLACE_OF_HEADS = new Set(['Gulf', 'Sea', 'Bay', 'Strait', 'Straits', 'Isle', 'Port', 'Cape']);

/**
 * Token ranges of places named as places: a run of capitalised words ended by a place word
 * ("Second Thomas Shoal", "Al-Shifa hospital"), opened by one ("Port Sudan"), or "Gulf of X".
 * A lower-case place word after a state ("the Russian region of Kursk") keeps the state.
 */
function placeSpans(
  tokens: readonly Token[],
  matches: ReadonlyArray<{ start: number; end: number; values: Entry[] }>,
  actors: readonly ActorDef[],
  lx: Gazetteer['lexicon'],
): Array<[number, number]> {
  const stateAt = new Set<number>();
  // Tokens inside a name the gazetteer knows ("Marshall Islands", "Ivory Coast") are no place word.
  const named = new Set<number>();
  for (const m of matches) {
    const e = m.values[0]!;
    if (e.kind === 'block' || e.kind === 'surname') continue;
    for (let k = m.start; k < m.end; k++) {
      named.add(k);
      if (actors[e.actor]?.type === 'state') stateAt.add(k);
    }
  }
  const nameWord = (t: Token | undefined) =>
    !!t && t.word && t.cap && !lx.stopCaps.has(t.text) && !lx.roles.has(t.lower);
  const out: Array<[number, number]> = [];
  for (let h = 0; h < tokens.length; h++) {
    const t = tokens[h]!;
    if (!t.word) continue;
    const upper = t.cap && PLACE_TAILS.has(t.text) && !named.has(h);
    const lower = !t.cap && PLACE_TAILS_LOWER.has(t.text);
    if (upper || lower) {
      // Words back over the name, hyphen-joined parts counting as one; in a title (every word
      // capitalised) only the one word before.
      const maxWords = t.para === 0 ? 1 : 4;
      let s = h;
      let words = 0;
      while (s > 0 && words < maxWords && nameWord(tokens[s - 1]) && tokens[s - 1]!.para === t.para) {
        s--;
        while (s > 0 && tokens[s]!.hyphen && tokens[s - 1]!.word) s--;
        words++;
        if (tokens[s]!.sentStart) break;
      }
      // "the Gulf of Thailand": a place word with no name before it may open "<Place> of X" below.
      if (s === h && !(PLACE_OF_HEADS.has(t.text) && tokens[h + 1]?.lower === 'of')) continue;
      if (s === h) {
        const e = placeOf(h);
        if (e > h) out.push([h, e]);
        if (e > h) h = e - 1;
        continue;
      }
      if (lower) {
        let hasState = false;
        for (let k = s; k < h; k++) hasState ||= stateAt.has(k);
        if (hasState) continue;
      }
      // "Senator Frank Church", "the host was Daniel Park": a surname that is a place word.
      if (upper && placeWordSurname(tokens, s, h, lx)) continue;
      out.push([s, h + 1]);
      continue;
    }
    // "(D-PA)", "(R-KY)": a member's party and US state, not the Palestinian Authority.
    if (
      PARTY_LETTERS.has(t.text) &&
      tokens[h - 1]?.text === '(' &&
      tokens[h + 1]?.hyphen &&
      tokens[h + 1]!.caps &&
      tokens[h + 2]?.text === ')'
    ) {
      out.push([h + 1, h + 2]);
      continue;
    }
    // A ship is named for a person or place, and is neither: "USS Harry S. Truman".
    if (SHIP_PREFIXES.has(t.text)) {
      let e = h + 1;
      while (
        e < tokens.length &&
        e - h <= 6 &&
        tokens[e]!.para === t.para &&
        (nameWord(tokens[e]) || (tokens[e]!.text === '.' && tokens[e - 1]!.text.length === 1))
      )
        e++;
      if (e > h + 1) {
        out.push([h, e]);
        h = e - 1;
      }
      continue;
    }
    if (t.cap && (PLACE_HEADS.has(t.text) || PLACE_OF_HEADS.has(t.text))) {
      const e = placeOf(h);
      if (e > h) {
        out.push([h, e]);
        h = e - 1;
      }
    }
  }
  return out;

  /** The end of "Gulf of X", "Port Sudan" opened at `h`, or `h` when there is none. */
  function placeOf(h: number): number {
    const t = tokens[h]!;
    let e = h + 1;
    if (PLACE_OF_HEADS.has(t.text) && tokens[e]?.lower === 'of') {
      e++;
      if (tokens[e]?.lower === 'the') e++;
    } else if (!PLACE_HEADS.has(t.text)) return h;
    const from = e;
    while (e < tokens.length && e - from < 3 && nameWord(tokens[e]) && tokens[e]!.para === t.para) e++;
    // "the Maritime and Port Authority of Singapore", "the Lake Chad Basin Commission": a body's head
    // ends the run, no place.
    if (PLACE_HEADS.has(t.text) && e > from && lx.orgHeads.has(tokens[e - 1]!.text)) return h;
    return e > from ? e : h;
  }
}

/** Verbs of an author's line at an article's end: "Jane Roe writes about ...". */
const AUTHOR_VERBS = new Set(['writes', 'covers']);

/**
 * The names that open an author's line, one of the body's last two paragraphs: two or three
 * capitalised words, then "writes" or "covers" ("Jane Roe writes on US policy in Latin America.").
 */
function authorLines(tokens: readonly Token[]): Array<[number, number]> {
  const last = tokens.length ? tokens[tokens.length - 1]!.para : 0;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.para < Math.max(2, last - 1) || (i > 0 && tokens[i - 1]!.para === t.para)) continue;
    let e = i;
    while (e < tokens.length && e - i < 4 && tokens[e]!.word && tokens[e]!.cap && tokens[e]!.para === t.para)
      e++;
    const verb = tokens[e];
    // "writes about/on/for ...", not "writes that ..." (a writer cited in the reporting).
    const object = tokens[e + 1]?.lower ?? '';
    if (
      e - i >= 2 &&
      e - i <= 3 &&
      verb &&
      !verb.cap &&
      AUTHOR_VERBS.has(verb.lower) &&
      (verb.lower === 'covers' || object === 'about' || object === 'on' || object === 'for')
    )
      out.push([i, e]);
  }
  // "Written by Maya Okafor.", "Reporting by X Y; editing by Z W": a credit in the last two paragraphs.
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.para < Math.max(2, last - 1) || t.lower !== 'by' || !CREDIT_WORDS.has(tokens[i - 1]!.lower))
      continue;
    // The credit opens its line or follows another ("; editing by"): "the index compiled by Reporters
    // Without Borders" is reporting.
    const before = tokens[i - 2];
    if (!tokens[i - 1]!.sentStart && before?.para === t.para && before.text !== ';' && before.text !== '(')
      continue;
    let e = i + 1;
    while (e < tokens.length && e - i <= 3 && tokens[e]!.word && tokens[e]!.cap && tokens[e]!.para === t.para)
      e++;
    if (e - i >= 3) out.push([i + 1, e]);
  }
  return out;
}
/** Words an outlet's name may end with that its short name drops ("Graphic Online" -> "Graphic"). */
const OUTLET_SUFFIXES: readonly (readonly string[])[] = [
  ['News', 'Agency'],
  ['News'],
  ['Online'],
  ['TV'],
  ['Agency'],
];

/** Where an article names the outlet that published it, and the name it is given. */
interface OutletSpan {
  start: number;
  end: number;
  name: string;
}

/**
 * Where the body names its own outlet, outside the dateline's tag and other blocked words: by the
 * outlet's name ("The Namibian", "the Namibian"), or by its short name without "The" or a last word
 * such as "Online" or "News" ("Graphic" for "Graphic Online", "APA" for "APA News") where that short
 * name is a whole capitalised run, opens no sentence and is no state's word ("Vietnam" of "Vietnam
 * News"). A name the gazetteer knows as a body is left to it; a domain is no name. The name given is
 * the outlet's if the article writes it whole, else the longest form it writes.
 */
function outletSpans(
  tokens: readonly Token[],
  owner: Int32Array,
  scanned: readonly TrieMatch<Entry>[],
  gaz: Gazetteer,
  outlet: string,
): OutletSpan[] {
  if (/[./@]/.test(outlet)) return [];
  const words = tokenize(outlet)
    .filter((t) => t.word)
    .map((t) => t.key);
  if (!words.length) return [];
  const bare = words[0] === 'The' ? words.slice(1) : words;
  const forms: Array<{ words: readonly string[]; short: boolean }> = [{ words: bare, short: false }];
  for (const suffix of OUTLET_SUFFIXES) {
    const k = bare.length - suffix.length;
    if (k > 0 && suffix.every((w, i) => bare[k + i] === w)) {
      const short = bare.slice(0, k);
      if (!(short.length === 1 && gaz.stateWords.has(short[0]!))) forms.push({ words: short, short: true });
      break;
    }
  }
  const found: Array<{ start: number; end: number; full: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.para === 0 || owner[i] !== -2) continue;
    for (const f of forms) {
      const e = i + f.words.length;
      if (e > tokens.length || !f.words.every((w, k) => sameWord(tokens[i + k]!, w) && owner[i + k] === -2))
        continue;
      const lead = tokens[i - 1]?.lower === 'the' ? i - 1 : i;
      // A whole capitalised run ("Capitol Hill" is no "The Hill"); a short or one-word name opening a
      // sentence is as likely a common word ("Defense officials", "Nation-building").
      if (isCapWord(tokens[e]) || (lead === i && isCapWord(tokens[i - 1]))) continue;
      if (inDatelineRun(tokens, lead)) continue;
      // A short name or one word ("Graphic", "Dawn", "the Namibian") only where an outlet reports, or
      // with its own "The" inside a sentence ("a reporter for The Namibian"): it is also a town
      // ("between Garowe and Mogadishu"), a word ("Arab states") or a demonym ("the Namibian army").
      const ownThe = !f.short && tokens[lead]!.text === 'The' && !tokens[lead]!.sentStart;
      if ((f.short || f.words.length === 1) && !ownThe && !outletReports(tokens, lead, i, e)) continue;
      const known = scanned.find((m) => m.start === i && m.end === e);
      if (known?.values.some((v) => v.kind === 'name' && gaz.actors[v.actor]!.type === 'organization')) break;
      found.push({ start: lead, end: e, full: !f.short });
      i = e - 1;
      break;
    }
  }
  if (!found.length) return [];
  const name = found.some((f) => f.full)
    ? outlet
    : joinName(tokens.slice(found[0]!.start, found[0]!.end).filter((t) => t.lower !== 'the'));
  return found.map((f) => ({ start: f.start, end: f.end, name }));
}

/**
 * Whether `i` ends a dateline's run of capitalised words, numbers and commas that opens its paragraph
 * ("YEREVAN, JULY 21, ARMENPRESS."): an agency's tag without brackets, no reporting.
 */
function inDatelineRun(tokens: readonly Token[], i: number): boolean {
  const para = tokens[i]!.para;
  let k = i - 1;
  while (
    k >= 0 &&
    tokens[k]!.para === para &&
    (tokens[k]!.cap || /^\d/.test(tokens[k]!.text) || tokens[k]!.text === ',')
  )
    k--;
  return k < i - 1 && (k < 0 || tokens[k]!.para !== para) && tokens[i - 1]!.text === ',';
}

/** Words after an outlet's name that say it reported ("APA learned", "Dawn reported"). */
const OUTLET_VERBS = new Set([
  'learned',
  'learnt',
  'reported',
  'reports',
  'understands',
  'has',
  'had',
  'was',
  'quoted',
  'cited',
]);

/**
 * Whether the story's own outlet, named at i..e ("the" from `lead`), stands where an outlet reports:
 * where outletCue says so of any name, and, since this name is known to be an outlet's, after "told"
 * or "according to" and before "learned", "reported" and the like ("told Dawn", "APA learned").
 */
function outletReports(tokens: readonly Token[], lead: number, i: number, e: number): boolean {
  if (outletCue(tokens, i, e)) return true;
  const p = tokens[lead - 1]?.lower;
  if (p === 'told' || (p === 'to' && tokens[lead - 2]?.lower === 'according')) return true;
  return OUTLET_VERBS.has(tokens[e]?.lower ?? '');
}

/** A token that writes `key` as a name: the same word, in its case or all in capitals ("PUNCH"). */
function sameWord(t: Token, key: string): boolean {
  return t.word && (t.key === key || (t.caps && t.key === key.toUpperCase())) && (t.cap || t.caps);
}

/** Words before "by" that credit an article's author or editor. */
const CREDIT_WORDS = new Set(['written', 'reporting', 'editing', 'edited', 'compiled', 'produced']);

const DASHES = new Set(['—', '–', '-', '‒', '―']);

/**
 * The agency tag of a dateline as a token range: "BEIRUT (AP) -", "KYIV, Ukraine, March 3
 * (Reuters) —", "(AFP) -", "Madrid, Jun 9 (EFE).-", "New Delhi, Feb 26 (PTI) India and ...",
 * "Berlin (dpa) -". It opens the first body paragraph, after a place whose first word is in
 * capitals, or a place and a date, or before a dash.
 */
export function datelineTag(tokens: readonly Token[]): [number, number] | undefined {
  const first = tokens.findIndex((t) => t.para >= 1);
  if (first < 0) return undefined;
  const para = tokens[first]!.para;
  let dated = false;
  for (let i = first; i < Math.min(tokens.length, first + 14); i++) {
    const t = tokens[i]!;
    if (t.para !== para) return undefined;
    if (t.text === '(') {
      let j = i + 1;
      while (j < tokens.length && j < i + 6 && tokens[j]!.word && tokens[j]!.cap) j++;
      // "(dpa)": an agency that writes its short name in lower case.
      if (
        j === i + 1 &&
        tokens[j]?.word &&
        /^[a-z]{2,4}$/.test(tokens[j]!.text) &&
        tokens[j + 1]?.text === ')'
      )
        j++;
      if (j === i + 1 || tokens[j]?.text !== ')') return undefined;
      // "Pasto (Colombia), Apr 24 (EFE).-", "Cincu (Romania) (AFP) -": the place's country in brackets.
      if (tokens[j + 1]?.text === ',' || tokens[j + 1]?.text === '(') {
        i = j;
        continue;
      }
      const lead = tokens[first]!;
      // The tokenizer drops a spaced hyphen ("Baku (AFP) - Turkish"): a gap of a few characters after ")"
      // is one; so is a stop before it ("(EFE).- Spain's").
      let next = tokens[j + 1];
      let from = tokens[j]!.start;
      let gap = 3;
      if (next?.text === '.' && next.start === from + 1) {
        from = next.start;
        next = tokens[j + 2];
        gap = 2;
      }
      const dash = !!next && (DASHES.has(next.text) || next.start - from - 1 >= gap);
      const datelineLike = i === first || lead.caps || dash || (dated && i > first + 1);
      return datelineLike ? [i + 1, j] : undefined;
    }
    if (t.word && (MONTHS.has(t.text) || /^\d/.test(t.text))) dated = true;
    if (
      !(t.word && (t.cap || /^\d/.test(t.text))) &&
      t.text !== ',' &&
      t.text !== '.' &&
      !citySlash(tokens, i)
    )
      return undefined;
  }
  return undefined;
}

/**
 * The dateline's agency signing off the story at its end ("... in prison. (ANSA).", "... by 2029.
 * PTI"): the tag's words in brackets or alone as the last sentence, as a token range.
 */
function signOffTag(tokens: readonly Token[], tag: [number, number]): [number, number] | undefined {
  const want = tokens.slice(tag[0], tag[1]).map((t) => t.text);
  let e = tokens.length;
  while (e > tag[1] && !tokens[e - 1]!.word) {
    if (tokens[e - 1]!.text === ')') break;
    e--;
  }
  const closed = tokens[e - 1]?.text === ')';
  const end = closed ? e - 1 : e;
  const start = end - want.length;
  if (start <= tag[1] || !want.every((w, k) => tokens[start + k]!.text === w)) return undefined;
  const before = tokens[start - 1];
  if (closed ? before?.text !== '(' : !(tokens[start]!.sentStart || before?.text === '.')) return undefined;
  return [start, end];
}

/** "HOUSTON/CARACAS (Reuters) -", "GENEVA/PORT-AU-PRINCE, 30 March -": a wire dateline's cities. */
function citySlash(tokens: readonly Token[], i: number): boolean {
  return tokens[i]!.text === '/' && !!tokens[i - 1]?.caps && !!tokens[i + 1]?.caps;
}

/**
 * The place of a dateline opening the body ("ROME (AFP) -", "Baku (AFP) -", "CARACAS, Venezuela (AP) -",
 * "TALLINN -", "GROTON, Conn. -", "SEOUL, May 20 -"): the city in capitals (or any case before the
 * agency's bracket), then after a comma its state or country and the date, then a dash.
 */
function datelinePlace(
  tokens: readonly Token[],
  tag: [number, number] | undefined,
): [number, number] | undefined {
  const first = tokens.findIndex((t) => t.para >= 1);
  const lead = tokens[first];
  if (!lead?.word || !lead.cap || lead.text.length < 3) return undefined;
  let comma = false;
  let mixed = false;
  // Eight tokens at most, a city's hyphen-joined words and a slash between cities aside.
  for (let i = first, k = 0; i < tokens.length && k < 8; i++) {
    const t = tokens[i]!;
    if (t.para !== lead.para) return undefined;
    if (tag && i === tag[0] - 1) return i > first ? [first, i] : undefined;
    if (!t.hyphen && t.text !== '/') k++;
    comma ||= t.text === ',';
    if (t.text !== ',' && t.text !== '.' && !citySlash(tokens, i)) {
      if (!t.word || !(t.cap || (comma && /^\d/.test(t.text)))) return undefined;
      if (!t.caps && !comma) mixed = true;
    }
    // The tokenizer drops a spaced dash: a gap of three characters or more is one.
    const next = tokens[i + 1];
    if (next && (DASHES.has(next.text) || next.start - t.start - t.text.length >= 3))
      return mixed || t.text === ',' ? undefined : [first, i + 1];
  }
  return undefined;
}

function joinName(span: Token[]): string {
  let out = '';
  let prev: Token | undefined;
  for (const t of span) {
    const slash =
      !!prev && (t.text === '/' || prev.text === '/') && prev.start + prev.text.length === t.start;
    prev = t;
    if (!out) out = t.text;
    else if (t.hyphen) out += `-${t.text}`;
    // "RFE/RL", "Greens/EFA": a slash written without spaces.
    else if (slash) out += t.text;
    // "Journalists' Union": a plural's apostrophe.
    else if (t.lower === "'s" || t.text === ',' || t.text === '.' || t.text === "'" || t.text === '’')
      out += t.text;
    else out += ` ${t.text}`;
  }
  return out;
}

/**
 * A person's surname and Korean or Chinese family name by name, remembered: settleShortForms asks both
 * of every person found, in every article, and their splits were a twentieth of what analysis allocated.
 */
const nameKeys = new Map<string, [string | undefined, string | undefined]>();
const NAME_KEYS_MAX = 20_000;

function keysOfName(name: string): [string | undefined, string | undefined] {
  let keys = nameKeys.get(name);
  if (!keys) {
    keys = [surnameOfName(name), familyFirstOfName(name)];
    if (nameKeys.size < NAME_KEYS_MAX) nameKeys.set(name, keys);
  }
  return keys;
}

function surnameOf(name: string): string | undefined {
  return keysOfName(name)[0];
}

function familyFirstOf(name: string): string | undefined {
  return keysOfName(name)[1];
}

function surnameOfName(name: string): string | undefined {
  const parts = name.split(/[\s]+/);
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  const bits = last.split('-');
  return bits.length > 1 && /^(al|el)$/i.test(bits[0]!) ? bits.slice(1).join('-') : last;
}

function familyFirstOfName(name: string): string | undefined {
  const parts = name.split(/\s+/);
  // Korean and Chinese names of three short parts ("Kang Sun Nam") put the family name first.
  if (parts.length === 3 && parts.every((p) => p.length <= 5)) return parts[0];
  return undefined;
}

/** Acronyms by name: rules ask for every state's and every found body's, in every article. */
const acronyms = new Map<string, string>();
const ACRONYM_CACHE_MAX = 20_000;

function acronymOf(name: string): string {
  let acr = acronyms.get(name);
  if (acr === undefined) {
    acr = name
      .split(/[\s-]+/)
      .filter((w) => UPPER_START.test(w))
      .map((w) => w[0])
      .join('');
    if (acronyms.size < ACRONYM_CACHE_MAX) acronyms.set(name, acr);
  }
  return acr;
}

function nearestBefore(defs: ActorDef[], found: Map<string, Found>, pos: number): ActorDef {
  let best = defs[0]!;
  let bestPos = -1;
  for (const d of defs) {
    const f = found.get(d.id);
    if (f && f.first <= pos && f.first > bestPos) {
      best = d;
      bestPos = f.first;
    }
  }
  return best;
}

/** A role word right before a run: "spokesman X", "minister, X", "Minister of ... X". */
function roleBefore(
  tokens: Token[],
  i: number,
  lx: Gazetteer['lexicon'],
  owner: Int32Array,
  actors: readonly ActorDef[],
): 'none' | 'direct' | 'chain' {
  const p = tokens[i - 1];
  if (!p) return 'none';
  if (p.word && !p.cap && (lx.roleHeads.has(p.lower) || personNounBefore(tokens, i, lx))) return 'direct';
  if (titleAbbreviationBefore(tokens, i, lx) || qualifiedRoleBefore(tokens, i, lx)) return 'direct';
  if (p.text === ',' && tokens[i - 2] && lx.personCueNouns.has(tokens[i - 2]!.lower) && !tokens[i - 2]!.cap)
    return 'direct';
  // Walk back over a capitalised "Minister of X and Y" chain.
  let sawOf = false;
  for (let k = i - 1; k >= Math.max(0, i - 9); k--) {
    const t = tokens[k]!;
    // "Under Secretary of the Treasury for Terrorism and Financial Intelligence John K. Hurley"
    if (t.lower === 'of' || t.lower === 'and' || t.lower === 'for' || t.text === 'the') {
      sawOf ||= t.lower === 'of' || t.lower === 'for';
      continue;
    }
    if (!t.word || !t.cap) return 'none';
    // "Secretary of State Marco Rubio and Paraguayan Foreign Minister X": the chain is another person's.
    if (owner[k]! >= 0 && actors[owner[k]!]!.type === 'person') return 'none';
    if (lx.roleHeads.has(t.lower)) return sawOf ? 'chain' : 'direct';
    if (owner[k]! >= 0 && k < i - 1) continue;
  }
  return 'none';
}

/** "MHA adviser (Northeast) A.K. Mishra": a role in lower case and its brief in brackets right before `i`. */
function qualifiedRoleBefore(tokens: readonly Token[], i: number, lx: Gazetteer['lexicon']): boolean {
  if (tokens[i - 1]!.text !== ')') return false;
  let k = i - 2;
  while (k > i - 5 && isCapWord(tokens[k])) k--;
  const role = tokens[k - 1];
  return k < i - 2 && tokens[k]?.text === '(' && !!role?.word && !role.cap && lx.roleHeads.has(role.lower);
}

function speechAfter(tokens: Token[], e: number, lx: Gazetteer['lexicon']): boolean {
  let t = tokens[e];
  if (
    t?.text === ',' ||
    t?.lower === 'has' ||
    t?.lower === 'had' ||
    t?.lower === 'also' ||
    t?.lower === 'later'
  )
    t = tokens[e + 1];
  return !!t && t.word && !t.cap && lx.speechVerbs.has(t.lower);
}

/**
 * "Abelardo de la Espriella, the leading right-wing contender, says ...": a speech verb after an
 * appositive set off by commas that names no kind of body.
 */
function speechAfterAppositive(tokens: Token[], e: number, lx: Gazetteer['lexicon']): boolean {
  if (tokens[e]?.text !== ',' || !APPOSITIVE_OPENERS.has(tokens[e + 1]?.lower ?? '')) return false;
  for (let k = e + 2; k < Math.min(tokens.length, e + 12); k++) {
    const w = tokens[k]!;
    if (w.text === '.' || w.text === ';' || (w.word && !w.cap && lx.orgCueNouns.has(w.lower))) return false;
    if (w.text === ',') {
      const v = tokens[k + 1];
      return !!v && v.word && !v.cap && lx.speechVerbs.has(v.lower);
    }
  }
  return false;
}

/**
 * "Ruben Vardanyan, who faces ...", "Gor Hakobyan, 41, of Glendale": a relative "who" or an age
 * set off by commas follows a person, not a body or a place.
 */
function whoOrAgeAfter(tokens: Token[], e: number): boolean {
  if (tokens[e]?.text !== ',') return false;
  const t = tokens[e + 1];
  if (!t) return false;
  if (t.lower === 'who' && !t.cap) return true;
  // "Noa Levinson, from Haifa, told ...": where a person comes from, set off by commas.
  if (t.lower === 'from' && !t.cap) {
    let k = e + 2;
    while (k < tokens.length && k - e < 6 && tokens[k]!.word && tokens[k]!.cap) k++;
    return k > e + 2 && tokens[k]?.text === ',';
  }
  const after = tokens[e + 2];
  return (
    /^\d{1,2}$/.test(t.text) &&
    Number(t.text) >= 12 &&
    !!after &&
    (after.text === ',' || after.lower === 'and')
  );
}

function appositiveRole(tokens: Token[], e: number, lx: Gazetteer['lexicon']): boolean {
  if (tokens[e]?.text !== ',') return false;
  for (let k = e + 1; k < Math.min(tokens.length, e + 7); k++) {
    const w = tokens[k]!;
    if (w.text === ',' || w.text === '.') return false;
    if (!w.cap && lx.personCueNouns.has(w.lower)) return true;
    // "X, a Tufts University student": a capitalised word is a name's, not the appositive's head.
    if (!w.cap && lx.orgCueNouns.has(w.lower) && !lx.personCueNouns.has(w.lower)) return false;
  }
  return false;
}

/** Nouns for a state's people, forces and acts, after which "Soviet" is the state ("Soviet leaders"). */
const STATE_ACTING_NOUNS = new Set(
  'leader leaders leadership officials diplomats government authorities regime troops soldiers forces army navy military submarines invasion occupation intervention hands'.split(
    ' ',
  ),
);

/** Whether the state's people, forces or acts follow at `k`: "Soviet leaders", "the Soviet war in Afghanistan" (not "a Soviet war memorial"). */
function stateActing(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  if (STATE_ACTING_NOUNS.has(t.lower)) return true;
  const next = tokens[k + 1];
  return t.lower === 'war' && !!next?.word && !next.cap && WAR_JOINTS.has(next.lower);
}
const WAR_JOINTS = new Set(['in', 'on', 'against', 'with']);

/**
 * The first word of a state's name, written alone, that is a capitalised adjective ("Soviet" of
 * "Soviet Union"), not a short name ("Vatican" of "Vatican City").
 */
function isFormerStateAdjective(def: ActorDef, t: Token, lx: Gazetteer['lexicon']): boolean {
  return def.type === 'state' && t.cap && lx.capAdjectives.has(t.text) && def.name.startsWith(`${t.text} `);
}
