import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lambdas/analysis/index';

const names = (text: string, title = 'Untitled') =>
  analyze({ title, text }).actors.map((a) => `${a.type}:${a.name}`);

describe('a rank word that opens a body', () => {
  it('keeps "General" in "the General Liaison Committee", no rank before "Liaison Committee"', () => {
    const got = names('The two armies met at the General Liaison Committee in Penang on Friday.');
    expect(got).toContain('organization:General Liaison Committee');
    expect(got).not.toContain('organization:Liaison Committee');
  });

  it('still reads "General" before a name as a rank', () => {
    expect(names('The order came from General Tomas Varga on Friday.')).toContain('person:Tomas Varga');
  });
});
