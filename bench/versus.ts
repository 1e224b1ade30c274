/**
 * `npm run bench -- versus`: our `ingest` side by side with rss2email (`r2e run --no-send`, Debian's
 * package, installed here when missing) on the same 100 real feed files from ../shared/feeds, served
 * from 25 loopback host addresses with 200 ms latency per request and ETag/Last-Modified validators.
 * Both tools run as whole processes (start-up included): a first pass where everything is new, then a
 * repeat pass where every feed answers 304. Prints wall and CPU time per pass, the ratios, and our
 * DynamoDB requests per new article and per unchanged feed. Not run by a bare `npm run bench`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynalite } from '../bin/local/dynamo';

const ROOT = join(import.meta.dirname, '..');
const SHARED_FEEDS = join(ROOT, '..', 'shared', 'feeds');
const HOSTS = 25;
const LATENCY_MS = 200;
const FEEDS = 100;
/** Our passes are repeated (VERSUS_RUNS, default 3) and the median shown: one run swings by 10-20%. */
const RUNS = Math.max(1, Number(process.env.VERSUS_RUNS ?? 3));

interface FeedFile {
  path: string;
  body: Buffer;
  etag: string;
  lastModified: string;
  contentType: string;
}

/** 100 feed files in MANIFEST order: RSS and Atom, none broken on purpose, no JSON. */
function pickFeeds(): FeedFile[] {
  const rows = readFileSync(join(SHARED_FEEDS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const picked: FeedFile[] = [];
  for (const row of rows) {
    const [file = '', , , , format = '', , note = ''] = row.split('\t');
    if (!/^(rss|atom)/.test(format) || /invalid on purpose|HTML instead|NOT well-formed/.test(note)) continue;
    if (file.endsWith('.json')) continue;
    const body = readFileSync(join(SHARED_FEEDS, file));
    picked.push({
      path: `/${picked.length}/${file.split('/').pop()}`,
      body,
      etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`,
      lastModified: new Date(Date.UTC(2026, 10, 1)).toUTCString(),
      contentType: format.startsWith('atom') ? 'application/atom+xml' : 'application/rss+xml',
    });
    if (picked.length === FEEDS) break;
  }
  return picked;
}

/** One server per host address (127.0.0.1-25) on one port; every answer waits LATENCY_MS. */
async function serveFeeds(files: FeedFile[]) {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const stats = { requests: 0, notModified: 0, maxPerHost: 0 };
  const open = new Map<string, number>();
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    stats.requests++;
    const host = req.socket.localAddress ?? '';
    open.set(host, (open.get(host) ?? 0) + 1);
    stats.maxPerHost = Math.max(stats.maxPerHost, open.get(host)!);
    setTimeout(() => {
      open.set(host, open.get(host)! - 1);
      const file = byPath.get((req.url ?? '').split('?')[0] ?? '');
      if (!file) return res.writeHead(404).end();
      if (
        req.headers['if-none-match'] === file.etag ||
        req.headers['if-modified-since'] === file.lastModified
      ) {
        stats.notModified++;
        return res.writeHead(304, { ETag: file.etag, 'Last-Modified': file.lastModified }).end();
      }
      res
        .writeHead(200, {
          'Content-Type': file.contentType,
          ETag: file.etag,
          'Last-Modified': file.lastModified,
        })
        .end(file.body);
    }, LATENCY_MS);
  };
  const first = createServer(handler);
  await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
  const port = (first.address() as { port: number }).port;
  const servers: Server[] = [first];
  for (let h = 2; h <= HOSTS; h++) {
    const s = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, `127.0.0.${h}`, resolve);
    });
    servers.push(s);
  }
  const urls = files.map((f, i) => `http://127.0.0.${(i % HOSTS) + 1}:${port}${f.path}`);
  return {
    urls,
    stats,
    close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))),
  };
}

interface Timed {
  wallS: number;
  cpuS: number;
  stdout: string;
  /** CPU of this process (dynalite and the feed servers) meanwhile. */
  serverCpuS?: number;
}

/** Runs a whole process under /usr/bin/time for its CPU seconds (user + system, children included). */
function timed(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'CPU %U %S', command, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      if (code !== 0 || !m) return reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ wallS, cpuS: Number(m[1]) + Number(m[2]), stdout });
    });
  });
}

function ensureRss2email(): void {
  if (existsSync('/usr/bin/r2e')) return;
  if (process.getuid?.() !== 0) throw new Error('rss2email is missing: sudo apt-get install -y rss2email');
  console.log("installing Debian's rss2email (once)...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', 'rss2email'], { stdio: 'ignore', env });
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'rss2email'], { stdio: 'ignore', env });
  }
}

function ensureCliBundle(): void {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'build-cli.mjs'), '--if-stale'], { cwd: ROOT });
}

const fmt = (t: Timed) =>
  `${t.wallS.toFixed(1).padStart(6)} s wall, ${t.cpuS.toFixed(2).padStart(5)} s CPU` +
  (t.serverCpuS === undefined ? '' : ` (dynalite and feed servers: ${t.serverCpuS.toFixed(2)} s CPU)`);

