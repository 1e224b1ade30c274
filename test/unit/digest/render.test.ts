import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { buildStoryPool } from '../../../lambdas/digest/compose';
import {
  MAX_HTML_BYTES,
  personalise,
  type RenderOptions,
  renderSelection,
  SLOTS,
} from '../../../lambdas/digest/render';
import type { Article } from '../../../lambdas/shared/types';
import { siteLinks } from '../../../lambdas/subscribers/links';
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

  it('names the day and the leading topics in the subject', () => {
    expect(render(sampleDay(END)).rendered.subject).toBe(
      'Wed, May 14: Peace talks, Sanctions and 8 more topics',
    );
    expect(render(sampleDay(END), ['nuclear']).rendered.subject).toBe('Wed, May 14: Nuclear');
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
    const text = personalise(render(sampleDay(END)).rendered, PERSONAL).text;
    expect(text).toContain('PEACE TALKS\n===========');
    expect(text).toContain('Antiwar.com News · Responsible Statecraft · Common Dreams · Wed 4:00 AM');
    expect(text).toContain('Responsible Statecraft: https://responsiblestatecraft.org/geneva-talks-ukraine/');
    expect(text).toContain('In the news: United States (7)');
    expect(text).not.toMatch(/<[a-z]/i);
    for (const line of text.split('\n'))
      if (!line.includes('http')) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('renders the web archive without personal links', () => {
    const { rendered } = render(sampleDay(END), [], { ...OPTIONS, mode: 'web' });
    expect(rendered.html).not.toContain('\u0001');
    expect(rendered.html).not.toContain('Unsubscribe');
    expect(rendered.html).toContain('href="https://digest.example.org/subscribe"');
  });
});
