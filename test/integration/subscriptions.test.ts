/**
 * Every subscription endpoint over real HTTP: the local node:http server, DynamoDB on dynalite and
 * mail through a local SES endpoint (raw MIME captured).
 */
import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import type { LocalSes } from '../../bin/local/ses';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import { createArchiveReader } from '../../lambdas/digest/archive';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { Subscriber } from '../../lambdas/shared/types';
import type { SubscriptionDeps } from '../../lambdas/subscribers/deps';
import { siteLinks } from '../../lambdas/subscribers/links';
import { signSubscriberToken } from '../../lambdas/subscribers/tokens';
import { createWebApp } from '../../lambdas/web/app';
import { startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';

const SECRET = 'integration-secret';
let dynamo: TestDynamo;
let ses: LocalSes;
let server: WebServer;
let limited: WebServer;
let sesClient: SESClient;
const clock = fixedClock(new Date().toISOString());
const config: SubscriptionDeps['config'] = {
  publicBaseUrl: 'http://placeholder',
  tokenSecret: SECRET,
  senderAddress: 'digest@example.org',
  senderName: 'Antiwar Digest',
  postalAddress: '1 Peace Street, Springfield',
  defaultTimeZone: 'America/New_York',
};

beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startLocalDynamo(), startLocalSes()]);
  sesClient = new SESClient({ ...LOCAL_AWS, endpoint: ses.endpoint });
  const deps = {
    subscribers: dynamo.store.subscribers,
    mailer: new SesRawMailer(sesClient),
    clock,
    log: silentLog,
    config,
  };
  server = await startWebServer({
    port: 0,
    app: createWebApp({
      ...deps,
      ipLimit: { limit: 1000, windowMs: 60_000 },
      archive: createArchiveReader(dynamo.store.editions),
    }),
  });
  // The links in emails must point at the server; its port is known only now.
  config.publicBaseUrl = server.url;
  limited = await startWebServer({
    port: 0,
    app: createWebApp({ ...deps, ipLimit: { limit: 2, windowMs: 60_000 } }),
  });
});

afterAll(async () => {
  await Promise.all([server?.close(), limited?.close()]);
  sesClient?.destroy();
  await Promise.all([dynamo?.stop(), ses?.stop()]);
});

const url = (path: string) => `${server.url}${path}`;
const post = (path: string, fields: Record<string, string | string[]> | string, base = server.url) => {
  const body =
    typeof fields === 'string'
      ? fields
      : new URLSearchParams(
          Object.entries(fields).flatMap(([k, v]): [string, string][] =>
            Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
          ),
        ).toString();
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'IntegrationTest/1.0' },
    body,
    redirect: 'manual',
  });
};
const byEmail = (email: string) => dynamo.store.subscribers.getByEmail(email);
const mailTo = async (email: string) =>
  (await ses.emails()).filter((m) => m.destination.to.some((t) => t.includes(email)));
let n = 0;
const fresh = () => `reader${++n}-${Date.now()}@example.org`;

