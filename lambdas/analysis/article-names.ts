/**
 * The name an organisation or a person is given in one article's analysis: the form the article itself uses
 * (docs/analysis.md, "Naming"). The gazetteer keeps one canonical name per actor, and the actor's id
 * stays the canonical one (the store, the digest and the actor pages key on it); but writers name a
 * body as the article names it ("KFOR", "AFRICOM", "Tasnim"), listing its other forms as aliases, so
 * a canonical form the article never uses ("Kosovo Force") matches only by luck.
 *
 * So an organisation is named by its canonical name when the article uses it, otherwise by the
 * fullest of the registered forms (name, alias, acronym, or a spelling made from one by rule) the
 * article writes: the one of most words, the first written on a tie. No candidate: a form that
 * describes rather than names ("UN nuclear watchdog", "NATO-led Kosovo Force": a lower-case word);
 * one that names it through a possessive ("Iran's Atomic Energy Organization") or places it by a
 * state the canonical name does not hold ("Joint Chiefs of Staff in Seoul"; a demonym that opens the
 * form is kept, "Nigerian Armed Forces", as the blind sets' writers name bodies); a nickname of one word that is no acronym and does not start as the name
 * does ("Brussels" for the European Union, "Daesh"); the name's other number or its party's
 * adjective ("Houthi", "Democrats"). States keep their canonical names, which writers follow, and so
 * do ministries, which ministry.ts names by rule. A person is named by the canonical name when the
 * article writes it, else by the fullest full name it writes (`personName`).
 */
import { FUNCTION_WORDS } from './gazetteer';
import { type Token, tokenize } from './tokenize';

/** One mention of a gazetteer organisation: its tokens `pos` to `end`. */
export interface WrittenSpan {
  pos: number;
  end: number;
}

// A module constant: esbuild writes a \p{...} expression as `new RegExp(...)`, a new object per call in a function.
const NUMBER_START = /^\p{N}/u;

/** The words of a form, lower-cased, without accents, dots or hyphens ("Médecins Sans-Frontières" as "medecins sans frontieres"). */
function formKey(tokens: readonly Token[]): string {
  // A loop, not filter/map/join: map's array is holey in the interpreter and packed once V8 has
  // compiled the function, and the join after it threw the compiled code away.
  let key = '';
  for (const t of tokens) if (t.word) key = key ? `${key} ${t.lower}` : t.lower;
  return key.replace(/^the /, '');
}

/** A name's word tokens and its form key, by name: made once per process, not per article. */
const nameForms = new Map<string, { words: Token[]; key: string }>();
const NAME_FORMS_MAX = 20_000;

function nameForm(name: string): { words: Token[]; key: string } {
  let form = nameForms.get(name);
  if (form === undefined) {
    const tokens = tokenize(name);
    form = { words: tokens.filter((t) => t.word), key: formKey(tokens) };
    if (nameForms.size < NAME_FORMS_MAX) nameForms.set(name, form);
  }
  return form;
}

/** A canonical name's form key. */
const ownKey = (canonical: string): string => nameForm(canonical).key;

/** What naming needs of the gazetteer: its states' one-word names, and the lexicon's capitalised adjectives. */
export interface NamingWords {
  /** Whether the token at `k` names a state (its name, demonym or capital). */
  namesState(tokens: readonly Token[], k: number): boolean;
  /** The end of a state's name or a capital written from `k`, if one is. */
  placeEnd(tokens: readonly Token[], k: number): number | undefined;
  capAdjectives: ReadonlySet<string>;
}

