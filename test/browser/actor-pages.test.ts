/**
 * An actor page and the feeds as a reader meets them: headless Chromium against the web app over
 * dynalite. Screenshots of the page at 390 px and 1280 px go to test-artifacts/; every feed is
 * parsed by the browser's own XML parser, which rejects a document that is not well-formed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import { TOPIC_IDS } from '../../lambdas/analysis/topics';
import { createPublisher } from '../../lambdas/publish/publisher';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { ActorMention, Article } from '../../lambdas/shared/types';
import { createWebApp, type WebApp } from '../../lambdas/web/app';
import { readingRoutesOf } from '../../lambdas/web/reading';
import { artifactPath, launchBrowser } from '../support/browser';
import { startLocalDynamo, type TestDynamo } from '../support/local';
import { KIM, NATO, NORTH_KOREA, PUTIN, SOUTH_KOREA, story } from '../unit/publish/fixtures';

const NOW = '2026-12-03T15:00:00.000Z';
const CHINA: ActorMention = { id: 'Q148', name: 'China', type: 'state', mentions: 1 };
const UN: ActorMention = {
  id: 'Q37470',
  name: 'United Nations Security Council',
  type: 'organization',
  mentions: 1,
};
const US: ActorMention = { id: 'Q30', name: 'United States', type: 'state', mentions: 2 };

let dynamo: TestDynamo;
let server: WebServer;
let browser: Browser;

/** A month of invented headlines naming Kim Jong Un, busier around a test and a summit. */
function month(): Article[] {
  const outlets = ['Antiwar.com News', 'Responsible Statecraft', 'The Intercept', 'Common Dreams'];
  const plan: [number, string, ActorMention[], string][] = [
    [28, 'Kim Jong Un visits a munitions factory', [KIM, NORTH_KOREA], 'arms-transfers'],
    [
      25,
      'North Korea warns of “overwhelming response” to drills',
      [KIM, NORTH_KOREA, SOUTH_KOREA, US],
      'military-cooperation',
    ],
    [21, 'Seoul and Washington begin their autumn exercises', [SOUTH_KOREA, US, KIM], 'military-cooperation'],
    [18, 'Pyongyang says a satellite reached orbit', [KIM, NORTH_KOREA], 'nuclear'],
    [18, 'Security Council meets on the launch, without a statement', [UN, KIM, CHINA, US], 'diplomacy'],
    [14, 'Kim hosts a Russian delegation in Pyongyang', [KIM, PUTIN, NORTH_KOREA], 'diplomacy'],
    [11, 'Analysts read the party plenum for signs of a test', [KIM, NORTH_KOREA], 'nuclear'],
    [9, 'North Korea tests a solid-fuel missile', [KIM, NORTH_KOREA, SOUTH_KOREA], 'nuclear'],
    [9, 'Tokyo and Seoul condemn the launch', [SOUTH_KOREA, KIM, US], 'diplomacy'],
    [9, 'What the new missile can reach, and what it cannot', [KIM, NORTH_KOREA, US], 'nuclear'],
    [8, 'China calls for restraint on the peninsula', [CHINA, KIM, US], 'diplomacy'],
    [
      6,
      'NATO names North Korea in its annual threat report',
      [NATO, KIM, NORTH_KOREA],
      'military-cooperation',
    ],
    [4, 'Putin and Kim meet in Vladivostok', [PUTIN, KIM, NORTH_KOREA], 'diplomacy'],
    [4, 'The summit in pictures: handshakes and a limousine', [PUTIN, KIM], 'diplomacy'],
    [3, 'Arms for shells: what the summit may have traded', [KIM, PUTIN, NORTH_KOREA, US], 'arms-transfers'],
    [2, 'Sanctions monitors report new ship-to-ship transfers', [NORTH_KOREA, KIM, UN], 'sanctions'],
    [1, 'Kim Jong Un inspects a naval base', [KIM, NORTH_KOREA], 'military-cooperation'],
    [0, 'South Korea offers talks “without preconditions”', [SOUTH_KOREA, KIM, NORTH_KOREA], 'peace-talks'],
  ];
  return plan.map(([daysAgo, title, actors, topic], i) =>
    story({
      id: `kim-${i}`,
      title,
      outlet: outlets[i % outlets.length]!,
      url: `https://news.example.org/2026/${i}/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      firstSeenAt: new Date(
        Date.parse(NOW) - daysAgo * 86_400_000 - (i % 5) * 3_600_000 - 3_600_000,
      ).toISOString(),
      actors,
      topics: [{ id: topic, score: 0.9 }],
    }),
  );
}

beforeAll(async () => {
  [dynamo, browser] = await Promise.all([startLocalDynamo('actor-pages-test'), launchBrowser()]);
  const articles = month();
  // One story told by a second outlet.
  articles.push(
    story({
      id: 'kim-summit-2',
      storyId: 'kim-12',
      outlet: 'The Intercept',
      title: 'Putin, Kim hold talks in Russia’s far east',
      firstSeenAt: new Date(Date.parse(NOW) - 4 * 86_400_000).toISOString(),
      actors: [PUTIN, KIM],
      topics: [{ id: 'diplomacy', score: 0.8 }],
    }),
  );
  await dynamo.store.articles.putNewArticles(articles);
  const clock = fixedClock(NOW);
  // The app is made once the server's address (its base URL) is known.
  let app: WebApp | undefined;
  server = await startWebServer({ app: (req) => app!(req) });
  const config = {
    publicBaseUrl: server.url,
    tokenSecret: 'actor-pages-secret',
    senderAddress: 'digest@example.org',
    senderName: 'Antiwar Digest',
    postalAddress: 'Antiwar Digest, 1 Peace Street, Springfield',
    defaultTimeZone: 'America/New_York',
  };
  const site = { name: 'Antiwar Digest', baseUrl: config.publicBaseUrl, timeZone: config.defaultTimeZone };
  app = createWebApp({
    subscribers: dynamo.store.subscribers,
    sends: dynamo.store.sends,
    limits: dynamo.store.limits,
    mailer: { send: async () => ({ id: 'unused' }) },
    clock,
    log: silentLog,
    config,
    archive: { page: async () => undefined, dates: async () => ['2026-12-03'] },
    reading: readingRoutesOf(
      createPublisher({
        articles: dynamo.store.articles,
        editions: dynamo.store.editions,
        clock,
        site,
      }),
    ),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dynamo?.stop();
});

/**
 * The few browser globals the page-side functions use (the project compiles without the DOM
 * library, and these functions run in the page, not in Node: they are sent as text, so each one
 * names globalThis itself).
 */
interface PageGlobals {
  document: {
    documentElement: { scrollWidth: number };
    querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null; href: string }>;
  };
  getComputedStyle(el: unknown): { fill: string };
  DOMParser: new () => {
    parseFromString(
      text: string,
      type: string,
    ): {
      querySelector(s: string): { textContent: string | null } | null;
      getElementsByTagNameNS(ns: string, name: string): { length: number };
      documentElement: { namespaceURI: string | null; localName: string };
    };
  };
}

/** Opens a page, failing on any CSP violation, script error or failed load it reports. */
async function open(width: number, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (m) => {
    // A failed load is reported by the response below, with its address.
    if (/Failed to load resource/.test(m.text())) return;
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const res = await page.goto(`${server.url}${path}`);
  expect(res?.status()).toBe(200);
  return { page, problems };
}

describe('an actor page in Chromium', () => {
  it('reads well on a phone: no sideways scroll, a chart with its name, the stories by day', async () => {
    const { page, problems } = await open(390, '/actors/kim-jong-un');
    await page.screenshot({ path: artifactPath('actor-page-390.png'), fullPage: true });
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    const chart = page.getByRole('img', { name: 'Articles naming Kim Jong Un, per day, last 30 days' });
    expect(await chart.isVisible()).toBe(true);
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBe(120);
    // The bars are drawn in the site's colours: the stylesheet reached the SVG despite the strict CSP.
    const fill = await page
      .locator('svg rect.bar:not(.none)')
      .first()
      .evaluate((r) => (globalThis as unknown as PageGlobals).getComputedStyle(r).fill);
    expect(fill).toBe('rgb(31, 95, 70)');
    expect(await page.locator('h3.day').count()).toBe(14);
    expect(await page.getByRole('link', { name: 'Putin and Kim meet in Vladivostok' }).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('link', { name: 'The Intercept' }).first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sets the facts side by side on a desktop, and its links lead to other actors and feeds', async () => {
    const { page, problems } = await open(1280, '/actors/kim-jong-un');
    await page.screenshot({ path: artifactPath('actor-page-1280.png'), fullPage: true });
    const [named, topics] = await page.locator('.actor-facts > section').all();
    const [a, b] = [(await named!.boundingBox())!, (await topics!.boundingBox())!];
    expect(Math.abs(a.y - b.y)).toBeLessThan(1);
    expect(b.x).toBeGreaterThan(a.x + a.width);
    // The numbers behind the chart, for a reader who cannot see it.
    await page.getByText('The numbers, day by day').click();
    expect(await page.locator('.chart-data tbody tr').count()).toBe(30);
    await page.getByRole('link', { name: 'Vladimir Putin' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vladimir Putin');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds an actor by a name typed into the search, and says so when nobody answers', async () => {
    const { page } = await open(390, '/actors');
    await page.getByLabel(/Name/).fill('Putin');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vladimir Putin');
    expect(page.url()).toBe(`${server.url}/actors/vladimir-putin`);
    const res = await page.goto(`${server.url}/actors/nobody-we-know`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toContain('We know no actor called “nobody we know”');
    await page.screenshot({ path: artifactPath('actor-page-not-found-390.png') });
    await page.close();
  });
});

describe('feeds in Chromium', () => {
  it('parses every feed with the browser’s strict XML parser', async () => {
    // Fetched here, parsed in a blank page: the site's pages allow no script, so none runs there.
    const page = await browser.newPage();
    const paths = [
      '/feeds/digest.atom',
      '/feeds/actor/kim-jong-un.atom',
      '/feeds/actor/vladimir-putin.atom',
      ...TOPIC_IDS.map((t) => `/feeds/topic/${t}.atom`),
    ];
    for (const path of paths) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      const parsed = await page.evaluate(
        (xml) => {
          const doc = new (globalThis as unknown as PageGlobals).DOMParser().parseFromString(
            xml,
            'application/xml',
          );
          const error = doc.querySelector('parsererror');
          return {
            error: error ? error.textContent : null,
            entries: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length,
            root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
          };
        },
        await res.text(),
      );
      expect(parsed, path).toMatchObject({ error: null, root: 'http://www.w3.org/2005/Atom feed' });
      if (path === '/feeds/actor/kim-jong-un.atom') expect(parsed.entries).toBe(18);
      if (path === '/feeds/topic/nuclear.atom') expect(parsed.entries).toBe(4);
    }
    // The parser is strict: a stray ampersand is an error, not a guess.
    const broken = await page.evaluate(
      (xml) =>
        new (globalThis as unknown as PageGlobals).DOMParser()
          .parseFromString(xml, 'application/xml')
          .querySelector('parsererror') !== null,
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A & B</title></feed>',
    );
    expect(broken).toBe(true);
    await page.close();
  });

  it('names the feeds on the archive index for feed readers to discover', async () => {
    const { page } = await open(1280, '/archive');
    const alternates = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('link[rel="alternate"]')].map(
        (l) => [l.getAttribute('type'), l.href],
      ),
    );
    expect(alternates).toEqual([['application/atom+xml', `${server.url}/feeds/digest.atom`]]);
    expect(await page.getByRole('link', { name: 'Nuclear' }).getAttribute('href')).toBe(
      '/feeds/topic/nuclear.atom',
    );
    await page.close();
  });
});
