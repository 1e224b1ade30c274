/**
 * `npm run bench -- bundles`: builds every Lambda entry named in lib/ with the esbuild settings of
 * lib/function.ts (the same ones NodejsFunction passes to esbuild), prints each bundle's size and its
 * largest packages, and the median cold import of each over fresh `node` processes run with the
 * functions' NODE_OPTIONS. Modules left external (the AWS SDK when not bundled) are loaded from
 * node_modules, as the Lambda runtime loads its own copy. Targets (issue 13): under 600 KiB and
 * under 150 ms each. BENCH_SDK=bundled or BENCH_SDK=external measures the other choice for the AWS
 * SDK without editing lib/function.ts; BENCH_RUNS sets the processes per bundle (default 7).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';
import { LAMBDA_BUNDLING, LAMBDA_NODE_OPTIONS, PROJECT_ROOT } from '../lib/function';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const OUT = join(PROJECT_ROOT, 'node_modules', '.cache', 'bench-bundles');
const SIZE_TARGET_KIB = 600;
const IMPORT_TARGET_MS = 150;

/** What the handlers read at import time; values are placeholders, nothing is contacted. */
export const FAKE_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  // Node 20 here, 22 on Lambda: the SDK's notice about Node 20 is not part of a Lambda cold start.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'bench',
  FEEDS_JSON: '[{"url":"https://example.org/feed","outlet":"Example"}]',
  INGEST_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/ingest.fifo',
  DIGEST_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/digest',
  SENDER_ADDRESS: 'digest@example.org',
  SENDER_NAME: 'Antiwar Digest',
  POSTAL_ADDRESS: '1 Example Street',
  PUBLIC_BASE_URL: 'https://example.org',
  DIGEST_TIME_ZONE: 'America/New_York',
  SES_CONFIGURATION_SET: 'bench',
  SEND_RATE_PER_SECOND: '14',
  TOKEN_SECRET_PARAMETER: 'bench',
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'bench',
};

/** Every `entry: 'lambdas/...'` in lib/, so a new function is measured without editing this file. */
export function lambdaEntries(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(join(PROJECT_ROOT, 'lib'))) {
    if (!file.endsWith('.ts')) continue;
    const src = readFileSync(join(PROJECT_ROOT, 'lib', file), 'utf8');
    for (const m of src.matchAll(/\bentry:\s*'(lambdas\/[^']+\.ts)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

type Bundling = typeof LAMBDA_BUNDLING & {
  externalModules?: string[];
  bundleAwsSDK?: boolean;
  esbuildArgs?: Record<string, string | string[] | boolean>;
  define?: Record<string, string>;
};

/** NodejsFunction's esbuild command line (aws-lambda-nodejs/lib/bundling), as esbuild API options. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  const b = LAMBDA_BUNDLING as Bundling;
  // nodejs18.x and later: the runtime's SDK v3 is left out unless told otherwise.
  const sdk = process.env.BENCH_SDK;
  const bundleSdk = sdk === 'bundled' ? true : sdk === 'external' ? false : b.bundleAwsSDK;
  const external = b.externalModules ?? (bundleSdk ? [] : ['@aws-sdk/*']);
  const alias: Record<string, string> = {};
  const aliasArg = b.esbuildArgs?.['--alias'];
  for (const a of Array.isArray(aliasArg) ? aliasArg : typeof aliasArg === 'string' ? [aliasArg] : []) {
    const [from = '', to = ''] = a.split('=');
    alias[from] = to;
  }
  return {
    entryPoints: [join(PROJECT_ROOT, entry)],
    outfile,
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: b.format,
    target: b.target,
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: (b as { sourcesContent?: boolean }).sourcesContent ?? true,
    mainFields: b.mainFields,
    external,
    alias,
    define: b.define ?? {},
    banner: { js: b.banner },
    metafile: true,
    logLevel: 'error',
  };
}

/** Bytes per package (or `(project)` for our own sources) in one bundle's output. */
function byPackage(meta: Metafile, outfile: string): [string, number][] {
  const out = Object.entries(meta.outputs).find(([p]) => p.endsWith(basename(outfile)))?.[1];
  const sizes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(out?.inputs ?? {})) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
    const pkg = m ? m[m.length - 1]!.replace('node_modules/', '') : '(project)';
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** Wall and CPU (user + system) milliseconds of one import in a fresh process. */
function coldImport(file: string): { wall: number; cpu: number } {
  const code =
    'const c = process.cpuUsage(); const t = performance.now(); await import(process.argv[1]); const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: w, cpu: (u.user + u.system) / 1000 }));';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code, pathToFileURL(file).href], {
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: LAMBDA_NODE_OPTIONS, ...FAKE_ENV },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { wall: number; cpu: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

export default async function bundles(): Promise<void> {
  const { build } = await import('esbuild');
  rmSync(OUT, { recursive: true, force: true });
  const entries = lambdaEntries();
  const rows: { entry: string; bytes: number; ms: number; cpu: number; top: [string, number][] }[] = [];
  for (const entry of entries) {
    const dir = join(OUT, basename(entry, '.ts'));
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'index.mjs');
    const result = await build(esbuildOptions(entry, outfile));
    const bytes = statSync(outfile).size;
    const runs = Array.from({ length: RUNS }, () => coldImport(outfile));
    rows.push({
      entry,
      bytes,
      ms: median(runs.map((r) => r.wall)),
      cpu: median(runs.map((r) => r.cpu)),
      top: byPackage(result.metafile!, outfile).slice(0, 5),
    });
  }
  const external = esbuildOptions('x', 'x').external ?? [];
  console.log(
    `esbuild settings of lib/function.ts; external: ${external.length ? external.join(', ') : 'none'}; cold import = median wall and CPU of ${RUNS} fresh node processes (NODE_OPTIONS=${LAMBDA_NODE_OPTIONS}); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  );
  console.log(
    `${'entry'.padEnd(20)} ${'bundle'.padStart(9)} ${'import'.padStart(9)} ${'CPU'.padStart(7)}  largest parts`,
  );
  for (const r of rows) {
    const flag = (ok: boolean) => (ok ? ' ' : '!');
    console.log(
      `${relative('lambdas/handlers', r.entry).padEnd(20)} ${kib(r.bytes).padStart(8)}${flag(r.bytes / 1024 < SIZE_TARGET_KIB)} ${`${r.ms.toFixed(0)} ms`.padStart(8)}${flag(r.ms < IMPORT_TARGET_MS)} ${`${r.cpu.toFixed(0)} ms`.padStart(7)}  ${r.top.map(([p, n]) => `${p} ${kib(n)}`).join(', ')}`,
    );
  }
  const over = rows.filter((r) => r.bytes / 1024 >= SIZE_TARGET_KIB || r.ms >= IMPORT_TARGET_MS);
  console.log(
    over.length
      ? `! over target (${SIZE_TARGET_KIB} KiB, ${IMPORT_TARGET_MS} ms): ${over.map((r) => basename(r.entry, '.ts')).join(', ')}`
      : `all ${rows.length} bundles under ${SIZE_TARGET_KIB} KiB and ${IMPORT_TARGET_MS} ms`,
  );
}
