/**
 * Registrable domains by the ICANN section of the Public Suffix List, matched by the list's own
 * algorithm (https://github.com/publicsuffix/list/wiki/Format): an exception rule prevails, else the
 * longest matching rule, else the default rule `*` (the last label alone is the suffix).
 *
 * The rules come from `tldts-icann`, a dependency that ships the list as a trie. A Lambda bundle does
 * not carry that package (91 KiB minified): lib/function.ts compiles the rules into the bundle as
 * `__PUBLIC_SUFFIX_RULES__` (brotli, base64, about a third of that), read once on first use. Without
 * that constant (tests, tsx, the CLI) the rules are read from the package's trie in node_modules. The
 * matching is the same code either way. Rules of one label are left out: the default rule gives the
 * same answer.
 */
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** The name of the constant a bundler defines with `packPublicSuffixRules()`. */
export const PUBLIC_SUFFIX_CONSTANT = '__PUBLIC_SUFFIX_RULES__';
declare const __PUBLIC_SUFFIX_RULES__: string | undefined;

interface Rules {
  /** Suffixes of two labels or more, e.g. `co.uk`. */
  exact: Set<string>;
  /** The parents of wildcard rules: `ck` for `*.ck`. */
  wildcard: Set<string>;
  /** Exception rules without their `!`: `www.ck`. */
  exception: Set<string>;
}

let loaded: Rules | undefined;

/**
 * The registrable domain of a lower-case ASCII host name (`news.bbc.co.uk` → `bbc.co.uk`), or
 * undefined when the host is an IP address or is itself a public suffix.
 */
export function registrableDomainOfHost(host: string): string | undefined {
  if (!host || isIP(host)) return undefined;
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return undefined;
  loaded ??= readRules();
  const take = suffixLabels(labels, loaded) + 1;
  return labels.length < take ? undefined : labels.slice(-take).join('.');
}

/** How many of the host's last labels its public suffix spans. */
function suffixLabels(labels: string[], rules: Rules): number {
  const n = labels.length;
  // An exception rule prevails: its suffix is the rule without its first label.
  for (let i = 0; i < n - 1; i++) if (rules.exception.has(labels.slice(i).join('.'))) return n - i - 1;
  // Otherwise the longest matching rule, the first found from the longest candidate down.
  for (let i = 0; i < n - 1; i++) {
    const parent = labels.slice(i + 1).join('.');
    if (rules.exact.has(`${labels[i]}.${parent}`) || rules.wildcard.has(parent)) return n - i;
  }
  return 1;
}

function readRules(): Rules {
  // One expression, so a bundler that defines the constant drops the other branch and tldts with it.
  return toRules(
    typeof __PUBLIC_SUFFIX_RULES__ === 'string'
      ? unpackPublicSuffixRules(__PUBLIC_SUFFIX_RULES__)
      : tldtsRules(),
  );
}

function toRules(list: string[]): Rules {
  const rules: Rules = { exact: new Set(), wildcard: new Set(), exception: new Set() };
  for (const rule of list) {
    if (rule.startsWith('!')) rules.exception.add(rule.slice(1));
    else if (rule.startsWith('*.')) rules.wildcard.add(rule.slice(2));
    else rules.exact.add(rule);
  }
  return rules;
}

/**
 * The list's rules of two labels or more, wildcards and exceptions, from tldts-icann's trie, each
 * internationalised one in its Unicode and ASCII (punycode) forms, since URL host names are ASCII.
 */
export function tldtsRules(): string[] {
  const trie = createRequire(import.meta.url)('tldts-icann/dist/cjs/src/data/trie.js') as TldtsTrie;
  const { nodeFlags, edgeStart, edgeLength, edgeChild, labelText } = trie;
  const edgeOffset = new Uint32Array(edgeLength.length + 1);
  for (let e = 0; e < edgeLength.length; e++) edgeOffset[e + 1] = edgeOffset[e]! + edgeLength[e]!;
  const rules = new Set<string>();
  const walk = (node: number, labels: string[], mark: string) => {
    if (nodeFlags[node] && labels.length > (mark ? 0 : 1)) {
      const rule = [...labels].reverse().join('.');
      rules.add(mark + rule);
      const ascii = domainToASCII(rule.replace(/^\*\./, 'x.'));
      if (ascii && ascii !== rule) rules.add(mark + (rule.startsWith('*.') ? `*.${ascii.slice(2)}` : ascii));
    }
    for (let e = edgeStart[node]!; e < edgeStart[node + 1]!; e++)
      walk(edgeChild[e]!, [...labels, labelText.slice(edgeOffset[e]!, edgeOffset[e + 1]!)], mark);
  };
  walk(trie.rulesRoot, [], '');
  walk(trie.exceptionsRoot, [], '!');
  if (rules.size < 1000) throw new Error(`tldts-icann's trie gave only ${rules.size} public suffix rules`);
  return [...rules].sort();
}

interface TldtsTrie {
  nodeFlags: Uint8Array;
  edgeStart: ArrayLike<number>;
  edgeLength: ArrayLike<number>;
  edgeChild: ArrayLike<number>;
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

/** The rules as one brotli-compressed, base64 string: what lib/function.ts compiles into bundles. */
export function packPublicSuffixRules(rules: string[] = tldtsRules()): string {
  // Labels reversed and sorted: the rules of one top-level domain sit together and compress better.
  const text = rules
    .map((r) => r.split('.').reverse().join('.'))
    .sort()
    .join('\n');
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
    },
  }).toString('base64');
}

export function unpackPublicSuffixRules(packed: string): string[] {
  return brotliDecompressSync(Buffer.from(packed, 'base64'))
    .toString('utf8')
    .split('\n')
    .map((r) => r.split('.').reverse().join('.'));
}
