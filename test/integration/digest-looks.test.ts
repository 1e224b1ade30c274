/**
 * Digests as a reader meets them, in headless Chromium: a light day (4 stories), a heavy day (40
 * across every topic), one topic only, the heavy day's web archive page, a reader of two topics who
 * follows two actors ("You follow"), and a weekly edition. Each must fit a 375 px phone without
 * sideways scrolling, open with the top stories and the contents, keep every story link, and keep
 * text readable (contrast at least 4.5:1) in light and dark mode. Screenshots go to test-artifacts/
 * for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorBaseline,
  buildStoryPool,
  type ComposedDigest,
  digestEntries,
} from '../../lambdas/digest/compose';
import { personalise, type RenderOptions, renderSelection } from '../../lambdas/digest/render';
import { siteLinks } from '../../lambdas/subscribers/links';
import { artifactPath, launchBrowser } from '../support/browser';
import {
  DAY_DATE,
  DAY_WINDOW,
  heavyDay,
  heavyWeek,
  lightDay,
  twoWeeks,
  usualMonth,
  WEEK_WINDOW,
} from '../unit/digest/days';
import { article } from '../unit/digest/fixtures';

const HOSTILE = '<script>window.__pwned = 1</script> Drone strike “hit the wrong house,” officials admit';

const links = siteLinks('https://digest.example.org', 'looks-secret-0123456789');
const options = (mode: 'email' | 'web'): RenderOptions => ({
  senderName: 'Antiwar Digest',
  postalAddress: 'PO Box 1234, Springfield, IL 62701, USA',
  links,
  mode,
});

interface Case {
  digest: ComposedDigest;
  html: string;
}

/** The two weeks before the heavy day, summed as the weekly edition reads them. */
function weekCounts() {
  const days = twoWeeks();
  const sum = (list: typeof days) => {
    const m = new Map<string, number>();
    for (const d of list) for (const [id, n] of Object.entries(d.actors)) m.set(id, (m.get(id) ?? 0) + n);
    return m;
  };
  return { thisWeek: sum(days.slice(7)), lastWeek: sum(days.slice(0, 7)) };
}

function render(
  articles: ReturnType<typeof heavyDay>,
  topics: string[],
  mode: 'email' | 'web' = 'email',
  extra: { follow?: string[]; weekly?: boolean } = {},
): Case {
  const week = extra.weekly;
  const { digest, rendered } = renderSelection(
    buildStoryPool(articles, week ? WEEK_WINDOW : DAY_WINDOW, week ? 7 * 86_400_000 : undefined),
    {
      date: DAY_DATE,
      timeZone: 'America/New_York',
      topics,
      ...(week
        ? { cadence: 'weekly' as const, week: weekCounts() }
        : { baseline: actorBaseline(usualMonth()) }),
      ...(extra.follow ? { follow: extra.follow } : {}),
    },
    options(mode),
    { budget: mode === 'email' },
  );
  const html =
    mode === 'email'
      ? personalise(rendered, {
          unsubscribe: links.unsubscribe('reader-1'),
          preferences: links.preferences('reader-1'),
        }).html
      : rendered.html;
  return { digest, html };
}

const hostile = () => [
  article({
    id: 'long-word',
    outlet: 'Consortium News',
    url: 'https://consortiumnews.com/2025/11/25/leaked-memo/',
    title:
      'Leaked memo names contractors: https://documents.example.org/2025/contracts/FA8650-25-C-0001-appendix-b-redacted',
    summary:
      'The memo lists eleven firms. ThisIsAnUnbrokenRunOfCharactersThatWouldPushANarrowLayoutSidewaysIfNothingWrappedIt.',
    firstSeenAt: '2025-11-25T09:00:00.000Z',
    publishedAt: '2025-11-25T09:00:00.000Z',
    topics: [{ id: 'intelligence', score: 1 }],
  }),
  article({
    id: 'hostile',
    url: 'https://news.antiwar.com/2025/11/25/wrong-house/',
    title: HOSTILE,
    firstSeenAt: '2025-11-25T06:00:00.000Z',
    publishedAt: '2025-11-25T06:00:00.000Z',
    topics: [{ id: 'civilian-harm', score: 1 }],
  }),
];

