/**
 * `npm run labels [-- --check]`: brings the actor labels of our labelled sets (training/corpus/ and
 * test/fixtures/analysis/{labelled,holdout}.jsonl) to the conventions of training/LABELLING.md where
 * writers disagreed. Labels only: every other field of a line, the article text above all, stays
 * byte for byte, and a changed line keeps its writer's JSON layout. Never run on the blind sets or
 * ../shared/analysis.
 *
 * 1. Canonical names: an actor labelled under another spelling or form of a name the gazetteer
 *    knows ("Sergei Shoigu", "DR Congo", "National Security Agency" when the canonical name is
 *    another) is labelled under the canonical name, the form used kept as an alias.
 * 2. "X administration" is the United States: an organisation labelled "Biden administration", or a
 *    president the article names only in "the Biden administration", becomes an alias of the
 *    United States.
 * 4. Ministries as "<Demonym> <Department> Ministry" (lambdas/analysis/ministry.ts): "Ministry of
 *    Foreign Affairs of Azerbaijan" and "Taiwan Ministry of National Defense" are labelled
 *    "Azerbaijani Foreign Ministry" and "Taiwanese Defense Ministry", the form used kept as an alias.
 * 5. A state is counted wherever the reporting names it: a state whose name (not a demonym or a
 *    capital) stands on its own in the article's text (title and body, without footer, bio or
 *    comments; not inside a longer capitalised name such as "Gulf of Thailand" or "Israel Defense
 *    Forces", nor in a compound such as "Soviet-era") is labelled when it was not.
 * 3. Second topics re-judged by the rule of LABELLING.md (training/topic-judgments.json): where the
 *    writers disagreed most (diplomacy and military cooperation as a second topic), articles were
 *    read again, without the model's output, and judged by the rule; "add" lists a topic the
 *    article reports on, "optional" moves a topic it only touches to topics_optional.
 *
 * Prints each change (file, article, what); `--check` changes nothing and fails when a change is due.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutArticle } from '../lambdas/analysis/article-cut';
import { gazetteerFromSources } from '../lambdas/analysis/gazetteer-source';
import { ministryName } from '../lambdas/analysis/ministry';
import { recordInput } from '../lambdas/analysis/record';
import { normName } from '../lambdas/analysis/score';
import type { ActorType } from '../lambdas/shared/types';

export interface GoldActor {
  name: string;
  type: ActorType;
  aliases?: string[];
}

interface Line {
  id: string;
  title: string;
  html?: string;
  text?: string;
  actors: GoldActor[];
  topics?: string[];
  topics_optional?: string[];
}

/** A second topic re-judged by the labelling rule. */
export interface TopicJudgment {
  id: string;
  topic: string;
  change: 'add' | 'optional';
}

export function topicJudgments(root: string): Map<string, TopicJudgment[]> {
  const list = JSON.parse(
    readFileSync(join(root, 'training', 'topic-judgments.json'), 'utf8'),
  ) as TopicJudgment[];
  const out = new Map<string, TopicJudgment[]>();
  for (const j of list) out.set(j.id, [...(out.get(j.id) ?? []), j]);
  return out;
}

/** Applies an article's topic judgments to its topics in place; returns what changed. */
export function applyTopicJudgments(line: Line, judgments: readonly TopicJudgment[] = []): string[] {
  const changes: string[] = [];
  const topics = line.topics ?? [];
  const optional = line.topics_optional ?? [];
  for (const j of judgments) {
    if (j.change === 'add') {
      if (topics.includes(j.topic)) continue;
      if (topics.length < 3) {
        topics.push(j.topic);
        const at = optional.indexOf(j.topic);
        if (at >= 0) optional.splice(at, 1);
        changes.push(`topic ${j.topic} added`);
      } else if (!optional.includes(j.topic)) {
        optional.push(j.topic);
        changes.push(`topic ${j.topic} optional (three topics already)`);
      }
    } else {
      const at = topics.indexOf(j.topic);
      // The main topic stays: the judgments are about second topics.
      if (at <= 0) continue;
      topics.splice(at, 1);
      if (!optional.includes(j.topic)) optional.push(j.topic);
      changes.push(`topic ${j.topic} -> optional`);
    }
  }
  if (changes.length) {
    line.topics = topics;
    line.topics_optional = optional;
  }
  return changes;
}

