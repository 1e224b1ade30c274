import { describe, expect, it } from 'vitest';
import type { SubscriberRecord } from '../../../lambdas/subscribers/deps';
import {
  AddressSuppressedError,
  ExpiredTokenError,
  InvalidDeliveryHourError,
  InvalidEmailError,
  InvalidTimeZoneError,
  InvalidTokenError,
  InvalidTopicsError,
  SubscriptionEmailError,
} from '../../../lambdas/subscribers/errors';
import { listSubscribers, removeSubscriber, unsubscribe } from '../../../lambdas/subscribers/manage';
import { addSubscriber, checkConfirmation, confirm, subscribe } from '../../../lambdas/subscribers/subscribe';
import { hashToken, signSubscriberToken } from '../../../lambdas/subscribers/tokens';
import { confirmTokenOf, fakeDeps, NOW, SECRET } from './fakes';

const form = {
  email: 'reader@example.org',
  topics: ['nuclear', 'sanctions'],
  timeZone: 'Europe/Berlin',
  ip: '203.0.113.7',
  userAgent: 'Firefox',
};

describe('subscribe', () => {
  it('stores a pending subscriber with its consent record and only the hash of the emailed token', async () => {
    const { deps, store, sent } = fakeDeps();
    const result = await subscribe(deps, form);
    expect(result).toMatchObject({ outcome: 'confirmation-sent', email: 'reader@example.org' });
    const s = (await store.subscribers.getByEmail('reader@example.org')) as SubscriberRecord;
    expect(s).toMatchObject({
      status: 'pending',
      topics: ['sanctions', 'nuclear'],
      timeZone: 'Europe/Berlin',
      deliveryHour: 6,
      version: expect.any(Number),
    });
    expect(s.confirmedAt).toBeUndefined();
    expect(s.consent).toEqual({
      at: '2026-11-27T10:00:00.000Z',
      ip: '203.0.113.7',
      userAgent: 'Firefox',
      topics: ['sanctions', 'nuclear'],
      textVersion: expect.any(String),
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('reader@example.org');
    expect(sent[0]!.html).toContain('Confirm my subscription');
    const token = confirmTokenOf(sent[0]);
    expect(JSON.stringify(s)).not.toContain(token);
    expect(s.confirmationLinks).toEqual([{ hash: hashToken(token), expiresAt: '2026-11-29T10:00:00.000Z' }]);
    expect(s.mailLog).toEqual(['2026-11-27T10:00:00.000Z']);
  });

  it('subscribes to every topic when none is chosen, at the chosen delivery hour', async () => {
    const { deps, store } = fakeDeps();
    await subscribe(deps, { ...form, topics: undefined, deliveryHour: '07:00' });
    expect(await store.subscribers.getByEmail(form.email)).toMatchObject({ deliveryHour: 7 });
    expect((await store.subscribers.getByEmail(form.email))?.topics).toHaveLength(13);
  });

  it('stores the current IANA name of a legacy zone', async () => {
    const { deps, store } = fakeDeps();
    await subscribe(deps, { ...form, timeZone: 'Europe/Kiev' });
    expect((await store.subscribers.getByEmail(form.email))?.timeZone).toBe('Europe/Kyiv');
  });

  it('writes nothing and sends nothing when a topic, zone, hour or address is bad', async () => {
    const { deps, store, sent } = fakeDeps();
    await expect(subscribe(deps, { ...form, topics: ['nuclear', 'cats'] })).rejects.toThrow(
      InvalidTopicsError,
    );
    await expect(subscribe(deps, { ...form, topics: [] })).rejects.toThrow(InvalidTopicsError);
    await expect(subscribe(deps, { ...form, timeZone: 'Mars/Olympus' })).rejects.toThrow(
      InvalidTimeZoneError,
    );
    await expect(subscribe(deps, { ...form, deliveryHour: '24' })).rejects.toThrow(InvalidDeliveryHourError);
    await expect(subscribe(deps, { ...form, email: 'x@y' })).rejects.toThrow(InvalidEmailError);
    expect(await store.subscribers.list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('sends nothing and writes nothing to an address inside its cool-down, and the first link keeps working', async () => {
    const { deps, store, sent, clock } = fakeDeps();
    await subscribe(deps, form);
    const before = await store.subscribers.getByEmail(form.email);
    clock.advance(5 * 60_000);
    expect((await subscribe(deps, { ...form, topics: ['dissent'] })).outcome).toBe('recently-sent');
    expect(sent).toHaveLength(1);
    expect(await store.subscribers.getByEmail(form.email)).toEqual(before);
    expect((await confirm(deps, confirmTokenOf(sent[0]))).subscriber.status).toBe('confirmed');
  });

  it('keeps the earlier links working when a repeat after the cool-down sends a new one', async () => {
    const { deps, sent, clock } = fakeDeps();
    await subscribe(deps, form);
    clock.advance(20 * 60_000);
    await subscribe(deps, form);
    expect(sent).toHaveLength(2);
    expect(confirmTokenOf(sent[1])).not.toBe(confirmTokenOf(sent[0]));
    expect((await confirm(deps, confirmTokenOf(sent[0]))).subscriber.status).toBe('confirmed');
    // Its sibling, used after, says "already subscribed" rather than failing.
    expect((await confirm(deps, confirmTokenOf(sent[1]))).already).toBe(true);
  });

  it('sends one address at most 3 emails a day and 8 in 30 days, whoever asks', async () => {
    const { deps, sent, clock } = fakeDeps();
    for (let i = 0; i < 5; i++) {
      await subscribe(deps, form);
      clock.advance(20 * 60_000);
    }
    expect(sent).toHaveLength(3);
    for (let day = 0; day < 10; day++) {
      clock.advance(86_400_000);
      for (let i = 0; i < 3; i++) {
        await subscribe(deps, form);
        clock.advance(20 * 60_000);
      }
    }
    // However long it goes on, the address gets no more than the monthly allowance.
    expect(sent.length).toBeLessThanOrEqual(3 + 8 + 3);
    const inLast30Days = sent.length;
    clock.advance(40 * 86_400_000);
    await subscribe(deps, form);
    expect(sent.length).toBe(inLast30Days + 1);
  });

  it('names the failure when the mailer fails, and a retry after the cool-down sends a working link', async () => {
    const { deps, mailer, sent, clock } = fakeDeps();
    mailer.fail = new Error('connection reset');
    await expect(subscribe(deps, form)).rejects.toThrow(SubscriptionEmailError);
    mailer.fail = undefined;
    clock.advance(16 * 60_000);
    await subscribe(deps, form);
    expect((await confirm(deps, confirmTokenOf(sent[0]))).subscriber.status).toBe('confirmed');
  });

  it('mails a confirmed address a note with its preferences link instead of a confirmation', async () => {
    const { deps, store, sent } = fakeDeps();
    await addSubscriber(deps, { email: form.email, confirmed: true });
    const result = await subscribe(deps, form);
    expect(result.outcome).toBe('already-subscribed');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('/preferences?token=');
    expect(sent[0]!.text).not.toContain('/confirm?token=');
    const s = await store.subscribers.getByEmail(form.email);
    expect(s?.topics).toHaveLength(13); // unchanged by the form
  });

  it('keeps an unsubscribed address unsubscribed until the new link is used', async () => {
    const { deps, store, sent } = fakeDeps();
    const s = await addSubscriber(deps, { email: form.email, confirmed: true });
    await unsubscribe(deps, signSubscriberToken(SECRET, 'unsubscribe', s, NOW()));
    await subscribe(deps, form);
    expect((await store.subscribers.get(s.id))?.status).toBe('unsubscribed');
    const { subscriber: confirmed } = await confirm(deps, confirmTokenOf(sent[0]));
    expect(confirmed).toMatchObject({ id: s.id, status: 'confirmed', topics: ['sanctions', 'nuclear'] });
    expect(confirmed.statusReason).toBeUndefined();
  });
});

describe('confirm', () => {
  it('confirms once; the same link again says already subscribed and changes nothing', async () => {
    const { deps, store, sent } = fakeDeps();
    await subscribe(deps, form);
    const token = confirmTokenOf(sent[0]);
    const { subscriber: s, already } = await confirm(deps, token);
    expect(already).toBe(false);
    expect(s).toMatchObject({ status: 'confirmed', confirmedAt: '2026-11-27T10:00:00.000Z' });
    const stored = await store.subscribers.get(s.id);
    const again = await confirm(deps, token);
    expect(again.already).toBe(true);
    expect(await store.subscribers.get(s.id)).toEqual(stored);
  });

  it('refuses a link older than 48 hours and leaves the subscriber pending', async () => {
    const { deps, store, sent, clock } = fakeDeps();
    await subscribe(deps, form);
    clock.advance(48 * 3600_000);
    await expect(confirm(deps, confirmTokenOf(sent[0]))).rejects.toThrow(ExpiredTokenError);
    expect((await store.subscribers.getByEmail(form.email))?.status).toBe('pending');
  });

  it('refuses a tampered or malformed token', async () => {
    const { deps, sent, store } = fakeDeps();
    await subscribe(deps, form);
    const token = confirmTokenOf(sent[0]);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(confirm(deps, tampered)).rejects.toThrow(ExpiredTokenError);
    await expect(confirm(deps, 'garbage')).rejects.toThrow(InvalidTokenError);
    await expect(checkConfirmation(deps, '')).rejects.toThrow(InvalidTokenError);
    expect((await store.subscribers.getByEmail(form.email))?.status).toBe('pending');
  });

  it('does not re-confirm an address that unsubscribed while its link was outstanding', async () => {
    const { deps, sent, store } = fakeDeps();
    const { subscriberId } = await subscribe(deps, form);
    await unsubscribe(deps, signSubscriberToken(SECRET, 'unsubscribe', subscriberId, NOW()));
    await expect(confirm(deps, confirmTokenOf(sent[0]))).rejects.toThrow(ExpiredTokenError);
    expect((await store.subscribers.get(subscriberId))?.status).toBe('unsubscribed');
  });
});

describe('addSubscriber', () => {
  it('confirms directly without mail when the operator says so, with every topic by default', async () => {
    const { deps, sent } = fakeDeps();
    const s = await addSubscriber(deps, { email: 'Op@Example.org', confirmed: true });
    expect(s).toMatchObject({ email: 'Op@example.org', status: 'confirmed', timeZone: 'America/New_York' });
    expect(s.topics).toHaveLength(13);
    expect(s.consent?.textVersion).toBe('operator');
    expect(sent).toEqual([]);
  });

  it('leaves the address pending and sends a confirmation without --confirmed', async () => {
    const { deps, sent } = fakeDeps();
    const s = await addSubscriber(deps, { email: 'op@example.org', topics: ['dissent'] });
    expect(s).toMatchObject({ status: 'pending', topics: ['dissent'] });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toMatch(/Confirm/);
  });

  it('refuses to re-add a complained address', async () => {
    const { deps, store } = fakeDeps();
    const s = await addSubscriber(deps, { email: 'op@example.org', confirmed: true });
    await store.subscribers.put({ ...s, status: 'complained' });
    await expect(addSubscriber(deps, { email: 'op@example.org', confirmed: true })).rejects.toThrow(
      AddressSuppressedError,
    );
  });

  it('sets the zone and hour, and keeps the hour when re-added without one', async () => {
    const { deps } = fakeDeps();
    await addSubscriber(deps, {
      email: 'op@example.org',
      confirmed: true,
      timeZone: 'Asia/Tokyo',
      deliveryHour: 7,
    });
    const again = await addSubscriber(deps, {
      email: 'op@example.org',
      confirmed: true,
      timeZone: 'Asia/Calcutta',
    });
    expect(again).toMatchObject({ timeZone: 'Asia/Kolkata', deliveryHour: 7 });
  });

  it('is listed and removed by address', async () => {
    const { deps } = fakeDeps();
    await addSubscriber(deps, { email: 'op@example.org', confirmed: true });
    expect((await listSubscribers(deps)).map((s) => s.email)).toEqual(['op@example.org']);
    expect(await removeSubscriber(deps, 'OP@EXAMPLE.ORG')).toBe(true);
    expect(await removeSubscriber(deps, 'op@example.org')).toBe(false);
    expect(await listSubscribers(deps)).toEqual([]);
  });
});
