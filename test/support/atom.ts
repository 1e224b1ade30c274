/**
 * A schema-level check of an Atom document against RFC 4287's requirements, parsed back with
 * htmlparser2 in XML mode. It reports each broken rule with where it is, so a failing test says what.
 * Well-formedness as far as htmlparser2 sees it: one root, every element closed by its own end tag
 * (the browser test adds a strict XML parser on top).
 */
import { DomUtils, Parser, parseDocument } from 'htmlparser2';

type Document = ReturnType<typeof parseDocument>;
type ChildNode = Document['children'][number];
type Element = Extract<ChildNode, { attribs: Record<string, string> }>;
const isTag = (n: ChildNode): n is Element => DomUtils.isTag(n);
const isText = DomUtils.isText;

export const ATOM_NS = 'http://www.w3.org/2005/Atom';

export interface AtomEntryView {
  id: string;
  title: string;
  updated: string;
  published?: string;
  links: Record<string, string>[];
  authors: string[];
  categories: string[];
  summary?: string;
}

export interface AtomView {
  id: string;
  title: string;
  updated: string;
  links: Record<string, string>[];
  authors: string[];
  entries: AtomEntryView[];
}

export interface AtomCheck {
  errors: string[];
  feed?: AtomView;
}

// RFC 3339 date-time, as atom:updated and atom:published require (RFC 4287 3.3).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

const elements = (node: { children: ChildNode[] }) => node.children.filter(isTag);
const textOf = (el: Element): string =>
  el.children.map((c) => (isText(c) ? c.data : isTag(c) ? textOf(c) : '')).join('');

