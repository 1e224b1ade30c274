import { describe, expect, it } from 'vitest';
import type { SubscriberRecord } from '../../../lambdas/subscribers/deps';
import {
  AddressSuppressedError,
  ExpiredTokenError,
  InvalidEmailError,
  InvalidTimeZoneError,
  InvalidTokenError,
  InvalidTopicsError,
  RateLimitError,
  SubscriptionEmailError,
} from '../../../lambdas/subscribers/errors';
import { listSubscribers, removeSubscriber, unsubscribe } from '../../../lambdas/subscribers/manage';
import { addSubscriber, checkConfirmation, confirm, subscribe } from '../../../lambdas/subscribers/subscribe';
import { hashToken, signSubscriberToken } from '../../../lambdas/subscribers/tokens';
import { confirmTokenOf, fakeDeps, SECRET } from './fakes';

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
    expect(result.outcome).toBe('confirmation-sent');
    const s = (await store.subscribers.getByEmail('reader@example.org')) as SubscriberRecord;
    expect(s).toMatchObject({
      status: 'pending',
      topics: ['sanctions', 'nuclear'],
      timeZone: 'Europe/Berlin',
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
    expect(s.confirmTokenHash).toBe(hashToken(token));
    expect(s.confirmTokenExpiresAt).toBe('2026-11-29T10:00:00.000Z');
  });

  it('writes nothing and sends nothing when a topic is unknown', async () => {
    const { deps, store, sent } = fakeDeps();
    await expect(subscribe(deps, { ...form, topics: ['nuclear', 'cats'] })).rejects.toThrow(
      InvalidTopicsError,
    );
    await expect(subscribe(deps, { ...form, topics: [] })).rejects.toThrow(InvalidTopicsError);
    await expect(subscribe(deps, { ...form, timeZone: 'Mars/Olympus' })).rejects.toThrow(
      InvalidTimeZoneError,
    );
    await expect(subscribe(deps, { ...form, email: 'x@y' })).rejects.toThrow(InvalidEmailError);
    expect(await store.subscribers.list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('refuses a fourth confirmation to one address within the hour and allows it an hour later', async () => {
    const { deps, sent, clock } = fakeDeps();
    for (let i = 0; i < 3; i++) {
      await subscribe(deps, form);
      clock.advance(60_000);
    }
    const err = await subscribe(deps, form).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterSeconds).toBeGreaterThan(0);
    expect(sent).toHaveLength(3);
    clock.advance(3600_000);
    await subscribe(deps, form);
    expect(sent).toHaveLength(4);
  });

  it('names the failure when the mailer fails, and a retry sends a working link', async () => {
    const { deps, mailer, sent } = fakeDeps();
    mailer.fail = new Error('connection reset');
    await expect(subscribe(deps, form)).rejects.toThrow(SubscriptionEmailError);
    mailer.fail = undefined;
    await subscribe(deps, form);
    expect((await confirm(deps, confirmTokenOf(sent[0]))).status).toBe('confirmed');
  });

  it('invalidates the earlier link when a new confirmation is sent', async () => {
    const { deps, sent } = fakeDeps();
    await subscribe(deps, form);
    await subscribe(deps, form);
    await expect(confirm(deps, confirmTokenOf(sent[0]))).rejects.toThrow(ExpiredTokenError);
    expect((await confirm(deps, confirmTokenOf(sent[1]))).status).toBe('confirmed');
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
    await unsubscribe(deps, signSubscriberToken(SECRET, 'unsubscribe', s.id));
    await subscribe(deps, form);
    expect((await store.subscribers.get(s.id))?.status).toBe('unsubscribed');
    const confirmed = await confirm(deps, confirmTokenOf(sent[0]));
    expect(confirmed).toMatchObject({ id: s.id, status: 'confirmed', topics: ['sanctions', 'nuclear'] });
    expect(confirmed.statusReason).toBeUndefined();
  });
});

describe('confirm', () => {
  it('confirms once and refuses the same link a second time', async () => {
    const { deps, store, sent } = fakeDeps();
    await subscribe(deps, form);
    const token = confirmTokenOf(sent[0]);
    const s = await confirm(deps, token);
    expect(s).toMatchObject({ status: 'confirmed', confirmedAt: '2026-11-27T10:00:00.000Z' });
    expect((await store.subscribers.get(s.id))?.confirmTokenHash).toBeUndefined();
    await expect(confirm(deps, token)).rejects.toThrow(ExpiredTokenError);
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
    await unsubscribe(deps, signSubscriberToken(SECRET, 'unsubscribe', subscriberId));
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

  it('is listed and removed by address', async () => {
    const { deps } = fakeDeps();
    await addSubscriber(deps, { email: 'op@example.org', confirmed: true });
    expect((await listSubscribers(deps)).map((s) => s.email)).toEqual(['op@example.org']);
    expect(await removeSubscriber(deps, 'OP@EXAMPLE.ORG')).toBe(true);
    expect(await removeSubscriber(deps, 'op@example.org')).toBe(false);
    expect(await listSubscribers(deps)).toEqual([]);
  });
});