/** US presidents whose administrations the sets name. */
const PRESIDENTS = new Map([
  ['Trump', 'Donald Trump'],
  ['Biden', 'Joe Biden'],
  ['Obama', 'Barack Obama'],
  ['Bush', 'George W. Bush'],
  ['Clinton', 'Bill Clinton'],
  ['Reagan', 'Ronald Reagan'],
  ['Carter', 'Jimmy Carter'],
  ['Nixon', 'Richard Nixon'],
]);
const ADMINISTRATION =
  /^(?:the )?(?:(?:first|second|outgoing|incoming|new) )?(\p{Lu}\p{L}+)(?:['’]s)? administration$/iu;

/** Canonical name of each spelling the gazetteer knows, by type; a spelling two actors share is left out. */
export function canonicalNames(): Map<string, string> {
  const src = gazetteerFromSources();
  const byKey = new Map<string, Set<string>>();
  const put = (name: string, canonical: string, type: ActorType) => {
    const key = `${type}|${normName(name)}`;
    const set = byKey.get(key) ?? new Set();
    set.add(canonical);
    byKey.set(key, set);
  };
  // The gazetteer's sources, read again for the aliases (the compiled trie keeps no spellings).
  const data = (f: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, '..', 'lambdas', 'analysis', 'data', f), 'utf8'));
  for (const s of data('states.json') as Array<{ name: string; aliases: string[] }>) {
    put(s.name, s.name, 'state');
    for (const a of s.aliases) put(a, s.name, 'state');
  }
  for (const [, name, aliases, kind] of data('organizations.json') as Array<
    [string, string, string[], string?]
  >) {
    const type: ActorType = kind === 'state' ? 'state' : 'organization';
    put(name, name, type);
    for (const a of aliases) put(a, name, type);
  }
  for (const [name, , aliases] of data('people.json') as Array<[string, string, string[]]>) {
    put(name, name, 'person');
    for (const a of aliases) put(a, name, 'person');
  }
  const out = new Map<string, string>();
  for (const [key, set] of byKey) if (set.size === 1) out.set(key, [...set][0]!);
  // Only names the analyzer can give: an actor the sources define.
  const known = new Set(src.actors.map((a) => a.name));
  for (const [key, name] of out) if (!known.has(name)) out.delete(key);
  return out;
}

const plainText = (l: Line) =>
  `${l.title}\n${(l.html ?? l.text ?? '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&')}`;

/** Gives a label its canonical name, keeping the old one as an alias; says what changed. */
function rename(a: GoldActor, canonical: string): string {
  const change = `"${a.name}" -> "${canonical}"`;
  const old = a.name;
  a.name = canonical;
  a.aliases = (a.aliases ?? []).filter((x) => normName(x) !== normName(canonical));
  addAlias(a, old);
  return change;
}

function addAlias(a: GoldActor, ...names: string[]) {
  const have = new Set([a.name, ...(a.aliases ?? [])].map(normName));
  for (const n of names) {
    if (have.has(normName(n))) continue;
    a.aliases = [...(a.aliases ?? []), n];
    have.add(normName(n));
  }
}

