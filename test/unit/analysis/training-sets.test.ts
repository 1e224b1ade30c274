import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELD_OUT_BLIND, readLabelled, toExample, trainingSets } from '../../../bin/training-sets';
import { DEFAULT_FEATURE_OPTIONS } from '../../../lambdas/analysis/features';

describe('labelled sets', () => {
  it('reports a bad line by file, line and what is wrong, and reads the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labelled-'));
    const path = join(dir, 'set.jsonl');
    const good = { id: 'x-1', title: 'T', html: '<p>Text.</p>', actors: [], topics: ['sanctions'] };
    writeFileSync(
      path,
      [
        JSON.stringify(good),
        '{broken',
        JSON.stringify({ ...good, id: 'x-3', topics: ['sanctions', 'weather'] }),
        JSON.stringify({ ...good, id: 'x-4', topics: [] }),
        JSON.stringify({ ...good, id: 'x-5' }),
      ].join('\n'),
    );
    const warnings: string[] = [];
    const read = readLabelled({ name: 'set', path }, (m) => warnings.push(m));
    expect(read.map((a) => a.id)).toEqual(['x-1', 'x-5']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain(`${path}:2`);
    expect(warnings[1]).toMatch(/:3: unknown topic id "weather"/);
    expect(warnings[2]).toMatch(/:4: "topics" must list 1 to 3/);
  });

  it('trains on the corpus, our own sets and the spent blind sets, never on a held-out set or dev', () => {
    // Relative to the checkout, so a checkout in a folder named "blind..." cannot fail it.
    const root = join(import.meta.dirname, '..', '..', '..');
    const sets = trainingSets();
    const paths = sets.map((s) => relative(root, s.path));
    expect(paths.some((p) => p.startsWith(join('training', 'corpus')))).toBe(true);
    expect(paths.some((p) => /shared|^\.\./.test(p))).toBe(false);
    expect(sets.filter((s) => /blind/.test(relative(root, s.path))).every((s) => s.blindWriters)).toBe(true);
    expect(paths).not.toContain(join('test', 'fixtures', 'blind', 'blind-11.jsonl'));
    for (const held of HELD_OUT_BLIND)
      if (!held.half) expect(sets.map((s) => s.path)).not.toContain(held.path);
    // A held-out half shares its file with a trained half: never the same half.
    for (const held of HELD_OUT_BLIND)
      for (const s of sets) if (s.path === held.path) expect(s.half && s.half !== held.half).toBe(true);
  });

  it('reads only the half of a set it is asked for, by the number the id ends in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labelled-'));
    const path = join(dir, 'set.jsonl');
    const line = (id: string) =>
      JSON.stringify({ id, title: 'T', html: '<p>Text.</p>', actors: [], topics: ['sanctions'] });
    writeFileSync(path, ['b-001', 'b-002', 'b-003', 'b-010'].map(line).join('\n'));
    const ids = (half?: 'even' | 'odd') => readLabelled({ name: 'b', path, half }).map((a) => a.id);
    expect(ids('even')).toEqual(['b-002', 'b-010']);
    expect(ids('odd')).toEqual(['b-001', 'b-003']);
    expect(ids()).toHaveLength(4);
  });

  it("weighs a blind writer's article by the weight it is given, and ours by one", () => {
    const base = {
      id: 'w-1',
      title: 'Sanctions',
      html: '<p>New sanctions.</p>',
      actors: [],
      topics: ['sanctions'],
    };
    const ours = { ...base, set: 'corpus/x', topics_optional: [] };
    expect(toExample(ours, DEFAULT_FEATURE_OPTIONS, 4).weight).toBeUndefined();
    expect(toExample({ ...ours, blindWriter: true }, DEFAULT_FEATURE_OPTIONS, 4).weight).toBe(4);
  });
});
