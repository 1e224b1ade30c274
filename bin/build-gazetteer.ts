/**
 * `npm run gazetteer [-- --check]`: regenerates the gazetteer's generated files in
 * lambdas/analysis/data from their sources:
 * - states.json from the world-countries package (every UN member and observer, plus Taiwan and
 *   Kosovo) and the curated extras in states-extra.json (Wikidata ids, news names, demonyms,
 *   metonyms);
 * - gazetteer.generated.json, the form the analyzer loads (gazetteer-source.ts): states.json,
 *   organizations.json, people.json and lexicon.json compiled, the token trie packed into arrays,
 *   the whole compressed (shipped-data.ts).
 * Run it after editing any of those files or upgrading world-countries. `--check` writes nothing and
 * fails when a committed file differs from what it would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'world-countries/countries.json' with { type: 'json' };
import { type CompiledGazetteer, slug } from '../lambdas/analysis/gazetteer';
import {
  compiledGazetteerText,
  compileGazetteer,
  gazetteerFromSources,
  SOURCE_FILES,
} from '../lambdas/analysis/gazetteer-source';
import { unpackData } from '../lambdas/analysis/shipped-data';

interface Extras {
  qids: Record<string, string>;
  names: Record<string, string>;
  aliases: Record<string, string[]>;
  demonyms: Record<string, string[]>;
  dropDemonyms: Record<string, string[]>;
  /** The adjective a state's own bodies are named with, where it is not the first demonym. */
  adjectives: Record<string, string>;
  dropAliases: Record<string, string[]>;
  skipCapitals: string[];
  capitals: Record<string, string[]>;
}

export interface StateRecord {
  id: string;
  name: string;
  aliases: string[];
  demonyms: string[];
  /**
   * The adjective its ministries and services are named with ("Philippine Defense Ministry",
   * "New Zealand Defence Force"), where that is not the first demonym (a person's word: "Filipino",
   * "New Zealander").
   */
  adjective?: string;
  /** Capitals used as metonyms ("Moscow said"); ignored after a locative preposition. */
  capitals: string[];
}

interface Country {
  cca2: string;
  cca3: string;
  unMember: boolean;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

const OBSERVERS_AND_EXTRAS = new Set(['PS', 'VA', 'TW', 'XK']);
const LATIN = /^[\p{Script=Latin}0-9 .,'’()-]+$/u;
const dataDir = join(import.meta.dirname, '..', 'lambdas', 'analysis', 'data');

function plural(demonym: string): string | undefined {
  if (/(sh|ch|ese|ss|s|x|z)$/.test(demonym)) return undefined;
  return `${demonym}s`;
}

export function buildStates(list: Country[], extras: Extras): StateRecord[] {
  const skip = new Set(extras.skipCapitals);
  const out: StateRecord[] = [];
  for (const c of list) {
    if (!c.unMember && !OBSERVERS_AND_EXTRAS.has(c.cca2)) continue;
    const name = extras.names[c.cca3] ?? c.name.common;
    const drop = new Set(extras.dropAliases[c.cca3] ?? []);
    const aliases = new Set<string>();
    for (const a of [c.name.common, c.name.official, ...c.altSpellings, ...(extras.aliases[c.cca3] ?? [])]) {
      // Two-letter ISO codes collide with words ("IN", "IT"); keep only curated ones.
      if (a.length <= 2 && !(extras.aliases[c.cca3] ?? []).includes(a)) continue;
      if (!LATIN.test(a) || a.includes(', ') || drop.has(a) || a === name) continue;
      aliases.add(a);
    }
    const dropD = new Set(extras.dropDemonyms[c.cca3] ?? []);
    const demonyms = new Set<string>();
    const base = c.demonyms?.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : [];
    for (const d of base) {
      if (!d || dropD.has(d)) continue;
      demonyms.add(d);
      const p = plural(d);
      if (p) demonyms.add(p);
    }
    for (const d of extras.demonyms[c.cca3] ?? []) demonyms.add(d);
    const capitals = [...new Set([...(c.capital ?? []), ...(extras.capitals[c.cca3] ?? [])])].filter(
      (k) => !skip.has(k) && k !== name && LATIN.test(k),
    );
    const adjective = extras.adjectives[c.cca3];
    out.push({
      id: extras.qids[c.cca3] ?? `gen:state:${slug(name)}`,
      name,
      aliases: [...aliases].filter((a) => !capitals.includes(a)),
      demonyms: [...demonyms],
      ...(adjective ? { adjective } : {}),
      capitals,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const extras = JSON.parse(readFileSync(join(dataDir, 'states-extra.json'), 'utf8')) as Extras;
  const states = buildStates(countries as unknown as Country[], extras);
  const statesText = `[\n${states.map((s) => JSON.stringify(s)).join(',\n')}\n]\n`;
  const compiled = compileGazetteer(gazetteerFromSources({ ...SOURCE_FILES, states }));
  const compiledPath = join(dataDir, 'gazetteer.generated.json');
  // Compressed bytes may differ between zlib versions for the same data: compare what they hold,
  // and rewrite the file only when that differs.
  const shipped = (() => {
    try {
      return unpackData<CompiledGazetteer>(JSON.parse(readFileSync(compiledPath, 'utf8')), compiledPath);
    } catch {
      return undefined;
    }
  })();
  const compiledStale = JSON.stringify(shipped) !== JSON.stringify(compiled);
  let stale = 0;
  for (const [path, isStale, text] of [
    [
      join(dataDir, 'states.json'),
      readFileSync(join(dataDir, 'states.json'), 'utf8') !== statesText,
      () => statesText,
    ],
    [compiledPath, compiledStale, () => compiledGazetteerText(compiled)],
  ] as const) {
    if (!isStale) continue;
    stale++;
    if (check) console.error(`gazetteer --check: ${path} differs from its sources; run npm run gazetteer`);
    else {
      const t = text();
      writeFileSync(path, t);
      console.log(`wrote ${path} (${(t.length / 1024).toFixed(1)} KiB)`);
    }
  }
  if (!stale) console.log('gazetteer: the generated files match their sources');
  process.exit(check && stale ? 1 : 0);
}
