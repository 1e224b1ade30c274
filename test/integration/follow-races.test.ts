/**
 * Following under real concurrency: two requests at once over HTTP to the web app on dynalite
 * (two tabs following two actors; a follow racing a one-click unsubscribe; a follow racing a switch
 * to weekly), and the stored record checked after each round. Every write names the version it
 * read, so a lost race re-reads and re-applies: both changes land, and an unsubscribe always stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../bin/local/web-server';
import type { Subscriber } from '../../lambdas/shared/types';
import { siteLinks } from '../../lambdas/subscribers/links';
import { startLocalDynamo, startWebAppOn, type TestDynamo } from '../support/local';

const SECRET = 'follow-race-secret-0123';
const ROUNDS = 20;
const KIM = 'Q56226';
const NATO = 'Q7184';
let dynamo: TestDynamo;
let server: WebServer;

beforeAll(async () => {
  dynamo = await startLocalDynamo('follow-races');
  server = await startWebAppOn(dynamo, { secret: SECRET, mailer: { send: async () => ({ id: 'unused' }) } });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await dynamo?.stop();
});

let n = 0;
async function reader(): Promise<Subscriber> {
  n++;
  const now = new Date().toISOString();
  const s: Subscriber = {
    id: `follow-race-${n}`,
    email: `follow-race-${n}@example.org`,
    status: 'confirmed',
    topics: ['nuclear'],
    timeZone: 'UTC',
    createdAt: now,
    updatedAt: now,
    confirmedAt: now,
  };
  return dynamo.store.subscribers.create(s);
}

const preferences = (s: Subscriber, fields: Record<string, string>) =>
  fetch(`${server.url}/preferences`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: new URL(siteLinks(server.url, SECRET).preferences(s)).searchParams.get('token')!,
      ...fields,
    }).toString(),
  });

/** Both at once; odd rounds start the second first, and the lag between them varies by round. */
async function race<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const lag = ((round >> 1) % 5) * 2;
  const later = <T>(f: () => Promise<T>) => (lag ? new Promise((r) => setTimeout(r, lag)).then(f) : f());
  if (round % 2 === 0) return Promise.all([a(), later(b)]);
  const [y, x] = await Promise.all([b(), later(a)]);
  return [x, y];
}

describe('following under concurrent requests, on dynalite', () => {
  it(`keeps both of two follows sent at once, in ${ROUNDS} of ${ROUNDS} rounds`, async () => {
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const s = await reader();
      const [a, b] = await race(
        round,
        () => preferences(s, { action: 'follow', actorName: 'Kim Jong Un' }),
        () => preferences(s, { action: 'follow', actor: NATO }),
      );
      expect([a.status, b.status]).toEqual([200, 200]);
      const actors = (await dynamo.store.subscribers.get(s.id))?.actors ?? [];
      if ([...actors].sort().join() !== [KIM, NATO].sort().join()) lost.push(`round ${round}: ${actors}`);
    }
    expect(lost).toEqual([]);
  }, 120_000);

  it(`keeps a one-click unsubscribe that races a follow, and the follow, in ${ROUNDS} of ${ROUNDS} rounds`, async () => {
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const s = await reader();
      const [unsub, followed] = await race(
        round,
        () =>
          fetch(siteLinks(server.url, SECRET).unsubscribe(s), {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'List-Unsubscribe=One-Click',
          }),
        () => preferences(s, { action: 'follow', actorName: 'nato' }),
      );
      expect([unsub.status, followed.status]).toEqual([200, 200]);
      const after = await dynamo.store.subscribers.get(s.id);
      if (after?.status !== 'unsubscribed') lost.push(`round ${round}: status ${after?.status}`);
      if (after?.actors?.join() !== NATO) lost.push(`round ${round}: actors ${after?.actors}`);
      // An unsubscribed record is off the delivery index, whatever the order.
      const due = await dynamo.store.subscribers.pageDue('UTC', 6, 6, undefined, 100);
      if (due.ids.includes(s.id)) lost.push(`round ${round}: still on the delivery index`);
    }
    expect(lost).toEqual([]);
  }, 120_000);

  it(`keeps a follow and a switch to weekly sent at once, in ${ROUNDS} of ${ROUNDS} rounds`, async () => {
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const s = await reader();
      await race(
        round,
        () => preferences(s, { action: 'follow', actor: KIM }),
        () => preferences(s, { action: 'save', topics: 'nuclear', cadence: 'weekly', weekday: '3' }),
      );
      const after = await dynamo.store.subscribers.get(s.id);
      if (after?.weeklyOn !== 3 || after.actors?.join() !== KIM)
        lost.push(`round ${round}: weekly ${after?.weeklyOn}, actors ${after?.actors}`);
      // The index entry was written by the last write, so it carries both: weekly on day 3.
      if (!(await dynamo.store.subscribers.pageDue('UTC', 6, 6, undefined, 100, 3)).ids.includes(s.id))
        lost.push(`round ${round}: not due on its weekly day`);
      if ((await dynamo.store.subscribers.pageDue('UTC', 6, 6, undefined, 100, 4)).ids.includes(s.id))
        lost.push(`round ${round}: due on another day`);
    }
    expect(lost).toEqual([]);
  }, 120_000);
});
