import { describe, expect, it } from 'vitest';
import type { SubscriberRecord } from '../../../lambdas/subscribers/deps';
import {
  ExpiredLinkError,
  InvalidTokenError,
  InvalidTopicsError,
  SubscriberNotFoundError,
} from '../../../lambdas/subscribers/errors';
import {
  deleteData,
  exportData,
  requestPreferencesLink,
  resubscribe,
  signOutEveryLink,
  unsubscribe,
  updatePreferences,
} from '../../../lambdas/subscribers/manage';
import { addSubscriber, subscribe } from '../../../lambdas/subscribers/subscribe';
import { signSubscriberToken } from '../../../lambdas/subscribers/tokens';
import { fakeDeps, NOW, SECRET } from './fakes';

async function confirmedReader() {
  const f = fakeDeps();
  const s = await addSubscriber(f.deps, {
    email: 'reader@example.org',
    topics: ['nuclear'],
    confirmed: true,
  });
  return {
    ...f,
    s,
    prefs: signSubscriberToken(SECRET, 'preferences', s.id, NOW()),
    unsub: signSubscriberToken(SECRET, 'unsubscribe', s.id, NOW()),
  };
}

describe('updatePreferences', () => {
  it('changes topics, time zone and pause', async () => {
    const { deps, prefs, store, s } = await confirmedReader();
    await updatePreferences(deps, prefs, { topics: ['dissent', 'diplomacy'], timeZone: 'Asia/Tokyo' });
    await updatePreferences(deps, prefs, { paused: true });
    expect(await store.subscribers.get(s.id)).toMatchObject({
      topics: ['diplomacy', 'dissent'],
      timeZone: 'Asia/Tokyo',
      paused: true,
      status: 'confirmed',
    });
  });

  it('changes nothing when a topic is unknown', async () => {
    const { deps, prefs, store, s } = await confirmedReader();
    await expect(
      updatePreferences(deps, prefs, { topics: ['dissent', 'x'], timeZone: 'Asia/Tokyo' }),
    ).rejects.toThrow(InvalidTopicsError);
    expect((await store.subscribers.get(s.id))?.timeZone).toBe('America/New_York');
  });

  it('refuses an unsubscribe token, a token of another secret and a token edited to another id', async () => {
    const { deps, unsub, s } = await confirmedReader();
    const other = await addSubscriber(deps, { email: 'other@example.org', confirmed: true });
    const prefs = signSubscriberToken(SECRET, 'preferences', s.id, NOW());
    const forged = `${other.id}.${prefs.split('.').pop()}`;
    for (const token of [unsub, signSubscriberToken('another-secret', 'preferences', s.id, NOW()), forged]) {
      await expect(updatePreferences(deps, token, { paused: true })).rejects.toThrow(InvalidTokenError);
    }
  });
});

describe('unsubscribe', () => {
  it('unsubscribes and is harmless when repeated', async () => {
    const { deps, unsub, store, s } = await confirmedReader();
    expect((await unsubscribe(deps, unsub)).changed).toBe(true);
    const first = await store.subscribers.get(s.id);
    expect(first).toMatchObject({
      status: 'unsubscribed',
      statusReason: expect.stringContaining('one-click'),
    });
    expect((await unsubscribe(deps, unsub)).changed).toBe(false);
    expect(await store.subscribers.get(s.id)).toEqual(first);
  });

  it('does not turn a complaint into an unsubscribe', async () => {
    const { deps, unsub, store, s } = await confirmedReader();
    await store.subscribers.put({ ...s, status: 'complained', statusReason: 'complaint' });
    expect((await unsubscribe(deps, unsub)).changed).toBe(false);
    expect((await store.subscribers.get(s.id))?.status).toBe('complained');
  });

  it('reports a deleted subscriber without error', async () => {
    const { deps, unsub, prefs } = await confirmedReader();
    await deleteData(deps, prefs);
    expect(await unsubscribe(deps, unsub)).toEqual({ changed: false });
  });

  it('can be undone from the preferences link, with a new consent record', async () => {
    const { deps, unsub, prefs, clock } = await confirmedReader();
    await unsubscribe(deps, unsub);
    clock.advance(3600_000);
    const back = await resubscribe(deps, prefs, { ip: '198.51.100.1' });
    expect(back).toMatchObject({
      status: 'confirmed',
      consent: { at: '2026-11-27T11:00:00.000Z', ip: '198.51.100.1' },
    });
  });

  it('cannot resubscribe a never-confirmed address from a preferences link', async () => {
    const { deps, store } = await confirmedReader();
    const { subscriberId } = await subscribe(deps, { email: 'new@example.org', topics: ['nuclear'] });
    await unsubscribe(deps, signSubscriberToken(SECRET, 'unsubscribe', subscriberId, NOW()));
    await resubscribe(deps, signSubscriberToken(SECRET, 'preferences', subscriberId, NOW()));
    expect((await store.subscribers.get(subscriberId))?.status).toBe('unsubscribed');
  });
});

