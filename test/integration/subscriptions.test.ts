/**
 * Every subscription endpoint over real HTTP: the local node:http server, DynamoDB on dynalite and
 * mail through a local SES endpoint (raw MIME captured).
 */

import { createHmac } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, LOCAL_AWS } from '../../bin/local/dynamo';
import type { LocalSes } from '../../bin/local/ses';
import { startWebServer, type WebServer } from '../../bin/local/web-server';
import { createArchiveReader } from '../../lambdas/digest/archive';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { Subscriber } from '../../lambdas/shared/types';
import { createDocumentClient } from '../../lambdas/store/client';
import { createDynamoStore } from '../../lambdas/store/dynamo';
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
let limitedToo: WebServer;
let limitsDoc: DynamoDBDocumentClient;
let sesClient: SESClient;
const clock = fixedClock(new Date().toISOString());
const NOW = () => clock.now();
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
    sends: dynamo.store.sends,
    limits: dynamo.store.limits,
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
  // Two more instances with a low limit, counting in a table of their own (the main server posts a lot).
  await ensureTable(dynamo.endpoint, 'limits-test');
  limitsDoc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  const limits = createDynamoStore(limitsDoc, 'limits-test').limits;
  const low = { ...deps, limits, ipLimit: { limit: 2, windowMs: 600_000 } };
  limited = await startWebServer({ port: 0, app: createWebApp(low) });
  limitedToo = await startWebServer({ port: 0, app: createWebApp(low) });
});

