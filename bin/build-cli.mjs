/**
 * Builds dist/cli.mjs, the CLI without the TypeScript loader (`npm run build`; `npm ci` runs it as
 * `prepare`). Bundled with esbuild and split per command, so each command loads only its own code.
 * dynalite stays external: it opens a native LevelDB binding from node_modules.
 * `node bin/build-cli.mjs --if-stale` rebuilds only when a source is newer than the bundle.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist');
const entry = join(out, 'cli.mjs');
const SOURCES = ['bin', 'lambdas', 'lib', 'package.json', 'cdk.json'];

function newestSource() {
  let newest = 0;
  const walk = (path) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const s of SOURCES) walk(join(root, s));
  return newest;
}

export function isStale() {
  return !existsSync(entry) || statSync(entry).mtimeMs < newestSource();
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  rmSync(out, { recursive: true, force: true });
  await esbuild({
    entryPoints: [join(root, 'bin', 'cli.ts')],
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['dynalite'],
    // The AWS SDK's ES module builds: they load in about half the time of its CommonJS ones.
    mainFields: ['module', 'main'],
    // Less to parse at start-up; identifiers stay, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS packages (the AWS SDK's) call require for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--if-stale') || isStale()) await build();
}