describe('exportData and deleteData', () => {
  it('exports the record and consent without the confirmation hashes', async () => {
    const { deps, store } = await confirmedReader();
    const { subscriberId } = await subscribe(deps, {
      email: 'new@example.org',
      topics: ['nuclear'],
      ip: '203.0.113.9',
    });
    const data = await exportData(deps, signSubscriberToken(SECRET, 'preferences', subscriberId, NOW()));
    expect(data).toMatchObject({
      subscriber: {
        email: 'new@example.org',
        consent: { ip: '203.0.113.9' },
        emailsSentAt: ['2026-11-27T10:00:00.000Z'],
      },
    });
    const stored = (await store.subscribers.get(subscriberId)) as SubscriberRecord;
    const hash = stored.confirmationLinks?.[0]?.hash;
    expect(hash).toBeDefined();
    expect(JSON.stringify(data)).not.toContain(hash!);
    expect(JSON.stringify(data)).not.toContain('"hash"');
  });

  it('deletes the record and the address lock', async () => {
    const { deps, prefs, store, s } = await confirmedReader();
    await deleteData(deps, prefs);
    expect(await store.subscribers.get(s.id)).toBeUndefined();
    expect(await store.subscribers.getByEmail('reader@example.org')).toBeUndefined();
    await expect(exportData(deps, prefs)).rejects.toThrow(SubscriberNotFoundError);
  });
});

describe('fresh links and signing out (issue 12)', () => {
  it('mails a preferences link to a confirmed address only, answering alike for everyone', async () => {
    const { deps, sent, clock } = await confirmedReader();
    await subscribe(deps, { email: 'pending@example.org' });
    clock.advance(20 * 60_000);
    const before = sent.length;
    expect(await requestPreferencesLink(deps, { email: 'nobody@example.org' })).toBe(false);
    expect(await requestPreferencesLink(deps, { email: 'pending@example.org' })).toBe(false);
    expect(await requestPreferencesLink(deps, { email: 'Reader@Example.org' })).toBe(true);
    // Within the cool-down, nothing more goes out.
    expect(await requestPreferencesLink(deps, { email: 'reader@example.org' })).toBe(false);
    expect(sent.slice(before).map((m) => m.to)).toEqual(['reader@example.org']);
    expect(sent.at(-1)!.text).toMatch(/\/preferences\?token=/);
  });

  it('revokes every preferences link but no unsubscribe link when signing out', async () => {
    const { deps, prefs, unsub, store, s, sent, clock } = await confirmedReader();
    clock.advance(60_000);
    expect(await signOutEveryLink(deps, prefs)).toEqual({ emailed: true });
    await expect(updatePreferences(deps, prefs, { paused: true })).rejects.toThrow(ExpiredLinkError);
    const fresh = decodeURIComponent(/\/preferences\?token=(\S+)/.exec(sent.at(-1)!.text)![1]!);
    await updatePreferences(deps, fresh, { paused: true });
    expect((await unsubscribe(deps, unsub)).changed).toBe(true);
    expect(await store.subscribers.get(s.id)).toMatchObject({
      tokenVersion: 1,
      paused: true,
      status: 'unsubscribed',
    });
  });

  it('erases the send records with the subscriber', async () => {
    const { deps, prefs, store, s } = await confirmedReader();
    await store.sends.claim('2026-11-26', s.id, '2026-11-26T06:00:00.000Z');
    await store.sends.claim('2026-11-26', 'someone-else', '2026-11-26T06:00:00.000Z');
    await deleteData(deps, prefs);
    expect(await store.sends.get('2026-11-26', s.id)).toBeUndefined();
    expect(await store.sends.get('2026-11-26', 'someone-else')).toBeDefined();
  });
});
