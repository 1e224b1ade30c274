/**
 * The `analyze` command (CLI.md): JSON Lines in ({id, title, html?, text?, url?, outlet?}), one
 * JSON line out per input line, same order ({id, actors, topics}). HTML is cleaned by the feeds
 * capability's cleanArticle first; a bad line gets an {"error"} line and the rest goes on.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type Log, silentLog } from '../shared/log';
import { analyze } from './index';
import { type InputLine, recordInput } from './record';

export { AnalyzeInputError } from './record';

/** Analyses one parsed input object; throws AnalyzeInputError on a bad shape. */
export function analyzeRecord(rec: InputLine): { id: string; actors: unknown[]; topics: unknown[] } {
  const { id, title, text, outlet } = recordInput(rec);
  const { actors, topics } = analyze({ title, text, outlet });
  return { id, actors, topics };
}

export async function analyzeJsonl(
  input: Readable,
  output: Writable,
  log: Log = silentLog,
): Promise<{ lines: number; errors: number }> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lines = 0;
  let errors = 0;
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    lines++;
    let out: unknown;
    let id: unknown;
    try {
      const rec = JSON.parse(raw) as InputLine;
      id = rec?.id;
      out = analyzeRecord(rec);
    } catch (err) {
      errors++;
      const message = err instanceof Error ? err.message : String(err);
      log.warn('analyze line failed', { line: lines, error: message });
      out = { id: typeof id === 'string' || typeof id === 'number' ? id : null, line: lines, error: message };
    }
    if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => output.once('drain', r));
  }
  return { lines, errors };
}
