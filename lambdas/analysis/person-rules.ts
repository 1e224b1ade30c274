/**
 * Rules that take a capitalised run for a person's name when the gazetteer does not know it: the
 * syntax around the name (a title, an appositive, the body a person speaks for) is the evidence.
 * Called from the people step of `detectActors` (actors.ts).
 */
import type { ActorDef, Lexicon } from './gazetteer';
import { TITLE_ABBREVIATIONS, type Token } from './tokenize';

/** How a title says its holder has retired: "Air Vice Marshal (retd.) X Y". */
const RETIRED = new Set(['retd', 'ret', 'rtd', 'retired']);

/**
 * Whether a shortened title and its full stop stand right before `i` ("Rep. Zoe Lofgren"), or a
 * title and a retired mark in brackets ("Air Vice Marshal (retd.) Sampath Thuyacontha").
 */
export function titleAbbreviationBefore(tokens: readonly Token[], i: number, lx: Lexicon): boolean {
  if (tokens[i - 1]?.text === ')') {
    let k = i - 2;
    if (tokens[k]?.text === '.') k--;
    const title = tokens[k - 2];
    return (
      RETIRED.has(tokens[k]?.lower ?? '') &&
      tokens[k - 1]?.text === '(' &&
      ((!!title?.cap && lx.roles.has(title.lower)) || titleAbbreviationBefore(tokens, k - 1, lx))
    );
  }
  const dot = tokens[i - 1];
  const title = tokens[i - 2];
  return (
    dot?.text === '.' &&
    !!title &&
    title.word &&
    TITLE_ABBREVIATIONS.has(title.text) &&
    dot.start === title.start + title.text.length
  );
}

/**
 * "Deputy Director for Arms Control.": a run right after the "of" or "for" of a title (no title
 * word stripped from it) is the department the title is of, not the holder's name, which comes
 * after the department ("Minister of Education Dalia Kisch").
 */
export function departmentAfterTitle(tokens: readonly Token[], s: number, runStart: number): boolean {
  const joint = tokens[s - 1];
  return s === runStart && !!joint && !joint.cap && (joint.lower === 'of' || joint.lower === 'for');
}

/** What the rules below read: the article's tokens, the lexicon and who owns each token so far. */
export interface NameContext {
  tokens: readonly Token[];
  lx: Lexicon;
  /** Actor index (>= 0), -1 block, -2 free, -3 named by a rule. */
  owner: Int32Array;
  actors: readonly ActorDef[];
}

/**
 * Nouns for a person that the lexicon's role and cue lists lack, read only in the appositives
 * below ("the commission's chair, X Y,", "X Y, an Indian national who ...").
 */
const APPOSITIVE_PERSON_NOUNS = new Set([
  'chair',
  'cousin',
  'nephew',
  'niece',
  'uncle',
  'aunt',
  'grandson',
  'granddaughter',
  'grandmother',
  'grandfather',
  'woman',
  'man',
  'counterpart',
  'citizen',
  'national',
  'deputies',
  'kingpin',
  // "Alternative for Germany (AfD) politician X Y", "(IPC) parliamentarian X Y": every one labelled.
  'politician',
  'parliamentarian',
]);
/** Whether the syntax around the capitalised run s..e (title and role stripped) says it is a person. */
export function personCue(c: NameContext, s: number, e: number): boolean {
  return (
    roleAppositiveBefore(c, s, e) ||
    roleAppositiveAfter(c, s, e) ||
    speaksForBody(c, s, e) ||
    personVerbAfter(c.tokens, e) ||
    happenedTo(c.tokens, s) ||
    identifiedAs(c.tokens, s)
  );
}

const APPOSITIVE_JOINTS = new Set(['of', 'in', 'for', 'at', 'to']);
const CLOSERS = new Set([',', ';', '.', ')', ':']);

