/**
 * A trie over token keys, matched longest-first from each position: a word-level Aho-Corasick
 * without failure links, which is enough because phrases are short (1-8 tokens) and we keep only
 * the longest match at each start. Hand-written because it is the product's core loop and the
 * general string matchers on npm work on characters, not on our tokens.
 */
import type { Token } from './tokenize';

export interface TrieNode<T> {
  next?: Map<string, TrieNode<T>>;
  values?: T[];
  /** Entries whose last word is a prefix ("sanction*"), by the prefix's first two characters. */
  prefixes?: Map<number, Array<{ prefix: string; value: T }>>;
}

/** Index of a prefix or word by its first two characters (one-character prefixes are not indexed). */
function head2(s: string): number {
  return s.length < 2 ? -1 : (s.charCodeAt(0) << 16) | s.charCodeAt(1);
}

export interface TrieMatch<T> {
  start: number;
  /** Exclusive. */
  end: number;
  values: T[];
}

export class TokenTrie<T> {
  private readonly root: TrieNode<T> = {};
  size = 0;

  constructor(private readonly keyOf: (t: Token) => string) {}

  /**
   * Adds a phrase given as its keys; a last key ending in "*" (two characters at least before
   * it) matches any word it starts.
   */
  add(keys: readonly string[], value: T): void {
    if (keys.length === 0) return;
    let node = this.root;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i === keys.length - 1 && k.length > 2 && k.endsWith('*')) {
        const prefix = k.slice(0, -1);
        node.prefixes ??= new Map();
        const list = node.prefixes.get(head2(prefix)) ?? [];
        list.push({ prefix, value });
        node.prefixes.set(head2(prefix), list);
        this.size++;
        return;
      }
      node.next ??= new Map();
      let child = node.next.get(k);
      if (!child) {
        child = {};
        node.next.set(k, child);
      }
      node = child;
    }
    node.values ??= [];
    node.values.push(value);
    this.size++;
  }

  /** The root node, for compiling the trie into data (packed-trie.ts). */
  get tree(): Readonly<TrieNode<T>> {
    return this.root;
  }

  /** The longest phrase starting at `start`, or undefined. */
  matchAt(tokens: readonly Token[], start: number): TrieMatch<T> | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let best: TrieMatch<T> | undefined;
    for (let i = start; i < tokens.length && node; i++) {
      const key = this.keyOf(tokens[i]!);
      const candidates = node.prefixes?.get(head2(key));
      if (candidates) {
        for (const p of candidates) {
          if (key.startsWith(p.prefix)) best = { start, end: i + 1, values: [p.value] };
        }
      }
      node = node.next?.get(key);
      if (node?.values) best = { start, end: i + 1, values: node.values };
    }
    return best;
  }

  /** Non-overlapping longest matches, scanning left to right. */
  scan(tokens: readonly Token[]): TrieMatch<T>[] {
    return longestMatches(tokens, (i) => this.matchAt(tokens, i));
  }
}

/** Non-overlapping longest matches, left to right, of a trie's `matchAt`. */
export function longestMatches<T>(
  tokens: readonly Token[],
  matchAt: (i: number) => TrieMatch<T> | undefined,
): TrieMatch<T>[] {
  const out: TrieMatch<T>[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = matchAt(i);
    if (m) {
      out.push(m);
      i = m.end;
    } else i++;
  }
  return out;
}