async function confirmLinkFor(email: string): Promise<string> {
  const mails = await mailTo(email);
  const link = /http:\/\/\S+\/confirm\?token=[^\s"<]+/.exec(mails.at(-1)?.body.text ?? '');
  if (!link) throw new Error(`no confirmation mail to ${email}`);
  return link[0];
}

async function subscribed(topics = ['nuclear']): Promise<Subscriber> {
  const email = fresh();
  expect((await post('/subscribe', { email, topics, timeZone: 'Europe/Berlin' })).status).toBe(200);
  const token = new URL(await confirmLinkFor(email)).searchParams.get('token')!;
  expect((await post('/confirm', { token })).status).toBe(200);
  return (await byEmail(email))!;
}

describe('subscribe and confirm (R31)', () => {
  it('serves the form with security headers', async () => {
    const res = await fetch(url('/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('name="topics" value="war-powers"');
    const css = await fetch(url('/assets/site.css'));
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('sends one multipart confirmation and stores a pending subscriber with its consent record', async () => {
    const email = fresh();
    const res = await post('/subscribe', { email, topics: ['nuclear', 'dissent'], timeZone: 'Asia/Tokyo' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    const s = await byEmail(email);
    expect(s).toMatchObject({ status: 'pending', topics: ['nuclear', 'dissent'], timeZone: 'Asia/Tokyo' });
    expect(s?.consent).toMatchObject({
      ip: '127.0.0.1',
      userAgent: 'IntegrationTest/1.0',
      topics: ['nuclear', 'dissent'],
    });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.rawMessage).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mails[0]!.rawMessage).toMatch(/Content-Type: text\/plain/i);
    expect(mails[0]!.rawMessage).toMatch(/Content-Type: text\/html/i);
    const token = new URL(await confirmLinkFor(email)).searchParams.get('token')!;
    expect(JSON.stringify(s)).not.toContain(token);
  });

  it('shows a button on GET of the link, confirms on POST, and refuses the link a second time', async () => {
    const email = fresh();
    await post('/subscribe', { email, topics: ['nuclear'] });
    const link = await confirmLinkFor(email);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Yes, subscribe me');
    expect((await byEmail(email))?.status).toBe('pending');

    const token = new URL(link).searchParams.get('token')!;
    const done = await post('/confirm', { token });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('/preferences?token=');
    const s = await byEmail(email);
    expect(s?.status).toBe('confirmed');
    expect(s?.confirmedAt).toBeDefined();
    expect(s?.confirmTokenHash).toBeUndefined();

    expect((await post('/confirm', { token })).status).toBe(410);
    expect((await fetch(link)).status).toBe(410);
  });

  it('refuses a link after 48 hours and leaves the subscriber pending', async () => {
    const email = fresh();
    await post('/subscribe', { email, topics: ['nuclear'] });
    const token = new URL(await confirmLinkFor(email)).searchParams.get('token')!;
    clock.advance(48 * 3600_000 + 1000);
    try {
      expect((await post('/confirm', { token })).status).toBe(410);
    } finally {
      clock.advance(-(48 * 3600_000 + 1000));
    }
    expect((await byEmail(email))?.status).toBe('pending');
  });

  it('refuses tampered and malformed confirmation tokens', async () => {
    const email = fresh();
    await post('/subscribe', { email, topics: ['nuclear'] });
    const token = new URL(await confirmLinkFor(email)).searchParams.get('token')!;
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await post('/confirm', { token: tampered })).status).toBe(410);
    expect((await post('/confirm', { token: 'not-a-token' })).status).toBe(400);
    expect((await fetch(url('/confirm'))).status).toBe(400);
    expect((await byEmail(email))?.status).toBe('pending');
  });

  it('sends at most three emails an hour to one address', async () => {
    const email = fresh();
    for (let i = 0; i < 3; i++)
      expect((await post('/subscribe', { email, topics: ['nuclear'] })).status).toBe(200);
    const fourth = await post('/subscribe', { email, topics: ['nuclear'] });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await mailTo(email)).toHaveLength(3);
  });

  it('limits sign-ups per client address', async () => {
    for (let i = 0; i < 2; i++)
      expect((await post('/subscribe', { email: fresh(), topics: ['nuclear'] }, limited.url)).status).toBe(
        200,
      );
    const email = fresh();
    expect((await post('/subscribe', { email, topics: ['nuclear'] }, limited.url)).status).toBe(429);
    expect(await byEmail(email)).toBeUndefined();
  });

  it('confirms a returning unsubscribed address through a new link', async () => {
    const s = await subscribed();
    await post(
      `/unsubscribe?token=${signSubscriberToken(SECRET, 'unsubscribe', s.id)}`,
      'List-Unsubscribe=One-Click',
    );
    await post('/subscribe', { email: s.email, topics: ['diplomacy'] });
    expect((await byEmail(s.email))?.status).toBe('unsubscribed');
    const token = new URL(await confirmLinkFor(s.email)).searchParams.get('token')!;
    expect((await post('/confirm', { token })).status).toBe(200);
    expect(await byEmail(s.email)).toMatchObject({ id: s.id, status: 'confirmed', topics: ['diplomacy'] });
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['a malformed address', { email: 'not-an-address', topics: ['nuclear'] }, 400],
    [
      'a header-injection address',
      { email: 'a@example.org\r\nBcc: b@example.org', topics: ['nuclear'] },
      400,
    ],
    ['an unknown topic', { email: 'x', topics: ['nuclear', 'astrology'] }, 400],
    ['no topic', { email: 'x', topics: [] }, 400],
    ['an unknown time zone', { email: 'x', topics: ['nuclear'], timeZone: 'Europe/Atlantis' }, 400],
  ])('answers %s with a 4xx page', async (_name, fields, status) => {
    const before = (await ses.emails()).length;
    const email = fields.email === 'x' ? fresh() : fields.email;
    const res = await post('/subscribe', { ...fields, email });
    expect(res.status).toBe(status);
    expect(await res.text()).toContain('role="alert"');
    expect(await byEmail(email.split('\r')[0]!)).toBeUndefined();
    expect((await ses.emails()).length).toBe(before);
  });

  it('refuses a body over 16 KB with 413', async () => {
    const email = fresh();
    const res = await post(
      '/subscribe',
      `email=${encodeURIComponent(email)}&topics=nuclear&pad=${'x'.repeat(64 * 1024)}`,
    );
    expect(res.status).toBe(413);
    expect(await byEmail(email)).toBeUndefined();
  });

  it('pretends success to a bot that fills the honeypot', async () => {
    const email = fresh();
    const res = await post('/subscribe', { email, topics: ['nuclear'], website: 'https://spam.example' });
    expect(res.status).toBe(200);
    expect(await byEmail(email)).toBeUndefined();
    expect(await mailTo(email)).toEqual([]);
  });
});

describe('preferences', () => {
  it('shows the page, saves topics and time zone, pauses and resumes', async () => {
    const s = await subscribed();
    const token = signSubscriberToken(SECRET, 'preferences', s.id);
    const page = await fetch(siteLinks(server.url, SECRET).preferences(s.id));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(s.email);

    const saved = await post('/preferences', {
      token,
      action: 'save',
      topics: ['war-powers', 'sanctions'],
      timeZone: 'Africa/Nairobi',
    });
    expect(saved.status).toBe(200);
    expect(await byEmail(s.email)).toMatchObject({
      topics: ['sanctions', 'war-powers'],
      timeZone: 'Africa/Nairobi',
    });

    expect((await post('/preferences', { token, action: 'pause' })).status).toBe(200);
    expect((await byEmail(s.email))?.paused).toBe(true);
    expect((await post('/preferences', { token, action: 'resume' })).status).toBe(200);
    expect((await byEmail(s.email))?.paused).toBe(false);
  });

  it('refuses unknown topics, unknown actions and forged or wrong-purpose tokens without changing anything', async () => {
    const s = await subscribed();
    const token = signSubscriberToken(SECRET, 'preferences', s.id);
    expect(
      (await post('/preferences', { token, action: 'save', topics: ['nuclear', 'gossip'] })).status,
    ).toBe(400);
    expect((await post('/preferences', { token, action: 'explode' })).status).toBe(400);
    const wrongPurpose = signSubscriberToken(SECRET, 'unsubscribe', s.id);
    const forged = signSubscriberToken('guessed-secret', 'preferences', s.id);
    for (const t of [wrongPurpose, forged, `${s.id}.x`]) {
      expect((await post('/preferences', { token: t, action: 'pause' })).status).toBe(400);
      expect((await fetch(url(`/preferences?token=${encodeURIComponent(t)}`))).status).toBe(400);
    }
    expect(await byEmail(s.email)).toEqual(s);
  });

  it('downloads the data as JSON', async () => {
    const s = await subscribed();
    const res = await fetch(
      url(`/preferences/export?token=${signSubscriberToken(SECRET, 'preferences', s.id)}`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    const data = (await res.json()) as { subscriber: Subscriber };
    expect(data.subscriber).toMatchObject({
      id: s.id,
      email: s.email,
      consent: { userAgent: 'IntegrationTest/1.0' },
    });
  });

  it('deletes only after the confirmation step', async () => {
    const s = await subscribed();
    const token = signSubscriberToken(SECRET, 'preferences', s.id);
    const ask = await post('/preferences', { token, action: 'delete' });
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('value="delete-confirm"');
    expect(await byEmail(s.email)).toBeDefined();
    expect((await post('/preferences', { token, action: 'delete-confirm' })).status).toBe(200);
    expect(await byEmail(s.email)).toBeUndefined();
    expect(await dynamo.store.subscribers.get(s.id)).toBeUndefined();
    expect((await fetch(url(`/preferences?token=${token}`))).status).toBe(404);
  });
});

describe('one-click unsubscribe (R30)', () => {
  it('unsubscribes on POST with 200 and no redirect, before answering, and repeats harmlessly', async () => {
    const s = await subscribed();
    const link = siteLinks(server.url, SECRET).unsubscribe(s.id);
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const after = await byEmail(s.email);
    expect(after).toMatchObject({
      status: 'unsubscribed',
      statusReason: expect.stringContaining('one-click'),
    });

    const again = await fetch(link, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(again.status).toBe(200);
    expect(await byEmail(s.email)).toEqual(after);
  });

  it('accepts the multipart body some mailbox providers send', async () => {
    const s = await subscribed();
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const res = await fetch(siteLinks(server.url, SECRET).unsubscribe(s.id), {
      method: 'POST',
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect((await byEmail(s.email))?.status).toBe('unsubscribed');
  });

  it('never changes state on GET', async () => {
    const s = await subscribed();
    const res = await fetch(siteLinks(server.url, SECRET).unsubscribe(s.id));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('method="post"');
    expect(await byEmail(s.email)).toEqual(s);
  });

  it('refuses a forged token or one signed for another subscriber', async () => {
    const a = await subscribed();
    const b = await subscribed();
    const macOfA = signSubscriberToken(SECRET, 'unsubscribe', a.id).split('.').pop();
    for (const token of [`${b.id}.${macOfA}`, signSubscriberToken('wrong', 'unsubscribe', b.id), 'junk']) {
      const res = await post(`/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click');
      expect(res.status).toBe(400);
    }
    expect(await byEmail(b.email)).toEqual(b);
    expect(await byEmail(a.email)).toEqual(a);
  });
});

describe('archive', () => {
  it('serves stored editions: the day, an email’s own page and its full list, and 404s otherwise', async () => {
    const id = 'a1b2c3d4e5f60718';
    await dynamo.store.editions.put(
      {
        date: '2026-11-26',
        id,
        topics: ['diplomacy', 'nuclear'],
        timeZone: 'America/New_York',
        window: { from: '2026-11-25T11:00:00.000Z', to: '2026-11-26T11:00:00.000Z' },
        subject: 'Digest',
        shown: ['s1'],
        all: ['s1', 's2'],
        storyCount: 2,
        createdAt: '2026-11-26T11:00:01.000Z',
      },
      {
        view: '<html><body>The email of the day</body></html>',
        all: '<html><body>Every story</body></html>',
      },
    );
    await dynamo.store.editions.setHouse('2026-11-26', id);
    expect(await (await fetch(url(`/archive/2026-11-26/${id}`))).text()).toContain('The email of the day');
    expect(await (await fetch(url(`/archive/2026-11-26/${id}/all`))).text()).toContain('Every story');
    expect(await (await fetch(url('/archive/2026-11-26'))).text()).toContain('The email of the day');
    expect(await (await fetch(url('/archive'))).text()).toContain('href="/archive/2026-11-26"');
    const legacy = await fetch(
      siteLinks(server.url, SECRET).archive('2026-11-26', ['nuclear', 'diplomacy']),
      {
        redirect: 'manual',
      },
    );
    expect([legacy.status, legacy.headers.get('location')]).toEqual([301, '/archive/2026-11-26']);
    expect((await fetch(url('/archive/2026-11-25'))).status).toBe(404);
    expect((await fetch(url(`/archive/2026-11-26/${id.replace('a', 'b')}`))).status).toBe(404);
    expect((await fetch(url('/archive/2026-13-01'))).status).toBe(404);
    expect((await fetch(url('/archive/2026-11-26/%3Cscript%3E/x'))).status).toBe(404);
  });
});
