/**
 * Analysis speed and size: ms per 1,000-word article (CPU and wall medians after warm-up), articles per second
 * on one core, the esbuild bundle of lambdas/analysis/index.ts (minified, data included) and its
 * import time in a fresh node process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { analyze } from '../lambdas/analysis/index';

const root = join(import.meta.dirname, '..');

function corpus(): Array<{ title: string; text: string; words: number }> {
  const lines = readFileSync(join(root, 'test', 'fixtures', 'analysis', 'labelled.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const docs = lines.map((l) => JSON.parse(l) as { title: string; html: string });
  // Stitch our articles into 1,000-word ones, so the figure is per 1,000 words.
  const out: Array<{ title: string; text: string; words: number }> = [];
  for (let i = 0; i < docs.length; i++) {
    const paras: string[] = [];
    let words = 0;
    for (let k = i; words < 1000; k = (k + 1) % docs.length) {
      for (const p of docs[k]!.html.split('</p>')) {
        const t = p.replace(/<[^>]+>/g, '').trim();
        if (!t || /appeared first on|is a (contributing|freelance)/.test(t)) continue;
        const n = t.split(/\s+/).length;
        if (words + n > 1000) break;
        paras.push(t);
        words += n;
      }
      if (words > 900) break;
    }
    out.push({ title: docs[i]!.title, text: paras.join('\n\n'), words });
  }
  return out;
}

export default async function bench(): Promise<void> {
  const docs = corpus();
  const meanWords = docs.reduce((s, d) => s + d.words, 0) / docs.length;
  for (let i = 0; i < 200; i++) analyze(docs[i % docs.length]!);
  const times: number[] = [];
  const cpuPerK: number[] = [];
  for (let r = 0; r < 20; r++) {
    // CPU time per pass over all articles: on a shared machine wall time includes waiting for a core.
    const c0 = process.cpuUsage();
    let words = 0;
    for (const d of docs) {
      const t0 = performance.now();
      analyze(d);
      times.push(((performance.now() - t0) * 1000) / d.words);
      words += d.words;
    }
    const c = process.cpuUsage(c0);
    cpuPerK.push(((c.user + c.system) / 1000) * (1000 / words));
  }
  times.sort((a, b) => a - b);
  cpuPerK.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  const cpuMedian = cpuPerK[Math.floor(cpuPerK.length / 2)]!;
  console.log(`articles: ${docs.length} of ~${Math.round(meanWords)} words, ${times.length} runs`);
  console.log(
    `ms per 1,000-word article: CPU median ${cpuMedian.toFixed(3)} (min ${cpuPerK[0]!.toFixed(3)}); wall median ${median.toFixed(3)}, p95 ${p95.toFixed(3)}`,
  );
  console.log(`articles per second per core: ${Math.round(1000 / cpuMedian)}`);

  const dir = mkdtempSync(join(tmpdir(), 'analysis-bundle-'));
  const outfile = join(dir, 'analysis.mjs');
  await build({
    entryPoints: [join(root, 'lambdas', 'analysis', 'index.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  const bytes = statSync(outfile).size;
  const size = (f: string) => (statSync(join(root, 'lambdas', 'analysis', 'data', f)).size / 1024).toFixed(1);
  console.log(
    `bundle (minified, data included): ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes), of which the topic model file ${size('topic-model.json')} KiB and the compiled gazetteer ${size('gazetteer.generated.json')} KiB`,
  );
  // Wall time and CPU time: on a shared machine the wall figure includes waiting for a core.
  const script = `const c0=process.cpuUsage();const t0=performance.now();await import(${JSON.stringify(outfile)});const c=process.cpuUsage(c0);console.log((performance.now()-t0).toFixed(1)+' '+((c.user+c.system)/1000).toFixed(1))`;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const [w, c] = out.trim().split(' ').map(Number);
    wall.push(w!);
    cpu.push(c!);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `import time, fresh node process: wall median ${wall[3]!.toFixed(1)} ms (min ${wall[0]!.toFixed(1)}), CPU median ${cpu[3]!.toFixed(1)} ms`,
  );
}