/** Whether a span's words name the body whose canonical name has the words `own` (see the module comment). */
function namesBody(
  all: readonly Token[],
  s: WrittenSpan,
  own: string,
  canonical: string,
  words: NamingWords,
): boolean {
  const ownWords = new Set(own.split(' '));
  const tokens = all.slice(s.pos, s.end);
  let k = 0;
  for (const [i, t] of tokens.entries()) {
    // "Iran's Atomic Energy Organization", "South Korea's Joint Chiefs of Staff" name it through a
    // place; a possessive that opens the name and is no state's is part of it ("People's Liberation
    // Army Rocket Force").
    if (t.lower === "'s" && (i !== 1 || !tokens[0]!.cap || words.namesState(all, s.pos))) return false;
    if (!t.word) continue;
    if (!t.cap && !FUNCTION_WORDS.has(t.lower) && !NUMBER_START.test(t.text)) return false;
    // A state that opens the form names the body as writers do ("Russian Foreign Intelligence
    // Service", "Nigerian Armed Forces", "US Army ..."); one after it places it ("... in Seoul"),
    // unless it is the name's closing "of <State>" ("Aviation Industry Corporation of China").
    if (
      k > 0 &&
      !ownWords.has(t.lower) &&
      words.namesState(all, s.pos + i) &&
      !(tokens[i - 1]?.lower === 'of' && i === tokens.length - 1)
    )
      return false;
    k++;
  }
  if (k !== 1) return true;
  const t = tokens.find((x) => x.word)!;
  const single = t.text.endsWith('s') ? t.text.slice(0, -1) : t.text;
  if (words.capAdjectives.has(single) || own === `${t.lower}s` || t.lower === `${own}s`) return false;
  return t.caps || t.lower[0] === canonical.replace(/^The /, '').normalize('NFKD').toLowerCase()[0];
}

/** A form as the gazetteer spells it: the article's words, a function word after the first in lower case ("Panel Of Experts" in a headline). */
function spelt(tokens: readonly Token[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    const text = i > 0 && t.word && FUNCTION_WORDS.has(t.lower) && t.lower !== 'al' ? t.lower : t.text;
    const prev = tokens[i - 1];
    if (!out) out = text;
    else if (t.hyphen) out += `-${text}`;
    else if (t.lower === "'s" || t.text === ',' || t.text === '.') out += text;
    // "RFE/RL", "Greens/EFA": a slash written without spaces.
    else if ((t.text === '/' || prev!.text === '/') && prev!.start + prev!.text.length === t.start)
      out += text;
    else out += ` ${text}`;
  });
  return out;
}

/** The tokens from `pos` that hold its next `count` words, in one paragraph. */
function wordsFrom(tokens: readonly Token[], pos: number, count: number): Token[] {
  let k = pos;
  for (let seen = 0; k < tokens.length && seen < count && tokens[k]!.para === tokens[pos]!.para; k++)
    if (tokens[k]!.word) seen++;
  return tokens.slice(pos, k);
}

/**
 * The canonical name, or the article's form of it where that joins its words otherwise ("Beltran
 * Leyva Organization" for "Beltrán-Leyva Organization"): writers copy the article's hyphens, and the
 * scorer, lenient on case, accents and dots, is not on hyphens.
 */
function hyphenedAs(canonical: string, span: readonly Token[]): string {
  const own = nameForm(canonical).words;
  const written = span.filter((t) => t.word);
  return written.length === own.length && written.some((t, i) => i > 0 && t.hyphen !== own[i]!.hyphen)
    ? spelt(span)
    : canonical;
}

/**
 * Whether the article writes the canonical name (words `own`) on past a form (words `key`) matched at
 * `pos`, in any case: "Ferdinand Marcos Jr," with no stop, "the Tasnim news agency".
 */
const writtenOn = (tokens: readonly Token[], pos: number, key: string, own: string): boolean =>
  own.startsWith(`${key} `) && formKey(wordsFrom(tokens, pos, own.split(' ').length)) === own;

/**
 * Walks `spans` in the order the article writes them. `judge` answers a name, which ends the walk
 * and is the answer, or whether the span is a candidate; the answer otherwise is the candidate of
 * most words, the first written on a tie (none when no span is one).
 */