function personNoun(t: Token, lx: Lexicon): boolean {
  return lx.roleHeads.has(t.lower) || lx.personCueNouns.has(t.lower) || APPOSITIVE_PERSON_NOUNS.has(t.lower);
}

/**
 * "China's consul general in Osaka, Xue Jian, said", "the head of the National Police, Francisco
 * Díaz, and ...": a name set off by commas after a noun phrase whose head is a person's role (the
 * role, or the role before "of", "in" or "for" and what it is of). A phrase that ends in a kind of
 * body ("a spokesman for the firm, Vardo Lines, said") names the body.
 */
export function roleAppositiveBefore(c: NameContext, s: number, e: number): boolean {
  const { tokens, lx } = c;
  const comma = tokens[s - 1];
  const last = tokens[s - 2];
  if (comma?.text !== ',' || !last || !closesAppositive(tokens[e])) return false;
  if (last.word && !last.cap && personNoun(last, lx)) return true;
  if (last.word && !last.cap && lx.orgCueNouns.has(last.lower)) return false;
  if (someoneBefore(tokens, s - 2) && tokens[e]?.text === ',') return true;
  // Back over what the role is of ("the National Police", "Osaka", "Unit 8200") to the joint.
  for (let k = s - 2; k > 0 && k >= s - 8; k--) {
    const t = tokens[k]!;
    if (t.para !== comma.para) return false;
    if (t.word && !t.cap && APPOSITIVE_JOINTS.has(t.lower)) {
      const role = tokens[k - 1]!;
      // "The Minister of Finance, Wale Edun, has", "Armenia's Ambassador to Russia, Gurgen Arsenyan,": a
      // title in capitals too, set off by commas.
      return role.word && (role.cap ? lx.roleHeads.has(role.lower) : personNoun(role, lx));
    }
    if (!t.word && t.lower !== "'s" && !/^\d+$/.test(t.text)) return false;
  }
  return false;
}

const SOMEONE_OPENERS = new Set(['a', 'an', 'his', 'her', 'their']);
/** Nouns of a phrase opened by "a" or "his" before a comma that are no person ("In a statement, ..."). */
const NOT_SOMEONE = new Set([
  'week',
  'month',
  'year',
  'day',
  'decade',
  'time',
  'while',
  'statement',
  'interview',
  'letter',
  'report',
  'speech',
  'meeting',
  'visit',
  'call',
  'post',
  'video',
  'move',
  'sign',
  'result',
  'way',
  'case',
  'deal',
  'vote',
  'sense',
  'step',
  'response',
  'reply',
  'turn',
  'contrast',
  'addition',
  'briefing',
  'ruling',
  'decision',
  'filing',
  'hearing',
  'memo',
  'document',
  'tweet',
  'message',
  'note',
  'row',
]);

/**
 * "A Moscow pediatrician, X Y, was ...", "a Bulgarian arms dealer, X Y, and ...": a noun for
 * someone at `k`, in lower case, in a phrase that "a" or "his" opens up to three words before it.
 */
function someoneBefore(tokens: readonly Token[], k: number): boolean {
  const noun = tokens[k];
  if (
    !noun?.word ||
    noun.cap ||
    noun.text.length < 3 ||
    NOT_SOMEONE.has(noun.lower) ||
    !noun.lower.match(/^[a-z]+$/)
  )
    return false;
  for (let j = k - 1; j >= 0 && j >= k - 4; j--) {
    const t = tokens[j]!;
    if (!t.word) return false;
    if ((!t.cap || t.sentStart) && SOMEONE_OPENERS.has(t.lower)) return true;
    if (!t.cap && APPOSITIVE_JOINTS.has(t.lower)) return false;
  }
  return false;
}

function closesAppositive(t: Token | undefined): boolean {
  return !!t && (CLOSERS.has(t.text) || (t.word && !t.cap && t.lower === 'and'));
}

