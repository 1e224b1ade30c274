import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeJsonl } from '../../../lambdas/analysis/analyze-jsonl';

async function run(lines: string[]) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  const res = await analyzeJsonl(Readable.from(lines.map((l) => `${l}\n`)), out);
  return {
    res,
    rows: chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  };
}

describe('analyzeJsonl', () => {
  it('writes one line per input line in order, with an error line for a bad one', async () => {
    const { res, rows } = await run([
      JSON.stringify({
        id: 'a',
        title: 'Putin meets Kim',
        text: 'Vladimir Putin met Kim Jong Un in Moscow.',
      }),
      '{not json',
      JSON.stringify({ id: 'c', title: 'No body' }),
      JSON.stringify({
        id: 'd',
        title: 'Sanctions',
        text: 'The Treasury Department imposed sanctions on Iran.',
      }),
    ]);
    expect(res).toEqual({ lines: 4, errors: 2 });
    expect(rows.map((r) => r.id)).toEqual(['a', null, 'c', 'd']);
    expect(rows[1].error).toBeTruthy();
    expect(rows[2].error).toMatch(/text|html/);
    expect(rows[0].actors.map((x: { name: string }) => x.name)).toContain('Vladimir Putin');
    expect(rows[3].topics[0].id).toBe('sanctions');
  });

  it('cleans html input before analysing it', async () => {
    const html =
      '<p>Iranian Foreign Minister Abbas Araghchi spoke in Muscat.</p><p>The post X appeared first on <a href="https://antiwar.com">Antiwar.com</a>.</p><p>Taiwan is next.</p>';
    const { rows } = await run([JSON.stringify({ id: 'h', title: 'Talks', html })]);
    const got = rows[0].actors.map((x: { name: string }) => x.name);
    expect(got).toContain('Abbas Araghchi');
    expect(got).not.toContain('Taiwan');
  });
  it("reads an input line's outlet: the article naming its own outlet names a body", async () => {
    const text = 'Two officials told Morrow that the convoy had turned back.';
    const { rows } = await run([
      JSON.stringify({ id: 'o', title: 'Convoy', text, outlet: 'Morrow Online' }),
      JSON.stringify({ id: 'n', title: 'Convoy', text }),
    ]);
    const names = (r: { actors: Array<{ name: string }> }) => r.actors.map((x) => x.name);
    expect(names(rows[0])).toContain('Morrow');
    expect(names(rows[1])).not.toContain('Morrow');
  });
});