function fullestForm(
  tokens: readonly Token[],
  spans: readonly WrittenSpan[],
  judge: (span: Token[], s: WrittenSpan) => string | boolean,
): string | { span: Token[] | undefined; words: number } {
  let best: Token[] | undefined;
  let bestWords = 0;
  for (const s of [...spans].sort((a, b) => a.pos - b.pos)) {
    const span = tokens.slice(s.pos, s.end);
    const verdict = judge(span, s);
    if (typeof verdict === 'string') return verdict;
    if (!verdict) continue;
    const count = span.filter((t) => t.word).length;
    if (count > bestWords) {
      best = span;
      bestWords = count;
    }
  }
  return { span: best, words: bestWords };
}

/** Whether a form written at `pos` opens with "Department" (after "the"). */
const departmentAt = (tokens: readonly Token[], pos: number): boolean =>
  tokens[tokens[pos]?.lower === 'the' ? pos + 1 : pos]?.text === 'Department';

/**
 * The name for an organisation whose canonical name is `canonical`, written at `spans` of `tokens`
 * (each span a gazetteer match of one of its forms, a prefix the article writes before it included).
 */
export function articleName(
  canonical: string,
  tokens: readonly Token[],
  spans: readonly WrittenSpan[],
  words: NamingWords,
): string {
  // A ministry by its canonical name, unless the article calls it a department ("the Department of
  // National Defence"): writers name that as written, or list it beside the canonical name.
  if (
    spans.length === 0 ||
    (/\bMinistry\b/.test(canonical) && !spans.some((s) => departmentAt(tokens, s.pos)))
  )
    return canonical;
  const own = ownKey(canonical);
  const found = fullestForm(tokens, spans, (span, s) => {
    // "the Russian Pacific Fleet": the canonical name with its state before it is the canonical name.
    const key = formKey(span);
    if (key === own) return hyphenedAs(canonical, span);
    if (
      writtenOn(tokens, s.pos, key, own) ||
      (key.endsWith(` ${own}`) &&
        words.namesState(tokens, s.pos) &&
        key.split(' ').length === own.split(' ').length + 1)
    )
      return canonical;
    return namesBody(tokens, s, own, canonical, words);
  });
  if (typeof found === 'string') return found;
  return found.span ? spelt(found.span) : canonical;
}

/** Titles of rulers and their houses the lexicon's roles leave out ("Sultan Haitham bin Tariq"). */
const COURT_TITLES = new Set(['sultan', 'sayyid']);

/**
 * The name for a person whose canonical name is `canonical`, written in full (two words or more) at
 * `spans` of `tokens`: the canonical name when the article writes it, otherwise the fullest form it
 * writes (the one of most words, the first written on a tie), as writers label a person by the
 * article's spelling ("Abbas Araqchi", "Vassily Nebenzia", "Tore O. Sandvik" for the gazetteer's
 * "Abbas Araghchi", "Vasily Nebenzya", "Tore Sandvik"). A form that opens with a title the canonical
 * name does not ("Ayatollah Khamenei", "Sheikh Tamim") names no one on its own.
 */
export function personName(
  canonical: string,
  tokens: readonly Token[],
  spans: readonly WrittenSpan[],
  titles: ReadonlySet<string>,
): string {
  if (spans.length === 0) return canonical;
  const own = ownKey(canonical);
  const first = own.split(' ')[0];
  const found = fullestForm(tokens, spans, (span, s) => {
    const key = formKey(span);
    // "Ferdinand Marcos Jr,": the canonical name written on past the form the gazetteer matched.
    if (key === own) return hyphenedAs(canonical, span);
    if (writtenOn(tokens, s.pos, key, own)) return canonical;
    const lead = key.split(' ')[0]!;
    return lead === first || !(titles.has(lead) || COURT_TITLES.has(lead));
  });
  if (typeof found === 'string') return found;
  return found.span && found.words > 1 ? spelt(found.span) : canonical;
}

/**
 * "The US Embassy in Phnom Penh": an embassy (a name ending in "Embassy") the article places in a
 * capital or a state right after its name is named with the place, as writers name it: the spent
 * blind sets' writers did so for each of the 6 embassies their articles placed so.
 */
