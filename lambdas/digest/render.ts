/**
 * Renders a composed digest to email HTML (the compiled MJML shell filled with inline-styled
 * entries) and a text/plain alternative written to be read. One render serves every subscriber of
 * a topic selection: their own unsubscribe and preferences links go into \u0001 slots afterwards.
 */
import { TOPIC_IDS, topicLabel } from '../analysis/topics';
import type { SiteLinks } from '../subscribers/links';
import {
  type ComposedDigest,
  composeDigest,
  DEFAULT_MAX_STORIES_PER_TOPIC,
  type DigestEntry,
  type DigestSection,
  type StoryPool,
} from './compose';
import { cleanText, escapeHtml, safeHttpUrl } from './escape';
import { DIGEST_SKELETON } from './skeleton.generated';
import { THEME as T } from './theme';
import { longDate, shortDate, storyTime, zoneName } from './window';

/** Gmail clips messages over about 102 KB of HTML (R35); this leaves room for the links. */
export const MAX_HTML_BYTES = 98_000;
const LINK_ALLOWANCE = 2 * 2 * 400;

export const SLOTS = {
  unsubscribe: '\u0001UNSUBSCRIBE\u0001',
  preferences: '\u0001PREFERENCES\u0001',
} as const;

export interface RenderOptions {
  senderName: string;
  postalAddress: string;
  links: SiteLinks;
  /** An email carries per-subscriber slots; the web archive page has none. */
  mode: 'email' | 'web';
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
  compose: { date: string; timeZone: string; topics: readonly string[]; maxStoriesPerTopic?: number },
  options: RenderOptions,
  { budget = true }: { budget?: boolean } = {},
): { digest: ComposedDigest; rendered: RenderedDigest } {
  let cap = compose.maxStoriesPerTopic ?? DEFAULT_MAX_STORIES_PER_TOPIC;
  for (;;) {
    const digest = composeDigest(pool, { ...compose, maxStoriesPerTopic: cap });
    const rendered = renderDigest(digest, options);
    const bytes = Buffer.byteLength(rendered.html) + LINK_ALLOWANCE;
    if (!budget || cap <= 1 || bytes <= MAX_HTML_BYTES) return { digest, rendered };
    // Shrink in proportion first (entries dominate the size), then one at a time.
    const shown = Math.max(...digest.sections.map((s) => s.entries.length));
    cap = Math.max(1, Math.min(shown - 1, Math.floor((shown * MAX_HTML_BYTES) / bytes)));
  }
}

export function renderDigest(digest: ComposedDigest, options: RenderOptions): RenderedDigest {
  const subject = subjectOf(digest);
  const archive = options.links.archive(digest.date, digest.topics);
  const lead = digest.sections[0]?.entries[0];
  const preview = lead
    ? `${cleanText(lead.title)}${digest.storyCount > 1 ? ` — and ${digest.storyCount - 1} more` : ''}`
    : 'No new stories';
  const slots: Record<string, string> = {
    TITLE: escapeHtml(subject),
    PREVIEW: escapeHtml(preview),
    TOPBAR: topbarHtml(options, archive),
    HEADER: headerHtml(digest, options),
    BODY: digest.sections.length
      ? digest.sections.map((s) => sectionHtml(s, digest, archive)).join('')
      : `<p class="dm-text" style="margin:24px 0;color:${T.text}">No new stories for these topics.</p>`,
    FOOTER: footerHtml(digest, options, archive),
  };
  // One pass over the trusted shell only, so inserted content is never scanned for slots again.
  const html = DIGEST_SKELETON.replace(/%%([A-Z]+)%%/g, (whole, name: string) => slots[name] ?? whole);
  return { subject, html, text: renderText(digest, options, archive) };
}

/** "Tue, May 14: Diplomacy, Sanctions and 2 more topics" */
export function subjectOf(digest: ComposedDigest): string {
  const labels = digest.sections.map((s) => s.label);
  const lead = labels.slice(0, 2).join(', ');
  const rest = labels.length - 2;
  const topics = rest > 0 ? `${lead} and ${rest} more ${rest === 1 ? 'topic' : 'topics'}` : lead;
  return `${shortDate(digest.date)}: ${topics || 'no new stories'}`;
}

const a = (href: string, text: string, style: string, cls = '') =>
  `<a href="${href}"${cls ? ` class="${cls}"` : ''} style="${style}">${text}</a>`;

