/**
 * The Lambda bundles as deployed: every entry in lib/ built with lib/function.ts's esbuild settings
 * (aliases, the bundled AWS SDK, env-only credentials), then loaded in a fresh Node process with the
 * functions' NODE_OPTIONS. The stack tests skip bundling, and `cdk synth` builds but never loads.
 * Sizes and import times are the bench's (`npm run bench -- bundles`), not asserted here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, FAKE_ENV, lambdaEntries } from '../../bench/bundles';
import { LAMBDA_NODE_OPTIONS, PROJECT_ROOT } from '../../lib/function';

const run = promisify(execFile);
const entries = lambdaEntries();
// Under node_modules so modules left external, if any, resolve as they would.
const out = mkdtempSync(join(PROJECT_ROOT, 'node_modules', '.cache-bundles-test-'));
const outfile = (entry: string) => join(out, entry.replace(/[/.]/g, '_'), 'index.mjs');

let workerInputs: string[] = [];
beforeAll(async () => {
  const results = await Promise.all(entries.map((e) => build(esbuildOptions(e, outfile(e)))));
  workerInputs = Object.keys(results[entries.indexOf('lambdas/handlers/ingest-worker.ts')]!.metafile!.inputs);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Lambda bundles built with the deploy settings', () => {
  it('covers all seven functions', () => {
    expect(entries).toEqual([
      'lambdas/handlers/api.ts',
      'lambdas/handlers/digest-plan.ts',
      'lambdas/handlers/digest-worker.ts',
      'lambdas/handlers/ingest-plan.ts',
      'lambdas/handlers/ingest-worker.ts',
      'lambdas/handlers/reading.ts',
      'lambdas/handlers/ses-events.ts',
    ]);
  });

  it.each(entries)('%s loads and exports its handler', { timeout: 60_000 }, async (entry) => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const m = await import(process.argv[1]); process.stdout.write(typeof m.handler);',
        pathToFileURL(outfile(entry)).href,
      ],
      { env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: LAMBDA_NODE_OPTIONS, ...FAKE_ENV } },
    );
    expect(stdout).toBe('function');
  });

  it('carries one copy of entities and no credential chain beyond the environment', () => {
    const worker = readFileSync(outfile('lambdas/handlers/ingest-worker.ts'), 'utf8');
    expect(workerInputs.filter((i) => /entities\/.*decode-data-html/.test(i))).toHaveLength(1);
    expect(workerInputs.some((i) => i.includes('htmlparser2/dist/commonjs'))).toBe(false);
    expect(workerInputs.some((i) => i.includes('lambdas/shared/env-credentials.ts'))).toBe(true);
    expect(worker).not.toContain('AWS_PROFILE is set');
    expect(worker).not.toContain('credential-provider-ini');
  });

  it("leaves out the topic model file's record of how the model was trained", () => {
    const worker = readFileSync(outfile('lambdas/handlers/ingest-worker.ts'), 'utf8');
    const trained = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'lambdas', 'analysis', 'data', 'topic-model.json'), 'utf8'),
    ).trained;
    expect(trained.corpusFiles).toBeGreaterThan(0);
    expect(worker.includes('corpusFiles')).toBe(false);
  });
});
