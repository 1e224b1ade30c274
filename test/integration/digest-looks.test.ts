/**
 * A full digest in headless Chromium: it must fit a 375 px phone without sideways scrolling, keep
 * every story link, and look right on a desktop, in light and dark mode. Screenshots go to
 * test-artifacts/ for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoryPool, type ComposedDigest } from '../../lambdas/digest/compose';
import { personalise, renderSelection } from '../../lambdas/digest/render';
import { siteLinks } from '../../lambdas/subscribers/links';
import { artifactPath, launchBrowser } from '../support/browser';
import { A, article, sampleDay } from '../unit/digest/fixtures';

const END = '2025-05-14T11:00:00.000Z';
const HOSTILE = '<script>window.__pwned = 1</script> Drone strike “hit the wrong house,” officials admit';

let browser: Browser;
let html: string;
let digest: ComposedDigest;

beforeAll(async () => {
  const articles = [
    ...sampleDay(END),
    article({
      id: 'long-word',
      outlet: 'Consortium News',
      url: 'https://consortiumnews.com/2025/05/14/leaked-memo/',
      title:
        'Leaked memo names contractors: https://documents.example.org/2025/contracts/FA8650-25-C-0001-appendix-b-redacted',
      summary:
        'The memo lists eleven firms. ThisIsAnUnbrokenRunOfCharactersThatWouldPushANarrowLayoutSidewaysIfNothingWrappedIt.',
      firstSeenAt: '2025-05-14T09:00:00.000Z',
      topics: [{ id: 'intelligence', score: 1 }],
      actors: [A.pentagon(2)],
    }),
    article({
      id: 'hostile',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/wrong-house/',
      title: HOSTILE,
      firstSeenAt: '2025-05-14T06:00:00.000Z',
      topics: [{ id: 'civilian-harm', score: 1 }],
      actors: [A.us(1)],
    }),
  ];
  const links = siteLinks('https://digest.example.org', 'looks-secret-0123456789');
  const out = renderSelection(
    buildStoryPool(articles, { from: '2025-05-13T11:00:00.000Z', to: END }),
    { date: '2025-05-14', timeZone: 'America/New_York', topics: [] },
    {
      senderName: 'Antiwar Digest',
      postalAddress: 'PO Box 1234, Springfield, IL 62701, USA',
      links,
      mode: 'email',
    },
  );
  digest = out.digest;
  html = personalise(out.rendered, {
    unsubscribe: links.unsubscribe('reader-1'),
    preferences: links.preferences('reader-1'),
  }).html;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width, height: 900 },
    colorScheme,
    javaScriptEnabled: true,
  });
  // Nothing outside the message may load: no fonts, no images, no pixels.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

// Page code goes in as strings: the project compiles without the DOM library.
const scrollWidth = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth');
const style = (page: Page, selector: string, property: 'color' | 'backgroundColor') =>
  page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);

const storyUrls = () => digest.sections.flatMap((s) => s.entries.flatMap((e) => e.sources.map((x) => x.url)));

describe('the digest in a browser', () => {
  it('fits a 375 px phone without sideways scrolling and keeps every story link', async () => {
    const page = await open(375);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    expect(storyUrls().length).toBeGreaterThan(12);
    for (const url of storyUrls()) expect(hrefs).toContain(url);
    await page.screenshot({ path: artifactPath('digest-375.png'), fullPage: true });
    await page.close();
  });

  it('shows a hostile title as text and never runs it (R28)', async () => {
    const page = await open(800);
    const titles = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
    expect(titles).toContain(HOSTILE);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.close();
  });

  it('lays out on an 800 px desktop in light and dark mode', async () => {
    const light = await open(800);
    expect(await scrollWidth(light)).toBeLessThanOrEqual(800);
    const card = await style(light, '.dm-card', 'backgroundColor');
    await light.screenshot({ path: artifactPath('digest-800.png'), fullPage: true });
    await light.close();

    const dark = await open(800, 'dark');
    const darkCard = await style(dark, '.dm-card', 'backgroundColor');
    const titleColour = await style(dark, 'h3 a', 'color');
    await dark.screenshot({ path: artifactPath('digest-800-dark.png'), fullPage: true });
    await dark.close();
    expect(card).toBe('rgb(255, 255, 255)');
    expect(darkCard).toBe('rgb(26, 29, 33)');
    expect(titleColour).toBe('rgb(241, 239, 235)');
  });
});
