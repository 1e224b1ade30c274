/**
 * Feed text to normalised items (R17-R20): RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed. XML is read
 * with htmlparser2 in XML mode, the parser the cleaner uses anyway, and mapped to one item shape here.
 *
 * Why not rss-parser (STYLE 16 prefers it): measured unfit. Its xml2js is 3-5x slower than
 * htmlparser2 on the same files and brings xml2js, sax, xmlbuilder and its own copy of `entities`
 * (about 200 KiB of bundle and ~60 ms of cold start); its "normalisation" is a thin field copy that
 * we had already rewritten around (normalizeItem), with patches for a quadratic snippet regex, a
 * crash on channel-less feeds, prefixed Atom, HTML entities and bare ampersands (a strict parser,
 * retried after repairing the text). htmlparser2 reads all of those as they are, like the feed readers
 * we follow (Miniflux, feedparser): non-well-formed feeds are read, and a document that is not a
 * feed (HTML, another XML vocabulary, binary) is a parse error saying what it is.
 */
import { type getAttributeValue, isCDATA, isTag, isText, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { stripInvisible } from '../shared/display-text';
import { FeedParseError } from './errors';

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
type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomElement = Parameters<typeof getAttributeValue>[0];

// ---------------------------------------------------------------------------------------------
// Titles

/** Contents of these are not text a reader should see in a title. */
const NON_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'iframe',
  'object',
  'svg',
  'math',
]);
const BREAKS = new Set([
  'br',
  'p',
  'div',
  'li',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
]);

const INLINE_TAG =
  /<\/?(?:a|b|i|u|s|em|strong|span|font|small|big|sup|sub|abbr|cite|code|q|mark|del|ins|br|wbr)(?:\s[^<>]{0,300})?\/?>/gi;

/**
 * Titles (and authors, outlet names) are plain text. Feeds send them with entities (Atom
 * type="html", double-escaped RSS) and sometimes with markup: like feed readers, read them as HTML
 * and keep the text, so `<script>alert(1)</script>Sanctions on Iran tightened` shows as "Sanctions on
 * Iran tightened" and `&lt;b&gt;` as "<b>". Invisible and bidi control characters go (R28 escaping at
 * render stays as the second line of defence).
 */
export function plainTitle(raw: string | undefined): string {
  if (!raw) return '';
  let t = raw;
  if (/[<&]/.test(t)) {
    // Only complete entities are entities: `?page=1&copy=2` is text, as XML readers keep it.
    t = t.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;');
    const parts: string[] = [];
    const walk = (nodes: DomNode[]) => {
      for (const n of nodes) {
        if (isText(n)) parts.push(n.data);
        else if (isTag(n)) {
          const name = n.name.toLowerCase();
          if (NON_TEXT.has(name)) continue;
          if (BREAKS.has(name)) parts.push(' ');
          walk(n.children);
          if (BREAKS.has(name)) parts.push(' ');
        } else if (isCDATA(n)) walk(n.children);
      }
    };
    walk(parseDocument(t, { decodeEntities: true }).children);
    t = parts.join('');
  }
  // Double-escaped inline formatting (`&lt;b&gt;` in the HTML) is formatting too, not text.
  return stripInvisible(t)
    .replace(INLINE_TAG, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function toIso(v: unknown): string | undefined {
  const s = typeof v === 'string' ? nonEmpty(v) : undefined;
  if (!s) return undefined;
  const t = Date.parse(s);
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  // RFC 822 dates with a named zone Date.parse does not know ("EDT" is fine, "CEST" is not).
  const stripped = s.replace(/\s+[A-Z]{3,5}$/, ' GMT');
  const t2 = Date.parse(stripped);
  return Number.isNaN(t2) ? undefined : new Date(t2).toISOString();
}

// ---------------------------------------------------------------------------------------------
// XML

/** Namespaces a feed may use under any prefix, and the prefix this module knows them by. */
const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/rss/1.0/': 'rss',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.w3.org/1999/xhtml': 'xhtml',
};

/**
 * Element names by namespace rather than by the prefix the feed chose (`<a:feed>`, `<dc:creator>`
 * under another prefix). The feed's own vocabulary (Atom in an Atom feed, RSS 1.0 in RDF) and names
 * in no namespace come out bare: `entry`, `item`, `title`.
 */
class Names {
  private readonly cache = new Map<DomElement, string>();
  constructor(private readonly own: string) {}

  of(el: DomElement): string {
    let n = this.cache.get(el);
    if (n === undefined) {
      n = this.resolve(el);
      this.cache.set(el, n);
    }
    return n;
  }

  private resolve(el: DomElement): string {
    const colon = el.name.indexOf(':');
    const prefix = colon < 0 ? '' : el.name.slice(0, colon);
    const local = colon < 0 ? el.name : el.name.slice(colon + 1);
    const uri = namespaceOf(el, prefix);
    const known = uri === undefined ? undefined : NAMESPACES[uri];
    if (known === undefined) return uri === undefined || prefix ? el.name : local;
    return known === this.own || known === 'rss' ? local : `${known}:${local}`;
  }
}

/** The namespace URI bound to `prefix` where `el` is, or undefined when none is declared. */
function namespaceOf(el: DomElement, prefix: string): string | undefined {
  const attr = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let e: DomElement | null = el; e; e = e.parent && isTag(e.parent) ? e.parent : null) {
    const v = e.attribs[attr];
    if (v !== undefined) return v.trim();
  }
  return undefined;
}