/** Words after which a role in an appositive is complete ("Spokesperson of ...", "an Indian national who"). */
const ROLE_ENDS = new Set(['of', 'for', 'at', 'who', 'whose', 'with', 'in', 'on']);

/**
 * "Stefan Kornelius, Spokesperson of the Federal Government;", "Grigory Melkonyants, co-chair of
 * the election monitor Golos", "Yurii Sheliazhenko, the movement's executive secretary, has",
 * "Pradeep Kumar Menon, an Indian national who ...": a role in the appositive after the name,
 * capitalised or not, before "of", "who" or the appositive's end. Not after "in" or "near" ("in
 * Kyiv Oblast, head of the regional administration ..."), nor when a name follows the role
 * ("X Y, head of the region Ruslan Kravchenko, said": the role is the second name's).
 */
export function roleAppositiveAfter(c: NameContext, s: number, e: number): boolean {
  const { tokens, lx } = c;
  const comma = tokens[e];
  if (comma?.text !== ',') return false;
  const before = tokens[s - 1];
  if (before?.word && PLACE_WORDS.has(before.lower)) return false;
  let role = -1;
  for (let k = e + 1; k < tokens.length && k <= e + 8; k++) {
    const t = tokens[k]!;
    if (t.para !== comma.para) return false;
    if (!t.word) {
      // "X Y, a 29-year-old former analyst at ...": an age in the appositive.
      if (t.lower === "'s" || t.text === '-' || /^\d+$/.test(t.text)) continue;
      if (titleAbbreviationBefore(tokens, k + 1, lx)) continue;
      return role >= 0 && CLOSERS.has(t.text);
    }
    // "X Y, a Protestant who refused ...", "X Y, the human rights defender who ...": "who" is a person's.
    if (t.lower === 'who' && !t.cap && DETERMINERS.has(tokens[e + 1]!.lower))
      return !nameFollows(tokens, e + 1, lx);
    // "the movement's executive secretary": a possessor is no head.
    const next = tokens[k + 1];
    if (next?.lower === "'s") continue;
    if (personNoun(t, lx) && !(t.cap && lx.orgHeads.has(t.text))) {
      if (next?.word && !next.cap && ROLE_ENDS.has(next.lower)) return !nameFollows(tokens, k + 1, lx);
      role = k;
      continue;
    }
    // "Head of the region Ruslan Kravchenko": a second name after the role.
    if (role >= 0 && t.cap && !lx.roles.has(t.lower) && next?.word && next.cap && !t.sentStart) return false;
    if (role >= 0 && t.word && !t.cap && !lx.roles.has(t.lower)) return false;
  }
  return false;
}

/** Lower-case words after which a capitalised run is a place ("in Kyiv Oblast, ..."). */
const PLACE_WORDS = new Set(['in', 'near', 'outside', 'inside', 'across', 'throughout', 'from', 'to']);

/**
 * Whether a capitalised run of two words follows a common noun in a role's "of ..." before the
 * appositive ends ("head of the regional administration Ruslan Kravchenko"); not a body's name after
 * what it is ("co-chair of the monitor Sakrebulo Watch").
 */
function nameFollows(tokens: readonly Token[], k: number, lx: Lexicon): boolean {
  for (let j = k; j < tokens.length && j <= k + 10; j++) {
    const t = tokens[j]!;
    if (!t.word) return false;
    const prev = tokens[j - 1]!;
    if (t.cap && tokens[j + 1]?.cap && tokens[j + 1]!.word && prev.word && !prev.cap) {
      if (!NAME_JOINTS.has(prev.lower) && !lx.orgCueNouns.has(prev.lower)) return true;
    }
  }
  return false;
}
const NAME_JOINTS = new Set(['the', 'of', 'for', 'and', 'at']);

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their', 'our', 'his', 'her']);

/**
 * "Olivier Bancoult of the Chagos Refugees Group called it", "Oona Hathaway of Yale Law School":
 * a name before "of" and an organisation is someone who speaks for it. Not after an article ("the
 * Grand Mosque of the ..." names a thing), nor before a state ("Armed Forces of Ukraine").
 */