const footLink = `color:${T.muted}`;

function topbarHtml(options: RenderOptions, archive: string): string {
  if (options.mode === 'web') {
    return [
      a(escapeHtml(options.links.home()), escapeHtml(options.senderName), footLink),
      a(escapeHtml(options.links.subscribe()), 'Subscribe', footLink),
    ].join(' &nbsp;·&nbsp; ');
  }
  return a(escapeHtml(archive), 'View in browser', footLink);
}

function countLine(digest: ComposedDigest): string {
  const stories = `${digest.storyCount} ${digest.storyCount === 1 ? 'story' : 'stories'}`;
  const outlets = `${digest.outletCount} ${digest.outletCount === 1 ? 'outlet' : 'outlets'}`;
  const since = `${storyTime(digest.window.from, digest.timeZone)} ${zoneName(digest.window.from, digest.timeZone)}`;
  return `${stories} from ${outlets} since ${since}`;
}

function headerHtml(digest: ComposedDigest, options: RenderOptions): string {
  const kicker = `<p class="dm-accent" style="margin:0 0 8px;font-size:12px;line-height:1.4;font-weight:700;letter-spacing:.14em;text-transform:uppercase;color:${T.accent}">${escapeHtml(options.senderName)}</p>`;
  const h1 = `<h1 class="dm-ink masthead" style="margin:0;font-family:${T.serif};font-size:32px;line-height:1.2;font-weight:700;color:${T.ink}">${escapeHtml(longDate(digest.date))}</h1>`;
  const sub = `<p class="dm-muted" style="margin:8px 0 0;font-size:14px;line-height:1.5;color:${T.muted}">${escapeHtml(countLine(digest))}</p>`;
  return kicker + h1 + sub + inTheNewsHtml(digest);
}

function inTheNewsHtml(digest: ComposedDigest): string {
  if (!digest.inTheNews.length) return '';
  const names = digest.inTheNews
    .map(
      (x) =>
        `<span style="white-space:nowrap">${escapeHtml(x.name)}&nbsp;<span class="dm-muted" style="color:${T.muted}">(${x.stories})</span></span>`,
    )
    .join(' · ');
  return `<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0" style="margin:22px 0 0;border-collapse:separate"><tr><td class="dm-tint dm-text" style="background:${T.tint};border-radius:6px;padding:12px 16px;font-size:14px;line-height:1.6;color:${T.text}"><strong class="dm-ink" style="color:${T.ink}">In the news</strong>&nbsp;&nbsp;${names}</td></tr></table>`;
}

