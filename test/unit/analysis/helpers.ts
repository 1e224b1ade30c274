import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldArticle } from '../../../lambdas/analysis/score';

export const repo = join(import.meta.dirname, '..', '..', '..');

/** Crude HTML to text, so these tests do not depend on the feeds capability's cleaner. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|li|h\d)>\s*/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .trim();
}

export function readGold(path: string): GoldArticle[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldArticle);
}
