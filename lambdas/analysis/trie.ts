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

/** What the root holds for a key: its child, and the value of the last prefix entry the key starts with. */
interface RootStep<T> {
  child: TrieNode<T> | undefined;
  prefixed: boolean;
  value: T | undefined;
}

const NO_STEP: RootStep<never> = { child: undefined, prefixed: false, value: undefined };
/** How many keys a trie remembers its root's step for. */
const ROOT_STEPS_MAX = 50_000;

export class TokenTrie<T> {
  private readonly root: TrieNode<T> = {};
  /** The root's step by key (rootStep): every token is looked up once here, not in two maps. */
  private readonly rootSteps = new Map<string, RootStep<T>>();
  size = 0;

  constructor(private readonly keyOf: (t: Token) => string) {}

  /**
   * Adds a phrase given as its keys; a last key ending in "*" (two characters at least before
   * it) matches any word it starts.
   */
  add(keys: readonly string[], value: T): void {
    if (keys.length === 0) return;
    this.rootSteps.clear();
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
    if (start >= tokens.length) return undefined;
    const step = this.rootStep(this.keyOf(tokens[start]!));
    let node = step.child;
    let best: TrieMatch<T> | undefined;
    if (step.prefixed) best = { start, end: start + 1, values: [step.value as T] };
    if (node?.values) best = { start, end: start + 1, values: node.values };
    for (let i = start + 1; i < tokens.length && node; i++) {
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

  /** The root's child for a key, and the value of the last prefix entry it starts with (matchAt's first step). */
  private rootStep(key: string): RootStep<T> {
    let step = this.rootSteps.get(key);
    if (step === undefined) {
      let prefixed = false;
      let value: T | undefined;
      for (const p of this.root.prefixes?.get(head2(key)) ?? []) {
        if (key.startsWith(p.prefix)) {
          prefixed = true;
          value = p.value;
        }
      }
      const child = this.root.next?.get(key);
      step = prefixed || child ? { child, prefixed, value } : NO_STEP;
      if (this.rootSteps.size < ROOT_STEPS_MAX) this.rootSteps.set(key, step);
    }
    return step;
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
