/**
 * How a state's ministry is named (training/LABELLING.md): "<Demonym> <Department> Ministry" for
 * a department named by one common word ("Israeli Defense Ministry" for "Israel's Ministry of
 * Defence", "the Israeli defense ministry", "Ministry of Defense of Israel"); any other department
 * as written after the demonym ("Indian Ministry of External Affairs"). The analyzer and the label
 * normaliser name ministries with the same function.
 */

/** Department words as the canonical name has them. */
const DEPT_CANON: Record<string, string> = {
  Defence: 'Defense',
  'National Defense': 'Defense',
  'National Defence': 'Defense',
  'Foreign Affairs': 'Foreign',
  'Internal Affairs': 'Interior',
  'Home Affairs': 'Interior',
};

/** Departments named by one common word: "<Demonym> <Dept> Ministry". */
const PLAIN_DEPTS = new Set([
  'Defense',
  'Foreign',
  'Interior',
  'Health',
  'Justice',
  'Finance',
  'Transport',
  'Commerce',
  'Economy',
  'Trade',
  'Education',
  'Energy',
  'Information',
  'Agriculture',
  'Culture',
  'Intelligence',
]);

const SMALL_WORDS = new Set(['of', 'and', 'for', 'the', 'on', 'in']);
const titleCase = (w: string) => (SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1));

/** The department a ministry's words name ("foreign affairs" -> "Foreign"), title-cased. */
export function canonicalDept(words: readonly string[]): string {
  // A loop, not map(): see TopicModel.calibrate.
  let d = '';
  for (let i = 0; i < words.length; i++) d += i > 0 ? ` ${titleCase(words[i]!)}` : titleCase(words[i]!);
  d = d.replaceAll(' ,', ',');
  // "National Defence and Veterans Affairs", "Foreign Affairs and International Cooperation": a
  // department written in two words that is a plain one, then "and" another, is named by the first
  // ("Information and Broadcasting" stays as written).
  const and = d.indexOf(' and ');
  return DEPT_CANON[d] ?? (and > 0 ? DEPT_CANON[d.slice(0, and)] : undefined) ?? d;
}

/**
 * A state's ministry by the demonym and the department's words. `written` is the department as
 * the article writes it after "Ministry of" ("External Affairs"), used when it is no plain one.
 */
export function ministryName(demonym: string | undefined, deptWords: readonly string[]): string | undefined {
  const dept = canonicalDept(deptWords);
  if (!dept) return undefined;
  const plain = PLAIN_DEPTS.has(dept);
  if (!demonym) return plain ? `${dept} Ministry` : `Ministry of ${dept}`;
  return plain ? `${demonym} ${dept} Ministry` : `${demonym} Ministry of ${dept}`;
}

/** Lower-case department words that may open a ministry written in lower case ("the foreign ministry"). */
export const LOWER_DEPT_WORDS = new Set([
  'defense',
  'defence',
  'foreign',
  'interior',
  'health',
  'justice',
  'finance',
  'transport',
  'commerce',
  'economy',
  'trade',
  'education',
  'energy',
  'information',
  'agriculture',
  'culture',
  'intelligence',
]);