export function checkAtom(xml: string): AtomCheck {
  const errors = wellFormedness(xml);
  const doc = parseDocument(xml, { xmlMode: true });
  const roots = elements(doc);
  if (roots.length !== 1) errors.push(`document: ${roots.length} root elements, expected 1`);
  const feed = roots[0];
  if (feed?.name !== 'feed') {
    errors.push(`document: root is <${feed?.name}>, expected <feed>`);
    return { errors };
  }
  if (feed.attribs.xmlns !== ATOM_NS)
    errors.push(`feed: xmlns is "${feed.attribs.xmlns}", expected ${ATOM_NS}`);

  const one = (parent: Element, name: string, where: string, required = true): Element | undefined => {
    const found = elements(parent).filter((e) => e.name === name);
    if (found.length > 1) errors.push(`${where}: ${found.length} <${name}>, at most 1 allowed`);
    if (required && found.length === 0) errors.push(`${where}: <${name}> is missing`);
    return found[0];
  };
  const time = (parent: Element, name: string, where: string, required = true) => {
    const el = one(parent, name, where, required);
    const value = el ? textOf(el).trim() : undefined;
    if (el && !RFC3339.test(value!))
      errors.push(`${where}: <${name}> "${value}" is not an RFC 3339 date-time`);
    return value;
  };
  const text = (parent: Element, name: string, where: string, required = true) => {
    const el = one(parent, name, where, required);
    if (el?.attribs.type && !['text', 'html', 'xhtml'].includes(el.attribs.type))
      errors.push(`${where}: <${name}> has type "${el.attribs.type}"`);
    return el ? textOf(el) : undefined;
  };
  const persons = (parent: Element, where: string) =>
    elements(parent)
      .filter((e) => e.name === 'author' || e.name === 'contributor')
      .map((p, i) => {
        const names = elements(p).filter((e) => e.name === 'name');
        if (names.length !== 1) errors.push(`${where} author ${i + 1}: ${names.length} <name>, expected 1`);
        const name = names[0] ? textOf(names[0]).trim() : '';
        if (names[0] && !name) errors.push(`${where} author ${i + 1}: empty <name>`);
        return name;
      });
  const links = (parent: Element, where: string) => {
    const all = elements(parent)
      .filter((e) => e.name === 'link')
      .map((l): Record<string, string | undefined> => ({ rel: 'alternate', ...l.attribs }));
    all.forEach((l, i) => {
      if (!l.href) errors.push(`${where}: link ${i + 1} has no href`);
      else if (!IRI.test(l.href)) errors.push(`${where}: link href "${l.href}" is not an absolute IRI`);
    });
    // RFC 4287 4.1.1: no two alternate links with the same type and hreflang.
    const alternates = all
      .filter((l) => l.rel === 'alternate')
      .map((l) => `${l.type ?? ''}|${l.hreflang ?? ''}`);
    if (new Set(alternates).size !== alternates.length)
      errors.push(`${where}: two alternate links share a type and hreflang`);
    return all as Record<string, string>[];
  };
  const id = (parent: Element, where: string) => {
    const value = text(parent, 'id', where)?.trim() ?? '';
    if (value && !IRI.test(value)) errors.push(`${where}: <id> "${value}" is not an absolute IRI`);
    return value;
  };

  const view: AtomView = {
    id: id(feed, 'feed'),
    title: text(feed, 'title', 'feed') ?? '',
    updated: time(feed, 'updated', 'feed') ?? '',
    links: links(feed, 'feed'),
    authors: persons(feed, 'feed'),
    entries: [],
  };
  text(feed, 'subtitle', 'feed', false);
  one(feed, 'generator', 'feed', false);
  if (!view.links.some((l) => l.rel === 'self'))
    errors.push('feed: no link rel="self" (RFC 4287 4.1.1 SHOULD)');

  const ids = new Set<string>();
  for (const [i, e] of elements(feed)
    .filter((el) => el.name === 'entry')
    .entries()) {
    const where = `entry ${i + 1}`;
    const entry: AtomEntryView = {
      id: id(e, where),
      title: text(e, 'title', where) ?? '',
      updated: time(e, 'updated', where) ?? '',
      published: time(e, 'published', where, false),
      links: links(e, where),
      authors: persons(e, where),
      categories: elements(e)
        .filter((c) => c.name === 'category')
        .map((c) => {
          if (!c.attribs.term) errors.push(`${where}: <category> without a term`);
          return c.attribs.term ?? '';
        }),
      summary: text(e, 'summary', where, false),
    };
    // 4.1.1: an entry without content must have an alternate link; we never send content.
    if (!one(e, 'content', where, false) && !entry.links.some((l) => l.rel === 'alternate'))
      errors.push(`${where}: neither <content> nor an alternate link`);
    // 4.1.1: the feed's authors stand in for an entry's only when the feed has some.
    if (entry.authors.length === 0 && view.authors.length === 0)
      errors.push(`${where}: no author, nor a feed author`);
    if (ids.has(entry.id)) errors.push(`${where}: id ${entry.id} repeats an earlier entry's`);
    ids.add(entry.id);
    view.entries.push(entry);
  }
  return { errors, feed: view };
}

/** Element nesting as the text has it: every start tag closed by its own end tag, nothing stray. */
function wellFormedness(xml: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let endTags = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name) {
        if (stack.length === 0) roots++;
        stack.push(name);
      },
      onclosetag(name, implied) {
        const open = stack.pop();
        // htmlparser2 calls a self-closed element's close implied, as it does one it closes itself.
        const selfClosed = implied && xml.slice(parser.endIndex - 1, parser.endIndex + 1) === '/>';
        if ((implied && !selfClosed) || open !== name)
          errors.push(`<${open}> is not closed by its own end tag`);
        if (!implied) endTags++;
      },
      ontext(data) {
        if (stack.length === 0 && data.trim()) errors.push(`text outside the root element: "${data.trim()}"`);
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  parser.write(xml);
  parser.end();
  // An end tag that closes nothing open is dropped by htmlparser2 without a call: count them.
  const written = xml.match(/<\/[A-Za-z]/g)?.length ?? 0;
  if (written !== endTags) errors.push(`${written - endTags} end tags close no open element`);
  if (roots > 1) errors.push(`${roots} root elements`);
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) errors.push('no XML declaration first');
  // XML 1.0 Char: what a strict parser rejects outright.
  const bad = xml.match(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
  if (bad) errors.push(`a character XML 1.0 does not allow: U+${bad[0].codePointAt(0)!.toString(16)}`);
  // A bare & that opens no entity or character reference.
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(xml)) errors.push('an unescaped &');
  return errors;
}