let browser: Browser;
let cases: Record<'light' | 'heavy' | 'oneTopic' | 'web' | 'follow' | 'weekly', Case>;

beforeAll(async () => {
  cases = {
    light: render(lightDay(), []),
    heavy: render([...heavyDay(), ...hostile()], []),
    oneTopic: render(heavyDay(), ['military-operations']),
    web: render(heavyDay(), [], 'web'),
    follow: render(heavyDay(), ['nuclear', 'arms-transfers'], 'email', {
      follow: ['volodymyr-zelensky', 'sudan'],
    }),
    weekly: render(heavyWeek(), [], 'email', { weekly: true, follow: ['sudan'] }),
  };
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(html: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width, height: 800 },
    colorScheme,
    javaScriptEnabled: true,
  });
  // Nothing outside the message may load: no fonts, no images, no pixels.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`${name}.png`), fullPage: true });
}

// Page code goes in as strings: the project compiles without the DOM library.
const scrollWidth = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth');

/** Top of the box of the first element whose own text is `text`, in page pixels. */
const topOf = (page: Page, selector: string, text: string) =>
  page.evaluate<number | null>(`(() => {
    const el = [...document.querySelectorAll(${JSON.stringify(selector)})]
      .find((e) => e.textContent.trim().startsWith(${JSON.stringify(text)}));
    return el ? el.getBoundingClientRect().top + window.scrollY : null;
  })()`);

/**
 * WCAG contrast of every visible text run against the background it is painted on (the nearest
 * ancestor with an opaque background), the lowest first.
 */
const CONTRASTS = `(() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bgOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !el.getClientRects().length) continue;
    const box = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (box.width < 2 || box.height < 2 || s.visibility === 'hidden' || Number(s.opacity) === 0) continue;
    let hidden = false;
    for (let e = el; e; e = e.parentElement) {
      const st = getComputedStyle(e);
      if (st.display === 'none' || Number(st.opacity) === 0 || st.maxHeight === '0px') hidden = true;
    }
    if (hidden) continue;
    const a = lum(rgb(s.color)), b = lum(bgOf(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push({ text: n.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100,
      footer: !!el.closest('.footer') });
  }
  return out.sort((x, y) => x.ratio - y.ratio);
})()`;

const contrasts = (page: Page) =>
  page.evaluate<{ text: string; ratio: number; footer: boolean }[]>(CONTRASTS);

const storyUrls = (d: ComposedDigest) => digestEntries(d).flatMap((e) => e.sources.map((x) => x.url));

