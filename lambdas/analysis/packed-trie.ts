/**
 * A TokenTrie compiled into arrays at build time, so that a cold start decodes a few thousand
 * numbers instead of building thousands of maps and tokenizing every name (bin/build-gazetteer.ts
 * writes it; the unit tests hold it equal to the trie built from the source files).
 *
 * The form: the trie's keys, newline-joined, the most used first (`words`); its nodes breadth
 * first, each as [edges * 4 + values (values capped at 3, then the number of values when 3 or more),
 * the edges' word numbers in increasing order (the first as is, the rest as differences), the
 * values], all as varints. Breadth first with sorted edges, a node's children are numbered in the
 * order of its edges, so edge e leads to node e + 1 and no child number is stored. Matching is
 * TokenTrie's: the longest phrase at each start, non-overlapping.
 */
import type { Token } from './tokenize';
import { longestMatches, type TokenTrie, type TrieMatch, type TrieNode } from './trie';
import { decodeVarints, encodeVarints } from './varint';

export interface PackedTrieData {
  /** The keys of every edge, newline-joined; an edge names its key by its number here. */
  words: string;
  /** Base64 varints, see the module comment. */
  nodes: string;
  /** Node, edge and value counts, so decoding allocates once. */
  sizes: [number, number, number];
}

export class PackedTrieError extends Error {
  override name = 'PackedTrieError';
}

/** Compiles a trie into data; `encode` turns each value into a whole number (0 to 2^31 - 1). */
export function packTrie<T>(trie: TokenTrie<T>, encode: (value: T) => number): PackedTrieData {
  const order: Array<Readonly<TrieNode<T>>> = [trie.tree];
  const uses = new Map<string, number>();
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    if (node.prefixes?.size)
      throw new PackedTrieError('packed trie: prefix entries ("word*") are not supported');
    for (const [key, child] of node.next ?? []) {
      if (key.includes('\n'))
        throw new PackedTrieError(`packed trie: a key with a newline: ${JSON.stringify(key)}`);
      uses.set(key, (uses.get(key) ?? 0) + 1);
      order.push(child);
    }
  }
  // The most used words get the numbers that fit in one byte; ties keep breadth-first order.
  const words = new Map(
    [...uses]
      .map(([key, n], i) => ({ key, n, i }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map(({ key }, i) => [key, i]),
  );
  const out: number[] = [];
  const queue: Array<Readonly<TrieNode<T>>> = [trie.tree];
  let edges = 0;
  let values = 0;
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const next = [...(node.next ?? [])]
      .map(([key, child]) => [words.get(key)!, child] as const)
      .sort((a, b) => a[0] - b[0]);
    const vals = node.values ?? [];
    out.push(next.length * 4 + Math.min(vals.length, 3));
    if (vals.length >= 3) out.push(vals.length);
    let prev = 0;
    for (const [w, child] of next) {
      out.push(w - prev);
      prev = w;
      queue.push(child);
    }
    for (const v of vals) out.push(encode(v));
    edges += next.length;
    values += vals.length;
  }
  return {
    words: [...words.keys()].join('\n'),
    nodes: encodeVarints(out),
    sizes: [queue.length, edges, values],
  };
}

export class PackedTrie<T> {
  private readonly vocab = new Map<string, number>();
  private readonly words: string[];
  /** The root's child by word number (0: none; the root is nobody's child). */
  private readonly rootChild: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeWord: Int32Array;
  private readonly valueStart: Int32Array;
  private readonly valueData: Int32Array;
  private readonly decoded: Array<T[] | undefined>;

  constructor(
    data: PackedTrieData,
    private readonly keyOf: (t: Token) => string,
    private readonly decode: (n: number) => T,
  ) {
    const words = data.words ? data.words.split('\n') : [];
    this.words = words;
    for (let i = 0; i < words.length; i++) this.vocab.set(words[i]!, i);
    const [nodes, edges, values] = data.sizes;
    const nums = decodeVarints(data.nodes, 'packed trie');
    this.edgeStart = new Int32Array(nodes + 1);
    this.edgeWord = new Int32Array(edges);
    this.valueStart = new Int32Array(nodes + 1);
    this.valueData = new Int32Array(values);
    this.rootChild = new Int32Array(words.length);
    this.decoded = new Array(nodes);
    let at = 0;
    let e = 0;
    let v = 0;
    const bad = (why: string) => new PackedTrieError(`packed trie: ${why}`);
    for (let n = 0; n < nodes; n++) {
      if (at >= nums.length) throw bad(`the data ends at node ${n} of ${nodes}`);
      const head = nums[at++]!;
      const ne = head >>> 2;
      const nv = (head & 3) === 3 ? nums[at++] : head & 3;
      if (nv === undefined) throw bad(`the data ends at node ${n} of ${nodes}`);
      if (at + ne + nv > nums.length || e + ne > edges || v + nv > values)
        throw bad(`node ${n} has more edges or values than the data holds`);
      this.edgeStart[n] = e;
      this.valueStart[n] = v;
      let w = 0;
      for (let k = 0; k < ne; k++) {
        w += nums[at++]!;
        if (w >= words.length) throw bad(`node ${n} names word ${w} of ${words.length}`);
        if (n === 0) this.rootChild[w] = e + 1;
        this.edgeWord[e++] = w;
      }
      for (let k = 0; k < nv; k++) this.valueData[v++] = nums[at++]!;
    }
    if (at !== nums.length || e !== edges || v !== values || e !== nodes - 1)
      throw bad('the counts do not match the data');
    this.edgeStart[nodes] = e;
    this.valueStart[nodes] = v;
  }

  /** The key of word number `n`, or undefined. */
  word(n: number): string | undefined {
    return this.words[n];
  }

  private child(node: number, word: number): number {
    if (node === 0) return this.rootChild[word]!;
    const end = this.edgeStart[node + 1]!;
    for (let e = this.edgeStart[node]!; e < end; e++) {
      const w = this.edgeWord[e]!;
      if (w === word) return e + 1;
      if (w > word) break;
    }
    return 0;
  }

  private valuesOf(node: number): T[] {
    let vals = this.decoded[node];
    if (!vals) {
      vals = [];
      for (let i = this.valueStart[node]!; i < this.valueStart[node + 1]!; i++)
        vals.push(this.decode(this.valueData[i]!));
      this.decoded[node] = vals;
    }
    return vals;
  }

  /** The longest phrase starting at `start`, or undefined. */
  matchAt(tokens: readonly Token[], start: number): TrieMatch<T> | undefined {
    let node = 0;
    let best: TrieMatch<T> | undefined;
    for (let i = start; i < tokens.length; i++) {
      const word = this.vocab.get(this.keyOf(tokens[i]!));
      if (word === undefined) break;
      node = this.child(node, word);
      if (node === 0) break;
      if (this.valueStart[node + 1]! > this.valueStart[node]!)
        best = { start, end: i + 1, values: this.valuesOf(node) };
    }
    return best;
  }

  /** Non-overlapping longest matches, scanning left to right. */
  scan(tokens: readonly Token[]): TrieMatch<T>[] {
    return longestMatches(tokens, (i) => this.matchAt(tokens, i));
  }
}