function sectionHtml(section: DigestSection, digest: ComposedDigest, archive: string): string {
  const total = section.entries.length + section.more;
  const h2 = `<h2 id="${section.topic}" class="dm-accent dm-rule" style="margin:26px 0 0;padding-top:14px;border-top:2px solid ${T.ink};font-size:13px;line-height:1.3;font-weight:700;letter-spacing:.1em;text-transform:uppercase;color:${T.accent}">${escapeHtml(section.label)} <span class="dm-muted" style="font-weight:400;letter-spacing:0;text-transform:none;color:${T.muted}">· ${total} ${total === 1 ? 'story' : 'stories'}</span></h2>`;
  const entries = section.entries
    .map((e, i) => entryHtml(e, digest.timeZone, i === section.entries.length - 1 && !section.more))
    .join('');
  // The edition's full list (digest/editions.ts) is its page's URL + "/all".
  const more = section.more
    ? `<p style="margin:14px 0 0;font-size:14px;line-height:1.5">${a(
        `${escapeHtml(archive)}/all#${section.topic}`,
        `${section.more} more ${escapeHtml(section.label)} ${section.more === 1 ? 'story' : 'stories'} on the web&nbsp;→`,
        `color:${T.accent};font-weight:600;text-decoration:none`,
        'dm-link',
      )}</p>`
    : '';
  return h2 + entries + more;
}

function entryHtml(entry: DigestEntry, timeZone: string, last: boolean): string {
  const url = safeHttpUrl(entry.url);
  const title = escapeHtml(entry.title);
  const titleStyle = `color:${T.ink};text-decoration:none`;
  const h3 = `<h3 class="story-title" style="margin:0 0 6px;font-family:${T.serif};font-size:20px;line-height:1.3;font-weight:700;color:${T.ink}">${
    url ? a(escapeHtml(url), title, titleStyle, 'dm-ink') : `<span class="dm-ink">${title}</span>`
  }</h3>`;
  const outlets = entry.sources.map((s) => {
    const href = safeHttpUrl(s.url);
    const name = escapeHtml(s.outlet);
    return href ? a(escapeHtml(href), name, `color:${T.muted}`) : name;
  });
  const meta = `<p class="dm-muted" style="margin:0 0 8px;font-size:13px;line-height:1.5;color:${T.muted}">${[
    ...outlets,
    escapeHtml(storyTime(entry.publishedAt, timeZone)),
  ].join(' · ')}</p>`;
  const summary = entry.summary
    ? `<p class="dm-text" style="margin:0 0 10px;font-size:15px;line-height:1.6;color:${T.text}">${escapeHtml(entry.summary)}</p>`
    : '';
  const who = entry.actors.length
    ? `<strong class="dm-text" style="font-weight:600;color:${T.text}">Who</strong>&nbsp; ${entry.actors.map((x) => escapeHtml(x.name)).join(', ')}`
    : '';
  const tags = entry.alsoIn
    .map(
      (t) =>
        `<span class="dm-chip" style="display:inline-block;margin:2px 0;padding:1px 8px;border-radius:10px;background:${T.chip};font-size:12px;color:${T.muted};white-space:nowrap">Also in ${escapeHtml(topicLabel(t))}</span>`,
    )
    .join(' ');
  const foot =
    who || tags
      ? `<p class="dm-muted" style="margin:0;font-size:13px;line-height:1.6;color:${T.muted}">${[who, tags].filter(Boolean).join(' &nbsp;')}</p>`
      : '';
  const border = last ? '' : `border-bottom:1px solid ${T.rule};`;
  return `<div class="dm-rule" style="padding:16px 0;${border}">${h3}${meta}${summary}${foot}</div>`;
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
  if (options.mode === 'web') {
    return (
      p(`The ${name} for ${topics}, ${escapeHtml(longDate(digest.date))}.`) +
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
    p(`You are receiving the ${name} for ${topics} because you subscribed to it.`) +
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

function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function renderText(digest: ComposedDigest, options: RenderOptions, archive: string): string {
  const out: string[] = [];
  out.push(options.senderName.toUpperCase(), longDate(digest.date), countLine(digest), '');
  if (digest.inTheNews.length) {
    out.push(
      wrap(
        `In the news: ${digest.inTheNews.map((x) => `${cleanText(x.name)} (${x.stories})`).join(', ')}`,
        '',
      ),
      '',
    );
  }
  if (options.mode === 'email') out.push(`View in browser: ${archive}`, '');
  if (!digest.sections.length) out.push('No new stories for these topics.', '');
  for (const section of digest.sections) {
    const heading = section.label.toUpperCase();
    out.push(heading, '='.repeat(heading.length), '');
    for (const e of section.entries) {
      out.push(wrap(cleanText(e.title), '* ').replace(/\n\* /g, '\n  '));
      out.push(
        `  ${[...e.sources.map((s) => cleanText(s.outlet)), storyTime(e.publishedAt, digest.timeZone)].join(' · ')}`,
      );
      if (e.summary) out.push(wrap(cleanText(e.summary), '  '));
      const who = e.actors.length ? `Who: ${e.actors.map((x) => cleanText(x.name)).join(', ')}` : '';
      const also = e.alsoIn.length ? `Also in: ${e.alsoIn.map(topicLabel).join(', ')}` : '';
      if (who || also) out.push(wrap([who, also].filter(Boolean).join(' · '), '  '));
      e.sources.forEach((s, i) => {
        const url = safeHttpUrl(s.url);
        if (url) out.push(i === 0 ? `  ${url}` : `  ${cleanText(s.outlet)}: ${url}`);
      });
      out.push('');
    }
    if (section.more) {
      out.push(
        `${section.more} more ${section.label} ${section.more === 1 ? 'story' : 'stories'} on the web:`,
      );
      out.push(`${archive}/all#${section.topic}`, '');
    }
  }
  const topics =
    digest.topics.length === TOPIC_IDS.length ? 'every topic' : digest.topics.map(topicLabel).join(', ');
  out.push('-- ');
  if (options.mode === 'email') {
    out.push(
      wrap(
        `You are receiving the ${cleanText(options.senderName)} for ${topics} because you subscribed to it.`,
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