/** The changes one article's labels need, applied to `actors` in place; returns what changed. */
export function normalizeActors(line: Line, canonical: Map<string, string>): string[] {
  const changes: string[] = [];
  const actors = line.actors;
  // 1. Canonical names.
  for (const a of actors) {
    const c = canonical.get(`${a.type}|${normName(a.name)}`);
    if (!c || normName(c) === normName(a.name)) continue;
    changes.push(rename(a, c));
  }
  // Two labels that are now one actor: one label, all forms.
  for (let i = 0; i < actors.length; i++) {
    for (let j = actors.length - 1; j > i; j--) {
      const a = actors[i]!;
      const b = actors[j]!;
      if (a.type !== b.type || normName(a.name) !== normName(b.name)) continue;
      addAlias(a, ...(b.aliases ?? []));
      actors.splice(j, 1);
      changes.push(`"${b.name}" labelled twice: merged`);
    }
  }
  // 2. "X administration" is the United States.
  const text = plainText(line);
  const usNames: string[] = [];
  for (let i = actors.length - 1; i >= 0; i--) {
    const a = actors[i]!;
    const m = ADMINISTRATION.exec(a.name);
    if (a.type === 'organization' && m && PRESIDENTS.has(m[1]!)) {
      usNames.push(a.name, ...(a.aliases ?? []));
      actors.splice(i, 1);
      changes.push(`organisation "${a.name}" -> alias of United States`);
    }
  }
  for (const [surname, full] of PRESIDENTS) {
    const i = actors.findIndex((a) => a.type === 'person' && a.name === full);
    if (i < 0) continue;
    const all = [...text.matchAll(new RegExp(`\\b${surname}\\b(['’]s)?(\\s+\\p{L}+)?`, 'gu'))];
    if (all.length === 0 || !all.every((x) => /^\s+administration$/i.test(x[2] ?? ''))) continue;
    usNames.push(`${surname} administration`);
    actors.splice(i, 1);
    changes.push(`person "${full}", named only in "${surname} administration" -> alias of United States`);
  }
  if (usNames.length) {
    let us = actors.find((a) => a.type === 'state' && a.name === 'United States');
    if (!us) {
      us = { name: 'United States', type: 'state', aliases: [] };
      actors.push(us);
    }
    addAlias(us, ...usNames);
  }
  return changes;
}

interface StateForms {
  name: string;
  demonym?: string;
  /** Name and aliases: the forms that name the state itself (not "Russian", not "Moscow"). */
  names: string[];
  /** Names, aliases and demonyms, to read a ministry's label ("Taiwan Ministry of ..."). */
  words: string[];
}

let stateTable: StateForms[] | undefined;
function states(): StateForms[] {
  if (stateTable) return stateTable;
  const src = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'lambdas', 'analysis', 'data', 'states.json'), 'utf8'),
  ) as Array<{ name: string; aliases: string[]; demonyms: string[] }>;
  stateTable = src.map((s) => ({
    name: s.name,
    demonym: s.demonyms[0],
    names: [s.name, ...s.aliases],
    words: [s.name, ...s.aliases, ...s.demonyms],
  }));
  return stateTable;
}

/** US states that share a country's name: a name alone cannot tell which is meant. */
const SHARED_WITH_US_STATES = new Set(['Georgia']);

/** Words of a ministry's label that are no department. */
const MINISTRY_FILLER = new Set([
  'ministry',
  'of',
  'the',
  "'s",
  'republic',
  'islamic',
  "people's",
  'federal',
]);

/** The canonical name of a ministry's label ("Ministry of Defense of Azerbaijan"), if it names a state. */
export function ministryLabel(name: string): string | undefined {
  if (!/\bMinistry\b/.test(name) || /\bin\b/.test(name)) return undefined;
  let rest = ` ${name.replace(/’/g, "'").replace(/'s\b/g, " 's")} `;
  let state: StateForms | undefined;
  for (const s of states()) {
    for (const w of [...s.words].sort((a, b) => b.length - a.length)) {
      const re = new RegExp(`(?<=\\s)${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s)`);
      if (re.test(rest)) {
        state = s;
        rest = rest.replace(re, ' ');
        break;
      }
    }
    if (state) break;
  }
  if (!state?.demonym) return undefined;
  const dept = rest.split(/\s+/).filter((w) => w && !MINISTRY_FILLER.has(w.toLowerCase()));
  if (!dept.length || dept.some((w) => !/^\p{L}/u.test(w))) return undefined;
  return ministryName(state.demonym, dept);
}

