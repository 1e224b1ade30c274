/**
 * Who an item is (R21-R22) and which story it belongs to (R25): item keys, stable article ids,
 * content hashes, and a MinHash signature of title and opening text for near-duplicate stories.
 */
import { createHash } from 'node:crypto';
import { canonicalUrl } from './url';

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Guids are compared trimmed with inner whitespace collapsed; nothing else is assumed of them. */
export function normalizeGuid(guid: string | undefined): string | undefined {
  const g = guid?.replace(/\s+/g, ' ').trim();
  return g ? g : undefined;
}

export interface KeyedItem {
  guid?: string;
  link?: string;
  title: string;
  text: string;
}

/**
 * Item keys for one fetched feed (R22): normalised guid, else canonical link, else a hash of title
 * and content. A guid shared by several items of the same feed is no identity, so those items fall
 * back to their links.
 */
export function itemKeys(items: KeyedItem[], baseUrl: string): string[] {
  const guidCount = new Map<string, number>();
  for (const it of items) {
    const g = normalizeGuid(it.guid);
    if (g) guidCount.set(g, (guidCount.get(g) ?? 0) + 1);
  }
  return items.map((it) => {
    const g = normalizeGuid(it.guid);
    if (g && guidCount.get(g) === 1) return `guid:${g}`;
    const link = canonicalUrl(it.link, baseUrl);
    if (link) return `url:${link}`;
    return `hash:${sha256(`${it.title}\n${it.text}`).toString('base64url').slice(0, 32)}`;
  });
}

/** Stable article id: the same feed and item key always give the same id (R21). */
export function articleId(feedUrl: string, itemKey: string): string {
  return sha256(`${feedUrl}\n${itemKey}`).toString('base64url').slice(0, 22);
}

/** Hash of what a reader sees: a change here is an update (R23). */
export function contentHash(title: string, text: string): string {
  return sha256(`${title}\n${text}`).toString('base64url').slice(0, 22);
}

// ---------------------------------------------------------------------------------------------
// Near-duplicate stories

const SIGNATURE_SIZE = 64;
const SHINGLE = 3;
/** Share of equal MinHash slots above which two articles are the same story. */
export const SAME_STORY_THRESHOLD = 0.5;

// Fixed odd multipliers and offsets for the hash family; fixed so signatures stay comparable
// across runs and deployments.
const SEEDS: Array<[number, number]> = Array.from({ length: SIGNATURE_SIZE }, (_, i) => {
  const a = (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0;
  const b = Math.imul(i + 7, 0x85ebca6b) >>> 0;
  return [a, b];
});

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(x: number, a: number, b: number): number {
  let h = (Math.imul(x, a) + b) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

function words(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/**
 * MinHash over word 3-shingles of the title and the first 150 words: republications and copies of
 * the same wire story share most of those, different stories almost none.
 */
export function storySignature(title: string, text: string): string | undefined {
  // 150 words fit well inside the first 4,000 characters: no need to split a whole long article.
  const w = [...words(title), ...words(text.slice(0, 4000)).slice(0, 150)];
  if (w.length < SHINGLE + 5) return undefined;
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE <= w.length; i++) shingles.add(fnv1a(w.slice(i, i + SHINGLE).join(' ')));
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const [a, b] = SEEDS[k]!;
      const h = mix(s, a, b);
      if (h < mins[k]!) mins[k] = h;
    }
  }
  return Buffer.from(mins.buffer).toString('base64url');
}

/** A signature decoded once, for comparing against many others. */
export function decodeSignature(sig: string | undefined): Uint32Array | undefined {
  if (!sig) return undefined;
  const buf = Buffer.from(sig, 'base64url');
  if (buf.length !== SIGNATURE_SIZE * 4) return undefined;
  const out = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/** Estimated Jaccard similarity of two decoded signatures. */
export function decodedSimilarity(x: Uint32Array | undefined, y: Uint32Array | undefined): number {
  if (!x || !y || x.length !== y.length) return 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}

/** Estimated Jaccard similarity of two signatures, 0 when either is missing or malformed. */
export function signatureSimilarity(a: string | undefined, b: string | undefined): number {
  return decodedSimilarity(decodeSignature(a), decodeSignature(b));
}
