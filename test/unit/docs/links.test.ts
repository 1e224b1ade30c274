/**
 * The README leads and docs/ holds the depth (issue 15): the README stays short, and every relative
 * link in it and in docs/ reaches a file, and a heading when it names one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor of a heading: lower-cased, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchorsOf(path: string): Set<string> {
  const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));
}

function links(page: string): string[] {
  const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  const md = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  const html = [...text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return [...md, ...html].filter((l) => !/^[a-z]+:/i.test(l));
}

describe('the documentation', () => {
  it('keeps the README under 150 lines', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThan(150);
  });

  it.each(pages)('resolves every relative link and anchor in %s', (page) => {
    const broken: string[] = [];
    for (const link of links(page)) {
      const [path = '', hash] = link.split('#');
      const target = path ? join(dirname(join(root, page)), path) : join(root, page);
      if (!existsSync(target)) broken.push(`${link} (no file ${relative(root, target)})`);
      else if (hash && target.endsWith('.md') && !anchorsOf(target).has(hash))
        broken.push(`${link} (no heading)`);
    }
    expect(broken).toEqual([]);
  });
});
