/**
 * A TokenTrie compiled into arrays at build time, so that a cold start decodes a few thousand
 * numbers instead of building thousands of maps and tokenizing every name (bin/build-gazetteer.ts
 * writes it; the unit tests hold it equal to the trie built from the source files).
 *
 * The form: the trie's keys, newline-joined, the most used first (`words`); its nodes breadth
 * first, in four streams of their own, which brotli packs better than one stream of them mixed:
 * each node's head (edges * 4 + values, values capped at 3, then the number of values when 3 or
 * more), each node's edges (their word numbers in increasing order, the first as is, the rest as
 * differences), each value's tag (a byte) and each value's number (its difference from the previous
 * value's, zigzag: values of nodes near each other in breadth-first order are often near too), all
 * but the tags as varints. Breadth first with sorted edges, a node's children are numbered in the
 * order of its edges, so edge e leads to node e + 1 and no child number is stored. Matching is
 * TokenTrie's: the longest phrase at each start, non-overlapping.
 */
import type { Token } from './tokenize';
import { longestMatches, type TokenTrie, type TrieMatch, type TrieNode } from './trie';
import { decodeVarints, encodeVarints } from './varint';

export interface PackedTrieData {
  /** The keys of every edge, newline-joined; an edge names its key by its number here. */
  words: string;
  /** Base64 varints: each node's head, see the module comment. */
  heads: string;
  /** Base64 varints: each node's edges' word numbers, the first as is, the rest as differences. */
  edges: string;
  /** Base64: each value's tag, a byte. */
  tags: string;
  /** Base64 varints: each value's number, as a zigzag difference from the previous value's. */
  values: string;
  /** Node, edge and value counts, so decoding allocates once. */
  sizes: [number, number, number];
}

/** A value as the packed form holds it: a tag (0-255) and a whole number (0 to 2^30 - 1). */
export type PackedValue = readonly [tag: number, n: number];

export class PackedTrieError extends Error {
  override name = 'PackedTrieError';
}

const zigzag = (d: number) => (d >= 0 ? 2 * d : -2 * d - 1);

/** Compiles a trie into data; `encode` turns each value into a tag and a whole number. */
export function packTrie<T>(trie: TokenTrie<T>, encode: (value: T) => PackedValue): PackedTrieData {
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
  const heads: number[] = [];
  const edgeWords: number[] = [];
  const tags: number[] = [];
  const nums: number[] = [];
  const queue: Array<Readonly<TrieNode<T>>> = [trie.tree];
  let last = 0;
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const next = [...(node.next ?? [])]
      .map(([key, child]) => [words.get(key)!, child] as const)
      .sort((a, b) => a[0] - b[0]);
    const vals = node.values ?? [];
    heads.push(next.length * 4 + Math.min(vals.length, 3));
    if (vals.length >= 3) heads.push(vals.length);
    let prev = 0;
    for (const [w, child] of next) {
      edgeWords.push(w - prev);
      prev = w;
      queue.push(child);
    }
    for (const v of vals) {
      const [tag, n] = encode(v);
      if (!Number.isInteger(tag) || tag < 0 || tag > 255 || !Number.isInteger(n) || n < 0 || n >= 2 ** 30)
        throw new PackedTrieError(`packed trie: value [${tag}, ${n}] is not a tag 0-255 and a number 0-2^30`);
      tags.push(tag);
      nums.push(zigzag(n - last));
      last = n;
    }
  }
  return {
    words: [...words.keys()].join('\n'),
    heads: encodeVarints(heads),
    edges: encodeVarints(edgeWords),
    tags: Buffer.from(tags).toString('base64'),
    values: encodeVarints(nums),
    sizes: [queue.length, edgeWords.length, tags.length],
  };
}

export class PackedTrie<T> {
  private readonly vocab = new Map<string, number>();
  private readonly words: string[];
  /** The root's child by word number (0: none; the root is nobody's child). */
  private readonly rootChild: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeWord: Int32Array;
  /** Each node's parent (the root's: -1), for the phrase a node spells. */
  private readonly parent: Int32Array;
  private readonly valueStart: Int32Array;
  private readonly valueTag: Uint8Array;
  private readonly valueNum: Int32Array;
  private readonly decoded: Array<T[] | undefined>;

