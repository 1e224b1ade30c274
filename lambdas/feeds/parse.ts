/**
 * Feed text to normalised items (R17-R20). rss-parser's parseString does the XML work; this module
 * feeds it decoded text, works around its weak spots and maps its loose output to one item shape.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import Parser from 'rss-parser';
import rssUtils from 'rss-parser/lib/utils.js';
import { FeedParseError } from './errors';

// R17: rss-parser computes `contentSnippet` with a regex that is quadratic on unclosed tags (240 KB
// of "<a <a <a" takes minutes). We never read the snippet, so it is not computed at all.
rssUtils.getSnippet = () => '';

export interface ParsedItem {
  guid?: string;
  link?: string;
  title: string;
  /** The fullest body the feed offers: content:encoded, Atom content, description, summary. */
  html: string;
  author?: string;
  /** ISO date when the feed gave a parseable one. */
  publishedAt?: string;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  format: 'rss' | 'atom' | 'rdf' | 'json';
  items: ParsedItem[];
}

type Loose = Record<string, unknown>;

const ITEM_FIELDS = [
  'issued',
  'modified',
  'created',
  'updated',
  'published',
  'dc:date',
  'description',
  'content',
  'id',
  'author',
  'media:description',
];

function makeParser(): Parser<Loose, Loose> {
  return new Parser<Loose, Loose>({
    // `<rss>` without a version attribute is read as RSS 2.
    defaultRSS: 2,
    customFields: { item: ITEM_FIELDS as never[] },
    xml2js: { strict: true, async: false },
  });
}

const parser = makeParser();

/** Text of a value that may be a string, an xml2js node ({ _: text, $: attrs }) or an XHTML tree. */
function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === 'object') {
    const o = v as Loose;
    if (typeof o._ === 'string') return o._;
    if (o.$ && typeof o.$ === 'object' && typeof (o.$ as Loose).href === 'string')
      return (o.$ as Loose).href as string;
    // Atom type="xhtml" content: concatenate the text of the tree.
    const parts: string[] = [];
    for (const [k, child] of Object.entries(o)) {
      if (k === '$') continue;
      const s = str(child);
      if (s) parts.push(s);
    }
    return parts.length ? parts.join(' ') : undefined;
  }
  return undefined;
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

const INLINE_TAG =
  /<\/?(?:a|b|i|u|s|em|strong|span|font|small|big|sup|sub|abbr|cite|code|q|mark|del|ins|br|wbr)(?:\s[^<>]{0,300})?\/?>/gi;

/**
 * Titles may carry entities (Atom type="html", double-escaped RSS) and inline formatting: reduce
 * them to plain text. Anything else that looks like markup is kept as literal text, to be escaped
 * wherever it is shown (R28), rather than parsed and half-dropped.
 */
