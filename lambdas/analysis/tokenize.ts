/**
 * Word tokens with the facts actor and topic rules need: a case-kept matching key, capitalisation,
 * sentence and paragraph starts. Hyphens are dropped from the stream ("Putin-Kim" gives two tokens,
 * "al-Assad" and "al Assad" match alike) and a possessive "'s" is its own token.
 */
export interface Token {
  /** Text as written. */
  text: string;
  /** Matching key: accents stripped, curly quotes straightened, dots of "U.S." removed. */
  key: string;
  /** Lower-cased key. */
  lower: string;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Every letter upper-case (two letters at least): acronyms like "IAEA". */
  caps: boolean;
  /** Is a word (letters or digits) rather than punctuation. */
  word: boolean;
  /** First word of a sentence (or of the title). */
  sentStart: boolean;
  /** A hyphen joined it to the previous token. */
  hyphen: boolean;
  /** Index of the paragraph it sits in (0 for the title). */
  para: number;
  /** Offset of its first character in the text it was tokenized from. */
  start: number;
}

// Abbreviations (U.S., U.N.), words with inner apostrophes (O'Brien), a possessive 's, or any
// other single non-space character.
// Sticky: tokenize skips white space itself and asks for the token at a position with `test`, which
// makes no match object (exec's were about a seventh of what analysis allocates). A token starts at
// every character that is not white space (the last branch), so exec would find the same ones.
const TOKEN_RE =
  /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’](?![sS](?![\p{L}\p{N}]))[\p{L}\p{M}\p{N}]+)*|['’][sS](?![\p{L}\p{N}])|\S/uy;
const WORDISH = /^[\p{L}\p{N}]/u;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const DIACRITICS = /[\u0300-\u036f]/g;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '"', '“', '”']);
/**
 * Titles written shortened with a full stop ("Rep. Zoe Lofgren", "Lt. Gen. ..."): the stop ends no
 * sentence, and a name follows it (person-rules.ts).
 */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Adm',
  'Amb',
  'Brig',
  'Capt',
  'Cdr',
  'Cmdr',
  'Col',
  'Cpl',
  'Dr',
  'Engr',
  'Gen',
  'Gov',
  'Hon',
  'Lt',
  'Maj',
  'Mr',
  'Mrs',
  'Ms',
  'Prof',
  'Pvt',
  'Rep',
  'Rev',
  'Sen',
  'Sgt',
  'Smt',
  'Ven',
]);
// Other abbreviations that end with a dot but do not end a sentence.
const NO_BREAK_AFTER = new Set([...TITLE_ABBREVIATIONS, 'St', 'Jr', 'Sr', 'No', 'Vol']);

export function normaliseKey(text: string): string {
  // ASCII has no accents to strip and no curly quote: most words skip the normalising.
  let k = isAscii(text) ? text : text.normalize('NFKD').replace(DIACRITICS, '').replace(/’/g, "'");
  if (k.length > 2 && k.includes('.')) k = k.replace(/\./g, '');
  return k;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Whether a UTF-16 code unit is white space as a regular expression's \s reads it. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether a character code is an ASCII letter or digit; for others ask the Unicode classes. */
function wordStart(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORDISH.test(raw);
}

function upperStart(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(raw);
}

/** Whether a word has a lower-case letter. */
function hasLower(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c > 127) return HAS_LOWER.test(raw);
  }
  return false;
}

/** Whether the gap text[from, to) between two tokens holds a blank line ("\n\n"). */
function newParagraph(text: string, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++)
    if (text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) === 10) return true;
  return false;
}

/** Whether a character code is an ASCII letter or digit. */
function asciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * The end of the token TOKEN_RE finds at `at` when the text there is plain ASCII that settles it
 * (a run of letters and digits, or one punctuation mark), or -1 to ask TOKEN_RE: most tokens are
 * such, and the expression costs more than the loop.
 */
function asciiTokenEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c > 127 || c === 39) return -1;
  if (!asciiWordChar(c)) return at + 1;
  let end = at + 1;
  while (end < text.length && asciiWordChar(text.charCodeAt(end))) end++;
  const next = text.charCodeAt(end);
  // Past the run a letter, a mark or an apostrophe may go on with it; a capital and a full stop may
  // open an abbreviation ("U.S.").
  if (next > 127 || next === 39 || (next === 46 && end === at + 1 && c >= 65 && c <= 90)) return -1;
  return end;
}

/** Tokenizes one block of text; `para` numbers paragraphs from `firstPara`. */
export function tokenize(text: string, firstPara = 0): Token[] {
  const out: Token[] = [];
  let para = firstPara;
  let sentStart = true;
  let hyphenPending = false;
  let lastEnd = 0;
  const len = text.length;
  for (let pos = 0; ; ) {
    while (pos < len && isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= len) break;
    const at = pos;
    pos = asciiTokenEnd(text, at);
    // Letters and digits of ASCII alone: a key as written (normaliseKey would return them unchanged).
    const plain = pos >= 0;
    if (!plain) {
      TOKEN_RE.lastIndex = at;
      // No token here only at white space isSpace missed: step over it, as a search would.
      if (!TOKEN_RE.test(text)) {
        pos = at + 1;
        continue;
      }
      pos = TOKEN_RE.lastIndex;
    }
    const raw = text.slice(at, pos);
    const joined = at === lastEnd;
    if (!joined && at - lastEnd >= 2 && newParagraph(text, lastEnd, at)) {
      para++;
      sentStart = true;
      hyphenPending = false;
    }
    lastEnd = pos;
    if (raw === '-' || raw === '‐' || raw === '‑') {
      hyphenPending = joined;
      continue;
    }
    const word = wordStart(raw);
    if (!word && raw !== "'s" && raw !== '’s' && raw !== "'S") {
      // Punctuation: remember sentence ends, keep commas and others as tokens for context rules.
      const prev = out[out.length - 1];
      if (SENTENCE_END.has(raw) && !(raw === '.' && prev && NO_BREAK_AFTER.has(prev.text))) sentStart = true;
      out.push({
        text: raw,
        key: raw,
        lower: raw,
        cap: false,
        caps: false,
        word: false,
        sentStart: false,
        hyphen: false,
        para,
        start: at,
      });
      hyphenPending = false;
      continue;
    }
    const key = plain ? raw : normaliseKey(raw);
    const cap = upperStart(raw);
    out.push({
      text: raw,
      key: raw === '’s' ? "'s" : key,
      lower: key.toLowerCase(),
      cap,
      caps: cap && raw.length >= 2 && !hasLower(raw),
      word,
      sentStart,
      hyphen: hyphenPending && joined,
      para,
      start: at,
    });
    sentStart = false;
    hyphenPending = false;
  }
  return out;
}