export default async function versus(): Promise<void> {
  if (!existsSync(join(SHARED_FEEDS, 'MANIFEST.tsv'))) {
    console.log(`skipped: ${SHARED_FEEDS} not found`);
    return;
  }
  ensureRss2email();
  ensureCliBundle();
  const files = pickFeeds();
  const server = await serveFeeds(files);
  const work = mkdtempSync(join(tmpdir(), 'versus-'));
  let dynamo: Awaited<ReturnType<typeof startDynalite>> | undefined;
  try {
    // rss2email: one configuration with the same 100 feeds.
    const r2e = (args: string[]) =>
      execFileSync('r2e', ['-c', join(work, 'r2e.cfg'), '-d', join(work, 'r2e.json'), ...args], {
        stdio: 'ignore',
      });
    r2e(['new', 'bench@example.org']);
    for (const [i, url] of server.urls.entries()) r2e(['add', `f${i}`, url]);
    const r2eRun = () =>
      timed('r2e', ['-c', join(work, 'r2e.cfg'), '-d', join(work, 'r2e.json'), 'run', '--no-send'], {
        cwd: work,
      });

    const ours = (endpoint: string) =>
      timed(
        process.execPath,
        [
          // VERSUS_PROFILE=DIR writes a CPU profile of each of our passes there.
          ...(process.env.VERSUS_PROFILE
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VERSUS_PROFILE}`]
            : []),
          join(ROOT, 'dist', 'cli.mjs'),
          'ingest',
          '--json',
          ...server.urls.flatMap((u) => ['--feed', u]),
        ],
        {
          cwd: work,
          env: {
            DYNAMODB_ENDPOINT: endpoint,
            ALLOW_PRIVATE_NETWORK: '1',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        },
      );
    const counted = async (db: NonNullable<typeof dynamo>) => {
      const before = { ...db.requests };
      const cpu = process.cpuUsage();
      const t = await ours(db.endpoint);
      const used = process.cpuUsage(cpu);
      // dynalite and the feed servers run in this process: their CPU, to tell whose time it was.
      t.serverCpuS = (used.user + used.system) / 1e6;
      const delta: Record<string, number> = {};
      for (const [op, n] of Object.entries(db.requests)) {
        const d = n - (before[op] ?? 0);
        if (d) delta[op] = d;
      }
      return { t, delta };
    };

    console.log(
      `${files.length} feeds from ../shared/feeds on ${HOSTS} loopback hosts, ${LATENCY_MS} ms a request; ` +
        `rss2email once, ours ${RUNS} times (each a first and a repeat pass on a fresh dynalite), median shown`,
    );
    const r2eFirst = await r2eRun();
    const r2eSeen = (
      JSON.parse(readFileSync(join(work, 'r2e.json'), 'utf8')) as { feeds: { seen: object }[] }
    ).feeds.reduce((n, f) => n + Object.keys(f.seen).length, 0);
    const r2eRepeat = await r2eRun();

    type Pass = Awaited<ReturnType<typeof counted>>;
    const firsts: Pass[] = [];
    const repeats: Pass[] = [];
    let firstReport: { feeds: { status: string }[]; articles: { new: number } } | undefined;
    let repeatReport: typeof firstReport;
    for (let run = 0; run < RUNS; run++) {
      dynamo = await startDynalite();
      const first = await counted(dynamo);
      firstReport = JSON.parse(first.t.stdout) as NonNullable<typeof firstReport>;
      const repeat = await counted(dynamo);
      repeatReport = JSON.parse(repeat.t.stdout) as NonNullable<typeof firstReport>;
      firsts.push(first);
      repeats.push(repeat);
      await dynamo.stop();
      dynamo = undefined;
    }
    const unchanged = repeatReport!.feeds.filter((f) => f.status === 'not_modified').length;
    const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
    const ops = (d: Record<string, number>) =>
      Object.entries(d)
        .sort()
        .map(([op, n]) => `${op} ${n}`)
        .join(', ');
    for (const [name, who, r2, passes] of [
      ['first pass', `${r2eSeen} entries seen / ${firstReport!.articles.new} new articles`, r2eFirst, firsts],
      ['repeat pass', `${unchanged} feeds answered 304`, r2eRepeat, repeats],
    ] as const) {
      const us = median(passes.map((p) => p.t));
      const walls = passes.map((p) => p.t.wallS.toFixed(2)).join(', ');
      console.log(`${name} (${who})`);
      console.log(`  rss2email      ${fmt(r2)}`);
      console.log(`  antiwar-digest ${fmt(us)}  [runs: ${walls} s]`);
      console.log(
        `  ratio          ${(r2.wallS / us.wallS).toFixed(1)}x wall, ${(r2.cpuS / us.cpuS).toFixed(1)}x CPU` +
          ` (runs: ${passes.map((p) => (r2.wallS / p.t.wallS).toFixed(1)).join(', ')})`,
      );
    }
    const first = firsts[0]!;
    const repeat = repeats[0]!;
    console.log(
      `DynamoDB, first pass: ${total(first.delta)} requests (${ops(first.delta)}), ${(total(first.delta) / Math.max(1, firstReport!.articles.new)).toFixed(2)} per new article`,
    );
    console.log(
      `DynamoDB, repeat pass: ${total(repeat.delta)} requests (${ops(repeat.delta)}), ${(total(repeat.delta) / Math.max(1, unchanged)).toFixed(2)} per unchanged feed`,
    );
    console.log(
      `feed server: ${server.stats.requests} requests, ${server.stats.notModified} answered 304, at most ${server.stats.maxPerHost} at once on one host`,
    );
  } finally {
    await dynamo?.stop();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The pass with the median wall time (the upper middle one of an even count). */
function median(passes: Timed[]): Timed {
  return [...passes].sort((a, b) => a.wallS - b.wallS)[Math.floor(passes.length / 2)]!;
}
