/**
 * Issue 12 item 1: subscriber state under real concurrency. Each round sends two requests at once
 * over HTTP to the web app on dynalite and checks the stored outcome. Before versioned conditional
 * writes, the first race lost the unsubscribe in 9 of 40 rounds and the second brought a deleted
 * record back in 18 of 60; the round counts are those of the review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../bin/local/web-server';
import type { Mailer, OutgoingMessage } from '../../lambdas/mail/ports';
import { systemClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { Subscriber } from '../../lambdas/shared/types';
import { siteLinks } from '../../lambdas/subscribers/links';
import { handleSesNotification } from '../../lambdas/subscribers/ses-notifications';
import { startLocalDynamo, startWebAppOn, type TestDynamo } from '../support/local';

const SECRET = 'race-secret-race-secret';
/** Rounds are many and each is a few requests; on a loaded 2-core machine a test can take a minute. */
const ROUNDS_TIMEOUT_MS = 180_000;
let dynamo: TestDynamo;
let server: WebServer;
const sent: OutgoingMessage[] = [];
const mailer: Mailer = {
  async send(m) {
    sent.push(m);
    return { id: `m${sent.length}` };
  },
};

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  server = await startWebAppOn(dynamo, {
    secret: SECRET,
    mailer: mailer,
    ipLimit: { limit: 100_000, windowMs: 60_000 },
  });
});

afterAll(async () => {
  await server?.close();
  await dynamo?.stop();
});

const links = () => siteLinks(server.url, SECRET);
const form = (fields: Record<string, string | string[]>) =>
  new URLSearchParams(
    Object.entries(fields).flatMap(([k, v]): [string, string][] =>
      Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
    ),
  ).toString();
