import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { buildStoryPool } from '../../../lambdas/digest/compose';
import {
  MAX_HTML_BYTES,
  personalise,
  type RenderOptions,
  renderSelection,
  SLOTS,
  whoOf,
} from '../../../lambdas/digest/render';
import type { Article } from '../../../lambdas/shared/types';
import { siteLinks } from '../../../lambdas/subscribers/links';
import { DAY_DATE, DAY_WINDOW, heavyDay, lightDay } from './days';
import { A, article, manyArticles, sampleDay } from './fixtures';

const END = '2025-05-14T11:00:00.000Z';
const WINDOW = { from: '2025-05-13T11:00:00.000Z', to: END };
const links = siteLinks('https://digest.example.org/', 'test-secret-test-secret');
const OPTIONS: RenderOptions = {
  senderName: 'Antiwar Digest',
  postalAddress: 'PO Box 1234, Springfield, IL 62701, USA',
  links,
  mode: 'email',
};
const render = (articles: Article[], topics: string[] = [], options = OPTIONS, maxStoriesPerTopic?: number) =>
  renderSelection(
    buildStoryPool(articles, WINDOW),
    { date: '2025-05-14', timeZone: 'America/New_York', topics, maxStoriesPerTopic },
    options,
  );
const renderDay = (articles: Article[], topics: string[] = [], mode: 'email' | 'web' = 'email') =>
  renderSelection(
    buildStoryPool(articles, DAY_WINDOW),
    { date: DAY_DATE, timeZone: 'America/New_York', topics },
    { ...OPTIONS, mode },
  );
const text = (el: ReturnType<typeof DomUtils.findAll>[number]) =>
  DomUtils.textContent(el).replace(/\s+/g, ' ').trim();
const PERSONAL = {
  unsubscribe: 'https://digest.example.org/unsubscribe?token=sub-1.abc&x=1',
  preferences: 'https://digest.example.org/preferences?token=sub-1.def',
};

// OWASP XSS filter evasion vectors, put in every field that comes from a feed.
const VECTORS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '"><iframe src=javascript:alert(1)>',
  "'><a href='javascript:alert(1)'>x</a>",
  '<style>body{display:none}</style>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<form action=https://evil.example><input name=p><button>go</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data=javascript:alert(1)></object><embed src=x><template>t</template>',
  '<link rel=stylesheet href=https://evil.example/x.css><textarea></textarea><select></select>',
  '%%BODY%% \u0001UNSUBSCRIBE\u0001 {{unsubscribe}}',
];

function hostileArticles(): Article[] {
  return VECTORS.map((v, i) =>
    article({
      id: `x${i}`,
      storyId: `x${i}`,
      title: `Title ${v}`,
      summary: `Summary ${v}`,
      outlet: `Outlet ${v}`,
      url: i % 2 ? 'javascript:alert(1)' : `https://news.example.org/x${i}?q="><script>alert(1)</script>`,
      author: v,
      firstSeenAt: `2025-05-14T0${i % 10}:00:00.000Z`,
      topics: [{ id: 'diplomacy', score: 1 }],
      actors: [{ id: `a${i}`, name: `Actor ${v}`, type: 'person', mentions: 3 }],
    }),
  );
}

const FORBIDDEN = [
  'script',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'style',
  'svg',
  'math',
  'meta',
  'link',
  'base',
  'template',
];

function elementCounts(html: string): Record<string, number> {
  const doc = parseDocument(html);
  const counts: Record<string, number> = {};
  for (const name of FORBIDDEN) counts[name] = DomUtils.getElementsByTagName(name, doc).length;
  return counts;
}

