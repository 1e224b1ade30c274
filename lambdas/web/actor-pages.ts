/**
 * The actor pages: who an actor is in the news with, under which topics, and their stories day by
 * day, with a chart of daily mentions. Server-rendered and script-free like every page here: the
 * chart is inline SVG styled from the site's stylesheet (the CSP allows no inline style), with a
 * title, a description and the numbers as a table for readers who cannot see it.
 */

import type { ActorRef } from '../analysis/actor-lookup';
import { topicLabel } from '../analysis/topics';
import { ATOM_TYPE } from '../publish/atom';
import type { ActorActivity, ActorDay } from '../publish/publisher';
import type { PublishedStory } from '../publish/stories';
import { readingPaths } from '../shared/reading-paths';
import { html, type SafeHtml } from './html';
import { layout, type SiteInfo } from './pages';

const TYPE_LABEL: Record<ActorRef['type'], string> = {
  person: 'Person',
  state: 'State',
  organization: 'Organisation',
};

const dayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});
const shortFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const noon = (date: string) => new Date(`${date}T12:00:00Z`);
/** "Thursday, December 3" */
const longDay = (date: string) => dayFormat.format(noon(date));
/** "Dec 3" */
const shortDay = (date: string) => shortFormat.format(noon(date));

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const actorFeedLink = (a: { name: string; slug: string }, siteName: string) =>
  html`<link rel="alternate" type="${ATOM_TYPE}" title="${a.name} · ${siteName}" href="${readingPaths.actorFeed(a.slug)}">`;

export function actorPage(site: SiteInfo, a: ActorActivity): string {
  const name = a.actor.name;
  const lede =
    a.articleCount === 0
      ? html`No article has named ${name} in the last ${a.days.length} days.`
      : html`Named in ${plural(a.articleCount, 'article', 'articles')} in the last ${a.days.length} days.`;
  return layout(
    site,
    name,
    html`<p class="kicker">${TYPE_LABEL[a.actor.type]}</p>
<h1>${name}</h1>
<p class="lede">${lede}</p>
<p class="feed-links"><a href="${readingPaths.actorFeed(a.slug)}" type="${ATOM_TYPE}">Follow ${name} in a feed reader (Atom)</a></p>
<section class="card" aria-labelledby="chart-heading">
<h2 id="chart-heading">Mentions per day</h2>
${mentionsChart(a.days, name)}
</section>
${
  a.namedWith.length || a.topics.length
    ? html`<div class="actor-facts">${
        a.namedWith.length
          ? html`<section class="card" aria-labelledby="with-heading"><h2 id="with-heading">Most often named with</h2>
<ul class="counts">${a.namedWith.map(
              (w) =>
                html`<li><a href="${readingPaths.actorPage(w.slug)}">${w.actor.name}</a> <span class="count">${plural(w.stories, 'story', 'stories')}</span></li>`,
            )}</ul></section>`
          : ''
      }${
        a.topics.length
          ? html`<section class="card" aria-labelledby="topics-heading"><h2 id="topics-heading">Topics</h2>
<ul class="counts">${a.topics.map(
              (t) =>
                html`<li><span>${topicLabel(t.topic)}</span> <span class="count">${plural(t.stories, 'story', 'stories')}</span></li>`,
            )}</ul></section>`
          : ''
      }</div>`
    : ''
}
${storiesSection(a)}`,
    actorFeedLink({ name, slug: a.slug }, site.name),
  );
}

function storiesSection(a: ActorActivity): SafeHtml {
  if (!a.storiesByDay.length) return html``;
  return html`<section aria-labelledby="stories-heading">
<h2 id="stories-heading" class="section-title">Stories by day</h2>
${a.storiesByDay.map(
  (
    d,
  ) => html`<h3 class="day">${longDay(d.date)} <span class="count">${plural(d.stories.length, 'story', 'stories')}</span></h3>
<ul class="stories">${d.stories.map(storyItem)}</ul>`,
)}
${
  a.unlisted > 0
    ? html`<p class="hint">${plural(a.unlisted, 'older article is', 'older articles are')} counted in the chart but not listed.</p>`
    : ''
}
</section>`;
}

function storyItem(s: PublishedStory): SafeHtml {
  const [lead, ...others] = s.sources;
  const outlets = [lead, ...others].filter((o) => o !== undefined);
  return html`<li><a class="story" href="${safeLink(s.url)}" rel="noopener noreferrer">${s.title}</a>
<span class="meta">${outlets.map(
    (o, i) =>
      html`${i ? ', ' : ''}${i ? html`<a href="${safeLink(o.url)}" rel="noopener noreferrer">${o.outlet}</a>` : o.outlet}`,
  )}${s.topics[0] ? html` · ${topicLabel(s.topics[0])}` : ''}</span></li>`;
}

/** Only http(s) links leave the page (R26); anything else links nowhere. */
function safeLink(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '#';
  } catch {
    return '#';
  }
}