  /** The node and number of each value tagged `spellTag`, nodes breadth first (see phrase). */
  readonly spelled: { nodes: number[]; nums: number[] } = { nodes: [], nums: [] };

  /**
   * `spellTag`: the tag of values whose nodes' phrases the caller will ask for (`spelled`), found
   * while decoding rather than by a second pass over the nodes.
   */
  constructor(
    data: PackedTrieData,
    private readonly keyOf: (t: Token) => string,
    private readonly decode: (tag: number, n: number) => T,
    spellTag = -1,
  ) {
    const words = data.words ? data.words.split('\n') : [];
    this.words = words;
    for (let i = 0; i < words.length; i++) this.vocab.set(words[i]!, i);
    const [nodes, edges, values] = data.sizes;
    const heads = decodeVarints(data.heads, 'packed trie heads');
    const edgeWords = decodeVarints(data.edges, 'packed trie edges');
    const tags = Buffer.from(data.tags, 'base64');
    const nums = decodeVarints(data.values, 'packed trie values');
    const bad = (why: string) => new PackedTrieError(`packed trie: ${why}`);
    if (edgeWords.length !== edges || tags.length !== values || nums.length !== values || edges !== nodes - 1)
      throw bad('the counts do not match the data');
    // Locals, not fields, in the loop: a cold process runs it in the interpreter, where each
    // field read is a lookup.
    const edgeStart = new Int32Array(nodes + 1);
    const edgeWord = new Int32Array(edges);
    const parent = new Int32Array(nodes);
    const valueStart = new Int32Array(nodes + 1);
    const valueNum = new Int32Array(values);
    const rootChild = new Int32Array(words.length);
    const spelledNodes = this.spelled.nodes;
    const spelledNums = this.spelled.nums;
    let at = 0;
    let e = 0;
    let v = 0;
    let n = 0;
    parent[0] = -1;
    for (let node = 0; node < nodes; node++) {
      const head = heads[at++];
      if (head === undefined) throw bad(`the data ends at node ${node} of ${nodes}`);
      const ne = head >>> 2;
      const nv = (head & 3) === 3 ? heads[at++] : head & 3;
      if (nv === undefined) throw bad(`the data ends at node ${node} of ${nodes}`);
      if (e + ne > edges || v + nv > values)
        throw bad(`node ${node} has more edges or values than the data holds`);
      edgeStart[node] = e;
      valueStart[node] = v;
      let w = 0;
      for (const end = e + ne; e < end; e++) {
        w += edgeWords[e]!;
        if (w >= words.length) throw bad(`node ${node} names word ${w} of ${words.length}`);
        if (node === 0) rootChild[w] = e + 1;
        parent[e + 1] = node;
        edgeWord[e] = w;
      }
      for (const end = v + nv; v < end; v++) {
        // Zigzag: even numbers are differences up, odd ones down.
        const z = nums[v]!;
        n += z & 1 ? -((z + 1) >>> 1) : z >>> 1;
        valueNum[v] = n;
        if (tags[v] === spellTag) {
          spelledNodes.push(node);
          spelledNums.push(n);
        }
      }
    }
    if (at !== heads.length || e !== edges || v !== values) throw bad('the counts do not match the data');
    edgeStart[nodes] = e;
    valueStart[nodes] = v;
    this.edgeStart = edgeStart;
    this.edgeWord = edgeWord;
    this.parent = parent;
    this.valueStart = valueStart;
    this.valueTag = tags;
    this.valueNum = valueNum;
    this.rootChild = rootChild;
    this.decoded = new Array(nodes);
  }

  /** The key of word number `n`, or undefined. */
  word(n: number): string | undefined {
    return this.words[n];
  }

  /** The phrase node `node` spells: its path's keys, space-joined ('' for the root). */
  phrase(node: number): string {
    const { words, edgeWord, parent } = this;
    if (node <= 0) return '';
    let phrase = words[edgeWord[node - 1]!]!;
    for (let p = parent[node]!; p > 0; p = parent[p]!) phrase = `${words[edgeWord[p - 1]!]!} ${phrase}`;
    return phrase;
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
        vals.push(this.decode(this.valueTag[i]!, this.valueNum[i]!));
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