export function placedEmbassy(name: string, tokens: readonly Token[], words: NamingWords): string {
  if (!name.endsWith(' Embassy')) return name;
  const want = nameForm(name).words;
  for (let i = want.length - 1; i + 2 < tokens.length; i++) {
    if (tokens[i]!.text !== 'Embassy' || tokens[i + 1]!.text !== 'in' || !tokens[i + 2]!.cap) continue;
    if (!want.every((w, j) => tokens[i - want.length + 1 + j]!.key === w.key)) continue;
    const end = tokens[i + 2]!.para === tokens[i]!.para ? words.placeEnd(tokens, i + 2) : undefined;
    if (end !== undefined) return `${name} in ${spelt(tokens.slice(i + 2, end))}`;
  }
  return name;
}

/** A company's legal form after its name ("Inc.", "LLC", "Co., Ltd.", "Sdn Bhd", "L.P."). */
const LEGAL_FORMS = new Set([
  'Inc',
  'LLC',
  'Ltd',
  'Limited',
  'Corp',
  'Co',
  'PLC',
  'GmbH',
  'AG',
  'SA',
  'LP',
  'Pty',
  'Sdn',
  'Bhd',
  'JSC',
  'PJSC',
  'DMCC',
  'FZE',
  'FZCO',
]);

/** Legal forms written shortened, whose stop is theirs ("Inc.", not "Limited."). */
const SHORT_FORMS = new Set(['Inc', 'Ltd', 'Corp', 'Co']);

/** Runs of legal forms in one article: [start, end) of tokens, each run right after a word. */
const legalRuns = new WeakMap<readonly Token[], Array<[number, number]>>();

function legalFormRuns(tokens: readonly Token[]): Array<[number, number]> {
  let runs = legalRuns.get(tokens);
  if (runs) return runs;
  runs = [];
  for (let i = 1; i < tokens.length; i++) {
    // "Co-founder": a word of its own.
    if (!LEGAL_FORMS.has(tokens[i]!.key) || !tokens[i]!.cap || tokens[i + 1]?.hyphen) continue;
    // From the word before: an optional comma, then forms, each with its stop and a comma between.
    let p = i;
    if (tokens[p - 1]!.text === ',') p--;
    if (p === 0 || !tokens[p - 1]!.word || LEGAL_FORMS.has(tokens[p - 1]!.key)) continue;
    let q = i;
    for (;;) {
      if (LEGAL_FORMS.has(tokens[q]?.key ?? '') && tokens[q]!.cap && tokens[q]!.para === tokens[i]!.para) q++;
      else if (tokens[q]?.text === '.' && SHORT_FORMS.has(tokens[q - 1]!.key)) q++;
      else if (tokens[q]?.text === ',' && LEGAL_FORMS.has(tokens[q + 1]?.key ?? '')) q++;
      else break;
    }
    runs.push([p, q]);
    i = q;
  }
  legalRuns.set(tokens, runs);
  return runs;
}

/**
 * "Palantir USA Inc.", "Arvenza Trading SA", "... Petrochemical Co., Ltd.": a company the article
 * names with its legal form is named with it, as written. Writers keep the form the article writes
 * (on the spent blind sets 13 of the 14 companies their articles wrote so, on the corpus 8 of 8),
 * while the analyzer's id and its own name for the body leave it out.
 */
export function withLegalForm(name: string, tokens: readonly Token[]): string {
  const runs = legalFormRuns(tokens);
  if (runs.length === 0) return name;
  const want = nameForm(name).words;
  // "Shandong Shouguang Luqing Petrochemical Co" for "... Co., Ltd.": a name that ends in a form.
  const ownForm = want.length > 1 && LEGAL_FORMS.has(want.at(-1)!.key) ? 1 : 0;
  for (const [p, q] of runs) {
    const at = p - want.length + ownForm;
    if (at < 0 || !want.every((w, j) => tokens[at + j]!.key === w.key && tokens[at + j]!.word)) continue;
    const form = spelt(tokens.slice(at + want.length, q));
    if (!form) continue;
    return /^[.,]/.test(form) ? `${name}${form}` : `${name} ${form}`;
  }
  return name;
}
