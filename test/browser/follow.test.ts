/**
 * Following actors and choosing the weekly edition on the preferences page, in headless Chromium
 * with JavaScript off, on a 375 px phone, against the web app on a loopback server and dynalite:
 * type a name, pick among the candidates of an ambiguous one, stop following, switch to weekly.
 * The stored record is checked after each step; screenshots go to test-artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import { systemClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { SubscriptionDeps } from '../../lambdas/subscribers/deps';
import { siteLinks } from '../../lambdas/subscribers/links';
import { createWebApp } from '../../lambdas/web/app';
import { artifactPath, launchBrowser } from '../support/browser';
import { startLocalDynamo, type TestDynamo } from '../support/local';
import { subscriber } from '../unit/digest/fixtures';

const SECRET = 'follow-secret-0123456789';
let dynamo: TestDynamo;
let server: WebServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [dynamo, browser] = await Promise.all([startLocalDynamo('follow-browser'), launchBrowser()]);
  const config: SubscriptionDeps['config'] = {
    publicBaseUrl: 'http://placeholder',
    tokenSecret: SECRET,
    senderAddress: 'digest@example.org',
    senderName: 'Antiwar Digest',
    postalAddress: 'Antiwar Digest, 1 Peace Street, Springfield',
    defaultTimeZone: 'America/New_York',
  };
  server = await startWebServer({
    port: 0,
    app: createWebApp({
      subscribers: dynamo.store.subscribers,
      sends: dynamo.store.sends,
      limits: dynamo.store.limits,
      mailer: { send: async () => ({ id: 'unused' }) },
      clock: systemClock,
      log: silentLog,
      config,
    }),
  });
  config.publicBaseUrl = server.url;
  await dynamo.store.subscribers.create(subscriber({ id: 'reader', topics: ['nuclear'] }));
  page = await browser.newPage({ viewport: { width: 375, height: 812 }, javaScriptEnabled: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dynamo?.stop();
});

const stored = () => dynamo.store.subscribers.get('reader');
const scrollWidth = () => page.evaluate<number>('document.scrollingElement.scrollWidth');

describe('the preferences page without JavaScript', () => {
  it('follows by name, offers the candidates of an ambiguous one, stops following, and goes weekly', async () => {
    await page.goto(siteLinks(server.url, SECRET).preferences('reader'));
    expect(await page.getByText('You follow no one yet.').isVisible()).toBe(true);

    // An ambiguous name: the candidates come back as buttons.
    await page.getByLabel('Follow someone').fill('Kim');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    expect(await page.getByText('“Kim” may mean:').isVisible()).toBe(true);
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    await page.locator('#follow').screenshot({ path: artifactPath('follow-01-candidates-375.png') });
    await page.getByRole('button', { name: 'Follow Kim Jong Un' }).click();
    expect(await page.getByText('You now follow Kim Jong Un.').isVisible()).toBe(true);
    expect((await stored())?.actors).toEqual(['Q56226']);

    // A name in lower case, then one more.
    await page.getByLabel('Follow someone').fill('nato');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByLabel('Follow someone').fill('Congress');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    expect((await stored())?.actors).toEqual(['Q56226', 'Q7184', 'Q11268']);
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    await page.locator('#follow').screenshot({ path: artifactPath('follow-02-list-375.png') });

    await page.getByRole('button', { name: 'Stop following NATO' }).click();
    expect(await page.getByText('You no longer follow NATO.').isVisible()).toBe(true);
    expect((await stored())?.actors).toEqual(['Q56226', 'Q11268']);

    // Weekly, on Friday, from the main form.
    await page.getByLabel('Once a week, on').check();
    await page.getByLabel('Day of the weekly edition').selectOption('5');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    expect(await page.getByText('Your preferences are saved.').isVisible()).toBe(true);
    expect(await page.locator('#status').textContent()).toBe('Receiving the weekly edition');
    expect(await page.locator('#next-digest').textContent()).toMatch(/^Your next digest arrives Fri /);
    expect((await stored())?.weeklyOn).toBe(5);
    expect((await stored())?.actors).toEqual(['Q56226', 'Q11268']);
    await page.screenshot({ path: artifactPath('follow-03-preferences-375.png'), fullPage: true });
  }, 60_000);
});