export function speaksForBody(c: NameContext, s: number, e: number): boolean {
  const { tokens, owner, actors } = c;
  const of = tokens[e];
  if (of?.lower !== 'of' || of.cap) return false;
  const before = tokens[s - 1];
  if (before?.word && DETERMINERS.has(before.lower)) return false;
  const k = tokens[e + 1]?.lower === 'the' ? e + 2 : e + 1;
  const o = owner[k] ?? -2;
  return tokens[k]?.cap === true && (o === -3 || (o >= 0 && actors[o]!.type === 'organization'));
}

/** A title or role word that opens a run before the name ("Air Commodore", "Defense Minister"). */
export function isTitleWord(t: Token, lx: Lexicon): boolean {
  // "Senators Kaine and Young": a plural title too.
  return (
    lx.roles.has(t.lower) ||
    (t.cap && t.lower.endsWith('s') && lx.roleHeads.has(t.lower) && lx.roleHeads.has(t.lower.slice(0, -1)))
  );
}

/** The most words an honorific phrase has ("Samdech Moha Bovor Thipadei"; "Dato' Sri" is three tokens). */
const HONORIFIC_MAX_TOKENS = 4;

/**
 * How many tokens from `s` an honorific takes ("Datuk Seri", "Tan Sri", "Dato' Sri", "Alhaji"), the
 * longest the lexicon holds, when a capitalised word follows it before `e`: 0 when none. An apostrophe
 * joins the word before it ("Dato'").
 */
export function honorificLength(tokens: readonly Token[], s: number, e: number, lx: Lexicon): number {
  if (!tokens[s]?.cap) return 0;
  let phrase = '';
  let best = 0;
  for (let k = s; k < e && k - s < HONORIFIC_MAX_TOKENS; k++) {
    const t = tokens[k]!;
    if (isApostrophe(t) && k > s && t.start === tokens[k - 1]!.start + tokens[k - 1]!.text.length)
      phrase += "'";
    else if (t.word && t.cap) phrase += (k > s ? ' ' : '') + t.text;
    else break;
    if (lx.honorifics.has(phrase) && isCapWord(tokens[k + 1]) && k + 1 < e) best = k + 1 - s;
  }
  return best;
}

/** Whether `t` is an apostrophe written right after a word ("Dato'"). */
export function isApostrophe(t: Token | undefined): boolean {
  return !!t && (t.text === "'" || t.text === '’');
}

function isCapWord(t: Token | undefined): boolean {
  return !!t && t.word && t.cap;
}

/**
 * "bandit kingpin Bello Turji", "his wife Jana Roe", "co-chair Tülay Hatimoğulları": a lower-case
 * noun for a person right before the name.
 */
export function personNounBefore(tokens: readonly Token[], i: number, lx: Lexicon): boolean {
  const p = tokens[i - 1];
  return !!p && p.word && !p.cap && (lx.personCueNouns.has(p.lower) || APPOSITIVE_PERSON_NOUNS.has(p.lower));
}

/**
 * More than four names, not counting particles and initials ("Saoud bin Abdulrahman Al Thani" is
 * three, "Al-Harith Idriss al-Harith Mohamed" four); never more than eight words in all.
 */
export function tooLongForName(all: readonly Token[], lx: Lexicon): boolean {
  let names = 0;
  let words = 0;
  for (const w of all) {
    if (!w.word) continue;
    words++;
    if (!lx.particles.has(w.lower) && w.text.length > 1) names++;
  }
  return names > 4 || words > 8;
}

/** Where the last two names of s..e start, a middle initial and its stop not counted ("Joran K. Vell"). */
export function lastTwoNamesStart(tokens: readonly Token[], s: number, e: number): number {
  let names = 0;
  for (let k = e - 1; k > s; k--) {
    const t = tokens[k]!;
    if (t.text === '.' || (t.text.length === 1 && tokens[k + 1]?.text === '.')) continue;
    if (++names === 2) return k;
  }
  return s;
}

