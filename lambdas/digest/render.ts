/**
 * Renders a composed digest to email HTML (the compiled MJML shell filled with inline-styled
 * entries) and a text/plain alternative written to be read. One render serves every subscriber of
 * a topic selection: their own unsubscribe and preferences links go into \u0001 slots afterwards.
 *
 * The anatomy, top to bottom: the date and what the reader can check (how many stories, published
 * since when); "You follow" (stories naming an actor the reader follows); "Top stories" with one
 * line each; "In this issue" (each section with its count,
 * linked to its anchor) and "In the news"; the sections in taxonomy order, where the first two
 * stories carry a summary and the rest are headline and outlets; the footer.
 * Spacing is table rows and margins, never div padding, so Outlook's Word engine keeps it.
 */
import { TOPIC_IDS, topicLabel } from '../analysis/topics';
import { actorLinkSlug, readingPaths } from '../shared/reading-paths';
import type { SiteLinks } from '../subscribers/links';
import {
  type ComposedDigest,
  type ComposeOptions,
  composeDigest,
  DEFAULT_MAX_STORIES_PER_TOPIC,
  type DigestEntry,
  type DigestSection,
  FOLLOW_ANCHOR,
  type FollowSection,
  oneLine,
  type StoryActor,
  type StoryPool,
} from './compose';
import { cleanText, escapeHtml, safeHttpUrl } from './escape';
import { longDate, shortDate, sinceTime, storyTime, weekSpan } from './reader-time';
import { DIGEST_SKELETON } from './skeleton.generated';
import { THEME as T } from './theme';

/** Gmail clips messages over about 102 KB of HTML (R35); this leaves room for the links. */
export const MAX_HTML_BYTES = 98_000;
const LINK_ALLOWANCE = 2 * 2 * 400;
/**
 * Stories of a section that carry a summary: its first, and its second too when it has more than
 * three; the rest are headline and outlets.
 */
export function summariesIn(section: DigestSection): number {
  return section.entries.length + section.more > 3 ? 2 : 1;
}
/** Names in a story's "Who". */
export const WHO_NAMES = 3;
const SUBJECT_TITLE_MAX = 90;

export const SLOTS = {
  unsubscribe: '\u0001UNSUBSCRIBE\u0001',
  preferences: '\u0001PREFERENCES\u0001',
} as const;

