/**
 * The other spellings news gives a name the gazetteer holds, made by rule so a curator need not list
 * them: transliterations of people's names ("Andriy"/"Andrii", "Sergei"/"Sergey", "Zelensky"/
 * "Zelenskyy", "Qalibaf"/"Ghalibaf", "Mohammed"/"Muhammad") and the forms of organisations' names
 * ("United Nations X"/"UN X", "US X"/"United States X", "Organization"/"Organisation", "&"/"and").
 * Build time only (gazetteer-source.ts): a variant is an alias, added after every listed name, so
 * it never takes a phrase a listed actor owns.
 */

/** Spellings of one given name or particle that English news uses for the same person. */
const GIVEN_NAME_GROUPS: readonly (readonly string[])[] = [
  ['Sergey', 'Sergei', 'Sergiy'],
  ['Dmitry', 'Dmitri', 'Dmitriy'],
  ['Andrei', 'Andrey'],
  ['Andriy', 'Andrii', 'Andrij'],
  ['Alexei', 'Alexey', 'Aleksei', 'Aleksey'],
  ['Alexander', 'Aleksandr', 'Alexandr'],
  ['Yevgeny', 'Yevgeniy', 'Evgeny', 'Evgeniy', 'Yevgeni'],
  ['Yevhen', 'Yevheniy', 'Yevhenii', 'Ievgen'],
  ['Yuri', 'Yury', 'Yuriy', 'Yurii'],
  ['Nikolai', 'Nikolay'],
  ['Vasily', 'Vassily', 'Vasiliy', 'Vasili'],
  ['Valery', 'Valeri', 'Valeriy', 'Valerii'],
  ['Anatoly', 'Anatoliy', 'Anatolii'],
  ['Arkady', 'Arkadiy', 'Arkadi'],
  ['Georgy', 'Georgiy', 'Georgi'],
  ['Grigory', 'Grigoriy', 'Grigori'],
  ['Vitaly', 'Vitaliy', 'Vitalii'],
  ['Oleksiy', 'Oleksii', 'Oleksij'],
  ['Serhiy', 'Serhii'],
  ['Mykhailo', 'Mykhaylo'],
  ['Maxim', 'Maksim', 'Maksym'],
  ['Pyotr', 'Petr'],
  ['Ilya', 'Ilia'],
  ['Vadim', 'Vadym'],
  ['Vyacheslav', 'Viacheslav'],
  ['Natalia', 'Natalya'],
  ['Tatiana', 'Tatyana'],
  ['Yulia', 'Yuliya'],
  ['Ksenia', 'Kseniya'],
  ['Kyrylo', 'Kirill'],
  ['Mohammed', 'Mohammad', 'Muhammad', 'Mohamed', 'Mohamad', 'Muhammed'],
  ['Ahmed', 'Ahmad'],
  ['Mahmoud', 'Mahmud'],
  ['Hussein', 'Hussain', 'Husain'],
  ['Hossein', 'Hosein'],
  ['Abdullah', 'Abdallah'],
  ['Abdel', 'Abdul'],
  ['Khalid', 'Khaled'],
  ['Youssef', 'Yousef', 'Yusuf', 'Yousif'],
  ['Bagher', 'Baqer'],
  ['Qassem', 'Qasem', 'Ghasem'],
  ['Esmail', 'Ismail'],
  ['al', 'el'],
];

const GIVEN = new Map<string, readonly string[]>();
for (const group of GIVEN_NAME_GROUPS) for (const name of group) GIVEN.set(name, group);

/** Endings transliterated two ways: Ukrainian and Russian "-ii"/"-iy", "-sky"/"-skyy", "-ei"/"-ey". */
const ENDINGS: readonly (readonly string[])[] = [
  ['skyi', 'skyy', 'sky', 'skiy', 'skii'],
  ['zya', 'zia'],
  ['ii', 'iy'],
  ['ei', 'ey'],
];

/** The spellings of one word of a person's name, the word itself first. */
export function wordVariants(word: string): string[] {
  const out = new Set([word]);
  for (const v of GIVEN.get(word) ?? []) out.add(v);
  // Persian "Qalibaf", "Ghalibaf"; "Qaani", "Ghaani".
  if (/^Qa\p{Ll}/u.test(word)) out.add(`Gh${word.slice(1)}`);
  if (/^Gha\p{Ll}/u.test(word)) out.add(`Q${word.slice(2)}`);
  if (word.length >= 5 && /^\p{Lu}\p{Ll}+$/u.test(word)) {
    for (const group of ENDINGS) {
      const end = group.find((e) => word.endsWith(e));
      if (!end) continue;
      const stem = word.slice(0, -end.length);
      for (const e of group) out.add(stem + e);
      break;
    }
  }
  return [...out];
}

const MAX_VARIANTS = 24;

/** Every combination of the words' spellings, the phrase itself left out; at most MAX_VARIANTS. */
function combine(words: readonly string[], variantsOf: (w: string) => string[]): string[] {
  let acc: string[][] = [[]];
  for (const w of words) {
    const vs = variantsOf(w);
    const next: string[][] = [];
    for (const prefix of acc) for (const v of vs) next.push([...prefix, v]);
    acc = next.slice(0, MAX_VARIANTS + 1);
  }
  const self = words.join(' ');
  return acc.map((ws) => ws.join(' ')).filter((p) => p !== self);
}

