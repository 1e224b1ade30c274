/**
 * The command line as an operator meets it: the bundled CLI (dist/cli.mjs) and `npm start` run as
 * real processes in a scratch directory with their own embedded store, one of them holding it open.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// Whole processes (tsx start-up included) on a machine that may be busy with other test files.
vi.setConfig({ testTimeout: 60_000 });
const CLI = join(root, 'dist', 'cli.mjs');
const TSX = join(root, 'node_modules', '.bin', 'tsx');
let cwd: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A hung process fails its test instead of the whole run; generous for a loaded machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
const cli = (...args: string[]) => run(process.execPath, [CLI, ...args]);

/** The lines of stderr: one `error:` line is the whole of a failure's output. */
const errorLines = (r: Run) => r.stderr.trim().split('\n');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin', 'build-cli.mjs'), '--if-stale'], { cwd: root });
  cwd = mkdtempSync(join(tmpdir(), 'cli-test-'));
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('the bundled CLI', () => {
  it('lists the configured feeds from a fresh embedded store', async () => {
    const r = await cli('feeds', 'list', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { feeds: unknown[]; neverFetched: string[] };
    expect(out.feeds).toEqual([]);
    expect(out.neverFetched.length).toBeGreaterThan(0);
  });

  it('refuses a bad port with one error line and exits', async () => {
    const r = await cli('serve', '--port', 'abc');
    expect(r.code).toBe(2);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^error: --port must be a whole number/)]);
  });

  it('names an unknown option in one error line', async () => {
    const r = await cli('ingest', '--prot', '8');
    expect(r.code).toBe(2);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^error: ingest: Unknown option '--prot'/)]);
  });
});

describe('npm start', () => {
  it('ends with where the email is and how to make its links work', async () => {
    const r = await run(TSX, [join(root, 'bin', 'start.ts')], { SAMPLE_FEEDS_PORT: '0' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const tail = lines.slice(lines.findIndex((l) => l.startsWith('the digest:')));
    expect(tail).toEqual([
      'the digest:',
      expect.stringMatching(/^ {2}open in a browser: +\.local\/outbox\/.*reader@example\.org\.html$/),
      expect.stringMatching(/^ {2}the message \(MIME\): +\.local\/outbox\/.*\.eml$/),
      expect.stringMatching(/npm start -- --print/),
      '',
      expect.stringMatching(/^next: its links/),
      expect.stringMatching(/npm run cli -- serve/),
      expect.stringMatching(
        /^ {2}and its reading pages: +http:\/\/localhost:\d+\/actors .*\/feeds\/digest\.atom/,
      ),
      '',
      expect.stringMatching(/^done in [\d.]+ s$/),
    ]);
    // The plain-text digest (hundreds of lines) is printed only with --print.
    expect(lines.length).toBeLessThan(30);
    expect(r.stdout).toMatch(/3\. digest for \d{4}-\d{2}-\d{2}: 1 sent/);
  });
});

describe('while serve holds the embedded store', () => {
  let serve: ChildProcess;

  beforeAll(async () => {
    const port = await freePort();
    serve = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], { cwd });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      serve.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('serving')) resolve();
      });
      serve.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
  });

  afterAll(async () => {
    if (serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      serve.kill('SIGTERM');
      await exited;
    }
  });

  it('reports a typo as a usage error, not as a busy store', async () => {
    const r = await cli('feeds', 'lst');
    expect(r.code).toBe(2);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^error: feeds needs list or check, got "lst"/)]);
  });

  it('says in one line that the store is busy for a command that needs it', async () => {
    const r = await cli('feeds', 'list');
    expect(r.code).toBe(1);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^error: the embedded store .* is in use/)]);
  });

  it('lets npm start fail the same way, without a stack trace', async () => {
    const r = await run(TSX, [join(root, 'bin', 'start.ts')], { SAMPLE_FEEDS_PORT: '0' });
    expect(r.code).toBe(1);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^error: the embedded store .* is in use/)]);
  });
});
