import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lambdas/analysis/index';

const names = (text: string, title = 'Untitled') =>
  analyze({ title, text }).actors.map((a) => `${a.type}:${a.name}`);

describe('words that name a party, bloc or front', () => {
  it('takes a name ending in a transliterated party word for an organisation, not a person', () => {
    const got = names('The Rashtriya Lok Dal walked out, and the Kisan Mazdoor Sangh backed the strike.');
    expect(got).toContain('organization:Rashtriya Lok Dal');
    expect(got).toContain('organization:Kisan Mazdoor Sangh');
    expect(got.filter((x) => x.startsWith('person:'))).toEqual([]);
  });

  it('takes a name ending in "Bloc" for an organisation', () => {
    const got = names('Senators from the Civic Renewal Bloc, which won 14 seats, abstained.');
    expect(got).toContain('organization:Civic Renewal Bloc');
    expect(got).not.toContain('person:Civic Renewal Bloc');
  });
});