/**
 * Other spellings of a person's name or alias ("Andriy Yermak" -> "Andrii Yermak", ...). A name
 * written family name first (Korean, Chinese) also gets its given name joined or apart: "Lee
 * Jae-myung" and "Lee Jae Myung", "Yoon Suk Yeol" and "Yoon Suk-yeol" (tokens drop the hyphen but
 * keep the case, so "Jae-myung" and "Jae Myung" are two keys).
 */
export function personVariants(name: string, familyFirst = false): string[] {
  // Hyphens and the case of "al" need none: tokens drop hyphens, and "al" is a function word.
  const out = new Set(combine(name.split(' '), (w) => hyphenParts(w, wordVariants)));
  if (familyFirst) {
    const apart = name.replace(
      /(\p{Lu}\p{Ll}*)-(\p{Ll})/gu,
      (_, a: string, b: string) => `${a} ${b.toUpperCase()}`,
    );
    if (apart !== name) out.add(apart);
    const words = name.split(' ');
    if (words.length === 3 && words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w)))
      out.add(`${words[0]} ${words[1]}-${words[2]!.toLowerCase()}`);
  }
  out.delete(name);
  return [...out];
}

/** Variants of each part of a hyphenated word ("Amir-Abdollahian"), hyphens kept. */
function hyphenParts(word: string, variantsOf: (w: string) => string[]): string[] {
  if (!word.includes('-')) return variantsOf(word);
  const parts = word.split('-');
  return combine(parts, variantsOf)
    .map((p) => p.replace(/ /g, '-'))
    .concat([word]);
}

/** Spellings of a word in organisations' names (British and American). */
const ORG_WORDS: Record<string, string> = {
  Organization: 'Organisation',
  Organisation: 'Organization',
  Center: 'Centre',
  Centre: 'Center',
  Program: 'Programme',
  Programme: 'Program',
  Defense: 'Defence',
  Defence: 'Defense',
};
/** Names whose "Defense" or "Defence" is another state's body when spelt the other way. */
const GOVERNMENT_HEADS = /^(?:Department|Ministry|Minister|Secretary|Defen[cs]e|Office|Chief)\b/;

/** Other forms of an organisation's name ("United Nations Human Rights Council" -> "UN Human Rights Council"). */
export function organizationVariants(name: string): string[] {
  const out = new Set<string>();
  const prefixes: Array<[RegExp, string[]]> = [
    [/^United Nations (?=\p{Lu})/u, ['UN ']],
    [/^UN (?=\p{Lu})/u, ['United Nations ']],
    [/^United States (?=\p{Lu})/u, ['US ']],
    [/^US (?=\p{Lu})/u, ['United States ']],
  ];
  for (const [re, subs] of prefixes) if (re.test(name)) for (const s of subs) out.add(name.replace(re, s));
  for (const v of [name, ...out]) {
    if (v.includes(' & ')) out.add(v.replace(/ & /g, ' and '));
    if (GOVERNMENT_HEADS.test(v)) continue;
    // Not the last word: "Danish Defence" is the armed forces, "Danish Defense Minister" a title.
    const words = v.split(' ');
    const swapped = words.map((w, k) => (k < words.length - 1 && ORG_WORDS[w]) || w).join(' ');
    if (swapped !== v) out.add(swapped);
  }
  out.delete(name);
  return [...out];
}

/** Bodies of a state that news names by its possessive or demonym in any number of words. */
const LEGISLATURE_HEADS = new Set([
  'Parliament',
  'National Parliament',
  'Federal Parliament',
  'National Assembly',
  'National Congress',
  'Congress',
  'Senate',
  'Federal Senate',
  'Chamber of Deputies',
  'House of Representatives',
  'Legislative Assembly',
  'Plurinational Legislative Assembly',
  'Assembly of the Republic',
]);
const ONE_WORD_BODIES = new Set(['Parliament', 'Senate', 'Congress', 'Government', 'Legislature']);

/**
 * The forms of a body named "<Body> of <State>" that put the state first ("Senate of Paraguay" ->
 * "Paraguay's Senate", "Paraguayan Senate"; "Atomic Energy Organization of Iran" -> "Iran's Atomic
 * Energy Organization"), and for a state's legislature "<State>'s parliament" and "<State>'s
 * legislature" in lower case, as news names it and writers label it. `states` maps each state's name
 * to its singular demonyms, the commonest first: only that one is used (the bundle is short of room). Not a ministry or department (their names follow ministry.ts), nor a
 * body of one word but a chamber's ("Bank of Japan" is no "Japanese Bank").
 */
export function stateFirstVariants(name: string, states: ReadonlyMap<string, readonly string[]>): string[] {
  const m = /^(\p{Lu}[^,]*?) of (?:the )?(\p{Lu}.*)$/u.exec(name);
  if (!m) return [];
  const body = m[1]!;
  const state = m[2]!;
  const demonyms = states.get(state);
  if (!demonyms || GOVERNMENT_HEADS.test(body) || body.split(' ').length > 5) return [];
  if (!body.includes(' ') && !ONE_WORD_BODIES.has(body)) return [];
  const out: string[] = [];
  const possessive = state.endsWith('s') ? undefined : `${state}'s`;
  if (possessive) out.push(`${possessive} ${body}`);
  if (demonyms[0]) out.push(`${demonyms[0]} ${body}`);
  if (possessive && LEGISLATURE_HEADS.has(body))
    out.push(`${possessive} parliament`, `${possessive} legislature`);
  return out;
}
