/**
 * Rules that take a capitalised run for a person's name when the gazetteer does not know it: the
 * syntax around the name (a title, an appositive, the body a person speaks for) is the evidence.
 * Called from the people step of `detectActors` (actors.ts).
 */
import type { Token } from './tokenize';

/**
 * Titles written shortened with a full stop ("Rep. Zoe Lofgren", "Gen. Thanakorn Sripaiboon", "Lt.
 * Gen. ..."): the stop is no sentence's end.
 */
const TITLE_ABBREVIATIONS = new Set([
  'Adm',
  'Amb',
  'Brig',
  'Capt',
  'Cdr',
  'Cmdr',
  'Col',
  'Cpl',
  'Dr',
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
]);

/** Whether a shortened title and its full stop stand right before `i` ("Rep. Zoe Lofgren"). */
export function titleAbbreviationBefore(tokens: readonly Token[], i: number): boolean {
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