function childElements(el: DomElement): DomElement[] {
  return el.children.filter(isTag);
}

function child(names: Names, el: DomElement, name: string): DomElement | undefined {
  for (const c of el.children) if (isTag(c) && names.of(c) === name) return c;
  return undefined;
}

function children(names: Names, el: DomElement, name: string): DomElement[] {
  return childElements(el).filter((c) => names.of(c) === name);
}

function textOf(el: DomElement | undefined): string | undefined {
  return el ? textContent(el) : undefined;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// An "&" that starts an entity XML left undecoded (`&nbsp;`) is HTML's to decode, not text.
const escapeLooseText = (s: string) =>
  s
    .replace(/&(?![a-zA-Z][a-zA-Z0-9]{1,31};|#\d{1,7};|#x[0-9a-fA-F]{1,6};)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'source', 'track', 'wbr']);
const XHTML = 'http://www.w3.org/1999/xhtml';

/** Markup written into the XML, back to HTML source (the cleaner sanitises it). */
function serialize(nodes: DomNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (isText(n)) out += escapeLooseText(n.data);
    else if (isCDATA(n)) out += textContent(n);
    else if (isTag(n)) {
      const colon = n.name.indexOf(':');
      // <h:p xmlns:h="...xhtml"> is a paragraph whatever the prefix.
      const name =
        colon > 0 && namespaceOf(n, n.name.slice(0, colon)) === XHTML ? n.name.slice(colon + 1) : n.name;
      const attrs = Object.entries(n.attribs)
        .filter(([k]) => !k.startsWith('xmlns'))
        .map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
        .join('');
      out += VOID.has(name.toLowerCase())
        ? `<${name}${attrs}>`
        : `<${name}${attrs}>${serialize(n.children)}</${name}>`;
    }
  }
  return out;
}

/**
 * The HTML a text construct carries. Escaped HTML (the usual RSS way) and CDATA are HTML source as
 * they are; markup written into the XML (Atom type="xhtml", or raw tags in a description) is
 * serialised back; Atom type="text" is text and is escaped; Atom 0.3 mode="base64" is decoded.
 */
function htmlOf(el: DomElement | undefined): string | undefined {
  if (!el) return undefined;
  const type = (el.attribs.type ?? '').trim().toLowerCase();
  if ((el.attribs.mode ?? '').trim().toLowerCase() === 'base64') {
    return Buffer.from(textContent(el), 'base64').toString('utf8');
  }
  if (type === 'text' || type === 'text/plain') return escapeText(textContent(el));
  if (el.children.some(isTag)) return serialize(el.children);
  return textContent(el);
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** Atom's link choice: rel="alternate", then a link without rel (alternate by default), then the first. */
function atomLink(names: Names, el: DomElement, linkName: string): string | undefined {
  const links = children(names, el, linkName);
  const href = (l: DomElement | undefined) => nonEmpty(l?.attribs.href);
  return (
    href(links.find((l) => (l.attribs.rel ?? '').trim() === 'alternate')) ??
    href(links.find((l) => l.attribs.rel === undefined)) ??
    href(links[0])
  );
}

function firstDate(names: Names, el: DomElement, fields: string[]): string | undefined {
  for (const f of fields) {
    const iso = toIso(textOf(child(names, el, f)));
    if (iso) return iso;
  }
  return undefined;
}

function authorOf(names: Names, el: DomElement): string | undefined {
  const author = child(names, el, 'author');
  const name = author ? child(names, author, 'name') : undefined;
  return (
    nonEmpty(textOf(child(names, el, 'dc:creator'))) ??
    nonEmpty(textOf(name)) ??
    nonEmpty(textOf(author)) ??
    nonEmpty(textOf(child(names, el, 'creator')))
  );
}

const RSS_DATES = [
  'pubDate',
  'dc:date',
  'published',
  'issued',
  'created',
  'updated',
  'modified',
  'dcterms:modified',
];
const ATOM_DATES = ['published', 'updated', 'dc:date', 'issued', 'created', 'modified'];

function rssItem(names: Names, it: DomElement): ParsedItem {
  const html =
    nonEmpty(htmlOf(child(names, it, 'content:encoded'))) ??
    nonEmpty(htmlOf(child(names, it, 'description'))) ??
    nonEmpty(htmlOf(child(names, it, 'content'))) ??
    nonEmpty(htmlOf(child(names, it, 'summary'))) ??
    nonEmpty(htmlOf(child(names, it, 'media:description'))) ??
    '';
  const linkEl = child(names, it, 'link');
  const link = nonEmpty(textOf(linkEl)) ?? nonEmpty(linkEl?.attribs.href) ?? atomLink(names, it, 'atom:link');
  const guid =
    nonEmpty(textOf(child(names, it, 'guid'))) ??
    nonEmpty(textOf(child(names, it, 'id'))) ??
    nonEmpty(it.attribs['rdf:about']);
  return finishItem(
    htmlOf(child(names, it, 'title') ?? child(names, it, 'dc:title')),
    html,
    { guid, link, author: authorOf(names, it) },
    firstDate(names, it, RSS_DATES),
  );
}

function atomEntry(names: Names, entry: DomElement): ParsedItem {
  const html =
    nonEmpty(htmlOf(child(names, entry, 'content:encoded'))) ??
    nonEmpty(htmlOf(child(names, entry, 'content'))) ??
    nonEmpty(htmlOf(child(names, entry, 'description'))) ??
    nonEmpty(htmlOf(child(names, entry, 'summary'))) ??
    nonEmpty(htmlOf(child(names, entry, 'media:description'))) ??
    '';
  return finishItem(
    htmlOf(child(names, entry, 'title')),
    html,
    {
      guid: nonEmpty(textOf(child(names, entry, 'id'))),
      link: atomLink(names, entry, 'link'),
      author: authorOf(names, entry),
    },
    firstDate(names, entry, ATOM_DATES),
  );
}

function finishItem(
  title: string | undefined,
  html: string,
  ids: { guid: string | undefined; link: string | undefined; author: string | undefined },
  publishedAt: string | undefined,
): ParsedItem {
  const out: ParsedItem = { title: plainTitle(title), html };
  if (ids.guid) out.guid = ids.guid;
  if (ids.link) out.link = ids.link;
  const author = plainTitle(ids.author);
  if (author) out.author = author;
  if (publishedAt) out.publishedAt = publishedAt;
  return out;
}

/**
 * A DOCTYPE with an internal subset declaring entities is where billion-laughs and XXE live (R18).
 * The XML parser expands neither, but a feed has no business declaring them: refuse outright.
 */
function declaresEntities(xml: string): boolean {
  return /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(xml.slice(0, 65536));
}

/** The first element of the document: the feed's root. */
function rootElement(doc: DomDocument): DomElement | undefined {
  return doc.children.find(isTag);
}

function describeRoot(root: DomElement | undefined): string {
  if (!root) return 'no XML element in the document';
  const name = root.name.toLowerCase();
  if (name === 'html' || name === 'head' || name === 'body')
    return 'the document is an HTML page, not a feed';
  return `root element <${root.name.slice(0, 40)}> is not RSS, RDF or Atom`;
}

function parseXmlFeed(xml: string, maxItems: number | undefined): ParsedFeed {
  if (declaresEntities(xml)) throw new FeedParseError('feed declares XML entities (DTD); refused');
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const root = rootElement(doc);
  const rootName = root ? root.name.replace(/^.*:/, '') : '';
  const rootNs = root
    ? namespaceOf(root, root.name.includes(':') ? root.name.split(':')[0]! : '')
    : undefined;
  const isAtom = rootName === 'feed' && (rootNs === undefined || NAMESPACES[rootNs] === 'atom');
  const isRss = rootName === 'rss' && !root?.name.includes(':');
  const isRdf = rootName === 'RDF' && (rootNs === undefined || NAMESPACES[rootNs] === 'rdf');
  if (!root || !(isAtom || isRss || isRdf)) throw new FeedParseError(`not a feed: ${describeRoot(root)}`);

  const names = new Names(isAtom ? 'atom' : 'rss');
  const take = <T>(list: T[]) => (maxItems === undefined ? list : list.slice(0, maxItems));
  if (isAtom) {
    const feed: ParsedFeed = {
      format: 'atom',
      // R16: items past the cap are not even normalised.
      items: take(children(names, root, 'entry')).map((e) => atomEntry(names, e)),
    };
    const title = nonEmpty(plainTitle(htmlOf(child(names, root, 'title'))));
    const link = atomLink(names, root, 'link');
    if (title) feed.title = title;
    if (link) feed.link = link;
    return feed;
  }
  const channel = child(names, root, 'channel');
  // RSS 1.0 puts items beside the channel; RSS 2.0 inside it. A channel-less <rss> is an empty feed.
  const items = [...(channel ? children(names, channel, 'item') : []), ...children(names, root, 'item')];
  const feed: ParsedFeed = {
    format: isRdf ? 'rdf' : 'rss',
    items: take(items).map((it) => rssItem(names, it)),
  };
  if (channel) {
    const title = nonEmpty(
      plainTitle(htmlOf(child(names, channel, 'title') ?? child(names, channel, 'dc:title'))),
    );
    const link = nonEmpty(textOf(child(names, channel, 'link')));
    if (title) feed.title = title;
    if (link) feed.link = link;
  }
  return feed;
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
        if (typeof author === 'string' && plainTitle(author)) out.author = plainTitle(author);
        return out;
      }),
  };
}

/** Parses decoded feed text; throws FeedParseError when it is not a feed we can read. */
export async function parseFeed(text: string, opts: { maxItems?: number } = {}): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed) throw new FeedParseError('empty document');
  if (trimmed.startsWith('{')) return capItems(parseJsonFeed(trimmed), opts.maxItems);
  try {
    return parseXmlFeed(trimmed, opts.maxItems);
  } catch (cause) {
    if (cause instanceof FeedParseError) throw cause;
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new FeedParseError(`unreadable feed: ${message}`, { cause });
  }
}

function capItems(feed: ParsedFeed, max: number | undefined): ParsedFeed {
  if (max !== undefined && feed.items.length > max) feed.items = feed.items.slice(0, max);
  return feed;
}