const CHART = { width: 600, height: 120, gap: 4 } as const;

/**
 * Bars of articles per day, scaled to the busiest day, each with its own tooltip; the axis dates
 * and the peak are HTML below, so they stay readable at any width.
 */
export function mentionsChart(days: readonly ActorDay[], name: string): SafeHtml {
  const max = Math.max(0, ...days.map((d) => d.articles));
  const total = days.reduce((n, d) => n + d.articles, 0);
  const busiest = days.reduce<ActorDay | undefined>(
    (b, d) => (!b || d.articles > b.articles ? d : b),
    undefined,
  );
  const first = days[0]?.date ?? '';
  const last = days.at(-1)?.date ?? '';
  const step = CHART.width / Math.max(1, days.length);
  const barWidth = step - CHART.gap;
  const bars = days.map((d, i) => {
    const h = max ? Math.max(2, Math.round((d.articles / max) * (CHART.height - 4))) : 0;
    const x = (i * step + CHART.gap / 2).toFixed(1);
    const label = `${shortDay(d.date)}: ${plural(d.articles, 'article', 'articles')}`;
    return d.articles
      ? html`<rect class="bar" x="${x}" y="${CHART.height - h}" width="${barWidth.toFixed(1)}" height="${h}"><title>${label}</title></rect>`
      : html`<rect class="bar none" x="${x}" y="${CHART.height - 2}" width="${barWidth.toFixed(1)}" height="2"><title>${label}</title></rect>`;
  });
  const summary = total
    ? `${plural(total, 'article', 'articles')} named ${name} from ${shortDay(first)} to ${shortDay(last)}; the busiest day was ${shortDay(busiest!.date)}, with ${busiest!.articles}.`
    : `No article named ${name} from ${shortDay(first)} to ${shortDay(last)}.`;
  return html`<figure class="chart">
<svg viewBox="0 0 ${CHART.width} ${CHART.height}" preserveAspectRatio="none" width="100%" height="120" role="img" aria-labelledby="chart-title chart-desc" focusable="false">
<title id="chart-title">Articles naming ${name}, per day, last ${days.length} days</title>
<desc id="chart-desc">${summary}</desc>
<line class="axis" vector-effect="non-scaling-stroke" x1="0" y1="${CHART.height - 0.5}" x2="${CHART.width}" y2="${CHART.height - 0.5}"/>
${bars}
</svg>
<figcaption><span class="axis-dates"><span>${shortDay(first)}</span><span>Today</span></span>
<span class="chart-note">${summary}</span></figcaption>
</figure>
<details class="chart-data"><summary>The numbers, day by day</summary>
<table><thead><tr><th scope="col">Day</th><th scope="col">Articles</th></tr></thead>
<tbody>${[...days].reverse().map((d) => html`<tr><td>${longDay(d.date)}</td><td>${d.articles}</td></tr>`)}</tbody></table>
</details>`;
}

/** Several actors answer to a slug ("kim"): the reader picks one. */
export function actorChoicesPage(
  site: SiteInfo,
  asked: string,
  actors: readonly { actor: ActorRef; slug: string }[],
): string {
  return layout(
    site,
    'Which one?',
    html`<h1>Which one?</h1>
<div class="card"><p>Several people and organisations answer to “${asked}”:</p>
<ul class="choices">${actors.map(
      (a) =>
        html`<li><a href="${readingPaths.actorPage(a.slug)}">${a.actor.name}</a> <span class="count">${TYPE_LABEL[a.actor.type]}</span></li>`,
    )}</ul></div>`,
  );
}

/**
 * `/actors`, and the 404 of a slug no actor answers to (`notFound`: its words, or '' when it has
 * none worth showing): a name search.
 */
export function actorSearchPage(site: SiteInfo, notFound?: string): string {
  const missing = notFound !== undefined;
  return layout(
    site,
    missing ? 'Actor not found' : 'Actors',
    html`<h1>${missing ? 'No actor by that name' : 'Actors in the news'}</h1>
${
  missing
    ? html`<div class="notice error" role="alert"><p>We know no actor ${notFound ? html`called “${notFound}”` : 'by that name'}. Try a full name, a surname or a common short form: “Kim Jong Un”, “Lavrov”, “NATO”.</p></div>`
    : html`<p class="lede">Every person, state and organisation the digest names has a page: their stories day by day, who they are named with, and a feed to follow.</p>`
}
<form class="card" method="get" action="/actors" role="search">
<div class="field"><label for="q">Name<span class="hint">A person, a state or an organisation, e.g. “Sergey Lavrov”, “Yemen”, “NATO”</span></label>
<input type="search" id="q" name="q" autocomplete="off" required maxlength="100"${notFound ? html` value="${notFound}"` : ''}></div>
<div class="actions"><button type="submit">Find</button></div>
</form>`,
  );
}