/** Last words of a body's name, never a surname ("the Military Manpower Administration"). */
const BODY_TAILS = new Set(['Administration', 'Directorate', 'Secretariat']);

/** Last words of a firm's name ("Arvenza Trading", "Calibre Mining", "Kaveh Marine Management"). */
const COMPANY_TAILS = new Set([
  'Trading',
  'Mining',
  'Shipping',
  'Minerals',
  'Metals',
  'Resources',
  'Capital',
  'Partners',
  'Investments',
  'Ventures',
  'Solutions',
  'Energy',
  'Marine',
  'Maritime',
  'Management',
  'Airways',
  'Motors',
  'Telecom',
  'Pharmaceuticals',
  'Chemicals',
  'Engineering',
  'Electronics',
  'Construction',
  'Securities',
  'Insurance',
]);

/**
 * Whether a name the person rules found is a body's: its initials follow in brackets ("the
 * opposition Samagi Jana Balawegaya (SJB)"), it ends in a body's word ("the Kharkiv Regional
 * Military Administration") or a firm's after no given name ("Calibre Mining", not "Anna Marine"), or
 * an appositive says what kind of body it is ("Public Eye, a Swiss non-governmental organisation").
 */
export function bodyNotPerson(tokens: readonly Token[], s: number, e: number, lx: Lexicon): boolean {
  const last = tokens[e - 1]!.text;
  return (
    BODY_TAILS.has(last) ||
    (COMPANY_TAILS.has(last) && !lx.givenNames.has(tokens[s]!.text)) ||
    initialsInBrackets(tokens, s, e) ||
    bodyAppositiveAfter(tokens, e, lx)
  );
}

/**
 * "X Y, a Swiss non-governmental organisation that ...", "X Y, the state shipping company,": an
 * appositive whose head is a kind of body, with no noun for a person before it ("X Y, a member of
 * the group" is a person; "X Y, the group's leader" too).
 */
function bodyAppositiveAfter(tokens: readonly Token[], e: number, lx: Lexicon): boolean {
  if (tokens[e]?.text !== ',' || !APPOSITIVE_OPENERS.has(tokens[e + 1]?.lower ?? '')) return false;
  // The head is the last lower-case word before the appositive's end or a preposition ("a China
  // specialist at a Delhi think tank" is a specialist; "the group's leader" a leader).
  let head: Token | undefined;
  for (let k = e + 2; k < tokens.length && k <= e + 8; k++) {
    const t = tokens[k]!;
    if (t.lower === "'s") {
      head = undefined;
      continue;
    }
    if (!t.word || (!t.cap && HEAD_ENDS.has(t.lower)))
      return !!head && lx.orgCueNouns.has(head.lower) && !personNoun(head, lx);
    if (!t.cap) head = t;
  }
  return false;
}
/** Words after the head of an appositive. */
const HEAD_ENDS = new Set([
  'that',
  'which',
  'who',
  'whose',
  'at',
  'of',
  'for',
  'in',
  'on',
  'with',
  'from',
  'by',
  'and',
]);
const APPOSITIVE_OPENERS = new Set(['a', 'an', 'the']);

/** Whether the initials of the capitalised words of s..e follow in brackets ("Samagi Jana Balawegaya (SJB)"). */
function initialsInBrackets(tokens: readonly Token[], s: number, e: number): boolean {
  const acronym = tokens[e + 1];
  if (tokens[e]?.text !== '(' || tokens[e + 2]?.text !== ')' || !acronym?.caps) return false;
  let initials = '';
  for (let k = s; k < e; k++) if (tokens[k]!.word && tokens[k]!.cap) initials += tokens[k]!.text[0];
  return initials.length >= 2 && initials === acronym.text;
}