describe('the digest in a browser', () => {
  it('opens with the top stories and the contents on a 375 px phone, nothing scrolling sideways', async () => {
    const { digest, html } = cases.heavy;
    const page = await open(html, 375);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    // The top block: three headlines, within the first two screens.
    const top = await topOf(page, 'h2', 'Top stories');
    expect(top).not.toBeNull();
    expect(top!).toBeLessThan(400);
    expect(digest.top).toHaveLength(3);
    for (const e of digest.top) expect(await topOf(page, 'h3', e.title)).toBeLessThan(1600);
    // The contents: every section with its count, each link landing on its section's heading.
    const contents = await page.$$eval('a[href^="#"]', (as) =>
      as.map((a) => ({ href: a.getAttribute('href'), count: a.nextElementSibling?.textContent })),
    );
    expect(contents.map((c) => c.href)).toEqual(digest.sections.map((s) => `#${s.topic}`));
    expect(contents.map((c) => Number(c.count))).toEqual(
      digest.sections.map((s) => s.entries.length + s.more),
    );
    for (const s of digest.sections) expect(await page.locator(`h2#${s.topic}`).count()).toBe(1);
    expect(await topOf(page, 'p', 'In this issue')).toBeLessThan(1600);
    // Every story shown keeps its links.
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const url of storyUrls(digest)) expect(hrefs).toContain(url);
    await shoot(page, 'heavy-375');
    await page.close();
  });

  it('shows a hostile title as text and never runs it (R28)', async () => {
    const page = await open(cases.heavy.html, 800);
    const titles = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
    expect(titles).toContain(HOSTILE);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.close();
  });

  it('keeps every text at least 4.5:1 against its background, footer included, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(cases.heavy.html, 800, scheme);
      const all = await contrasts(page);
      expect(all.filter((c) => c.footer).length).toBeGreaterThan(3);
      expect(all[0], `${scheme}: ${JSON.stringify(all[0])}`).toBeDefined();
      expect(all[0]!.ratio, `${scheme}: "${all[0]!.text}"`).toBeGreaterThanOrEqual(4.5);
      await shoot(page, `heavy-800-${scheme}`);
      await page.close();
    }
    const dark = await open(cases.heavy.html, 375, 'dark');
    await shoot(dark, 'heavy-375-dark');
    await dark.close();
  });

  it('lays out a light day, one topic, and the web page at 375 and 800 px without sideways scrolling', async () => {
    for (const name of ['light', 'oneTopic', 'web'] as const) {
      for (const [width, scheme] of [
        [375, 'light'],
        [800, 'dark'],
      ] as const) {
        const page = await open(cases[name].html, width, scheme);
        expect(await scrollWidth(page), `${name} at ${width}`).toBeLessThanOrEqual(width);
        await shoot(page, `${name}-${width}-${scheme}`);
        await page.close();
      }
    }
  });

  it('opens a follower’s digest with "You follow", each story once, on a 375 px phone', async () => {
    const { digest, html } = cases.follow;
    const page = await open(html, 375);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    const follow = await topOf(page, 'h2', 'You follow');
    const top = await topOf(page, 'h2', 'Top stories');
    expect(follow).not.toBeNull();
    expect(follow!).toBeLessThan(top ?? Number.POSITIVE_INFINITY);
    expect(follow!).toBeLessThan(400);
    const titles = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
    expect(new Set(titles).size).toBe(titles.length);
    for (const e of digest.following!.entries) expect(titles).toContain(e.title);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const url of storyUrls(digest)) expect(hrefs).toContain(url);
    await shoot(page, 'follow-375');
    await page.close();
    for (const scheme of ['light', 'dark'] as const) {
      const p = await open(html, 375, scheme);
      const low = (await contrasts(p))[0]!;
      expect(low.ratio, `${scheme}: "${low.text}"`).toBeGreaterThanOrEqual(4.5);
      if (scheme === 'dark') await shoot(p, 'follow-375-dark');
      await p.close();
    }
  });

  it('lays out the weekly edition at 375 px: the week’s span, "Most in the news this week", each story once', async () => {
    const { digest, html } = cases.weekly;
    expect(Buffer.byteLength(html)).toBeLessThan(100_000);
    const page = await open(html, 375);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Nov 18 – Nov 25');
    expect(await topOf(page, 'p', 'Most in the news this week')).toBeLessThan(2400);
    expect(await topOf(page, 'h2', "The week's top stories")).not.toBeNull();
    const titles = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
    expect(new Set(titles).size).toBe(titles.length);
    expect(digest.weekNews?.map((x) => x.name).slice(0, 2)).toEqual(['United States', 'Russia']);
    await shoot(page, 'weekly-375');
    await page.close();
    for (const scheme of ['light', 'dark'] as const) {
      const p = await open(html, 375, scheme);
      const low = (await contrasts(p))[0]!;
      expect(low.ratio, `${scheme}: "${low.text}"`).toBeGreaterThanOrEqual(4.5);
      if (scheme === 'dark') await shoot(p, 'weekly-375-dark');
      await p.close();
    }
  });
});
