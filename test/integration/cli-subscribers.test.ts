/**
 * `subscribers add --zone --hour` and `subscribers list --json` as ../shared/CLI.md fixes them, run
 * as real processes of the bundled CLI on an embedded store in a scratch directory.
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
});