afterAll(async () => {
  await Promise.all([server?.close(), limited?.close(), limitedToo?.close()]);
  limitsDoc?.destroy();
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
const tokenIn = (link: string) => new URL(link).searchParams.get('token') ?? '';
async function scanTable(): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  try {
    return ((await client.send(new ScanCommand({ TableName: dynamo.tableName }))).Items ?? []) as Record<
      string,
      unknown
    >[];
  } finally {
    client.destroy();
  }
}
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

  it('shows a button on GET of the link, confirms on POST, and says "already subscribed" the second time', async () => {
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

    for (const again of [await post('/confirm', { token }), await fetch(link)]) {
      expect(again.status).toBe(200);
      const text = await again.text();
      expect(text).toContain("You're already subscribed");
      expect(text).toMatch(/href="\/preferences\?token=[^"]+"/);
    }
    expect(await byEmail(email)).toEqual(s);
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

  it('answers a repeat inside the cool-down with the same page, sends nothing, and the first link still works', async () => {
    const email = fresh();
    for (let i = 0; i < 3; i++) {
      const res = await post('/subscribe', { email, topics: ['nuclear'] });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(email);
    }
    expect(await mailTo(email)).toHaveLength(1);
    const token = new URL(await confirmLinkFor(email)).searchParams.get('token')!;
    expect((await post('/confirm', { token })).status).toBe(200);
    expect((await byEmail(email))?.status).toBe('confirmed');
  });

  it('limits sign-ups per client network across instances, counted in the table', async () => {
    // Two instances of the app on one table: the limit of 2 holds for both together.
    const emails = [fresh(), fresh(), fresh()];
    expect((await post('/subscribe', { email: emails[0]!, topics: ['nuclear'] }, limited.url)).status).toBe(
      200,
    );
    expect(
      (await post('/subscribe', { email: emails[1]!, topics: ['nuclear'] }, limitedToo.url)).status,
    ).toBe(200);
    const third = await post('/subscribe', { email: emails[2]!, topics: ['nuclear'] }, limited.url);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await byEmail(emails[2]!)).toBeUndefined();
  });

  it('confirms a returning unsubscribed address through a new link', async () => {
    const s = await subscribed();
    await post(
      `/unsubscribe?token=${signSubscriberToken(SECRET, 'unsubscribe', s.id, NOW())}`,
      'List-Unsubscribe=One-Click',
    );
    clock.advance(16 * 60_000); // past the cool-down of the first confirmation email
    try {
      await post('/subscribe', { email: s.email, topics: ['diplomacy'] });
    } finally {
      clock.advance(-16 * 60_000);
    }
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
    const token = signSubscriberToken(SECRET, 'preferences', s.id, NOW());
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
    const token = signSubscriberToken(SECRET, 'preferences', s.id, NOW());
    expect(
      (await post('/preferences', { token, action: 'save', topics: ['nuclear', 'gossip'] })).status,
    ).toBe(400);
    expect((await post('/preferences', { token, action: 'explode' })).status).toBe(400);
    const wrongPurpose = signSubscriberToken(SECRET, 'unsubscribe', s.id, NOW());
    const forged = signSubscriberToken('guessed-secret', 'preferences', s.id, NOW());
    for (const t of [wrongPurpose, forged, `${s.id}.x`]) {
      expect((await post('/preferences', { token: t, action: 'pause' })).status).toBe(400);
      expect((await fetch(url(`/preferences?token=${encodeURIComponent(t)}`))).status).toBe(400);
    }
    expect(await byEmail(s.email)).toEqual(s);
  });

  it('downloads the data as JSON', async () => {
    const s = await subscribed();
    const res = await fetch(
      url(`/preferences/export?token=${signSubscriberToken(SECRET, 'preferences', s.id, NOW())}`),
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
    const token = signSubscriberToken(SECRET, 'preferences', s.id, NOW());
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
    const macOfA = signSubscriberToken(SECRET, 'unsubscribe', a.id, NOW()).split('.').pop();
    for (const token of [
      `${b.id}.${macOfA}`,
      signSubscriberToken('wrong', 'unsubscribe', b.id, NOW()),
      'junk',
    ]) {
      const res = await post(`/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click');
      expect(res.status).toBe(400);
    }
    expect(await byEmail(b.email)).toEqual(b);
    expect(await byEmail(a.email)).toEqual(a);
  });
});

describe('link purposes, lifetimes and erasure (issue 12)', () => {
  const DAY = 86_400_000;
  /** Runs `f` with the clock moved on by `ms`, then moves it back. */
  async function later<T>(ms: number, f: () => Promise<T>): Promise<T> {
    clock.advance(ms);
    try {
      return await f();
    } finally {
      clock.advance(-ms);
    }
  }
  const lastLinkTo = async (email: string, path: string) => {
    const text = (await mailTo(email)).at(-1)?.body.text ?? '';
    const link = new RegExp(`http://\\S+${path}\\?token=[^\\s"<]+`).exec(text)?.[0];
    if (!link) throw new Error(`no ${path} link in the last mail to ${email}`);
    return link;
  };

  it('answers the one-click unsubscribe without the address or a preferences link, and mails one on request', async () => {
    const s = await subscribed();
    const res = await post(
      `/unsubscribe?token=${encodeURIComponent(tokenIn(siteLinks(server.url, SECRET).unsubscribe(s)))}`,
      'List-Unsubscribe=One-Click',
    );
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("You're unsubscribed");
    expect(body).not.toContain(s.email);
    expect(body).not.toContain('/preferences?token=');
    const unsubToken = /name="token" value="([^"]+)"/.exec(body)?.[1];
    expect(unsubToken).toBeDefined();

    const asked = await later(16 * 60_000, () =>
      post('/preferences/link', { token: unsubToken!.replace(/&amp;/g, '&'), purpose: 'unsubscribe' }),
    );
    expect(asked.status).toBe(200);
    expect(await asked.text()).not.toContain('/preferences?token=');
    const fresh = await lastLinkTo(s.email, '/preferences');
    const page = await fetch(fresh);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Subscribe again');
  });

  it('lets a preferences link expire after 30 days, and mails a fresh one from the expired page', async () => {
    const s = await subscribed();
    const link = siteLinks(server.url, SECRET, clock).preferences(s);
    expect((await fetch(link)).status).toBe(200);
    await later(31 * DAY, async () => {
      const expired = await fetch(link);
      expect(expired.status).toBe(410);
      const text = await expired.text();
      expect(text).toContain('Email me a fresh link');
      expect(text).not.toContain(s.email);
      expect((await post('/preferences', { token: tokenIn(link), action: 'pause' })).status).toBe(410);
      expect(
        (await fetch(url(`/preferences/export?token=${encodeURIComponent(tokenIn(link))}`))).status,
      ).toBe(410);
      expect((await post('/preferences/link', { token: tokenIn(link), purpose: 'preferences' })).status).toBe(
        200,
      );
      const fresh = await lastLinkTo(s.email, '/preferences');
      expect(fresh).not.toBe(link);
      expect((await fetch(fresh)).status).toBe(200);
    });
    expect((await byEmail(s.email))?.paused).toBeFalsy();
  });

  it('keeps the one-click unsubscribe link working for a year (R30)', async () => {
    const s = await subscribed();
    const link = siteLinks(server.url, SECRET, clock).unsubscribe(s);
    const res = await later(365 * DAY, () =>
      fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', redirect: 'manual' }),
    );
    expect(res.status).toBe(200);
    expect((await byEmail(s.email))?.status).toBe('unsubscribed');
  });

  it('signs out every preferences link on request, mails a fresh one, and leaves unsubscribe links working', async () => {
    const s = await subscribed();
    const prefs = siteLinks(server.url, SECRET, clock).preferences(s);
    const unsub = siteLinks(server.url, SECRET, clock).unsubscribe(s);
    const out = await later(16 * 60_000, () =>
      post('/preferences', { token: tokenIn(prefs), action: 'sign-out' }),
    );
    expect(out.status).toBe(200);
    expect(await out.text()).toContain('A fresh link is on its way');
    expect((await fetch(prefs)).status).toBe(410);
    const fresh = await lastLinkTo(s.email, '/preferences');
    expect((await fetch(fresh)).status).toBe(200);
    expect((await fetch(unsub)).status).toBe(200);
    expect((await byEmail(s.email))?.tokenVersion).toBe(1);
  });

  it('refuses a preferences link of the first, unexpiring format, and still honours its unsubscribe link', async () => {
    const s = await subscribed();
    const legacy = (purpose: string) =>
      `${s.id}.${createHmac('sha256', SECRET).update(`${purpose}\n${s.id}`).digest('base64url').slice(0, 32)}`;
    expect((await fetch(url(`/preferences?token=${encodeURIComponent(legacy('preferences'))}`))).status).toBe(
      400,
    );
    const res = await post(
      `/unsubscribe?token=${encodeURIComponent(legacy('unsubscribe'))}`,
      'List-Unsubscribe=One-Click',
    );
    expect(res.status).toBe(200);
    expect((await byEmail(s.email))?.status).toBe('unsubscribed');
  });

  it('erases the address from the send ledger too when a reader deletes their data', async () => {
    const s = await subscribed();
    const today = clock.now().toISOString();
    const dates = [-40, -2, 0].map((d) =>
      new Date(clock.now().getTime() + d * DAY).toISOString().slice(0, 10),
    );
    for (const date of dates) {
      await dynamo.store.sends.claim(date, s.id, today);
      await dynamo.store.sends.markFailed(
        date,
        s.id,
        `MessageRejected: Address blacklisted: <${s.email}>`,
        today,
      );
    }
    // Stored errors hold no address, even before the deletion.
    expect(JSON.stringify(await dynamo.store.sends.get(dates[0]!, s.id))).not.toContain(s.email);
    const token = tokenIn(siteLinks(server.url, SECRET, clock).preferences(s));
    expect((await post('/preferences', { token, action: 'delete-confirm' })).status).toBe(200);
    const everything = JSON.stringify(await scanTable());
    expect(everything).not.toContain(s.email);
    expect(everything).not.toContain(s.id);
  });

  it('refuses a form post from another site, and accepts our own pages and the mail providers', async () => {
    const email = fresh();
    const fields = new URLSearchParams({ email, topics: 'nuclear' }).toString();
    const postWith = (headers: Record<string, string>, path = '/subscribe', body = fields) =>
      fetch(url(path), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
        redirect: 'manual',
      });
    expect((await postWith({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await postWith({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await postWith({ origin: 'null' })).status).toBe(403);
    expect(await byEmail(email)).toBeUndefined();
    expect((await postWith({ 'sec-fetch-site': 'same-origin', origin: server.url })).status).toBe(200);
    expect(await byEmail(email)).toBeDefined();
    // RFC 8058: the one-click POST comes from the mailbox provider, wherever it says it is.
    const s = await subscribed();
    const unsub = await postWith(
      { origin: 'https://mail.example' },
      new URL(siteLinks(server.url, SECRET).unsubscribe(s)).pathname +
        new URL(siteLinks(server.url, SECRET).unsubscribe(s)).search,
      'List-Unsubscribe=One-Click',
    );
    expect(unsub.status).toBe(200);
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
