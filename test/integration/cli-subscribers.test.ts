/**
 * `subscribers add --zone --hour --actors --weekly` and `subscribers list --json` as ../shared/CLI.md
 * fixes them, run as real processes of the bundled CLI on an embedded store in a scratch directory.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../lambdas/analysis/topics';

const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'dist', 'cli.mjs');
let cwd: string;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, DIGEST_TIME_ZONE: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin', 'build-cli.mjs'), '--if-stale'], { cwd: root });
  cwd = mkdtempSync(join(tmpdir(), 'cli-subscribers-'));
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('subscribers add and list', () => {
  it('stores the zone (by its current name) and the hour, and lists them in the JSON shape of CLI.md', async () => {
    expect(
      (
        await cli(
          'subscribers',
          'add',
          'kyiv@example.org',
          '--confirmed',
          '--zone',
          'Europe/Kiev',
          '--hour',
          '7',
        )
      ).code,
    ).toBe(0);
    expect(
      (await cli('subscribers', 'add', 'plain@example.org', '--confirmed', '--topics', 'nuclear')).code,
    ).toBe(0);
    const listed = await cli('subscribers', 'list', '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get('kyiv@example.org')).toEqual({
      email: 'kyiv@example.org',
      status: 'confirmed',
      topics: [...TOPIC_IDS],
      zone: 'Europe/Kyiv',
      hour: 7,
      actors: [],
      cadence: 'daily',
      weekday: null,
    });
    expect(byEmail.get('plain@example.org')).toMatchObject({
      topics: ['nuclear'],
      hour: 6,
      zone: expect.any(String),
    });
  });

  it('refuses an hour or a zone that does not exist with one error line, before touching the store', async () => {
    for (const args of [
      ['--hour', '24'],
      ['--zone', 'Mars/Olympus_Mons'],
    ]) {
      const r = await cli('subscribers', 'add', 'bad@example.org', ...args);
      expect(r.code).not.toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^error: ${args[0]}`));
    }
  });

  it('follows actors by name and lists them by name; a weekly reader shows its day', async () => {
    const add = await cli(
      'subscribers',
      'add',
      'follower@example.org',
      '--confirmed',
      '--actors',
      'Kim Jong Un,nato',
      '--weekly',
      'fri',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('weekly Friday at 06:00');
    expect(add.stdout).toContain('follows Kim Jong Un, NATO');
    const rows = JSON.parse((await cli('subscribers', 'list', '--json')).stdout) as Record<string, unknown>[];
    expect(rows.find((r) => r.email === 'follower@example.org')).toMatchObject({
      actors: ['Kim Jong Un', 'NATO'],
      cadence: 'weekly',
      weekday: 'Friday',
    });
    // Re-adding without --actors keeps them; --daily goes back to the daily digest.
    expect((await cli('subscribers', 'add', 'follower@example.org', '--confirmed', '--daily')).code).toBe(0);
    const again = JSON.parse((await cli('subscribers', 'list', '--json')).stdout) as Record<
      string,
      unknown
    >[];
    expect(again.find((r) => r.email === 'follower@example.org')).toMatchObject({
      actors: ['Kim Jong Un', 'NATO'],
      cadence: 'daily',
      weekday: null,
    });
  });

  it('refuses an unknown or ambiguous actor with the names it could mean, before the store opens', async () => {
    const unknown = await cli('subscribers', 'add', 'x@example.org', '--actors', 'Netanyah');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(
      /^error: --actors: no known actor is called "Netanyah"; did you mean Benjamin Netanyahu\?/,
    );
    const ambiguous = await cli('subscribers', 'add', 'x@example.org', '--actors', 'NATO,Kim');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(
      /^error: --actors: "Kim" may mean Kim Jong Un, Kim Yo Jong, Kim Jong Il, Kim Il Sung(, [^;]+)?; give the full name/,
    );
    const day = await cli('subscribers', 'add', 'x@example.org', '--weekly', 'Caturday');
    expect(day.stderr).toMatch(/^error: --weekly must be a day of the week/);
    // Nothing was written for the refused address.
    const rows = JSON.parse((await cli('subscribers', 'list', '--json')).stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r.email)).not.toContain('x@example.org');
  });
});
