import { describe, expect, it } from 'vitest';
import { actorWithIdSlug, findActors } from '../../../lambdas/analysis/actor-lookup';
import { actorLinkSlug, actorSlug } from '../../../lambdas/shared/reading-paths';

describe('an organisation named by another form, across articles', () => {
  it('is found under its canonical name by what a reader types', () => {
    expect(findActors('KFOR').map((a) => a.name)).toContain('Kosovo Force');
  });

  it("links a gazetteer body's page by its id, whatever form the story names it by", () => {
    const link = actorLinkSlug({ id: 'gen:org:kosovo-force', name: 'KFOR' });
    expect(link).toBe('kosovo-force');
    const page = actorWithIdSlug(link);
    expect(page && actorSlug(page)).toBe('kosovo-force');
    expect(actorLinkSlug({ id: 'gen:person:jane-roe', name: 'Jane Roe' })).toBe('jane-roe');
    expect(actorLinkSlug({ id: 'gen:person:abbas-araghchi', name: 'Abbas Araqchi' })).toBe('abbas-araghchi');
    expect(actorWithIdSlug('abbas-araghchi')?.name).toBe('Abbas Araghchi');
    expect(actorLinkSlug({ id: 'Q7747', name: 'Vladimir Putin' })).toBe('vladimir-putin');
  });
});
