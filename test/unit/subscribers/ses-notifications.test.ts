import { describe, expect, it } from 'vitest';
import { handleSesNotification, SesNotificationError } from '../../../lambdas/subscribers/ses-notifications';
import { addSubscriber } from '../../../lambdas/subscribers/subscribe';
import { fakeDeps } from './fakes';

const bounce = (email: string, bounceType: string) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: [{ emailAddress: email, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: '2026-11-27T09:00:00.000Z',
  },
  mail: { messageId: 'm1' },
});
const complaint = (email: string) => ({
  notificationType: 'Complaint',
  complaint: {
    complainedRecipients: [{ emailAddress: email }],
    complaintFeedbackType: 'abuse',
    timestamp: '2026-11-27T09:30:00.000Z',
  },
});

async function withReader() {
  const f = fakeDeps();
  const s = await addSubscriber(f.deps, { email: 'reader@example.org', confirmed: true });
  return { ...f, s };
}

describe('handleSesNotification', () => {
  it('marks a complainer complained at once, with the reason', async () => {
    const { deps, store, s } = await withReader();
    const result = await handleSesNotification(deps, JSON.stringify(complaint('reader@example.org')));
    expect(result).toEqual({ kind: 'complaint', changed: [s.id], unknown: 0 });
    expect(await store.subscribers.get(s.id)).toMatchObject({
      status: 'complained',
      statusReason: 'complaint (abuse) at 2026-11-27T09:30:00.000Z',
    });
  });

  it('deactivates an address on a permanent bounce and keeps the diagnostic', async () => {
    const { deps, store, s } = await withReader();
    await handleSesNotification(deps, bounce('Reader@EXAMPLE.org', 'Permanent'));
    const after = await store.subscribers.get(s.id);
    expect(after?.status).toBe('bounced');
    expect(after?.statusReason).toContain('550 5.1.1 user unknown');
  });

  it('changes nothing on a transient bounce', async () => {
    const { deps, store, s } = await withReader();
    const result = await handleSesNotification(deps, bounce('reader@example.org', 'Transient'));
    expect(result.kind).toBe('ignored');
    expect(await store.subscribers.get(s.id)).toEqual(s);
  });

  it('keeps a complaint when a permanent bounce follows', async () => {
    const { deps, store, s } = await withReader();
    await handleSesNotification(deps, complaint('reader@example.org'));
    const result = await handleSesNotification(deps, bounce('reader@example.org', 'Permanent'));
    expect(result.changed).toEqual([]);
    expect((await store.subscribers.get(s.id))?.status).toBe('complained');
  });

  it('counts addresses that are not on the list', async () => {
    const { deps } = await withReader();
    expect((await handleSesNotification(deps, complaint('stranger@example.org'))).unknown).toBe(1);
  });

  it('throws a named error for a message that is not an SES event', async () => {
    const { deps } = await withReader();
    await expect(handleSesNotification(deps, 'not json')).rejects.toThrow(SesNotificationError);
    await expect(handleSesNotification(deps, { hello: 'world' })).rejects.toThrow(SesNotificationError);
  });
});
