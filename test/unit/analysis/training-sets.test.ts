import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelled, trainingSets } from '../../../bin/training-sets';

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

  it('trains on the corpus and our own sets, never on a blind set or dev', () => {
    // Relative to the checkout, so a checkout in a folder named "blind..." cannot fail it.
    const root = join(import.meta.dirname, '..', '..', '..');
    const paths = trainingSets().map((s) => relative(root, s.path));
    expect(paths.some((p) => p.startsWith(join('training', 'corpus')))).toBe(true);
    expect(paths.some((p) => /blind|shared|^\.\./.test(p))).toBe(false);
  });
});
