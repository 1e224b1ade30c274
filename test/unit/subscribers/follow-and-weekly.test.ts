/**
 * Following actors and choosing the weekly edition, from the preferences page and the sign-up form
 * (no JavaScript: every step is a form post and a page).
 */
import { describe, expect, it } from 'vitest';
import { sharedGazetteer } from '../../../lambdas/analysis/actor-lookup';
import { MAX_FOLLOWED_ACTORS } from '../../../lambdas/shared/types';
import { parseCadence, parseFollowedActors, parseWeekday } from '../../../lambdas/subscribers/choices';
import { InvalidActorsError, InvalidCadenceError } from '../../../lambdas/subscribers/errors';
import { followActor, unfollowActor, updatePreferences } from '../../../lambdas/subscribers/manage';
import { addSubscriber } from '../../../lambdas/subscribers/subscribe';
import { signSubscriberToken } from '../../../lambdas/subscribers/tokens';
import { createWebApp } from '../../../lambdas/web/app';
import { fakeDeps, NOW, SECRET } from './fakes';

const KIM = 'Q56226';
const NATO = 'Q7184';

async function setup() {
  const f = fakeDeps();
  const s = await addSubscriber(f.deps, {
    email: 'reader@example.org',
    topics: ['nuclear'],
    confirmed: true,
  });
  const token = signSubscriberToken(SECRET, 'preferences', s.id, NOW());
  const app = createWebApp({ ...f.deps, limits: f.store.limits });
  const post = (fields: Record<string, string>) =>
    app({
      method: 'POST',
      path: '/preferences',
      query: {},
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, ...fields }).toString(),
      sourceIp: '203.0.113.5',
    });
  const get = (path: string, query: Record<string, string> = {}) =>
    app({ method: 'GET', path, query, headers: {}, body: '', sourceIp: '203.0.113.5' });
  return { ...f, s, token, post, get, app };
}

describe('the choices', () => {
  it('reads a weekday by number, name or abbreviation, and refuses anything else', () => {
    expect([parseWeekday(5), parseWeekday('Friday'), parseWeekday('fri'), parseWeekday(' 7 ')]).toEqual([
      5, 5, 5, 7,
    ]);
    expect(() => parseWeekday('Fryday')).toThrow(InvalidCadenceError);
    expect(() => parseWeekday(0)).toThrow(InvalidCadenceError);
  });

  it('reads daily as no weekly day, and weekly with its day or the fallback', () => {
    expect(parseCadence(undefined, undefined)).toBeUndefined();
    expect(parseCadence('daily', '3')).toBeUndefined();
    expect(parseCadence('weekly', '3')).toBe(3);
    expect(parseCadence('weekly', '', 2)).toBe(2);
    expect(() => parseCadence('weekly', '')).toThrow(/choose the day/);
    expect(() => parseCadence('hourly', '1')).toThrow(InvalidCadenceError);
  });

  it('takes known actor ids once each, refuses an unknown one and more than the limit', async () => {
    expect(await parseFollowedActors([KIM, NATO, KIM])).toEqual([KIM, NATO]);
    await expect(parseFollowedActors(['not-an-actor'])).rejects.toThrow(InvalidActorsError);
    const states = sharedGazetteer()
      .actors.filter((a) => a.type === 'state')
      .map((a) => a.id);
    const most = states.slice(0, MAX_FOLLOWED_ACTORS);
    expect(await parseFollowedActors(most)).toEqual(most);
    await expect(parseFollowedActors(states.slice(0, MAX_FOLLOWED_ACTORS + 1))).rejects.toThrow(/up to 20/);
  });
});