export function plainTitle(raw: string | undefined): string {
  if (!raw) return '';
  let t = raw;
  if (/&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i.test(t)) {
    // Decode entities only: "<" is escaped first so the HTML parser sees no tags.
    t = DomUtils.textContent(parseDocument(t.replace(/</g, '&lt;'), { decodeEntities: true }));
  }
  return t
    .replace(INLINE_TAG, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function toIso(v: unknown): string | undefined {
  const s = nonEmpty(str(v));
  if (!s) return undefined;
  const t = Date.parse(s);
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  // RFC 822 dates with a named zone Date.parse does not know ("EDT" is fine, "CEST" is not).
  const stripped = s.replace(/\s+[A-Z]{3,5}$/, ' GMT');
  const t2 = Date.parse(stripped);
  return Number.isNaN(t2) ? undefined : new Date(t2).toISOString();
}

function normalizeItem(item: Loose): ParsedItem {
  const contentEncoded = nonEmpty(str(item['content:encoded']));
  const content = nonEmpty(str(item.content));
  const description = nonEmpty(str(item.description));
  const summary = nonEmpty(str(item.summary)) ?? nonEmpty(str(item['media:description']));
  const html = contentEncoded ?? content ?? description ?? summary ?? '';

  const guid = nonEmpty(str(item.guid)) ?? nonEmpty(str(item.id)) ?? nonEmpty(str(item['rdf:about']));
  const link = nonEmpty(str(item.link));
  const author =
    nonEmpty(str(item.creator)) ??
    nonEmpty(str(item['dc:creator'])) ??
    nonEmpty(str((item.author as Loose | undefined)?.name)) ??
    nonEmpty(str(item.author));
  const publishedAt =
    toIso(item.isoDate) ??
    toIso(item.pubDate) ??
    toIso(item['dc:date']) ??
    toIso(item.published) ??
    toIso(item.issued) ??
    toIso(item.created) ??
    toIso(item.updated) ??
    toIso(item.modified);

  const out: ParsedItem = { title: plainTitle(str(item.title)), html };
  if (guid) out.guid = guid;
  if (link) out.link = link;
  if (author) out.author = plainTitle(author);
  if (publishedAt) out.publishedAt = publishedAt;
  return out;
}

// XML only knows five named entities; feeds are full of HTML ones and bare ampersands.
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function repairXml(xml: string): string {
  return xml.replace(
    /&(?:([A-Za-z][A-Za-z0-9]{1,31});|(#\d{1,7};|#x[0-9A-Fa-f]{1,6};))?/g,
    (m, name, num) => {
      if (num) return m;
      if (!name) return '&amp;';
      if (XML_ENTITIES.has(name)) return m;
      const decoded = DomUtils.textContent(parseDocument(m, { decodeEntities: true }));
      if (decoded === m || decoded.length === 0) return `&amp;${name};`;
      return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
    },
  );
}

/**
 * A DOCTYPE with an internal subset declaring entities is where billion-laughs and XXE live (R18).
 * The XML parser expands neither, but a feed has no business declaring them: refuse outright.
 */
function declaresEntities(xml: string): boolean {
  return /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(xml.slice(0, 65536));
}

async function parseXml(xml: string): Promise<Loose> {
  if (declaresEntities(xml)) throw new FeedParseError('feed declares XML entities (DTD); refused');
  try {
    return (await parser.parseString(xml)) as unknown as Loose;
  } catch (first) {
    const repaired = repairXml(xml);
    if (repaired === xml) throw first;
    return (await parser.parseString(repaired)) as unknown as Loose;
  }
}

function parseJsonFeed(text: string): ParsedFeed {
  let doc: Loose;
  try {
    doc = JSON.parse(text) as Loose;
  } catch (cause) {
    throw new FeedParseError('invalid JSON', { cause });
  }
  const version = String((doc as Loose | null)?.version ?? '');
  // "https://jsonfeed.org/version/1.1", and in the wild also plain "1" or "1.1".
  if (
    !doc ||
    typeof doc !== 'object' ||
    !(/jsonfeed\.org/.test(version) || (/^1(\.\d+)?$/.test(version) && Array.isArray(doc.items)))
  ) {
    throw new FeedParseError('JSON document is not a JSON Feed');
  }
  const items = Array.isArray(doc.items) ? (doc.items as Loose[]) : [];
  return {
    format: 'json',
    ...(typeof doc.title === 'string' ? { title: doc.title } : {}),
    ...(typeof doc.home_page_url === 'string' ? { link: doc.home_page_url } : {}),
    items: items
      .filter((i) => i && typeof i === 'object')
      .map((i) => {
        const out: ParsedItem = {
          title: plainTitle(typeof i.title === 'string' ? i.title : ''),
          html:
            typeof i.content_html === 'string'
              ? i.content_html
              : typeof i.content_text === 'string'
                ? i.content_text
                : typeof i.summary === 'string'
                  ? i.summary
                  : '',
        };
        if (i.id !== undefined && i.id !== null) out.guid = String(i.id);
        if (typeof i.url === 'string') out.link = i.url;
        const date = toIso(i.date_published) ?? toIso(i.date_modified);
        if (date) out.publishedAt = date;
        const author = (i.author as Loose | undefined)?.name ?? (i.authors as Loose[] | undefined)?.[0]?.name;
        if (typeof author === 'string') out.author = author;
        return out;
      }),
  };
}

/** `<a:feed xmlns:a="http://www.w3.org/2005/Atom">`: rss-parser only knows the unprefixed names. */
function unprefixAtom(xml: string): string {
  const m = xml
    .slice(0, 4096)
    .match(
      /<(\w+):feed\b[^>]*\bxmlns:\1\s*=\s*["']http:\/\/(?:www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#)["']/,
    );
  if (!m) return xml;
  const prefix = m[1]!;
  return xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
}

/** Parses decoded feed text; throws FeedParseError when it is not a feed we can read. */
export async function parseFeed(text: string, opts: { maxItems?: number } = {}): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed) throw new FeedParseError('empty document');
  if (trimmed.startsWith('{')) return capItems(parseJsonFeed(trimmed), opts.maxItems);
  const head = trimmed.slice(0, 4096);
  // A channel-less <rss> or <rdf:RDF> is an empty feed; rss-parser would throw a TypeError on it.
  if (/<(rss|(\w+:)?RDF)[\s>]/.test(head) && !/<(\w+:)?channel[\s>/]/.test(trimmed)) {
    return { format: /RDF/.test(head) ? 'rdf' : 'rss', items: [] };
  }
  let out: Loose;
  try {
    out = await parseXml(unprefixAtom(trimmed));
  } catch (cause) {
    if (cause instanceof FeedParseError) throw cause;
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new FeedParseError(`not a readable feed: ${message}`, { cause });
  }
  const allItems = Array.isArray(out.items) ? (out.items as Loose[]) : [];
  // R16: items past the cap are not even normalised.
  const rawItems = opts.maxItems === undefined ? allItems : allItems.slice(0, opts.maxItems);
  const format = /<(\w+:)?RDF[\s>]/.test(trimmed.slice(0, 4096))
    ? 'rdf'
    : /<feed[\s>]/.test(trimmed.slice(0, 4096))
      ? 'atom'
      : 'rss';
  let items: ParsedItem[];
  try {
    items = rawItems.map(normalizeItem);
  } catch (cause) {
    throw new FeedParseError('unreadable item structure', { cause });
  }
  const feed: ParsedFeed = { format, items };
  const title = nonEmpty(plainTitle(str(out.title)));
  const link = nonEmpty(str(out.link));
  if (title) feed.title = title;
  if (link) feed.link = link;
  return feed;
}

function capItems(feed: ParsedFeed, max: number | undefined): ParsedFeed {
  if (max !== undefined && feed.items.length > max) feed.items = feed.items.slice(0, max);
  return feed;
}