const post = (url: string, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
const path = (link: string) => link.slice(server.url.length);

let n = 0;
async function confirmedReader(): Promise<Subscriber> {
  n++;
  const now = new Date().toISOString();
  const s: Subscriber = {
    id: `race-${n}-${Date.now()}`,
    email: `race${n}-${Date.now()}@example.org`,
    status: 'confirmed',
    topics: ['nuclear'],
    timeZone: 'UTC',
    createdAt: now,
    updatedAt: now,
    confirmedAt: now,
  };
  await dynamo.store.subscribers.create(s);
  return (await dynamo.store.subscribers.get(s.id))!;
}

/** Every stored record with this address, whatever its status. */
async function recordsOf(email: string): Promise<Subscriber[]> {
  return (await dynamo.store.subscribers.list()).filter((s) => s.email === email);
}

describe('concurrent requests on one subscriber (issue 12)', () => {
  it(
    'keeps a one-click unsubscribe that races a preferences save, in 40 of 40 rounds',
    async () => {
      const lost: string[] = [];
      for (let round = 0; round < 40; round++) {
        const s = await confirmedReader();
        const save = form({
          token: tokenOf(links().preferences(s)),
          action: 'save',
          topics: ['dissent', 'nuclear'],
        });
        const [unsub, saved] = await race(
          round,
          () => post(links().unsubscribe(s), 'List-Unsubscribe=One-Click'),
          () => post(`${server.url}/preferences`, save),
        );
        expect(unsub.status).toBe(200);
        expect(await unsub.text()).toContain("You're unsubscribed");
        expect(saved.status).toBe(200);
        const after = await dynamo.store.subscribers.get(s.id);
        // Both changes land: the save's topics, and the unsubscribe that was answered.
        if (after?.status !== 'unsubscribed') lost.push(`round ${round}: ${after?.status}`);
        expect(after?.topics).toEqual(['nuclear', 'dissent']);
      }
      expect(lost).toEqual([]);
    },
    ROUNDS_TIMEOUT_MS,
  );

  it(
    'never brings back a deleted subscriber that races a subscribe, in 60 of 60 rounds',
    async () => {
      const problems: string[] = [];
      for (let round = 0; round < 60; round++) {
        const s = await confirmedReader();
        const [deleted, subscribed] = await race(
          round,
          () =>
            post(
              `${server.url}/preferences`,
              form({ token: tokenOf(links().preferences(s)), action: 'delete-confirm' }),
            ),
          () => post(`${server.url}/subscribe`, form({ email: s.email, topics: 'nuclear' })),
        );
        expect(deleted.status).toBe(200);
        expect(await deleted.text()).toContain('Your data is deleted');
        expect(subscribed.status).toBe(200);
        if (await dynamo.store.subscribers.get(s.id))
          problems.push(`round ${round}: the deleted record is back`);
        // The address has at most one record, and its lock names it.
        const records = await recordsOf(s.email);
        const byLock = await dynamo.store.subscribers.getByEmail(s.email);
        if (records.length > 1) problems.push(`round ${round}: ${records.length} records`);
        if (records.length === 1 && byLock?.id !== records[0]!.id)
          problems.push(`round ${round}: lock disagrees`);
        if (records.length === 0 && byLock) problems.push(`round ${round}: a lock without its record`);
        // A second subscribe never makes a second record.
        expect(
          (await post(`${server.url}/subscribe`, form({ email: s.email, topics: 'nuclear' }))).status,
        ).toBe(200);
        if ((await recordsOf(s.email)).length !== 1)
          problems.push(`round ${round}: not one record after a resubscribe`);
      }
      expect(problems).toEqual([]);
    },
    ROUNDS_TIMEOUT_MS,
  );

  it(
    'keeps a complaint that races a preferences save, in 20 of 20 rounds',
    async () => {
      const lost: string[] = [];
      for (let round = 0; round < 20; round++) {
        const s = await confirmedReader();
        const complaint = {
          eventType: 'Complaint',
          complaint: { complainedRecipients: [{ emailAddress: s.email }] },
        };
        const [, saved] = await race(
          round,
          () =>
            handleSesNotification(
              { subscribers: dynamo.store.subscribers, clock: systemClock, log: silentLog },
              complaint,
            ),
          () =>
            post(
              `${server.url}/preferences`,
              form({ token: tokenOf(links().preferences(s)), action: 'pause' }),
            ),
        );
        expect(saved.status).toBe(200);
        const after = await dynamo.store.subscribers.get(s.id);
        if (after?.status !== 'complained') lost.push(`round ${round}: ${after?.status}`);
      }
      expect(lost).toEqual([]);
    },
    ROUNDS_TIMEOUT_MS,
  );

  it(
    'never confirms a pending address whose unsubscribe raced the confirmation, in 20 of 20 rounds',
    async () => {
      const wrong: string[] = [];
      for (let round = 0; round < 20; round++) {
        const email = `pending${round}-${Date.now()}@example.org`;
        const before = sent.length;
        expect((await post(`${server.url}/subscribe`, form({ email, topics: 'nuclear' }))).status).toBe(200);
        const mail = sent.slice(before).find((m) => m.to === email);
        const token = /\/confirm\?token=(\S+)/.exec(mail?.text ?? '')?.[1];
        const s = (await dynamo.store.subscribers.getByEmail(email))!;
        const [, unsub] = await race(
          round,
          () => post(`${server.url}/confirm`, form({ token: decodeURIComponent(token!) })),
          () => post(links().unsubscribe(s), 'List-Unsubscribe=One-Click'),
        );
        expect(unsub.status).toBe(200);
        const after = await dynamo.store.subscribers.get(s.id);
        if (after?.status !== 'unsubscribed') wrong.push(`round ${round}: ${after?.status}`);
      }
      expect(wrong).toEqual([]);
    },
    ROUNDS_TIMEOUT_MS,
  );
});

/**
 * Both requests in flight at once, the interleavings varied by round: either one sent first, the
 * other up to 12 ms later (about one to three store round trips here), so their reads and writes
 * cross in different orders. The delay only drives the race; nothing asserts on time.
 */
async function race<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const lag = ((round >> 1) % 7) * 2;
  const later = <T>(f: () => Promise<T>) =>
    lag === 0 ? f() : new Promise<void>((r) => setTimeout(r, lag)).then(f);
  if (round % 2 === 0) {
    const [x, y] = await Promise.all([a(), later(b)]);
    return [x, y];
  }
  const [y, x] = await Promise.all([b(), later(a)]);
  return [x, y];
}

function tokenOf(link: string): string {
  return new URL(link, server.url).searchParams.get('token') ?? path(link);
}