describe('following from the preferences page', () => {
  it('follows the one actor a typed name finds, and lists them with a button to stop', async () => {
    const { post, store, s } = await setup();
    const res = await post({ action: 'follow', actorName: 'kim jong un' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('You now follow Kim Jong Un.');
    expect(res.body).toMatch(/<li><span class="who">Kim Jong Un <span class="kind">person<\/span><\/span>/);
    expect(res.body).toContain(`name="actor" value="${KIM}"`);
    expect((await store.subscribers.get(s.id))?.actors).toEqual([KIM]);
    // Following again changes nothing.
    const again = await post({ action: 'follow', actorName: 'Kim Jong Un' });
    expect(again.body).toContain('You already follow Kim Jong Un.');
    expect((await store.subscribers.get(s.id))?.actors).toEqual([KIM]);
  });

  it('offers the candidates of an ambiguous name as buttons, and follows the one chosen', async () => {
    const { post, store, s } = await setup();
    const ask = await post({ action: 'follow', actorName: 'Kim' });
    expect(ask.status).toBe(200);
    expect(ask.body).toContain('“Kim” may mean:');
    const buttons = [
      ...ask.body.matchAll(
        /value="([^"]+)"><button type="submit" class="secondary small" name="action" value="follow">Follow ([^<]+)</g,
      ),
    ];
    // The best-known Kims first; the gazetteer may know more.
    expect(buttons.map((b) => b[2]).slice(0, 4)).toEqual([
      'Kim Jong Un',
      'Kim Yo Jong',
      'Kim Jong Il',
      'Kim Il Sung',
    ]);
    expect((await store.subscribers.get(s.id))?.actors).toBeUndefined();
    const chosen = buttons[1]![1]!;
    const done = await post({ action: 'follow', actor: chosen });
    expect(done.body).toContain('You now follow Kim Yo Jong.');
    expect((await store.subscribers.get(s.id))?.actors).toEqual([chosen]);
  });

  it('answers a name nobody has with near names, or says so, and follows nothing', async () => {
    const { post, store, s } = await setup();
    const near = await post({ action: 'follow', actorName: 'Netanyah' });
    expect(near.status).toBe(404);
    expect(near.body).toContain('We know no one called “Netanyah”. Did you mean:');
    expect(near.body).toContain('Follow Benjamin Netanyahu');
    const none = await post({ action: 'follow', actorName: 'Xyzzy Quux' });
    expect(none.status).toBe(404);
    expect(none.body).toContain('We know no one called “Xyzzy Quux”.');
    expect((await store.subscribers.get(s.id))?.actors).toBeUndefined();
  });

  it('escapes what was typed when it shows it again', async () => {
    const { post } = await setup();
    const res = await post({ action: 'follow', actorName: '<script>alert(1)</script>' });
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;');
  });

  it('stops following one actor and keeps the others', async () => {
    const { post, store, s } = await setup();
    await post({ action: 'follow', actorName: 'NATO' });
    await post({ action: 'follow', actorName: 'Kim Jong Un' });
    const res = await post({ action: 'unfollow', actor: NATO });
    expect(res.body).toContain('You no longer follow NATO.');
    expect((await store.subscribers.get(s.id))?.actors).toEqual([KIM]);
  });

  it(`refuses a follow past ${MAX_FOLLOWED_ACTORS} and hides the field once the list is full`, async () => {
    const { deps, token, post, store, s } = await setup();
    const states = ['Q30', 'Q159', 'Q212', 'Q801', 'Q794', 'Q148', 'Q423', 'Q884', 'Q17', 'Q183'];
    const more = ['Q142', 'Q145', 'Q43', 'Q805', 'Q858', 'Q1016', 'Q796', 'Q1049', 'Q851', 'Q843'];
    for (const id of [...states, ...more]) await followActor(deps, token, id);
    expect((await store.subscribers.get(s.id))?.actors).toHaveLength(MAX_FOLLOWED_ACTORS);
    await expect(followActor(deps, token, KIM)).rejects.toThrow(InvalidActorsError);
    const res = await post({ action: 'follow', actor: KIM });
    expect(res.status).toBe(400);
    expect(res.body).toContain('the most one reader can');
    expect(res.body).not.toContain('id="actorName"');
  });

  it('keeps both of two follows that race on one record (each re-reads on conflict)', async () => {
    const { deps, token, store, s } = await setup();
    await Promise.all([followActor(deps, token, KIM), followActor(deps, token, NATO)]);
    expect((await store.subscribers.get(s.id))?.actors?.sort()).toEqual([NATO, KIM].sort());
    await Promise.all([unfollowActor(deps, token, KIM), followActor(deps, token, 'Q801')]);
    expect((await store.subscribers.get(s.id))?.actors?.sort()).toEqual([NATO, 'Q801'].sort());
  });
});

describe('daily or weekly', () => {
  it('saves weekly on a day from the preferences form, says when it next comes, and back to daily', async () => {
    const { post, store, s } = await setup();
    const res = await post({
      action: 'save',
      topics: 'nuclear',
      timeZone: 'America/New_York',
      deliveryHour: '7',
      cadence: 'weekly',
      weekday: '5',
    });
    expect(res.status).toBe(200);
    expect((await store.subscribers.get(s.id))?.weeklyOn).toBe(5);
    expect(res.body).toContain('Receiving the weekly edition');
    // 2026-11-27 10:00 UTC is a Friday, 05:00 in New York: the next Friday 07:00 is today's.
    expect(res.body).toMatch(/Your next digest arrives <strong>Fri 27 Nov at 07:00, New York time<\/strong>/);
    expect(res.body).toMatch(
      /<input type="radio" id="cadence-weekly" name="cadence" value="weekly"[^>]* checked>/,
    );
    expect(res.body).toContain('<option value="5" selected>Friday</option>');
    await post({ action: 'save', topics: 'nuclear', cadence: 'daily', weekday: '5' });
    expect((await store.subscribers.get(s.id))?.weeklyOn).toBeUndefined();
  });

  it('refuses a day that is not one, changing nothing', async () => {
    const { deps, token, store, s } = await setup();
    await expect(updatePreferences(deps, token, { cadence: 'weekly', weekday: 'Caturday' })).rejects.toThrow(
      InvalidCadenceError,
    );
    expect((await store.subscribers.get(s.id))?.weeklyOn).toBeUndefined();
  });

  it('signs up for the weekly edition from the subscribe form and tells when the first one comes', async () => {
    const { app, store, sent } = await setup();
    const res = await app({
      method: 'POST',
      path: '/subscribe',
      query: {},
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: 'weekly@example.org',
        timeZone: 'Europe/Berlin',
        deliveryHour: '8',
        cadence: 'weekly',
        weekday: '1',
      }).toString(),
      sourceIp: '203.0.113.9',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('your first digest arrives <strong>Mon 30 Nov at 08:00, Berlin time</strong>');
    expect((await store.subscribers.getByEmail('weekly@example.org'))?.weeklyOn).toBe(1);
    // The confirmation says what was asked for.
    expect(sent.at(-1)?.text).toContain('the weekly edition (every Monday) of Antiwar Digest on:');
  });

  it('offers every day and each weekday on the subscribe page, today preselected for weekly', async () => {
    const { get } = await setup();
    const body = (await get('/subscribe')).body;
    expect(body).toMatch(/<input type="radio" id="cadence-daily" name="cadence" value="daily"[^>]* checked>/);
    // 2026-11-27 is a Friday in New York.
    expect(body).toContain('<option value="5" selected>Friday</option>');
    expect(body.match(/<option value="[1-7]"( selected)?>[A-Z][a-z]+day<\/option>/g)).toHaveLength(7);
  });
});
