import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { getDomain } from 'tldts-icann';
import { describe, expect, it } from 'vitest';
import {
  packPublicSuffixRules,
  registrableDomainOfHost,
  tldtsRules,
  unpackPublicSuffixRules,
} from '../../../lambdas/feeds/public-suffix';
import { LAMBDA_BUNDLING, PROJECT_ROOT } from '../../../lib/function';

describe('public suffix rules', () => {
  const rules = tldtsRules();

  it('gives the registrable domain tldts-icann gives, for hosts at, under and above every rule', () => {
    const hosts = new Set<string>();
    for (const rule of rules) {
      const base = rule.replace(/^!/, '').replace(/^\*\./, 'w.');
      hosts.add(base).add(`a.${base}`).add(`b.a.${base}`);
      const parent = base.split('.').slice(1).join('.');
      if (parent) hosts.add(parent).add(`a.${parent}`);
    }
    hosts.add('localhost').add('example').add('a.b.example').add('news.bbc.co.uk');
    const differ: string[] = [];
    for (const host of hosts) {
      const ours = registrableDomainOfHost(host) ?? null;
      const theirs = getDomain(host, { allowPrivateDomains: false });
      if (ours !== theirs) differ.push(`${host}: ${ours} (tldts: ${theirs})`);
    }
    expect(hosts.size).toBeGreaterThan(15_000);
    expect(differ).toEqual([]);
  });

  it('applies exceptions, wildcards and the default rule', () => {
    expect(registrableDomainOfHost('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomainOfHost('co.uk')).toBeUndefined();
    // *.kawasaki.jp with the exception !city.kawasaki.jp
    expect(registrableDomainOfHost('a.b.kawasaki.jp')).toBe('a.b.kawasaki.jp');
    expect(registrableDomainOfHost('www.city.kawasaki.jp')).toBe('city.kawasaki.jp');
    expect(registrableDomainOfHost('x.y.not-a-tld')).toBe('y.not-a-tld');
    expect(registrableDomainOfHost('192.0.2.7')).toBeUndefined();
    expect(registrableDomainOfHost('a..com')).toBeUndefined();
  });

  it('knows internationalised suffixes in the ASCII form URL host names take', () => {
    const unicode = rules.find((r) => !r.startsWith('!') && !r.startsWith('*') && /[^\x00-\x7f]/.test(r))!;
    const host = new URL(`https://news.outlet.${unicode}/`).hostname;
    expect(host).toMatch(/xn--/);
    expect(registrableDomainOfHost(host)).toBe(host.split('.').slice(1).join('.'));
  });

  it('packs the rules so they unpack to the same list, in a third of the space of the trie', () => {
    const packed = packPublicSuffixRules(rules);
    expect(unpackPublicSuffixRules(packed).sort()).toEqual(rules);
    expect(packed.length).toBeLessThan(40 * 1024);
  });

  it('runs in a Lambda bundle from the rules compiled in, without tldts-icann', async () => {
    const entry = join(PROJECT_ROOT, 'lambdas', 'feeds', 'url.ts');
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: LAMBDA_BUNDLING.target,
      minify: true,
      define: LAMBDA_BUNDLING.define,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).not.toMatch(/tldts|createRequire/);
    const dir = mkdtempSync(join(tmpdir(), 'psl-bundle-'));
    try {
      const file = join(dir, 'url.mjs');
      writeFileSync(file, code);
      const bundled = (await import(pathToFileURL(file).href)) as typeof import('../../../lambdas/feeds/url');
      expect(bundled.registrableDomain('https://news.bbc.co.uk/world')).toBe('bbc.co.uk');
      expect(bundled.registrableDomain('https://www.city.kawasaki.jp/')).toBe('city.kawasaki.jp');
      expect(
        bundled.offsiteDomain('https://original.antiwar.com/x', ['https://www.antiwar.com/feed']),
      ).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
