/**
 * Bounces and complaints reported by SES (R32), as published by the configuration set's event
 * destination ("eventType") or by identity notifications ("notificationType"); both arrive as the
 * JSON inside an SNS message.
 */
import type { SubscriberStatus } from '../shared/types';
import type { SubscriberRecord, SubscriptionDeps } from './deps';
import { normalizeEmail } from './email-address';
import { retryOnConflict, save } from './retry';

export class SesNotificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SesNotificationError';
  }
}

interface Recipient {
  emailAddress?: string;
  diagnosticCode?: string;
  status?: string;
}

interface SesNotification {
  eventType?: string;
  notificationType?: string;
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    bouncedRecipients?: Recipient[];
    timestamp?: string;
  };
  complaint?: { complainedRecipients?: Recipient[]; complaintFeedbackType?: string; timestamp?: string };
}

export interface SesNotificationResult {
  kind: 'complaint' | 'permanent-bounce' | 'ignored';
  /** Subscribers whose status changed. */
  changed: string[];
  /** Addresses named by SES that are not (or no longer) on the list. */
  unknown: number;
}

/**
 * 1. A complaint marks every named recipient 'complained' (no more mail, at once).
 * 2. A permanent bounce marks them 'bounced', unless they already complained.
 * 3. Transient and undetermined bounces, deliveries and other events change nothing.
 * The reason is kept in statusReason. Accepts the parsed object or the raw JSON string.
 */
export async function handleSesNotification(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'clock' | 'log'>,
  notification: unknown,
): Promise<SesNotificationResult> {
  const n = parse(notification);
  const type = n.eventType ?? n.notificationType;
  let status: SubscriberStatus;
  let reason: (r: Recipient) => string;
  let recipients: Recipient[];
  if (type === 'Complaint') {
    status = 'complained';
    const feedback = n.complaint?.complaintFeedbackType ?? 'unspecified';
    reason = () => `complaint (${feedback}) at ${n.complaint?.timestamp ?? deps.clock.now().toISOString()}`;
    recipients = n.complaint?.complainedRecipients ?? [];
  } else if (type === 'Bounce' && n.bounce?.bounceType === 'Permanent') {
    status = 'bounced';
    const sub = n.bounce.bounceSubType ?? 'General';
    reason = (r) =>
      `permanent bounce (${sub}) at ${n.bounce?.timestamp ?? deps.clock.now().toISOString()}${
        r.diagnosticCode ? `: ${r.diagnosticCode}` : r.status ? `: ${r.status}` : ''
      }`.slice(0, 500);
    recipients = n.bounce.bouncedRecipients ?? [];
  } else {
    deps.log.info('SES notification ignored', { type, bounceType: n.bounce?.bounceType });
    return { kind: 'ignored', changed: [], unknown: 0 };
  }

  const result: SesNotificationResult = {
    kind: status === 'complained' ? 'complaint' : 'permanent-bounce',
    changed: [],
    unknown: 0,
  };
  for (const r of recipients) {
    let email: string;
    try {
      email = normalizeEmail(r.emailAddress ?? '');
    } catch {
      result.unknown++;
      continue;
    }
    // Re-read on a lost race: a bounce wins over a preferences save that read the record before it.
    const changed = await retryOnConflict(async () => {
      const s = (await deps.subscribers.getByEmail(email)) as SubscriberRecord | undefined;
      if (!s) return undefined;
      // A complaint outranks a bounce; repeating a notification changes nothing.
      if (s.status === status || (status === 'bounced' && s.status === 'complained')) return null;
      await save(deps, {
        ...s,
        status,
        statusReason: reason(r),
        confirmationLinks: undefined,
        confirmTokenHash: undefined,
        confirmTokenExpiresAt: undefined,
        updatedAt: deps.clock.now().toISOString(),
      });
      return s.id;
    });
    if (changed === undefined) result.unknown++;
    if (!changed) continue;
    result.changed.push(changed);
    deps.log.warn(
      status === 'complained'
        ? 'complaint: subscriber unsubscribed'
        : 'permanent bounce: subscriber deactivated',
      { subscriberId: changed },
    );
  }
  return result;
}

function parse(notification: unknown): SesNotification {
  let value = notification;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (err) {
      throw new SesNotificationError('the SNS message is not JSON', { cause: err });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SesNotificationError('the SNS message is not an SES notification object');
  }
  const n = value as SesNotification;
  if (typeof (n.eventType ?? n.notificationType) !== 'string') {
    throw new SesNotificationError('the SNS message has neither eventType nor notificationType');
  }
  return n;
}
