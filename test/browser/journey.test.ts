/**
 * A new reader's whole journey in headless Chromium: subscribe, confirm from the email captured by
 * the local SES endpoint, change topics, then the mailbox provider's one-click unsubscribe. The stored
 * state is checked after each step; screenshots go to test-artifacts/.
 */
import { SESClient } from '@aws-sdk/client-ses';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import type { LocalSes } from '../../bin/local/ses';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { systemClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { SubscriptionDeps } from '../../lambdas/subscribers/deps';
import { siteLinks } from '../../lambdas/subscribers/links';
import { createWebApp } from '../../lambdas/web/app';
import { artifactPath, launchBrowser } from '../support/browser';
import { startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';

const SECRET = 'journey-secret';
const EMAIL = 'new.reader@example.org';
let dynamo: TestDynamo;
let ses: LocalSes;
let sesClient: SESClient;
let server: WebServer;
let browser: Browser;
let page: Page;
const config: SubscriptionDeps['config'] = {
  publicBaseUrl: 'http://placeholder',
  tokenSecret: SECRET,
  senderAddress: 'digest@example.org',
  senderName: 'Antiwar Digest',
  postalAddress: 'Antiwar Digest, 1 Peace Street, Springfield',
  defaultTimeZone: 'America/New_York',
};

beforeAll(async () => {
  [dynamo, ses, browser] = await Promise.all([startLocalDynamo(), startLocalSes(), launchBrowser()]);
  sesClient = new SESClient({ ...LOCAL_AWS, endpoint: ses.endpoint });
  server = await startWebServer({
    port: 0,
    app: createWebApp({
      subscribers: dynamo.store.subscribers,
      sends: dynamo.store.sends,
      limits: dynamo.store.limits,
      mailer: new SesRawMailer(sesClient),
      clock: systemClock,
      log: silentLog,
      config,
    }),
  });
  config.publicBaseUrl = server.url;
  // A phone-sized viewport: the pages must work there first.
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  sesClient?.destroy();
  await Promise.all([dynamo?.stop(), ses?.stop()]);
});

const stored = () => dynamo.store.subscribers.getByEmail(EMAIL);

describe('a new reader', () => {
  // One scenario in steps that build on each other; each step checks what it changed.
  it('subscribes, confirms from the email, changes topics and is unsubscribed by one click', async () => {
    // 1. The subscribe page.
    await page.goto(`${server.url}/subscribe`);
    await page.screenshot({ path: artifactPath('journey-01-subscribe.png'), fullPage: true });
    await page.getByLabel('Your email address').fill(EMAIL);
    // All topics is the default; the choice is folded behind it.
    expect(await page.getByRole('checkbox', { name: 'Nuclear', exact: true }).isVisible()).toBe(false);
    await page.getByText('Choose topics').click();
    await page.getByRole('checkbox', { name: 'Nuclear', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Peace talks', exact: true }).check();
    await page.getByLabel('Your time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Delivery time').selectOption('7');
    await page.getByRole('button', { name: 'Subscribe' }).focus();
    await page.screenshot({ path: artifactPath('journey-02-subscribe-filled.png'), fullPage: true });
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox');
    expect(await page.locator('#typed-email').textContent()).toBe(EMAIL);
    expect(await page.locator('main').textContent()).toMatch(
      /first digest arrives \w{3} \d{1,2} \w{3} at 07:00, Berlin time/,
    );
    await page.screenshot({ path: artifactPath('journey-03-check-inbox.png') });
    expect(await stored()).toMatchObject({
      status: 'pending',
      topics: ['peace-talks', 'nuclear'],
      timeZone: 'Europe/Berlin',
      deliveryHour: 7,
    });
    expect((await stored())?.confirmedAt).toBeUndefined();

    // 2. The confirmation email, as captured by the local SES endpoint.
    const mails = (await ses.emails()).filter((m) => m.destination.to.some((t) => t.includes(EMAIL)));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.rawMessage).toMatch(/text\/plain/);
    const emailPage = await browser.newPage({ viewport: { width: 390, height: 700 } });
    await emailPage.setContent(mail.body.html ?? '');
    await emailPage.screenshot({ path: artifactPath('journey-04-confirmation-email.png'), fullPage: true });
    const link = await emailPage.getByRole('link', { name: 'Confirm my subscription' }).getAttribute('href');
    await emailPage.close();
    expect(link).toContain(`${server.url}/confirm?token=`);

    // 3. Opening the link shows a button; only the click confirms.
    await page.goto(link!);
    await page.screenshot({ path: artifactPath('journey-05-confirm.png') });
    expect((await stored())?.status).toBe('pending');
    await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe("You're subscribed");
    await page.screenshot({ path: artifactPath('journey-06-confirmed.png') });
    const confirmed = await stored();
    expect(confirmed).toMatchObject({ status: 'confirmed', consent: { topics: ['peace-talks', 'nuclear'] } });
    expect(confirmed?.confirmTokenHash).toBeUndefined();

    // 4. Preferences: swap a topic.
    await page.getByRole('link', { name: 'Change preferences' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your preferences');
    await page.getByRole('checkbox', { name: 'Peace talks', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Civilian harm', exact: true }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('saved');
    await page.screenshot({ path: artifactPath('journey-07-preferences-saved.png'), fullPage: true });
    expect((await stored())?.topics).toEqual(['nuclear', 'civilian-harm']);

    // 5. The mailbox provider's RFC 8058 one-click POST on the List-Unsubscribe URL.
    const unsubscribeUrl = siteLinks(server.url, SECRET).unsubscribe(confirmed!);
    const res = await page.request.post(unsubscribeUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: 'List-Unsubscribe=One-Click',
      maxRedirects: 0,
    });
    expect(res.status()).toBe(200);
    expect((await stored())?.status).toBe('unsubscribed');

    // 6. The reader sees the state on the preferences page, and can come back.
    await page.goto(siteLinks(server.url, SECRET).preferences(confirmed!));
    await expect.poll(() => page.locator('#status').textContent()).toBe('Unsubscribed');
    await page.screenshot({ path: artifactPath('journey-08-unsubscribed.png'), fullPage: true });
    await page.goto(unsubscribeUrl);
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are not subscribed');
    expect((await stored())?.status).toBe('unsubscribed');
  });

  it('looks the same on a desktop-sized window', async () => {
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await wide.goto(`${server.url}/subscribe`);
    await wide.getByRole('button', { name: 'Subscribe' }).click(); // nothing filled in
    await expect.poll(() => wide.getByRole('alert').textContent()).toContain('email address');
    await wide.screenshot({ path: artifactPath('journey-09-desktop-error.png'), fullPage: true });
    await wide.close();
  });
});
