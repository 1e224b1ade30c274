/**
 * Whether an acronym an article writes in brackets after a name is that name's own: made of the
 * name's initials as real acronyms are, in the name's order or, for a name translated from the
 * language its acronym was made in, in another order.
 */

/** Small words an acronym may leave out ("Party of Action and Solidarity", "Frente de Todos"). */
const SMALL_WORDS = new Set([
  'of',
  'and',
  'the',
  'for',
  'on',
  'in',
  'at',
  'to',
  'de',
  'del',
  'des',
  'du',
  'da',
  'do',
  'dos',
  'di',
  'la',
  'le',
  'les',
  'los',
  'las',
  'el',
  'al',
  'y',
  'e',
  'et',
  'und',
  'der',
  'fur',
  '&',
]);
// Module constants: esbuild writes a \p{...} expression as `new RegExp(...)`, a new object per call in a function.
const UPPER_START = /^\p{Lu}/u;
const LETTER_START = /^[\p{L}&]/u;
/** Letters an acronym may take from the start of one word ("Lumut Naval Shipyard", "LUNAS"). */
const MAX_LETTERS_PER_WORD = 3;

const plain = (w: string) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/**
 * Whether `acronym` (capitals, "BRN") is the acronym of `words` (the name's words as written,
 * "Barisan Revolusi Nasional"): every capitalised word gives the acronym one to three letters of its
 * start, in order, and a small word gives its initial or nothing; or, three letters or more, the
 * initials of the capitalised words in another order ("Intelligence and Security Service", "SIS";
 * "National Defence Force of Burundi", "FDNB").
 */
export function definesAcronym(acronym: string, words: readonly string[]): boolean {
  const acr = plain(acronym)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  if (acr.length < 2) return false;
  const ws = words
    .map((w) => plain(w).replace(/['’]s$/i, ''))
    .filter((w) => LETTER_START.test(w))
    .map((w) => ({ up: w.toUpperCase(), small: SMALL_WORDS.has(w.toLowerCase()) && !UPPER_START.test(w) }));
  if (!ws.length || ws[0]!.small) return false;
  if (inOrder(acr, ws, 0, 0)) return true;
  const initials = ws.filter((w) => !w.small).map((w) => w.up[0]!);
  return acr.length >= 3 && initials.length === acr.length && sorted(initials) === sorted([...acr]);
}

function inOrder(
  acr: string,
  ws: ReadonlyArray<{ up: string; small: boolean }>,
  a: number,
  w: number,
): boolean {
  if (w === ws.length) return a === acr.length;
  const word = ws[w]!;
  if (word.small && inOrder(acr, ws, a, w + 1)) return true;
  const most = word.small ? 1 : Math.min(MAX_LETTERS_PER_WORD, word.up.length);
  for (let k = 1; k <= most && a + k <= acr.length; k++) {
    if (word.up[k - 1] !== acr[a + k - 1]) break;
    if (inOrder(acr, ws, a + k, w + 1)) return true;
  }
  return false;
}

const sorted = (letters: readonly string[]) => [...letters].sort().join('');
