/**
 * `npm run bench [-- NAME...]`: runs each bench/<name>.ts (its default export) in turn and prints
 * its figures. Benchmarks measure; tests never time anything.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { quietSdkNodeNotice } from './local/sdk-notice';

quietSdkNodeNotice();

const OPT_IN = new Set(['versus']);
const dir = join(import.meta.dirname, '..', 'bench');
const wanted = process.argv.slice(2);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  // versus installs rss2email and takes minutes: only when named.
  .filter((n) => (wanted.length === 0 ? !OPT_IN.has(n) : wanted.includes(n)))
  .sort();

let failed = 0;
for (const name of names) {
  console.log(`\n== ${name} ==`);
  try {
    const mod = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as {
      default: () => Promise<void>;
    };
    await mod.default();
  } catch (err) {
    failed++;
    console.error(`bench ${name} failed:`, err);
  }
}
process.exit(failed ? 1 : 0);
