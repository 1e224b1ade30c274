/**
 * Atom (RFC 4287) documents as text. Our own forty lines rather than an XML builder: the
 * vocabulary is fixed and small, and what matters is done here: every text and attribute is
 * escaped, characters XML 1.0 forbids are dropped (a feed with one is not well-formed, and a reader
 * rejects all of it), and times are RFC 3339.
 */
import { stripInvisible } from '../shared/display-text';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_TYPE = 'application/atom+xml';

export interface AtomPerson {
  name: string;
  uri?: string;
}

export interface AtomLink {
  href: string;
  /** @default alternate */
  rel?: 'alternate' | 'self' | 'related' | 'via';
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A permanent IRI: the same story keeps it in every feed and every render. */
  id: string;
  title: string;
  /** ISO time of the last change worth telling a reader about. */
  updated: string;
  published?: string;
  links: AtomLink[];
  authors: AtomPerson[];
  summary?: string;
  categories?: { term: string; label?: string }[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  links: AtomLink[];
  authors: AtomPerson[];
  generator?: string;
  entries: AtomEntry[];
}

// XML 1.0's Char production: anything else (C0 controls, lone surrogates, U+FFFE/F) is not allowed.
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe in element content and in a quoted attribute. */
export function xmlText(s: string): string {
  return stripInvisible(s.replace(NOT_XML_CHAR, '')).replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/** RFC 3339 in UTC ("2026-12-03T10:00:00.000Z"); an unreadable time is a bug, not feed data. */
export function atomTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a time: ${iso}`);
  return t.toISOString();
}

const attrs = (pairs: Record<string, string | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(v!)}"`)
    .join('');

const el = (name: string, text: string, indent: string) => `${indent}<${name}>${xmlText(text)}</${name}>\n`;

const link = (l: AtomLink, indent: string) =>
  `${indent}<link${attrs({ rel: l.rel ?? 'alternate', type: l.type, href: l.href, title: l.title })}/>\n`;

const person = (tag: 'author', p: AtomPerson, indent: string) =>
  `${indent}<${tag}>\n${el('name', p.name, `${indent}  `)}${p.uri ? el('uri', p.uri, `${indent}  `) : ''}${indent}</${tag}>\n`;

function entryXml(e: AtomEntry): string {
  const i = '    ';
  return [
    '  <entry>\n',
    el('id', e.id, i),
    `${i}<title type="text">${xmlText(e.title)}</title>\n`,
    el('updated', atomTime(e.updated), i),
    e.published ? el('published', atomTime(e.published), i) : '',
    ...e.links.map((l) => link(l, i)),
    ...e.authors.map((p) => person('author', p, i)),
    ...(e.categories ?? []).map((c) => `${i}<category${attrs({ term: c.term, label: c.label })}/>\n`),
    e.summary ? `${i}<summary type="text">${xmlText(e.summary)}</summary>\n` : '',
    '  </entry>\n',
  ].join('');
}

export function renderAtom(feed: AtomFeed): string {
  const i = '  ';
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="${ATOM_NS}" xml:lang="en">\n`,
    el('id', feed.id, i),
    `${i}<title type="text">${xmlText(feed.title)}</title>\n`,
    feed.subtitle ? `${i}<subtitle type="text">${xmlText(feed.subtitle)}</subtitle>\n` : '',
    el('updated', atomTime(feed.updated), i),
    ...feed.links.map((l) => link(l, i)),
    ...feed.authors.map((p) => person('author', p, i)),
    feed.generator ? el('generator', feed.generator, i) : '',
    ...feed.entries.map(entryXml),
    '</feed>\n',
  ].join('');
}
