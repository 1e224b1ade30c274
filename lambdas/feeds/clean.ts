/**
 * Turns a feed item's HTML into the article alone, safe to show in email and on the web.
 *
 * Steps: parse once with htmlparser2 and sanitise that tree (R26-R27: allowlist of tags,
 * http/https/mailto links, https images, no trackers, no tracking parameters, absolute URLs,
 * no invisible or bidi control characters); split the result into top-level
 * blocks; cut what is not the article (WordPress "The post ... appeared first on" footer and all
 * after it, author bio and all after it, an unmarked trailing run of reader comments, "Related"
 * lists, share/subscribe boilerplate, "Continue reading" links); then derive text, summary and
 * word count from the blocks kept.
 */
import { findOne, type getAttributeValue, getOuterHTML, isTag, isText, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { stripInvisible } from '../shared/display-text';
import { splitSentences } from '../shared/sentences';
import { isTrackerUrl, resolveUrl, stripTracking } from './url';

export interface CleanedArticle {
  html: string;
  text: string;
  summary: string;
  wordCount: number;
}

export interface CleanInput {
  html: string;
  title?: string;
  /** Item link: relative URLs in the body are resolved against it. */
  baseUrl?: string;
  /**
   * Cap on the UTF-8 size of `html` (and of `text`); whole blocks past it are dropped, so a stored
   * article stays far under DynamoDB's 400 KB item limit. Default 100 000.
   */
  maxBytes?: number;
}

export const DEFAULT_MAX_ARTICLE_BYTES = 100_000;
/** Input beyond this is not article text; cut before sanitising so hostile sizes cost little. */
const MAX_INPUT_CHARS = 2_000_000;

type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomParent = DomDocument | Parameters<typeof getAttributeValue>[0];

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
const IMAGE_SCHEMES = ['https:'] as const;
const SUMMARY_MAX = 320;

const BLOCK_TAGS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'dl',
  'pre',
  'figure',
  'table',
  'hr',
]);

/** Allowed elements and, per element, allowed attributes (R26). Everything else is unwrapped. */
const ALLOWED: Record<string, readonly string[]> = {
  ...Object.fromEntries([...BLOCK_TAGS].map((t) => [t, []])),
  ...Object.fromEntries(
    [
      'br',
      'li',
      'dt',
      'dd',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'del',
      'ins',
      'sub',
      'sup',
      'small',
      'mark',
      'cite',
      'q',
      'code',
      'figcaption',
      'caption',
      'thead',
      'tbody',
      'tfoot',
      'tr',
    ].map((t) => [t, []]),
  ),
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};

/** Their contents go too, not only the tags: a script's text is not article text. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'svg',
  'math',
  'template',
  'iframe',
  'object',
  'embed',
  'select',
  'button',
  'head',
  'title',
  'form',
]);

function cleanLink(href: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!href) return undefined;
  const url = resolveUrl(href, baseUrl, LINK_SCHEMES);
  if (!url || isTrackerUrl(url)) return undefined;
  if (url.protocol !== 'mailto:') stripTracking(url);
  return url.toString();
}

function cleanImageSrc(src: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!src) return undefined;
  const url = resolveUrl(src, baseUrl, IMAGE_SCHEMES);
  if (!url || isTrackerUrl(url)) return undefined;
  stripTracking(url);
  return url.toString();
}

function isTinyImage(attribs: Record<string, string>): boolean {
  const w = Number.parseInt(attribs.width ?? '', 10);
  const h = Number.parseInt(attribs.height ?? '', 10);
  return (w <= 1 && !Number.isNaN(w)) || (h <= 1 && !Number.isNaN(h));
}

function isContinueReading(text: string): boolean {
  return /^\s*(continue reading|read (the )?(full|rest|more)|read more|keep reading)\b/i.test(text);
}

/**
 * Sanitises the parsed document in place (R26-R27): an allowlist of elements and attributes over the
 * one parse the rest of the cleaning reads, instead of sanitize-html. STYLE 16 prefers the library,
 * but it is measurably unfit here: it takes a string and returns one, so every item was parsed twice
 * (sanitise, then parse the result for the blocks), and it bundles a CommonJS second copy of
 * htmlparser2 and entities plus postcss (about 190 KiB of the worker). The model is the library's:
 * parse with htmlparser2, keep what is allowed, serialise with escaping (dom-serializer), so nothing a
 * browser would read as markup can come out of text or attribute values.
 */