/** Words for a place that a person's name may open ("Prince Sultan Air Base", "Nur Khan air base"). */
const FACILITIES = new Set([
  'airbase',
  'airfield',
  'airport',
  'area',
  'barracks',
  'base',
  'bridge',
  'camp',
  'checkpoint',
  'clinic',
  'complex',
  'county',
  'crossing',
  'dam',
  'district',
  'hospital',
  'land',
  'line',
  'prison',
  'province',
  'refinery',
  'shipyard',
  'square',
  'stadium',
  'street',
]);
/**
 * Last words of a body, a department or a programme, no surname ("... for Homeland Defense and Americas
 * Security Affairs", "the Whistleblower and Source Protection Program", "the Military Manpower
 * Administration", "the Youth Initiative for Human Rights").
 */
const DEPARTMENT_TAILS = new Set([
  'government',
  'headquarters',
  'rights',
  'affairs',
  'operations',
  'relations',
  'cooperation',
  'development',
  'program',
  'programme',
  'programs',
  'policy',
  'planning',
  'sustainment',
  'acquisition',
]);
/** Words that may stand between the name and the place word ("Nur Khan air base", "military base"). */
const FACILITY_KINDS = new Set(['air', 'military', 'naval', 'medical', 'refugee', 'detention', 'border']);

/**
 * Whether the name (words `all`, ending before `e`) is a place's: its last word is a place word
 * ("Prince Sultan Air Base", "Nasser Medical Complex") or one follows it in lower case ("Nur Khan air
 * base", "the Mohamed Naguib military base").
 */
export function namesPlace(tokens: readonly Token[], all: readonly Token[], e: number): boolean {
  const last = all[all.length - 1];
  if (last?.word && (FACILITIES.has(last.lower) || DEPARTMENT_TAILS.has(last.lower))) return true;
  // "Las Vegas", "Los Alamos", "San Diego", "São Tomé": a Spanish or Portuguese article or saint.
  if (all[0]?.word && PLACE_OPENERS.has(all[0].text)) return true;
  // "Nuclear Victims Remembrance Day", "Victory Day": a day named for something.
  if (last?.text === 'Day' && all.length > 1 && DAY_OPENERS_NOT_NAMES.test(all[all.length - 2]!.text))
    return true;
  let next = tokens[e];
  if (next?.word && !next.cap && THINGS.has(next.lower)) return true;
  if (next?.word && !next.cap && FACILITY_KINDS.has(next.lower)) next = tokens[e + 1];
  return !!next?.word && !next.cap && FACILITIES.has(next.lower);
}

/**
 * First words of places, never of a person's name: Spanish and Portuguese articles and saints, and
 * the words for a cape, valley, mountain, well, mound, gate, river, spring, monastery, village and
 * house that open Arabic place names ("Khor Abdullah", "Ras Isa", "Wadi Araba", "Beit Hanoun").
 */
const PLACE_OPENERS = new Set([
  'Las',
  'Los',
  'San',
  'Santa',
  'Santo',
  'São',
  'Sao',
  'Khor',
  'Ras',
  'Wadi',
  'Jebel',
  'Jabal',
  'Bir',
  'Tell',
  'Bab',
  'Shatt',
  'Ain',
  'Ein',
  'Deir',
  'Kafr',
  'Beit',
  'Jisr',
  'Nahr',
]);
/** Words before "Day" that name an occasion ("Remembrance Day", "Independence Day"), not a given name. */
const DAY_OPENERS_NOT_NAMES =
  /^(?:Remembrance|Independence|Victory|Memorial|Armistice|Veterans|Liberation|Unity|National|Nakba|Quds|Army|Navy|Constitution|Defenders|Peace|Martyrs|Labor|Labour|Women|Children|Human)$/;

