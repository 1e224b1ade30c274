/**
 * Analysis speed and size: ms per 1,000-word article in a fresh process and in the steady state (whole passes,
 * wall; run under `taskset -c 0` for one core), articles per second on one core, the esbuild bundle of lambdas/analysis/index.ts (minified, data included), its
 * import time in a fresh node process and that process's first article (a Lambda's cold start).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
  // Two regimes. A fresh process runs analysis in V8's lower tiers until the optimising compiler, working
  // on another thread, has compiled the actor pass (one large function): on one core that compile shares
  // the core and takes thousands of articles. Then the steady state. Both are measured as whole passes
  // (wall time, pauses included): run under `taskset -c 0` for the cost on one core.
  const pass = () => {
    const c0 = process.cpuUsage();
    const p0 = performance.now();
    let words = 0;
    const times: number[] = [];
    for (const d of docs) {
      const t0 = performance.now();
      analyze(d);
      times.push(((performance.now() - t0) * 1000) / d.words);
      words += d.words;
    }
    const c = process.cpuUsage(c0);
    return {
      wall: ((performance.now() - p0) * 1000) / words,
      cpu: ((c.user + c.system) / 1000) * (1000 / words),
      times,
    };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // The fresh regime as a mean over its passes: its slow early passes are the point.
  const fresh: number[] = [];
  let done = 0;
  while (done < 2000) {
    fresh.push(pass().wall);
    done += docs.length;
  }
  const freshMean = fresh.reduce((a, b) => a + b, 0) / fresh.length;
  while (done < 6000) {
    pass();
    done += docs.length;
  }
  const steady = Array.from({ length: 40 }, pass);
  const times = steady.flatMap((p) => p.times).sort((a, b) => a - b);
  const cpuMedian = median(steady.map((p) => p.cpu));
  console.log(`articles: ${docs.length} of ~${Math.round(meanWords)} words`);
  console.log(
    `ms per 1,000 words, whole passes (wall): first 2,000 articles of a fresh process ${freshMean.toFixed(3)} (mean; first pass ${fresh[0]!.toFixed(3)}); after 6,000 (steady) ${median(steady.map((p) => p.wall)).toFixed(3)}`,
  );
  console.log(
    `steady state: CPU of all threads ${cpuMedian.toFixed(3)} per 1,000 words; per article wall median ${median(times).toFixed(3)}, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(3)}`,
  );
  console.log(
    `articles per second per core (steady): ${Math.round(1000 / median(steady.map((p) => p.wall)))}`,
  );

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
  // Wall time and CPU time: on a shared machine the wall figure includes waiting for a core. A Lambda's
  // cold start is the import and then its first article, all in the interpreter, so that is timed too.
  const first = join(dir, 'first.json');
  writeFileSync(first, JSON.stringify(docs[0]));
  const script = `import{readFileSync}from'node:fs';const d=JSON.parse(readFileSync(${JSON.stringify(first)},'utf8'));const c0=process.cpuUsage();const t0=performance.now();const m=await import(${JSON.stringify(outfile)});const w=performance.now()-t0;const c=process.cpuUsage(c0);const c1=process.cpuUsage();m.analyze(d);const a=process.cpuUsage(c1);console.log(w.toFixed(1)+' '+((c.user+c.system)/1000).toFixed(1)+' '+((a.user+a.system)/1000).toFixed(1))`;
  const wall: number[] = [];
  const cpu: number[] = [];
  const firstCpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const [w, c, a] = out.trim().split(' ').map(Number);
    wall.push(w!);
    cpu.push(c!);
    firstCpu.push(a!);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  firstCpu.sort((a, b) => a - b);
  console.log(
    `import time, fresh node process: wall median ${wall[3]!.toFixed(1)} ms (min ${wall[0]!.toFixed(1)}), CPU median ${cpu[3]!.toFixed(1)} ms; then its first article (${docs[0]!.words} words, a Lambda's cold start): CPU median ${firstCpu[3]!.toFixed(1)} ms`,
  );
}