function sanitize(parent: DomParent, baseUrl: string | undefined): void {
  const out: DomNode[] = [];
  for (const node of parent.children) {
    if (isText(node)) {
      // Bidi overrides and invisible characters change what a reader sees (issue 12 item 9).
      node.data = stripInvisible(node.data);
      out.push(node);
      continue;
    }
    // Comments, CDATA, doctype and processing instructions are not article content.
    if (!isTag(node)) continue;
    const name = node.name === 'h1' ? 'h2' : node.name;
    if (DROP_WITH_CONTENT.has(name)) continue;
    sanitize(node, baseUrl);
    const allowed = ALLOWED[name];
    if (!allowed) {
      // Not ours to show, but its text is: the element goes, its (sanitised) children stay.
      for (const c of node.children) c.parent = parent;
      out.push(...node.children);
      continue;
    }
    const attribs: Record<string, string> = {};
    if (name === 'a') {
      if (isContinueReading(textContent(node))) continue;
      attribs.rel = 'noopener noreferrer';
      const href = cleanLink(node.attribs.href, baseUrl);
      if (href) attribs.href = href;
    } else if (name === 'img') {
      const src = cleanImageSrc(node.attribs.src, baseUrl);
      if (!src || isTinyImage(node.attribs)) continue;
      attribs.src = src;
    }
    for (const a of allowed) {
      const v = node.attribs[a];
      if (v !== undefined && a !== 'href' && a !== 'src' && (v || name !== 'a')) attribs[a] = v;
    }
    node.name = name;
    node.attribs = attribs;
    out.push(node);
  }
  // Keep sibling links consistent for the DomUtils walks that follow.
  for (let i = 0; i < out.length; i++) {
    const n = out[i]!;
    n.prev = out[i - 1] ?? null;
    n.next = out[i + 1] ?? null;
  }
  parent.children = out;
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface Block {
  nodes: DomNode[];
  tag: string;
  /** A run of inline nodes outside any block element: serialised inside a <p>. */
  loose: boolean;
  /** Plain text that replaces the nodes' own (a block cut to the size cap). */
  plain?: string;
  text: string;
  words: number;
}

function nodeText(node: DomNode): string {
  return textContent(node);
}

function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Words as /[\p{L}\p{N}][\p{L}\p{N}'’.-]*\/gu would match them, counted in one pass without building
 * the array of matches: it ran for every block and was the hottest line of cleaning.
 */
function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let letter: boolean;
    if (c < 0x80) letter = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
    else if (c >= 0xd800 && c <= 0xdbff) {
      letter = LETTER_OR_DIGIT.test(String.fromCodePoint(s.codePointAt(i)!));
      i++;
    } else letter = LETTER_OR_DIGIT.test(s[i]!);
    if (letter) {
      if (!inWord) n++;
      inWord = true;
    } else {
      // An apostrophe, a full stop or a hyphen inside a word does not end it ("U.S.", "don't").
      inWord = inWord && (c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2d);
    }
  }
  return n;
}

/** Top-level blocks; a run of loose inline nodes (text, links, <br>) forms one paragraph. */
function toBlocks(doc: DomDocument): Block[] {
  const blocks: Block[] = [];
  let inline: DomNode[] = [];
  const flush = () => {
    if (inline.length) {
      blocks.push(makeBlock(inline, 'p', true));
      inline = [];
    }
  };
  for (const node of doc.children) {
    if (isTag(node) && BLOCK_TAGS.has(node.name)) {
      flush();
      blocks.push(makeBlock([node], node.name, false));
    } else if (isTag(node) && node.name === 'br' && lastIsBr(inline)) {
      // Two <br> in a row separate paragraphs in many feeds without <p>.
      inline.pop();
      flush();
    } else {
      inline.push(node);
    }
  }
  flush();
  return blocks.filter((b) => b.text || b.tag === 'figure' || hasImage(b));
}

function lastIsBr(nodes: DomNode[]): boolean {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (isText(n) && !n.data.trim()) continue;
    return isTag(n) && n.name === 'br';
  }
  return false;
}

function hasImage(b: Block): boolean {
  return b.nodes.some((n) => isTag(n) && (n.name === 'img' || findOne((e) => e.name === 'img', [n])));
}

function makeBlock(nodes: DomNode[], tag: string, loose: boolean): Block {
  const text = normalizeSpace(nodes.map(nodeText).join(''));
  return { nodes, tag, loose, text, words: countWords(text) };
}