/** Ministry labels under the canonical name; returns what changed. */
export function canonicalMinistries(line: Line, known: ReadonlySet<string>): string[] {
  const changes: string[] = [];
  for (const a of line.actors) {
    if (a.type !== 'organization' || known.has(normName(a.name))) continue;
    const c = ministryLabel(a.name);
    if (!c || normName(c) === normName(a.name)) continue;
    changes.push(rename(a, c));
  }
  return changes;
}

/** The text a label can come from: title and the article's own paragraphs, as analysis reads them. */
function reportingText(line: Line): string {
  const { title, text } = recordInput(line as never);
  return `${title}\n\n${cutArticle(text).join('\n\n')}`;
}

/** Capitalised words that open a sentence before a state's name without being part of it. */
const SENTENCE_OPENERS = new Set(
  'The In At From For To On By With And But As After Before Since Like Unlike Across Over Inside Outside Near While When Where Both Even Only Also Then Now So Yet Or Between Among Against Without Within Through Via Under Despite Beyond Unless If Until Including Besides Toward Towards Into'.split(
    ' ',
  ),
);

/** Whether the state's name stands on its own at `at` (not inside a longer name or a compound). */
function standsAlone(text: string, at: number, len: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  const after = text.slice(at + len, at + len + 40);
  if (/^[-‑–]\p{L}/u.test(after) || /\p{L}[-‑–]$/u.test(before)) return false;
  if (/^\p{L}/u.test(after) || /\p{L}$/u.test(before)) return false;
  // "Israel Defense Forces", "Palestine Action", "Kenya Police Service": a longer name.
  if (/^(?:'s? |’s? )?\p{Lu}/u.test(after.replace(/^ /, '')) && /^ \p{Lu}/u.test(after)) return false;
  // "Gulf of Thailand", "New Mexico", "Rep. Jim Jordan", "People's Republic of China": a longer name
  // before it; a capitalised word that only opens a sentence ("In Iraq, ...") is none.
  const prev = /(\p{Lu}[\p{L}.'’]*) (of |of the |for |for the )?$/u.exec(before);
  if (prev && (prev[2] || !SENTENCE_OPENERS.has(prev[1]!))) return false;
  // "the UN Interim Force in Lebanon", "the Embassy in Kyiv".
  if (/\b(?:Force|Forces|Mission|Office|Embassy|Consulate|Command|Operation) in $/.test(before)) return false;
  // "Students for Justice in Palestine", "Committee on Human Rights in Iran": a name whose words run through a
  // lower-case joint before "in".
  const joinedName =
    /\p{Lu}[\p{L}'’]* (?:for|of|on|against) (?:the )?\p{Lu}[\p{L}'’]*(?: \p{Lu}[\p{L}'’]*)* in $/u;
  if (joinedName.test(before)) return false;
  return true;
}

/** States the reporting names but the labels lack, added; returns what changed. */
export function addNamedStates(line: Line): string[] {
  const changes: string[] = [];
  const text = reportingText(line);
  const labelled = new Set(
    line.actors
      .filter((a) => a.type === 'state')
      .flatMap((a) => [a.name, ...(a.aliases ?? [])].map(normName)),
  );
  for (const s of states()) {
    if (SHARED_WITH_US_STATES.has(s.name)) continue;
    if (s.words.some((w) => labelled.has(normName(w)))) continue;
    let form: string | undefined;
    for (const w of s.names) {
      if (w.length < 3) continue;
      const re = new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
      for (const m of text.matchAll(re)) {
        if (standsAlone(text, m.index!, w.length)) {
          form = w;
          break;
        }
      }
      if (form) break;
    }
    if (!form) continue;
    const label: GoldActor = { name: s.name, type: 'state' };
    if (normName(form) !== normName(s.name)) label.aliases = [form];
    line.actors.push(label);
    changes.push(`state "${s.name}" named in the reporting ("${form}") -> labelled`);
  }
  return changes;
}

type Layout = 'compact' | 'spaced';

const LABEL_FIELDS = new Set(['actors', 'topics', 'topics_optional']);

/** The line with topics_optional right after topics, where writers put it. */
function withOptionalAfterTopics(line: Line): Line {
  if (
    !line.topics_optional ||
    Object.keys(line).indexOf('topics_optional') === Object.keys(line).indexOf('topics') + 1
  )
    return line;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(line)) {
    if (k === 'topics_optional') continue;
    out[k] = v;
    if (k === 'topics') out.topics_optional = line.topics_optional;
  }
  return out as unknown as Line;
}

/** A value in the layout of Python's json.dumps(ensure_ascii=False), as some writers saved lines. */
function spaced(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(spaced).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${spaced(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v);
}

export function layoutOf(line: string, value: unknown): Layout | undefined {
  if (JSON.stringify(value) === line) return 'compact';
  if (spaced(value) === line) return 'spaced';
  return undefined;
}

export const serialize = (value: unknown, layout: Layout) =>
  layout === 'compact' ? JSON.stringify(value) : spaced(value);

const knownCache = new WeakMap<Map<string, string>, Set<string>>();
/** Canonical names the gazetteer defines (normalised): these keep their own names. */
function knownNames(canonical: Map<string, string>): Set<string> {
  let set = knownCache.get(canonical);
  if (!set) {
    set = new Set([...canonical.keys()].map((k) => k.slice(k.indexOf('|') + 1)));
    knownCache.set(canonical, set);
  }
  return set;
}

/** Normalizes one JSON Lines file's text; returns the new text and the changes. */
export function normalizeFile(
  text: string,
  canonical: Map<string, string>,
  judgments: Map<string, TopicJudgment[]> = new Map(),
): { text: string; changes: Array<{ id: string; what: string[] }> } {
  const changes: Array<{ id: string; what: string[] }> = [];
  const out = text.split('\n').map((raw) => {
    if (!raw.trim()) return raw;
    const line = JSON.parse(raw) as Line;
    const layout = layoutOf(raw, line);
    const what = [
      ...normalizeActors(line, canonical),
      ...canonicalMinistries(line, knownNames(canonical)),
      ...addNamedStates(line),
      ...applyTopicJudgments(line, judgments.get(line.id)),
    ];
    if (!what.length) return raw;
    if (!layout) throw new Error(`${line.id}: a line in an unknown JSON layout; not rewritten`);
    changes.push({ id: line.id, what });
    const next = serialize(withOptionalAfterTopics(line), layout);
    // Only the labels may move.
    const before = JSON.parse(raw) as Record<string, unknown>;
    const after = JSON.parse(next) as Record<string, unknown>;
    for (const k of Object.keys(before))
      if (!LABEL_FIELDS.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        throw new Error(`${line.id}: field "${k}" would change`);
    return next;
  });
  return { text: out.join('\n'), changes };
}

export function labelledFiles(root: string): string[] {
  const corpus = join(root, 'training', 'corpus');
  return [
    ...readdirSync(corpus)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => join(corpus, f)),
    join(root, 'test', 'fixtures', 'analysis', 'labelled.jsonl'),
    join(root, 'test', 'fixtures', 'analysis', 'holdout.jsonl'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const root = join(import.meta.dirname, '..');
  const canonical = canonicalNames();
  const judgments = topicJudgments(root);
  let total = 0;
  for (const path of labelledFiles(root)) {
    const before = readFileSync(path, 'utf8');
    const { text, changes } = normalizeFile(before, canonical, judgments);
    for (const c of changes) console.log(`${path.slice(root.length + 1)} ${c.id}: ${c.what.join('; ')}`);
    total += changes.length;
    if (!check && text !== before) writeFileSync(path, text);
  }
  console.log(`${total} article(s) ${check ? 'need' : 'got'} label changes`);
  if (check && total) process.exit(1);
}