/** Things a name before them is the make or the name of ("Chinese Wing Loong drones", "Golden Dome contracts"). */
const THINGS = new Set([
  'drone',
  'drones',
  'missile',
  'missiles',
  'jet',
  'jets',
  'aircraft',
  'tank',
  'tanks',
  'rifle',
  'rifles',
  'launcher',
  'launchers',
  'rocket',
  'rockets',
  'munitions',
  'warship',
  'warships',
  'submarine',
  'submarines',
  'helicopter',
  'helicopters',
  'satellite',
  'satellites',
  'contract',
  'contracts',
  'exercise',
  'exercises',
  'drills',
  'project',
  'class',
]);

/** Place words that are also surnames. */
const PLACE_SURNAMES = new Set(['Park', 'Church', 'Hall']);

/**
 * Whether the place s..h+1 is a person with a place word for a surname: a known given name, or a
 * title, before it ("the host was Daniel Park", "Senator Frank Church").
 */
export function placeWordSurname(tokens: readonly Token[], s: number, h: number, lx: Lexicon): boolean {
  if (h - s !== 1 || !PLACE_SURNAMES.has(tokens[h]!.text)) return false;
  const title = tokens[s - 1];
  return (
    lx.givenNames.has(tokens[s]!.text) ||
    (!!title?.cap && lx.roleHeads.has(title.lower)) ||
    titleAbbreviationBefore(tokens, s, lx)
  );
}

/** Verbs only a person is the subject of ("X Y pleaded guilty", "X Y resigned"). */
const PERSON_VERBS = new Set(['pleaded', 'pleads', 'resigned', 'resigns', 'died', 'dies']);
/** What only happens to a person, after "was" or "has been" ("X Y was sentenced"). */
const PERSON_PASSIVES = new Set([
  'sentenced',
  'arrested',
  'jailed',
  'detained',
  'born',
  'killed',
  'executed',
  'imprisoned',
  'pardoned',
  'kidnapped',
  'abducted',
  'wounded',
  'injured',
  'exiled',
  'assassinated',
  'poisoned',
  'tortured',
  'hanged',
]);

/** "Asif Rahman pleaded guilty", "X Y was sentenced to five years", "X Y has been detained". */
export function personVerbAfter(tokens: readonly Token[], e: number): boolean {
  let t = tokens[e];
  if (!t?.word || t.cap) return false;
  if (PERSON_VERBS.has(t.lower)) return true;
  if (t.lower === 'has' || t.lower === 'had') t = tokens[e + 1]?.lower === 'been' ? tokens[e + 2] : undefined;
  else if (t.lower === 'was' || t.lower === 'is') t = tokens[e + 1];
  else return false;
  return !!t?.word && !t.cap && PERSON_PASSIVES.has(t.lower);
}

/** What happens to a person, before "of" and the name ("the murder of Jamal Khashoggi"). */
const HAPPENINGS = new Set([
  'murder',
  'killing',
  'assassination',
  'death',
  'arrest',
  'detention',
  'imprisonment',
  'execution',
  'abduction',
  'kidnapping',
  'funeral',
  'extradition',
  'conviction',
  'jailing',
]);

/** "the murder of Jamal Khashoggi", "the death of Dawn Sturgess". */
export function happenedTo(tokens: readonly Token[], s: number): boolean {
  const of = tokens[s - 1];
  const what = tokens[s - 2];
  return of?.lower === 'of' && !of.cap && !!what?.word && !what.cap && HAPPENINGS.has(what.lower);
}

/** "Mizan identified the man as Behrouz Farahani", "a woman named as X Y". */
export function identifiedAs(tokens: readonly Token[], s: number): boolean {
  if (tokens[s - 1]?.lower !== 'as' || tokens[s - 1]!.cap) return false;
  for (let k = s - 2; k >= 0 && k >= s - 4; k--) {
    const t = tokens[k]!;
    if (!t.word) return false;
    if (t.lower === 'identified' || t.lower === 'named') return true;
  }
  return false;
}