/** Text of a block for `text`: list items and <br> lines stay on their own lines. */
function blockPlainText(b: Block): string {
  const lines: string[] = [];
  let current = '';
  const walk = (n: DomNode) => {
    if (isText(n)) {
      current += n.data;
    } else if (isTag(n)) {
      if (n.name === 'br') {
        lines.push(current);
        current = '';
        return;
      }
      const breaks = n.name === 'li' || n.name === 'tr' || n.name === 'dt' || n.name === 'dd';
      if (breaks && current.trim()) {
        lines.push(current);
        current = '';
      }
      for (const c of n.children) walk(c);
      if (breaks) {
        lines.push(current);
        current = '';
      } else if (n.name === 'td' || n.name === 'th') {
        current += ' ';
      }
    }
  };
  for (const n of b.nodes) walk(n);
  lines.push(current);
  return lines
    .map(normalizeSpace)
    .filter((l) => l)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// What is not the article

const FOOTER = /^the post\b[\s\S]{0,600}?\bappeared first on\b/i;

/** "Related coverage:", "Read more:" and similar headers of link lists. */
const RELATED_HEADER =
  /^(related( coverage| articles?| posts?| stories| reading| content| news)?|read more|read also|see also|more on this( topic| story)?|further reading|recommended( reading)?|you (may|might) also like|more from [\p{L} .]+)\s*:?$/iu;

// A button's word alone ("Share", "Print:") is boilerplate; the same word opening a sentence ("Share
// prices fell", "Like this year's budget", "Print media") is reporting. The outlet's promotion of its
// own podcast or show ("Listen to the full episode on the X's podcast feed.") and where a piece first
// appeared ("This article was originally published by X.") are no reporting either.
const BOILERPLATE =
  /^((share|like this|subscribe|print)\s*:?\s*$|share this( article| post| story)?|share on|subscribe (to|now|today)|follow us|follow (the )?[\p{L}.]+ on|click (here )?to (share|print|email|subscribe)|please (support|donate|consider|help|share)|support (our|us|independent|antiwar)|donate( now| today)?|sign up (for|to)|join (our|the) (mailing|newsletter|email)|become a (patron|member|subscriber|supporter)|tags?:|filed under|posted in|categories:|print (this )?(article|page)|print this|email this|(\[…\]|\[\.\.\.\]|…)?\s*continue reading|read (the )?(full|rest)|read more\b|keep reading|(get|receive) our (free )?(newsletter|updates)|if you (value|enjoy|appreciate) (this|our)|this (article|post) (is|was) (free|made possible)|reprinted with permission|copyright ©|©|(?:listen|watch|tune in)\b[^.]{0,80}?\b(?:episodes?|podcasts?|interviews?|conversations?|shows?)|(?:this|a version of this) (?:article|piece|story|post|interview|essay|column|op-ed|commentary) (?:was |is |has been )?(?:originally |first )?(?:published|posted|appeared)|(?:originally|first) (?:published|appeared|posted) (?:in|on|at|by))(?!\p{L})/iu;

/** "Kyle Anzalone is the opinion editor of Antiwar.com, ...", "Pieter de Vries is a journalist ..." */
const BIO_START =
  /^(?!(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s)(?:(?:dr|prof|col|lt|gen|maj|capt|rep|sen|amb|rev|fr|mr|mrs|ms)\.?\s+)?[A-Z][\p{L}’'-]*\.?\s+(?:(?:[A-Z][\p{L}’'-]*\.?|de|da|di|del|der|den|van|von|al|el|bin|le|la|du|dos|das|ter)\s+){0,3}(?:[A-Z][\p{L}’'-]+)(?:,? (?:jr|sr|ph\.?d|md|iii|ii)\.?)?,?\s+(?:is|was|has been|serves as|writes|teaches|works|lives|covers)\b/u;
const BIO_ROLE =
  /\b(editor|writer|author|contributor|contributing|columnist|journalist|correspondent|reporter|analyst|researcher|fellow|director|professor|host|co-host|founder|co-founder|president|executive|scholar|veteran|attorney|lawyer|historian|expert|podcast|commentator|blogger|freelance|retired|former|officer|activist|coordinator|chair|member|student|graduate|candidate|institute|magazine|newsletter|substack|books?|[\p{L}-]+\.(com|org|net|news))\b/iu;

function isFooter(b: Block): boolean {
  return FOOTER.test(b.text);
}

function isBio(b: Block): boolean {
  if (b.tag !== 'p' || b.words < 5 || b.words > 90) return false;
  // The role comes early in a bio's first sentence ("X is a research fellow at ..."); a role word
  // further on ("Northrop Grumman is the prime contractor, ... the states that host the missiles")
  // is reporting.
  const opening = (b.text.split(/(?<=[.!?])\s/)[0] ?? '').split(/\s+/).slice(0, 16).join(' ');
  return BIO_START.test(b.text) && BIO_ROLE.test(opening) && !BIO_EVENT.test(opening);
}

/**
 * What befalls a journalist in the news, never in a bio: "X is a journalist who was detained at the
 * border" is reporting, "X is a journalist who covers defense" a bio.
 */
const BIO_EVENT =
  /\b(?:said|says|told|detained|arrested|killed|jailed|imprisoned|sentenced|charged|abducted|kidnapped|shot|wounded|injured|died|expelled|deported|banned|summoned|questioned|missing)\b/i;

const SHARE_ITEM =
  /^(click to (share|email|print)\b.*|share on \S+|(re)?tweet|twitter|x|facebook|email|e-mail|print|reddit|linkedin|whatsapp|telegram|pocket|tumblr|pinterest|mastodon|bluesky|threads|flipboard|more|like this:?|loading\.*)$/i;

function isBoilerplate(b: Block): boolean {
  if ((b.tag === 'ul' || b.tag === 'ol') && b.words <= 60) {
    // A list of share buttons ("Click to share on X", "Email", "Print").
    const items = b.nodes.flatMap((n) =>
      isTag(n) ? n.children.filter((c) => isTag(c) && c.name === 'li') : [],
    );
    return items.length > 0 && items.every((li) => SHARE_ITEM.test(normalizeSpace(nodeText(li))));
  }
  return b.words <= 30 && (BOILERPLATE.test(b.text) || /^loading\.*$/i.test(b.text));
}

/** Index of the first block that starts the non-article tail, or blocks.length. */
function tailStart(blocks: Block[]): number {
  const footer = blocks.findIndex(isFooter);
  const end = footer < 0 ? blocks.length : footer;
  // A bio closes the article: right before the footer, or before the reader comments when there is
  // no footer. Never among the first paragraphs, where "Kim Jong Un is the leader of ..." is
  // reporting, and never with full-length reporting after it ("The White House was less specific.
  // Press secretary ..." reads like a bio line to a pattern, but the story goes on).
  const minBio = Math.max(2, Math.floor(end * 0.3));
  for (let i = minBio; i < end; i++) {
    if (!isBio(blocks[i]!)) continue;
    const after = blocks.slice(i + 1, end);
    if (footer >= 0 ? after.every((b) => b.words <= 30) : after.every((b) => b.words <= 60)) return i;
  }
  return end;
}

/** Wire credits: "(Reporting by Jane Roe; Editing by John Doe)", "Additional reporting by ...". */
const WIRE_CREDIT = /^\(?(?:additional |further )?(?:reporting|writing|editing|compiled|research) by\b/i;

/**
 * A transcript's turn: a speaker's label in capitals ("Q:", "MS. WILSON:", "DEPUTY SPOKESPERSON PIGOTT:")
 * or a briefing's role ("Question:", "Spokesman:"), as the analysis cut reads them (article-cut.ts).
 */
const SPEAKER_TURN =
  /^(?:(?:[A-Z][A-Za-z.'’-]*\s){0,3}[A-Z][A-Z.'’-]+|Q|A|Question|Answer|Spokesman|Spokeswoman|Spokesperson|Moderator|Chair)(?:\s\([^()]{1,40}\))?:\s/;

/**
 * Reader comments pasted after an article without a footer: a run of at least three short
 * paragraphs at the very end, after a body of long ones. Reporting closes with at most one or two
 * short lines, so the run length guards against eating a real ending.
 */
function trailingCommentStart(blocks: Block[]): number {
  // A wire story's credit line ("(Reporting by X; Editing by Y)") closes the article: no comment.
  let last = blocks.length;
  while (last > 0 && blocks[last - 1]!.words <= 40 && WIRE_CREDIT.test(blocks[last - 1]!.text)) last--;
  let i = last;
  while (i > 0) {
    const b = blocks[i - 1]!;
    if (b.tag !== 'p' || b.words > 22 || b.words === 0) break;
    i--;
  }
  const run = last - i;
  if (run < 3) return blocks.length;
  // A briefing's or hearing's closing exchanges ("Question: ...", "SPOKESPERSON PIGOTT: ...") are what
  // was said, in a transcript whose turns began before them: no comments.
  const turns = (bs: Block[]) => bs.filter((b) => SPEAKER_TURN.test(b.text)).length;
  if (turns(blocks.slice(i, last)) >= 2 && turns(blocks.slice(0, i)) >= 1) return blocks.length;
  const body = blocks.slice(0, i).filter((b) => b.tag === 'p');
  if (body.length < 3) return blocks.length;
  const avg = body.reduce((s, b) => s + b.words, 0) / body.length;
  return avg >= 35 ? i : blocks.length;
}

function selectArticleBlocks(all: Block[], title: string | undefined): Block[] {
  let blocks = all.slice(0, tailStart(all));
  blocks = blocks.slice(0, trailingCommentStart(blocks));
  const kept: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.words <= 8 && RELATED_HEADER.test(b.text)) {
      // The list that follows the header goes with it.
      const next = blocks[i + 1];
      if (next && (next.tag === 'ul' || next.tag === 'ol')) i++;
      continue;
    }
    if (isBoilerplate(b)) continue;
    if (kept.length === 0 && title && b.tag.startsWith('h') && sameText(b.text, title)) continue;
    kept.push(b);
  }
  return kept;
}

function sameText(a: string, b: string): boolean {
  const n = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return n(a) === n(b);
}

// ---------------------------------------------------------------------------------------------
// Summary

export { splitSentences };

function isMeaningfulParagraph(p: string): boolean {
  if (countWords(p) < 6) return false;
  if (/^(by|photo|image|credit|source|editor['’]s note|update[d]?)\b/i.test(p)) return false;
  // Dateline or caption lines without a sentence end.
  return /[.!?]["'”’)]*$/.test(p) || countWords(p) >= 15;
}

function truncateAtWord(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max / 2 ? cut.slice(0, sp) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function makeSummary(paragraphs: string[]): string {
  const sentences: string[] = [];
  for (const p of paragraphs) {
    if (!isMeaningfulParagraph(p)) continue;
    for (const s of splitSentences(p, 3)) {
      sentences.push(s);
      if (sentences.length >= 2) break;
    }
    if (sentences.length >= 2) break;
  }
  if (sentences.length === 0) {
    const first = paragraphs.find((p) => p.trim());
    return first ? truncateAtWord(normalizeSpace(first), SUMMARY_MAX) : '';
  }
  let summary = sentences[0]!;
  if (summary.length > SUMMARY_MAX) return truncateAtWord(summary, SUMMARY_MAX);
  const second = sentences[1];
  if (second && summary.length + 1 + second.length <= SUMMARY_MAX) summary += ` ${second}`;
  return summary;
}

// ---------------------------------------------------------------------------------------------

function truncateToBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  // Walk back from a character-count guess; UTF-8 needs at most 4 bytes per character.
  let cut = s.slice(0, maxBytes);
  while (Buffer.byteLength(cut) > maxBytes - 3) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return truncateAtWord(cut, cut.length + 1);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text (no tags at all) becomes paragraphs: a blank line or a single newline separates them. */
function textToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l)
    .map((l) => `<p>${escapeText(l)}</p>`)
    .join('\n');
}

// Bounded repetition: `[^>]*` would rescan to the end for every "<" of an unclosed-tag flood (R17).
const LOOKS_LIKE_HTML = /<\/?[a-z][^<>]{0,200}>|&(?:[a-z]{2,10}|#\d{1,7}|#x[0-9a-f]{1,6});/i;

export function cleanArticle(input: CleanInput): CleanedArticle {
  const raw = (input.html ?? '').slice(0, MAX_INPUT_CHARS);
  const source = LOOKS_LIKE_HTML.test(raw) ? raw : textToHtml(raw);
  const doc = parseDocument(source, { decodeEntities: true });
  sanitize(doc, input.baseUrl);
  const selected = selectArticleBlocks(toBlocks(doc), input.title);

  const budget = input.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const blocks: Block[] = [];
  const htmlParts: string[] = [];
  let used = 0;
  for (const b of selected) {
    const inner = getOuterHTML(b.nodes, { encodeEntities: 'utf8' }).trim();
    const h = b.loose ? `<p>${inner}</p>` : inner;
    used += Buffer.byteLength(h) + 1;
    if (used > budget) {
      // One block larger than the whole budget: keep its opening as plain text rather than nothing.
      if (blocks.length === 0) {
        const text = truncateToBytes(blockPlainText(b), Math.floor(budget / 2));
        const cut = makeBlock([], 'p', true);
        blocks.push({ ...cut, text, words: countWords(text), plain: text });
        htmlParts.push(`<p>${escapeText(text)}</p>`);
      }
      break;
    }
    blocks.push(b);
    htmlParts.push(h);
  }
  const html = htmlParts.join('\n');
  const paragraphs = blocks.map((b) => b.plain ?? blockPlainText(b)).filter((t) => t);
  const text = paragraphs.join('\n\n');
  const summary = makeSummary(
    blocks.filter((b) => b.tag === 'p' || b.tag === 'blockquote').map((b) => b.text),
  );
  return { html, text, summary, wordCount: countWords(text) };
}
