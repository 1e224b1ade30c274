import { describe, expect, it } from 'vitest';
import { sharedGazetteer } from '../../../lambdas/analysis/actor-lookup';
import { actorTokens, readArticle } from '../../../lambdas/analysis/article';
import { cutArticleParts } from '../../../lambdas/analysis/article-cut';
import { normaliseKey, tokenize } from '../../../lambdas/analysis/tokenize';
import { sentenceSpans } from '../../../lambdas/shared/sentences';

// The analyzer reads ASCII with character-code tests and leaves the rest to Unicode expressions;
// both must read a word alike.
describe('fast paths for ASCII', () => {
  it('tokenizes ASCII and other words with the same facts the Unicode classes give', () => {
    const facts = (text: string) =>
      tokenize(text).map((t) => [
        t.text,
        t.key,
        t.lower,
        t.cap,
        t.caps,
        t.word,
        t.sentStart,
        t.hyphen,
        t.para,
      ]);
    expect(facts('ÖCALAN met Öcalan, NATO and 3rd-party Ελλάδα envoys.\n\nRubén’s aides')).toEqual([
      ['ÖCALAN', 'OCALAN', 'ocalan', true, true, true, true, false, 0],
      ['met', 'met', 'met', false, false, true, false, false, 0],
      ['Öcalan', 'Ocalan', 'ocalan', true, false, true, false, false, 0],
      [',', ',', ',', false, false, false, false, false, 0],
      ['NATO', 'NATO', 'nato', true, true, true, false, false, 0],
      ['and', 'and', 'and', false, false, true, false, false, 0],
      ['3rd', '3rd', '3rd', false, false, true, false, false, 0],
      ['party', 'party', 'party', false, false, true, false, true, 0],
      ['Ελλάδα', 'Ελλαδα', 'ελλαδα', true, false, true, false, false, 0],
      ['envoys', 'envoys', 'envoys', false, false, true, false, false, 0],
      ['.', '.', '.', false, false, false, false, false, 0],
      ['Rubén', 'Ruben', 'ruben', true, false, true, true, false, 1],
      ['’s', "'s", "'s", false, false, false, false, false, 1],
      ['aides', 'aides', 'aides', false, false, true, false, false, 1],
    ]);
    expect(normaliseKey('U.S.')).toBe('US');
    expect(normaliseKey('Ж.Д.')).toBe('ЖД');
  });

  it('finds the tokens a global search of the token expression finds, between every kind of white space', () => {
    // The expression as tokenize held it before it skipped white space itself and asked with `test`.
    const global =
      /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’](?![sS](?![\p{L}\p{N}]))[\p{L}\p{M}\p{N}]+)*|['’][sS](?![\p{L}\p{N}])|\S/gu;
    const text =
      'U.S.\u00a0envoy’s\tO’Brien—met\u2009Ελλάδα\u3000aides,\ufeff\u202fthe 🇺🇦 flag\u2028and \ud800 x\r\n\n“Kim’s” ’s 3.5 ' +
      // ASCII that the expression settles past a run of letters: an initial, an abbreviation, apostrophes.
      "Plan A. B.C.-based Mr. it's IT'S O'Neill's rock'n'roll 'quoted' x' 9/11 $5 café naïve al-Assad";
    const found = [...text.matchAll(global)].map((m) => [m[0], m.index]);
    const tokens = tokenize(text).map((t) => [t.text, t.start]);
    // tokenize drops hyphens: compare the rest.
    expect(tokens).toEqual(found.filter(([raw]) => raw !== '-'));
    expect(tokens.length).toBeGreaterThan(20);
  });

  it('starts a paragraph at two line breaks together, not at one or at two with a space between', () => {
    const paras = (text: string) => tokenize(text).map((t) => t.para);
    expect(paras('One.\n\n Two.\nThree.')).toEqual([0, 0, 1, 1, 1, 1]);
    expect(paras('One.\n \nTwo.')).toEqual([0, 0, 0, 0]);
  });

  it('gives the title stop every field a token has, and one shape of object', () => {
    const tokens = actorTokens(readArticle({ title: 'Envoys meet', text: 'They met.' }));
    const stop = tokens[2]!;
    expect(stop.text).toBe('.');
    expect(Object.keys(stop)).toEqual(Object.keys(tokens[0]!));
  });

  it('counts words between any white space, non-breaking and ideographic spaces too', () => {
    // A promotion of 30 words or fewer is cut; one of 31 is kept.
    const promo = (n: number, space: string) =>
      ['Listen to the episode', ...Array.from({ length: n - 4 }, () => 'word')].join(space);
    const long = 'A sentence of reporting that keeps the article going on. '.repeat(4).trim();
    expect(cutArticleParts(`${long}\n\n${promo(30, '\u00a0')}`).kept).toHaveLength(1);
    expect(cutArticleParts(`${long}\n\n${promo(31, '\u3000')}`).kept).toHaveLength(2);
  });

  it('reads the word before a full stop as the Unicode expression does, accented words too', () => {
    const sentences = (text: string) => sentenceSpans(text).map(([a, b]) => text.slice(a, b));
    expect(sentences('Gen. Smith spoke. Then Dr. Roe left.')).toEqual([
      'Gen. Smith spoke.',
      'Then Dr. Roe left.',
    ]);
    expect(sentences('Ask Gén. Roe. She left. Ask É. Roe.')).toEqual([
      'Ask Gén.',
      'Roe.',
      'She left.',
      'Ask É. Roe.',
    ]);
  });

  it('gives every gazetteer actor the same fields', () => {
    const shapes = new Set(sharedGazetteer().actors.map((a) => Object.keys(a).join(',')));
    expect([...shapes]).toEqual(['id,name,type,demonym,famous']);
  });
});
