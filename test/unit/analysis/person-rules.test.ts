import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lambdas/analysis/index';

const names = (text: string) =>
  analyze({
    title: 'Untitled',
    text: `${text}\n\nThe vote is expected next week, after a long debate.`,
  }).actors.map((a) => `${a.type}:${a.name}`);

describe('people named after a shortened title', () => {
  it('takes the name after "Rep.", "Gen." or "Lt. Gen." for a person', () => {
    const got = names(
      'The drills were opened by Gen. Tavin Okoru and Lt. Gen. Barek Solvane, and Rep. Marla Quenby (D-Ore.) has asked for a briefing.',
    );
    expect(got).toContain('person:Tavin Okoru');
    expect(got).toContain('person:Barek Solvane');
    expect(got).toContain('person:Marla Quenby');
  });

  it('does not read a sentence ending in a title-like word as a title', () => {
    const got = names('The bill went to the Senate. Harbor Point residents were not consulted.');
    expect(got.filter((g) => g.startsWith('person:'))).toEqual([]);
  });
});