export interface RenderOptions {
  senderName: string;
  postalAddress: string;
  links: SiteLinks;
  /**
   * An email carries per-subscriber slots; the web archive page has none, and shows per story why
   * it is under its topic.
   */
  mode: 'email' | 'web';
  /**
   * Where "N more … on the web" leads (a section's anchor is added): the digest's full list.
   * @default the archive link of the date and selection
   */
  fullList?: string;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export interface PersonalLinks {
  unsubscribe: string;
  preferences: string;
}

/** Fills a rendered selection with one subscriber's links. */
export function personalise(rendered: RenderedDigest, links: PersonalLinks): RenderedDigest {
  const fill = (s: string, html: boolean) =>
    s.replace(/\u0001(UNSUBSCRIBE|PREFERENCES)\u0001/g, (_, slot: string) => {
      const url = slot === 'UNSUBSCRIBE' ? links.unsubscribe : links.preferences;
      return html ? escapeHtml(url) : url;
    });
  return { subject: rendered.subject, html: fill(rendered.html, true), text: fill(rendered.text, false) };
}

/**
 * Composes and renders one topic selection, lowering the stories shown per topic until the HTML
 * fits the size budget; what is cut stays reachable through "more on the web".
 */
export function renderSelection(
  pool: StoryPool,
  compose: ComposeOptions,
  options: RenderOptions,
  { budget = true }: { budget?: boolean } = {},
): { digest: ComposedDigest; rendered: RenderedDigest } {
  let cap = compose.maxStoriesPerTopic ?? DEFAULT_MAX_STORIES_PER_TOPIC;
  for (;;) {
    const digest = composeDigest(pool, { ...compose, maxStoriesPerTopic: cap });
    const rendered = renderDigest(digest, options);
    const bytes = Buffer.byteLength(rendered.html) + LINK_ALLOWANCE;
    const lists = [...digest.sections, ...(digest.following ? [digest.following] : [])];
    if (!budget || cap <= 1 || bytes <= MAX_HTML_BYTES || !lists.length) return { digest, rendered };
    // Shrink in proportion first (entries dominate the size), then one at a time.
    const shown = Math.max(...lists.map((s) => s.entries.length));
    cap = Math.max(1, Math.min(shown - 1, Math.floor((shown * MAX_HTML_BYTES) / bytes)));
  }
}

export function renderDigest(digest: ComposedDigest, options: RenderOptions): RenderedDigest {
  // A page is found by its day in a tab or a bookmark; an email by its news in the inbox.
  const subject =
    options.mode === 'web'
      ? `${cleanText(options.senderName)}, ${digest.cadence === 'weekly' ? `the week ${weekSpan(digest.window.from, digest.timeZone, digest.date)}` : longDate(digest.date)}`
      : subjectOf(digest);
  const archive = options.links.archive(digest.date, digest.topics);
  const slots: Record<string, string> = {
    TITLE: escapeHtml(subject),
    PREVIEW: escapeHtml(preheaderOf(digest)) + PREHEADER_PADDING,
    TOPBAR: topbarHtml(options, archive),
    HEADER: headerHtml(digest, options, archive),
    BODY: digest.sections.length
      ? digest.sections.map((s) => sectionHtml(s, digest, options, archive)).join('')
      : digest.top.length || digest.following
        ? ''
        : `<p class="dm-text" style="margin:24px 0;color:${T.text}">No new stories for these topics.</p>`,
    FOOTER: footerHtml(digest, options, archive),
  };
  // One pass over the trusted shell only, so inserted content is never scanned for slots again.
  const filled = DIGEST_SKELETON.replace(/%%([A-Z]+)%%/g, (whole, name: string) => slots[name] ?? whole);
  // The web page names its feeds for feed readers to find; the first </title> is the head's.
  const html =
    options.mode === 'web' ? filled.replace('</title>', `</title>\n${feedLinks(digest, options)}`) : filled;
  return { subject, html, text: renderText(digest, options, archive) };
}

const siteBase = (options: RenderOptions) => options.links.home().replace(/\/+$/, '');

/** `<link rel="alternate">` to the daily edition's feed and to each topic's of the page. */
function feedLinks(digest: ComposedDigest, options: RenderOptions): string {
  const base = siteBase(options);
  const link = (title: string, path: string) =>
    `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(title)}" href="${escapeHtml(base + path)}">`;
  return [
    link(`${options.senderName}: the daily edition`, readingPaths.digestFeed()),
    ...digest.topics.map((t) => link(`${topicLabel(t)} · ${options.senderName}`, readingPaths.topicFeed(t))),
  ].join('\n');
}

/** An actor's name, linked to their page on the web; plain in an email. `cls` keeps dark mode's colour. */
function actorName(
  x: { id: string; name: string },
  options: RenderOptions,
  style: string,
  cls: string,
): string {
  if (options.mode !== 'web') return escapeHtml(x.name);
  return a(
    escapeHtml(siteBase(options) + readingPaths.actorPage(actorLinkSlug(x))),
    escapeHtml(x.name),
    style,
    cls,
  );
}

/** Cuts a headline at a word so a subject stays readable in an inbox list. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).replace(/[\s,;:—–-]+$/, '')}…`;
}

/** Led by the news: "Envoys Meet in Geneva for First Direct Talks — and 13 more". */
export function subjectOf(digest: ComposedDigest): string {
  const week = digest.cadence === 'weekly' ? 'The week: ' : '';
  if (!digest.lead) return `${week || `${shortDate(digest.date)}: `}no new stories`;
  const title = clip(cleanText(digest.lead.title), SUBJECT_TITLE_MAX);
  return `${week}${digest.storyCount > 1 ? `${title} — and ${digest.storyCount - 1} more` : title}`;
}

/**
 * The inbox preview line after the subject: the next headlines, so it adds to the subject rather
 * than repeating it, then the day's count.
 */
export function preheaderOf(digest: ComposedDigest): string {
  if (!digest.lead) return 'No new stories';
  const next = (digest.top.length ? digest.top.slice(1) : []).map((e) => cleanText(e.title));
  const count = `${countOf(digest.storyCount, 'story', 'stories')} from ${countOf(digest.outletCount, 'outlet', 'outlets')}`;
  return next.length ? `Also: ${next.join(' · ')} · ${count}` : `${shortDate(digest.date)} · ${count}`;
}

/**
 * Invisible filler after the preheader, so clients do not pull body text ("View in browser …")
 * into the preview. Zero-width non-joiners with combining grapheme joiners, as email builders do.
 */
const PREHEADER_PADDING = '&#847;&zwnj;&nbsp;'.repeat(90);

const countOf = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const a = (href: string, text: string, style: string, cls = '') =>
  `<a href="${href}"${cls ? ` class="${cls}"` : ''} style="${style}">${text}</a>`;

const footLink = `color:${T.muted}`;
const TABLE = 'role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0"';
const spacer = (px: number) =>
  `<tr><td height="${px}" style="height:${px}px;font-size:0;line-height:0">&nbsp;</td></tr>`;

function topbarHtml(options: RenderOptions, archive: string): string {
  if (options.mode === 'web') {
    return [
      a(escapeHtml(options.links.home()), escapeHtml(options.senderName), footLink),
      a(escapeHtml(options.links.subscribe()), 'Subscribe', footLink),
    ].join(' &nbsp;·&nbsp; ');
  }
  return a(escapeHtml(archive), 'View in browser', footLink);
}

/**
 * What the reader can check against the times shown: "14 stories from 6 outlets, published since
 * yesterday 6:00 AM EDT." Stories that reached us late (published before the window opened, which
 * freshness lets in for 48 hours) are owned up to: "… new since yesterday 6:00 AM EDT, 2 of them
 * published earlier"; their times show their dates.
 */
export function countLine(digest: ComposedDigest): string {
  const stories = countOf(digest.storyCount, 'story', 'stories');
  const outlets = countOf(digest.outletCount, 'outlet', 'outlets');
  const since = sinceTime(digest.window.from, digest.timeZone, digest.date);
  if (!digest.lateCount) return `${stories} from ${outlets}, published since ${since}.`;
  const late = digest.lateCount === digest.storyCount ? 'all' : `${digest.lateCount}`;
  return `${stories} from ${outlets} new since ${since}, ${late} of them published earlier.`;
}

/** The masthead: the date, or a weekly edition's span ("Nov 27 – Dec 4"). */
function titleOf(digest: ComposedDigest): string {
  return digest.cadence === 'weekly'
    ? weekSpan(digest.window.from, digest.timeZone, digest.date)
    : longDate(digest.date);
}

function headerHtml(digest: ComposedDigest, options: RenderOptions, archive: string): string {
  const kicker = `<p class="dm-accent" style="margin:0 0 8px;font-size:12px;line-height:1.4;font-weight:700;letter-spacing:.14em;text-transform:uppercase;color:${T.accent}">${escapeHtml(options.senderName)}${digest.cadence === 'weekly' ? ' · The week' : ''}</p>`;
  const h1 = `<h1 class="dm-ink masthead" style="margin:0;font-family:${T.serif};font-size:32px;line-height:1.2;font-weight:700;color:${T.ink}">${escapeHtml(titleOf(digest))}</h1>`;
  const sub = `<p class="dm-muted" style="margin:8px 0 0;font-size:14px;line-height:1.5;color:${T.muted}">${escapeHtml(countLine(digest)).replace(/(\d) ([AP]M)/g, '$1&nbsp;$2')}</p>`;
  return (
    kicker +
    h1 +
    sub +
    followHtml(digest, options, archive) +
    topHtml(digest, options) +
    contentsHtml(digest, options)
  );
}

const labelStyle = `margin:0;font-size:12px;line-height:1.4;font-weight:700;letter-spacing:.12em;text-transform:uppercase;color:${T.accent}`;

const oneTopic = (digest: ComposedDigest) =>
  new Set([...digest.top.map((e) => e.home), ...digest.sections.map((s) => s.topic)]).size === 1;

/**
 * "Top stories", or on a light day the one list of every story ("All 4 stories"); after "You
 * follow", the rest of the reader's topics.
 */
function topLabel(digest: ComposedDigest): string {
  if (digest.sections.length) return digest.cadence === 'weekly' ? "The week's top stories" : 'Top stories';
  if (digest.following) return 'In your topics';
  return digest.top.length === 1 ? 'The story' : `All ${digest.top.length} stories`;
}

/** "Kim Jong Un", "Kim Jong Un or NATO", "A, B or C". */
export function namesText(names: readonly string[], last = 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

/** Under "You follow": which of the followed actors these stories name. */
const followNote = (f: FollowSection) =>
  `Stories naming ${namesText(
    f.actors.map((a) => cleanText(a.name)),
    'or',
  )}.`;

/**
 * "You follow": every story naming an actor the reader follows, whatever its topics, each with
 * whom it names; the first two with their summary, the rest headline and outlets.
 */
function followHtml(digest: ComposedDigest, options: RenderOptions, archive: string): string {
  const f = digest.following;
  if (!f) return '';
  const full = f.entries.length + f.more > 3 ? 2 : 1;
  const rows = f.entries.map((e, i) => {
    const last = i === f.entries.length - 1 && !f.more;
    const border = last ? '' : `border-bottom:1px solid ${T.rule};`;
    const names = (e.via ?? []).map((x) => escapeHtml(x.name)).join(', ');
    const topic = e.home ? ` <span style="font-weight:400">· ${escapeHtml(topicLabel(e.home))}</span>` : '';
    const kicker = `<p class="dm-accent" style="margin:0 0 4px;font-size:12px;line-height:1.4;font-weight:700;color:${T.accent}">${names}${topic}</p>`;
    const body = i < full ? fullEntryHtml(e, digest, options) : briefEntryHtml(e, digest, options);
    return `<tr><td class="dm-rule" style="padding:14px 0;${border}">${kicker}${body}</td></tr>`;
  });
  const more = f.more
    ? `<tr><td style="padding:14px 0 0"><p style="margin:0;font-size:14px;line-height:1.5">${a(
        `${escapeHtml(options.fullList ?? archive)}#${FOLLOW_ANCHOR}`,
        `${f.more} more ${f.more === 1 ? 'story' : 'stories'} naming them on the web&nbsp;→`,
        `color:${T.accent};font-weight:600;text-decoration:none`,
        'dm-link',
      )}</p></td></tr>`
    : '';
  const note = `<p class="dm-muted" style="margin:4px 0 0;font-size:13px;line-height:1.5;color:${T.muted}">${escapeHtml(followNote(f))}</p>`;
  return `<table ${TABLE}>${spacer(26)}<tr><td class="dm-rule" style="padding:0 0 2px;border-bottom:2px solid ${T.accent}"><h2 id="${FOLLOW_ANCHOR}" class="dm-accent" style="${labelStyle}">You follow <span class="dm-muted" style="font-weight:400;letter-spacing:0;text-transform:none;color:${T.muted}">· ${countOf(f.entries.length + f.more, 'story', 'stories')}</span></h2>${note}</td></tr>${rows.join('')}${more}</table>`;
}

function topHtml(digest: ComposedDigest, options: RenderOptions): string {
  if (!digest.top.length) return '';
  const brief = digest.sections.length > 0;
  const rows = digest.top.map((e, i) => {
    const border = i < digest.top.length - 1 ? `border-bottom:1px solid ${T.rule};` : '';
    // One topic throughout: naming it on every story says nothing.
    const kicker = oneTopic(digest)
      ? ''
      : `<p class="dm-muted" style="margin:0 0 4px;font-size:12px;line-height:1.4;font-weight:600;color:${T.muted}">${escapeHtml(topicLabel(e.home))}</p>`;
    let body: string;
    if (brief) {
      const line = oneLine(e.summary);
      body =
        titleHtml(e, 21) +
        (line
          ? `<p class="dm-text" style="margin:6px 0 0;font-size:15px;line-height:1.5;color:${T.text}">${escapeHtml(line)}</p>`
          : '') +
        metaHtml(e, digest, '6px 0 0') +
        whyHtml(e, options, line);
    } else body = fullEntryHtml(e, digest, options);
    return `<tr><td class="dm-rule" style="padding:14px 0;${border}">${kicker}${body}</td></tr>`;
  });
  return `<table ${TABLE}>${spacer(26)}<tr><td><h2 class="dm-accent" style="${labelStyle}">${escapeHtml(topLabel(digest))}</h2></td></tr>${rows.join('')}</table>`;
}

const boxLabel = `margin:0 0 4px;font-size:12px;line-height:1.4;font-weight:700;letter-spacing:.12em;text-transform:uppercase;color:${T.ink}`;
const item = (html: string) =>
  `<span style="display:inline-block;margin:0 16px 0 0;white-space:nowrap">${html}</span>`;
// Outlook's Word engine drops the items' margins: it alone gets a dot between them.
const itemList = (list: string[]) => list.join('<!--[if mso]>&nbsp;·<![endif]--> ');

/**
 * "In this issue" (sections with counts, linked to their anchors; only when there are two or more)
 * and "In the news", in one box.
 */
function contentsHtml(digest: ComposedDigest, options: RenderOptions): string {
  const parts: string[] = [];
  if (digest.sections.length > 1) {
    const lists = [
      ...(digest.following
        ? [
            {
              topic: FOLLOW_ANCHOR,
              label: 'You follow',
              entries: digest.following.entries,
              more: digest.following.more,
            },
          ]
        : []),
      ...digest.sections,
    ];
    const items = lists.map((s) =>
      item(
        `${a(`#${s.topic}`, escapeHtml(s.label), `color:${T.accent};text-decoration:none;font-weight:600`, 'dm-link')}&nbsp;<span class="dm-muted" style="color:${T.muted}">${s.entries.length + s.more}</span>`,
      ),
    );
    parts.push(
      `<p class="dm-ink" style="${boxLabel}">In this issue</p><p class="dm-text" style="margin:0;font-size:15px;line-height:1.8;color:${T.text}">${itemList(items)}</p>`,
    );
  }
  if (digest.inTheNews.length) {
    const names = digest.inTheNews.map((x) =>
      item(
        `${actorName(x, options, `color:${T.text}`, 'dm-text')}&nbsp;<span class="dm-muted" style="color:${T.muted}">${x.stories}</span>`,
      ),
    );
    parts.push(
      `<p class="dm-ink" style="${boxLabel}${parts.length ? ';margin-top:12px' : ''}">In the news</p><p class="dm-text" style="margin:0;font-size:15px;line-height:1.8;color:${T.text}">${itemList(names)}</p>`,
    );
  }
  if (digest.weekNews?.length) {
    const names = digest.weekNews.map((x) =>
      item(
        `${actorName(x, options, `color:${T.text}`, 'dm-text')}&nbsp;<span class="dm-muted" style="color:${T.muted}">${escapeHtml(weekCount(x))}</span>`,
      ),
    );
    parts.push(
      `<p class="dm-ink" style="${boxLabel}${parts.length ? ';margin-top:12px' : ''}">Most in the news this week</p><p class="dm-muted" style="margin:0 0 4px;font-size:13px;line-height:1.5;color:${T.muted}">${escapeHtml(WEEK_NEWS_NOTE)}</p><p class="dm-text" style="margin:0;font-size:15px;line-height:1.8;color:${T.text}">${itemList(names)}</p>`,
    );
  }
  if (!parts.length) return '';
  return `<table ${TABLE} style="border-collapse:separate">${spacer(digest.top.length ? 10 : 22)}<tr><td class="dm-tint" style="background:${T.tint};border-radius:6px;padding:14px 16px">${parts.join('')}</td></tr></table>`;
}

const WEEK_NEWS_NOTE = 'Articles naming them this week, and the change from the week before.';

/** "84 (+23)", "12 (−5)", "9 (new)", "40 (same)"; the count alone when last week's is unknown. */
export function weekCount(x: { articles: number; previous?: number }): string {
  if (x.previous === undefined) return String(x.articles);
  const change = x.articles - x.previous;
  const note =
    x.previous === 0 ? 'new' : change === 0 ? 'same' : change > 0 ? `+${change}` : `\u2212${-change}`;
  return `${x.articles} (${note})`;
}

function sectionHtml(
  section: DigestSection,
  digest: ComposedDigest,
  options: RenderOptions,
  archive: string,
): string {
  const total = section.entries.length + section.more;
  const h2 = `<h2 id="${section.topic}" class="dm-accent" style="${labelStyle}">${escapeHtml(section.label)} <span class="dm-muted" style="font-weight:400;letter-spacing:0;text-transform:none;color:${T.muted}">· ${countOf(total, 'story', 'stories')}</span></h2>`;
  const rows = section.entries.map((e, i) => {
    const last = i === section.entries.length - 1 && !section.more;
    const border = last ? '' : `border-bottom:1px solid ${T.rule};`;
    return `<tr><td class="dm-rule" style="padding:14px 0;${border}">${
      i < summariesIn(section) ? fullEntryHtml(e, digest, options) : briefEntryHtml(e, digest, options)
    }</td></tr>`;
  });
  const more = section.more
    ? `<tr><td style="padding:14px 0 0"><p style="margin:0;font-size:14px;line-height:1.5">${a(
        `${escapeHtml(options.fullList ?? archive)}#${section.topic}`,
        `${section.more} more ${escapeHtml(section.label)} ${section.more === 1 ? 'story' : 'stories'} on the web&nbsp;→`,
        `color:${T.accent};font-weight:600;text-decoration:none`,
        'dm-link',
      )}</p></td></tr>`
    : '';
  return `<table ${TABLE}>${spacer(30)}<tr><td class="dm-rule" style="padding:14px 0 0;border-top:2px solid ${T.ink}">${h2}</td></tr>${rows.join('')}${more}</table>`;
}

function titleHtml(entry: DigestEntry, size: number): string {
  const url = safeHttpUrl(entry.url);
  const title = escapeHtml(entry.title);
  const cls = size >= 19 ? 'story-title' : 'brief-title';
  return `<h3 class="${cls}" style="margin:0;font-family:${T.serif};font-size:${size}px;line-height:1.3;font-weight:700;color:${T.ink}">${
    url
      ? a(escapeHtml(url), title, `color:${T.ink};text-decoration:none`, 'dm-ink')
      : `<span class="dm-ink">${title}</span>`
  }</h3>`;
}

function metaHtml(entry: DigestEntry, digest: ComposedDigest, margin: string): string {
  const outlets = entry.sources.map((s) => {
    const href = safeHttpUrl(s.url);
    const name = escapeHtml(s.outlet);
    return href ? a(escapeHtml(href), name, `color:${T.muted}`) : name;
  });
  const when = `<span style="white-space:nowrap">${escapeHtml(storyTime(entry.publishedAt, digest.timeZone, digest.date))}</span>`;
  return `<p class="dm-muted" style="margin:${margin};font-size:13px;line-height:1.5;color:${T.muted}">${[...outlets, when].join(' · ')}</p>`;
}

/** Of a story's most mentioned actors, the ones "Who" may name: a name in passing is not who acts. */
const WHO_POOL = 5;

/**
 * "Who": among the story's five most mentioned actors, people first, then specific organisations,
 * then states; the most mentioned first within each; three at most.
 */
export function whoOf(entry: { actors: readonly StoryActor[] }): StoryActor[] {
  const rank = { person: 0, organization: 1, state: 2 } as const;
  return [...entry.actors]
    .sort((x, y) => y.mentions - x.mentions)
    .slice(0, WHO_POOL)
    .sort((x, y) => (rank[x.type] ?? 3) - (rank[y.type] ?? 3) || y.mentions - x.mentions)
    .slice(0, WHO_NAMES);
}

function fullEntryHtml(entry: DigestEntry, digest: ComposedDigest, options: RenderOptions): string {
  const summary = entry.summary
    ? `<p class="dm-text" style="margin:8px 0 0;font-size:15px;line-height:1.6;color:${T.text}">${escapeHtml(entry.summary)}</p>`
    : '';
  const who = whoOf(entry);
  const parts = [
    who.length
      ? `<strong class="dm-text" style="font-weight:600;color:${T.text}">Who</strong>&nbsp; ${who.map((x) => actorName(x, options, `color:${T.muted}`, 'dm-muted')).join(', ')}`
      : '',
    entry.alsoAbout.length
      ? `<strong class="dm-text" style="font-weight:600;color:${T.text}">Also&nbsp;about</strong>&nbsp; ${entry.alsoAbout.map((t) => `<span style="white-space:nowrap">${escapeHtml(topicLabel(t))}</span>`).join(', ')}`
      : '',
  ].filter(Boolean);
  const foot = parts.length
    ? `<p class="dm-muted" style="margin:8px 0 0;font-size:13px;line-height:1.6;color:${T.muted}">${parts.join(' &nbsp;·&nbsp; ')}</p>`
    : '';
  return (
    titleHtml(entry, 20) +
    metaHtml(entry, digest, '6px 0 0') +
    summary +
    foot +
    whyHtml(entry, options, entry.summary)
  );
}

function briefEntryHtml(entry: DigestEntry, digest: ComposedDigest, options: RenderOptions): string {
  return titleHtml(entry, 17) + metaHtml(entry, digest, '4px 0 0') + whyHtml(entry, options);
}

const comparable = (s: string) => s.replace(/\s+/g, ' ').replace(/…$/, '').trim().toLowerCase();

/**
 * The web page only: the sentence that put the story under its topic (issue 11). When the summary
 * shown just above already holds it, the line points there instead of printing it twice.
 */
function whyHtml(entry: DigestEntry, options: RenderOptions, shown = ''): string {
  const why = options.mode === 'web' ? entry.evidence[entry.home] : undefined;
  if (!why) return '';
  const repeated = shown !== '' && comparable(shown).includes(comparable(why));
  const quote = repeated ? 'the sentence above.' : `“${escapeHtml(why)}”`;
  return `<p class="dm-muted dm-rule why" style="margin:8px 0 0;padding-left:10px;border-left:2px solid ${T.rule};font-size:13px;line-height:1.5;color:${T.muted}"><span style="font-weight:600">Why this is under ${escapeHtml(topicLabel(entry.home))}:</span> ${quote}</p>`;
}

function footerHtml(digest: ComposedDigest, options: RenderOptions, archive: string): string {
  const name = escapeHtml(options.senderName);
  const topics =
    digest.topics.length === TOPIC_IDS.length
      ? 'every topic'
      : digest.topics.map((t) => escapeHtml(topicLabel(t))).join(', ');
  const sep = ' &nbsp;·&nbsp; ';
  const p = (html: string, last = false) => `<p style="margin:0 0 ${last ? 0 : 10}px">${html}</p>`;
  const address = p(escapeHtml(options.postalAddress), true);
  const follows = digest.following ? ' and the actors you follow' : '';
  const weekly = digest.cadence === 'weekly' ? 'weekly ' : '';
  if (options.mode === 'web') {
    return (
      p(`The ${weekly}${name} for ${topics}${follows}, ${escapeHtml(titleOf(digest))}.`) +
      p(
        [
          a(escapeHtml(options.links.subscribe()), 'Subscribe to the daily digest', footLink),
          a(escapeHtml(options.links.home()), 'Home', footLink),
        ].join(sep),
      ) +
      address
    );
  }
  return (
    p(`You are receiving the ${weekly}${name} for ${topics}${follows} because you subscribed to it.`) +
    p(
      [
        a(SLOTS.preferences, 'Manage preferences', footLink),
        a(SLOTS.unsubscribe, 'Unsubscribe', footLink),
        a(escapeHtml(archive), 'View in browser', footLink),
      ].join(sep),
    ) +
    address
  );
}

// ---- text/plain ----

const WIDTH = 72;

/** Joins words with no-break spaces, so `wrap` keeps them on one line ("Arms transfers (3)"). */
const whole = (text: string) => text.replace(/ /g, '\u00a0');

function wrap(text: string, indent: string, first = indent): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const room = WIDTH - (lines.length ? indent : first).length;
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i ? indent : first) + l.replace(/\u00a0/g, ' ')).join('\n');
}

const heading = (text: string) => [text.toUpperCase(), '='.repeat(text.length), ''];

function textMeta(e: DigestEntry, digest: ComposedDigest, topic?: string): string {
  const when = storyTime(e.publishedAt, digest.timeZone, digest.date);
  const parts = [...(topic ? [topic] : []), ...e.sources.map((s) => cleanText(s.outlet)), when];
  return wrap(parts.map(whole).join(' · '), '   ');
}

/** Summary, then "Who" and "Also about". */
function textDetails(e: DigestEntry): string[] {
  const out = e.summary ? [wrap(cleanText(e.summary), '   ')] : [];
  const who = whoOf(e);
  const notes = [
    who.length ? `Who: ${who.map((x) => cleanText(x.name)).join(', ')}` : '',
    e.alsoAbout.length
      ? `${whole('Also about:')} ${e.alsoAbout.map((t) => whole(topicLabel(t))).join(', ')}`
      : '',
  ].filter(Boolean);
  if (notes.length) out.push(wrap(notes.join(' · '), '   '));
  return out;
}

function textLinks(e: DigestEntry, all: boolean): string[] {
  const out: string[] = [];
  e.sources.forEach((s, i) => {
    const url = safeHttpUrl(s.url);
    if (!url || (i > 0 && !all)) return;
    out.push(i === 0 ? `   ${url}` : `   ${cleanText(s.outlet)}: ${url}`);
  });
  return out;
}

function renderText(digest: ComposedDigest, options: RenderOptions, archive: string): string {
  const out: string[] = [];
  out.push(
    `${options.senderName.toUpperCase()}${digest.cadence === 'weekly' ? ' · THE WEEK' : ''}`,
    titleOf(digest),
    wrap(countLine(digest), ''),
    '',
  );
  if (options.mode === 'email') out.push(`View in browser: ${archive}`, '');

  const f = digest.following;
  if (f) {
    out.push(...heading(`You follow (${f.entries.length + f.more})`), wrap(followNote(f), ''), '');
    const full = f.entries.length + f.more > 3 ? 2 : 1;
    f.entries.forEach((e, i) => {
      const names = (e.via ?? []).map((x) => cleanText(x.name)).join(', ');
      out.push(wrap(cleanText(e.title), '   ', ' * '), wrap(`Names ${names}`, '   '), textMeta(e, digest));
      if (i < full) out.push(...textDetails(e));
      out.push(...textLinks(e, i < full), '');
    });
    if (f.more) {
      out.push(
        `${f.more} more ${f.more === 1 ? 'story' : 'stories'} naming them on the web:`,
        `${options.fullList ?? archive}#${FOLLOW_ANCHOR}`,
        '',
      );
    }
  }
  if (digest.top.length) {
    const brief = digest.sections.length > 0;
    out.push(...heading(topLabel(digest)));
    digest.top.forEach((e, i) => {
      const topic = oneTopic(digest) ? undefined : topicLabel(e.home);
      out.push(wrap(cleanText(e.title), '   ', `${i + 1}. `), textMeta(e, digest, topic));
      if (brief) {
        const line = oneLine(e.summary);
        if (line) out.push(wrap(cleanText(line), '   '));
      } else out.push(...textDetails(e));
      out.push(...textLinks(e, true), '');
    });
  }
  if (digest.sections.length > 1) {
    out.push(
      wrap(
        `In this issue: ${digest.sections.map((s) => whole(`${s.label} (${s.entries.length + s.more})`)).join(', ')}`,
        '',
      ),
    );
  }
  if (digest.inTheNews.length) {
    out.push(
      wrap(
        `In the news: ${digest.inTheNews.map((x) => whole(`${cleanText(x.name)} (${x.stories})`)).join(', ')}`,
        '',
      ),
    );
  }
  if (digest.weekNews?.length) {
    out.push(
      wrap(
        `Most in the news this week: ${digest.weekNews.map((x) => whole(`${cleanText(x.name)} ${weekCount(x)}`)).join(', ')}`,
        '',
      ),
      wrap(`(${WEEK_NEWS_NOTE})`, ''),
    );
  }
  if (digest.sections.length || digest.inTheNews.length || digest.weekNews?.length) out.push('');
  if (!digest.sections.length && !digest.top.length && !f) out.push('No new stories for these topics.', '');

  for (const section of digest.sections) {
    out.push(...heading(section.label));
    const full = summariesIn(section);
    section.entries.forEach((e, i) => {
      out.push(wrap(cleanText(e.title), '   ', ' * '), textMeta(e, digest));
      if (i < full) out.push(...textDetails(e));
      out.push(...textLinks(e, i < full), '');
    });
    if (section.more) {
      out.push(
        `${section.more} more ${section.label} ${section.more === 1 ? 'story' : 'stories'} on the web:`,
        `${options.fullList ?? archive}#${section.topic}`,
        '',
      );
    }
  }
  const topics =
    digest.topics.length === TOPIC_IDS.length ? 'every topic' : digest.topics.map(topicLabel).join(', ');
  const follows = f ? ' and the actors you follow' : '';
  const weekly = digest.cadence === 'weekly' ? 'weekly ' : '';
  out.push('-- ');
  if (options.mode === 'email') {
    out.push(
      wrap(
        `You are receiving the ${weekly}${cleanText(options.senderName)} for ${topics}${follows} because you subscribed to it.`,
        '',
      ),
    );
    out.push(`Manage preferences: ${SLOTS.preferences}`, `Unsubscribe: ${SLOTS.unsubscribe}`);
  } else {
    out.push(`Subscribe: ${options.links.subscribe()}`);
  }
  out.push(cleanText(options.postalAddress), '');
  return out.join('\n');
}