describe('digest rendering', () => {
  it('escapes feed text so a script title shows as text (R28)', () => {
    const { rendered } = render([article({ title: '<script>alert(1)</script>', actors: [A.iran()] })]);
    const html = personalise(rendered, PERSONAL).html;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const titles = DomUtils.getElementsByTagName('h3', parseDocument(html)).map((h) =>
      DomUtils.textContent(h),
    );
    expect(titles).toEqual(['<script>alert(1)</script>']);
  });

  it('adds no element, handler or URL scheme from hostile feed fields (R26)', () => {
    const benign = personalise(render(sampleDay(END)).rendered, PERSONAL).html;
    const hostile = personalise(render(hostileArticles(), [], OPTIONS, 50).rendered, PERSONAL).html;
    // The shell's own <meta> and <style> (colour scheme, dark mode) are the only ones allowed.
    expect(elementCounts(hostile)).toEqual(elementCounts(benign));
    expect(elementCounts(hostile).script).toBe(0);
    const doc = parseDocument(hostile);
    for (const el of DomUtils.findAll(() => true, doc.children)) {
      for (const name of Object.keys(el.attribs)) expect(name).not.toMatch(/^on/i);
    }
    const hrefs = DomUtils.findAll((el) => 'href' in el.attribs, doc.children).map((el) => el.attribs.href!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
    expect(DomUtils.getElementsByTagName('img', doc)).toHaveLength(0);
  });

  it('shows an entry with a non-http link as an unlinked title', () => {
    const { rendered } = render([article({ title: 'Bad link', url: 'javascript:alert(1)' })]);
    expect(rendered.html).not.toContain('javascript:');
    expect(rendered.text).not.toContain('javascript:');
    expect(rendered.html).toContain('Bad link');
  });

  it('leaves the per-subscriber slots only where the template put them', () => {
    const { rendered } = render(hostileArticles(), [], OPTIONS, 50);
    expect(rendered.html.split(SLOTS.unsubscribe)).toHaveLength(2);
    expect(rendered.text.split(SLOTS.unsubscribe)).toHaveLength(2);
    const html = personalise(rendered, PERSONAL).html;
    expect(html).not.toContain('\u0001');
    expect(html).toContain('href="https://digest.example.org/unsubscribe?token=sub-1.abc&amp;x=1"');
    expect(personalise(rendered, PERSONAL).text).toContain(`Unsubscribe: ${PERSONAL.unsubscribe}`);
  });

  it('has a footer with unsubscribe, preferences, view in browser and the postal address (R29)', () => {
    const { rendered } = render(sampleDay(END), ['sanctions', 'nuclear']);
    const doc = parseDocument(personalise(rendered, PERSONAL).html);
    const link = (text: string) =>
      DomUtils.findAll((el) => el.name === 'a' && DomUtils.textContent(el) === text, doc.children).map(
        (el) => el.attribs.href,
      );
    expect(link('Unsubscribe')).toEqual([PERSONAL.unsubscribe]);
    expect(link('Manage preferences')).toEqual([PERSONAL.preferences]);
    expect(link('View in browser')[0]).toBe(
      'https://digest.example.org/archive/2025-05-14/nuclear%2Bsanctions',
    );
    expect(DomUtils.textContent(doc)).toContain('PO Box 1234, Springfield, IL 62701, USA');
  });

  it('leads the subject with the most important headline and counts the rest', () => {
    expect(render(sampleDay(END)).rendered.subject).toBe(
      'Russian and Ukrainian Envoys Meet in Geneva for First Direct Talks in Months — and 10 more',
    );
    expect(render(sampleDay(END), ['nuclear']).rendered.subject).toBe(
      'IAEA Warns of Drone Strikes Near Zaporizhzhia Nuclear Plant',
    );
    const long = render([article({ title: `${'Very long headline words '.repeat(8)}end` })]).rendered.subject;
    expect(long.length).toBeLessThanOrEqual(90);
    expect(long).toMatch(/^Very long headline words .*\w…$/);
  });

  it('follows the subject with a preheader of the next headlines, padded against body text', () => {
    const html = render(sampleDay(END)).rendered.html;
    const hidden = /<div style="display:none[^>]*>(.*?)<\/div>/s.exec(html)![1]!;
    expect(hidden).toMatch(
      /^Also: Treasury Sanctions Chinese Refineries Over Iranian Oil Purchases · State Department notifies \$3 billion in munitions sales to Israel · 11 stories from 5 outlets(&#847;&zwnj;&nbsp;){90}$/,
    );
  });

  it('declares English, headings and both colour schemes for accessibility and dark mode', () => {
    const html = render(sampleDay(END)).rendered.html;
    const doc = parseDocument(html);
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en"/i);
    expect(DomUtils.getElementsByTagName('h1', doc)).toHaveLength(1);
    expect(DomUtils.getElementsByTagName('h2', doc).length).toBeGreaterThan(1);
    expect(html).toContain('name="color-scheme" content="light dark"');
    expect(html).toContain('name="supported-color-schemes" content="light dark"');
  });

  it('stays under 100 KB with 200 stories by sending the rest to the web (R35)', () => {
    const { digest, rendered } = render(manyArticles(200), [], OPTIONS, 50);
    const html = personalise(rendered, PERSONAL).html;
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_HTML_BYTES);
    expect(digest.sections.some((s) => s.more > 0)).toBe(true);
    expect(html).toMatch(/\d+ more [A-Za-z ]+ stor(y|ies) on the web/);
    expect(html).toContain('href="https://digest.example.org/archive/2025-05-14/');
  });

  it('writes a text part a person can read, with every story link', () => {
    const { digest, rendered } = render(sampleDay(END));
    const text = personalise(rendered, PERSONAL).text;
    expect(text).toContain('11 stories from 5 outlets, published since yesterday 7:00 AM EDT.');
    expect(text).toContain('TOP STORIES\n===========\n\n1. Russian and Ukrainian Envoys Meet in Geneva');
    expect(text).toContain(
      '   Peace talks · Antiwar.com News · Responsible Statecraft ·\n   Common Dreams · 4:00 AM',
    );
    expect(text).toContain('In this issue: Nuclear (1), Military exercises (1),\nMilitary operations (1),');
    expect(text).toContain('NUCLEAR\n=======');
    expect(text).toContain('Responsible Statecraft: https://responsiblestatecraft.org/geneva-talks-ukraine/');
    for (const e of [...digest.top, ...digest.sections.flatMap((s) => s.entries)]) {
      expect(text).toContain(e.url);
    }
    expect(text).toContain('In the news: Russia (2), Ukraine (2), Congress (2), Israel (2),\nPentagon (2)');
    expect(text).not.toMatch(/<[a-z]/i);
    for (const line of text.split('\n'))
      if (!line.includes('http')) expect(line.length).toBeLessThanOrEqual(72);
  });

  it('sends "more on the web" to the digest’s full list when it has one', () => {
    const fullList = 'https://digest.example.org/archive/2025-05-14/abc/all';
    const { rendered } = render(manyArticles(200), [], { ...OPTIONS, fullList }, 3);
    expect(rendered.html).toMatch(
      /href="https:\/\/digest\.example\.org\/archive\/2025-05-14\/abc\/all#[a-z-]+"/,
    );
    expect(rendered.text).toContain(`${fullList}#`);
    // "View in browser" still opens the email's own page.
    expect(rendered.html).toContain('>View in browser</a>');
    expect(rendered.html).not.toMatch(/abc\/all"[^>]*>View in browser/);
  });

  it('renders the web archive without personal links', () => {
    const { rendered } = render(sampleDay(END), [], { ...OPTIONS, mode: 'web' });
    expect(rendered.html).not.toContain('\u0001');
    expect(rendered.html).not.toContain('Unsubscribe');
    expect(rendered.html).toContain('href="https://digest.example.org/subscribe"');
  });

  it('lists each section with its count under "In this issue", linked to the section’s heading', () => {
    const { digest, rendered } = renderDay(heavyDay());
    const doc = parseDocument(rendered.html);
    const links = DomUtils.findAll(
      (el) => el.name === 'a' && (el.attribs.href ?? '').startsWith('#'),
      doc.children,
    );
    expect(links.map((l) => l.attribs.href)).toEqual(digest.sections.map((s) => `#${s.topic}`));
    expect(links.map((l) => `${text(l)} ${text(DomUtils.nextElementSibling(l)!)}`)).toEqual(
      digest.sections.map((s) => `${s.label} ${s.entries.length + s.more}`),
    );
    // Outlook drops the items' spacing, so it gets a dot between them.
    expect(rendered.html.split('<!--[if mso]>&nbsp;·<![endif]-->').length).toBe(
      digest.sections.length + digest.inTheNews.length - 1,
    );
    const ids = DomUtils.findAll((el) => el.name === 'h2' && !!el.attribs.id, doc.children).map(
      (h) => h.attribs.id,
    );
    expect(ids).toEqual(digest.sections.map((s) => s.topic));
  });

  it('opens with "Top stories", one line of summary each, before the contents', () => {
    const { digest, rendered } = renderDay(heavyDay());
    const html = rendered.html;
    expect(html.indexOf('>Top stories</h2>')).toBeLessThan(html.indexOf('>In this issue</p>'));
    const lead = digest.top[0]!;
    expect(html).toContain('A draft seen by three delegations would freeze the front line for ninety days');
    expect(html).not.toContain('Kyiv said it had not agreed to the text'); // its second sentence
    expect(html.indexOf(lead.title)).toBeLessThan(html.indexOf('>In this issue</p>'));
  });

  it('shows a light day as one list of every story with full summaries, and no contents', () => {
    const { rendered } = renderDay(lightDay());
    expect(rendered.html).toContain('>All 4 stories</h2>');
    expect(rendered.html).not.toContain('In this issue');
    expect(rendered.html).toContain('No date was set for a leaders’ meeting.');
  });

  it('gives a summary to a section’s first story, and to its second when it has more than three', () => {
    const { digest, rendered } = renderDay(heavyDay());
    for (const section of digest.sections) {
      const full = section.entries.length + section.more > 3 ? 2 : 1;
      section.entries.forEach((e, i) => {
        expect(rendered.html.includes(`>${e.summary}</p>`), `${section.topic} #${i}`).toBe(i < full);
      });
    }
    expect(digest.sections.some((s) => s.entries.length > 3)).toBe(true);
  });

  it('names at most three in "Who", people and organisations before states', () => {
    const story = { actors: [A.russia(6), A.ukraine(5), A.us(4), A.putin(1), A.nato(1)] };
    expect(whoOf(story).map((x) => x.name)).toEqual(['Vladimir Putin', 'NATO', 'Russia']);
    // A person named once in passing, behind five actors named more, is not who acts.
    const passing = { actors: [A.russia(6), A.ukraine(5), A.us(4), A.iran(3), A.china(2), A.putin(1)] };
    expect(whoOf(passing).map((x) => x.name)).toEqual(['Russia', 'Ukraine', 'United States']);
    const { rendered } = renderDay(heavyDay());
    for (const m of rendered.html.matchAll(/>Who<\/strong>&nbsp; ([^<]*)/g)) {
      expect(m[1]!.split(', ').length).toBeLessThanOrEqual(3);
    }
    expect(rendered.html).toContain('>Who</strong>&nbsp; Steve Witkoff, Vladimir Putin, Russia');
  });

  it('names a story’s other topics as plain "Also about" text, never as a section it is in', () => {
    const { rendered } = renderDay(heavyDay());
    expect(rendered.html).toMatch(
      />Also&nbsp;about<\/strong>&nbsp; <span style="white-space:nowrap">Diplomacy</,
    );
    expect(rendered.html).not.toMatch(/Also in/);
    expect(rendered.html).not.toMatch(/border-radius:10px/); // the old chips
    expect(rendered.text).toContain('Also about: Diplomacy');
  });

  it('spaces stories with table cells and margins, never div padding, for Outlook', () => {
    for (const articles of [heavyDay(), lightDay()]) {
      const doc = parseDocument(renderDay(articles).rendered.html);
      const padded = DomUtils.findAll(
        (el) => /(^|;)\s*padding(-[a-z]+)?\s*:/.test(el.attribs.style ?? ''),
        doc.children,
      );
      expect(padded.length).toBeGreaterThan(10);
      expect([...new Set(padded.map((el) => el.name))]).toEqual(['td']);
    }
  });

  it('dates every time that is not the digest’s day, in the reader’s zone', () => {
    const old = article({
      id: 'old',
      title: 'Old news',
      firstSeenAt: '2025-11-24T12:00:00.000Z',
      publishedAt: '2025-11-19T15:30:00.000Z',
    });
    const { rendered } = renderDay([old, ...lightDay()]);
    expect(rendered.text).toContain('Nov 19');
    expect(rendered.text).toContain('Yesterday 11:18 PM');
    expect(rendered.text).not.toMatch(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d/);
    expect(rendered.text.replace(/\s+/g, ' ')).toContain(
      'new since yesterday 6:00 AM EST, 1 of them published earlier.',
    );
    expect(renderDay(lightDay()).rendered.text).toContain('published since yesterday 6:00 AM EST.');
  });

  it('shows on the web page, not in the email, why a story is under its topic', () => {
    const { digest, rendered } = renderDay(heavyDay(), [], 'web');
    const web = rendered.html;
    expect(web).toContain(
      'Why this is under Arms transfers:</span> “The package includes 60 anti-ship missiles and launchers.”',
    );
    expect(web).toContain('Why this is under Peace talks:');
    const email = renderDay(heavyDay()).rendered.html;
    expect(email).not.toContain('Why this is under');
    // One line per story that has evidence for its topic, none for the others.
    const withEvidence = [...digest.top, ...digest.sections.flatMap((s) => s.entries)].filter(
      (e) => e.evidence[e.home],
    );
    expect(withEvidence.length).toBeGreaterThan(5);
    expect(withEvidence.length).toBeLessThan(digest.storyCount);
    expect(web.split('Why this is under').length - 1).toBe(withEvidence.length);
  });

  it('points to the summary rather than printing the same sentence twice', () => {
    const summary = 'Envoys met in Geneva on Tuesday for talks. Both sides said little afterwards.';
    const quoted = (evidence: string) =>
      render([article({ title: 'T', summary, topics: [{ id: 'peace-talks', score: 1, evidence }] })], [], {
        ...OPTIONS,
        mode: 'web',
      }).rendered.html;
    expect(quoted('Envoys met in Geneva on Tuesday for talks.')).toContain(
      'Why this is under Peace talks:</span> the sentence above.</p>',
    );
    expect(quoted('The ceasefire talks resumed.')).toContain(
      'Why this is under Peace talks:</span> “The ceasefire talks resumed.”</p>',
    );
  });

  it('escapes a hostile evidence sentence on the web page (R28)', () => {
    const a = article({
      title: 'T',
      topics: [{ id: 'sanctions', score: 1, evidence: '<img src=x onerror=alert(1)> said so' }],
    });
    const html = render([a], [], { ...OPTIONS, mode: 'web' }).rendered.html;
    expect(html).toContain('“&lt;img src=x onerror=alert(1)&gt; said so”');
    expect(DomUtils.getElementsByTagName('img', parseDocument(html))).toHaveLength(0);
  });
});
