/**
 * Sentence splitting shared by the feeds summary and the analysis evidence: a sentence ends at
 * ".", "!" or "?" (closing quotes and brackets kept) before a capital or a digit, except after an
 * abbreviation or an initial ("Gen. Mark Milley", "George W. Bush").
 */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt sgt adm cmdr sen rep gov pres amb st jr sr rev fr ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec no nos vol inc corp co ltd vs etc approx est dept fig ' +
    'u.s u.n u.k e.u a.m p.m i.e e.g'
  ).split(' '),
);
// Module constants: esbuild writes a \p{...} expression as `new RegExp(...)`, a new object per call in a function.
const ONE_LETTER = /^\p{L}$/u;
const LAST_WORD = /([\p{L}.]+)$/u;

/** Start and end offsets (end exclusive, surrounding space trimmed) of each sentence of `text`. */
export function sentenceSpans(text: string, max = Number.POSITIVE_INFINITY): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[.!?]+["'”’)\]]*\s+(?=["“‘'([]?[\p{Lu}\p{N}])|\n\s*\n/gu;
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push([s, e]);
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (out.length >= max) return out;
    if (m[0][0] === '.') {
      // Only the last word matters; a bounded slice keeps this linear on huge paragraphs.
      const lastWord = wordBefore(text, Math.max(start, m.index - 40), m.index).toLowerCase();
      if (ABBREVIATIONS.has(lastWord.replace(/\.$/, '')) || ONE_LETTER.test(lastWord)) continue;
    }
    const end = m.index + m[0].trimEnd().length;
    push(start, end);
    start = m.index + m[0].length;
  }
  if (out.length < max) push(start, text.length);
  return out;
}

/**
 * The letters and dots that end text[from, to) (`([\p{L}.]+)$` of that slice): a scan back over ASCII,
 * the expression itself when it meets any other character.
 */
function wordBefore(text: string, from: number, to: number): string {
  let i = to;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c >= 128) return text.slice(from, to).match(LAST_WORD)?.[1] ?? '';
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46)) break;
    i--;
  }
  return text.slice(i, to);
}

/** Sentences of one paragraph, at most `max`. */
export function splitSentences(paragraph: string, max = Number.POSITIVE_INFINITY): string[] {
  return sentenceSpans(paragraph, max).map(([s, e]) => paragraph.slice(s, e));
}
