/**
 * The account of transactional email to one address (issue 12): who may make us write to an
 * address, and how often. Pure: the log of past sends lives on the subscriber record, where the
 * store's conditional writes keep it exact across every Lambda instance.
 *
 * | who                                           | what                                  | limit        |
 * | anyone, by the sign-up form                   | a confirmation link, or the "already  | the budget   |
 * |                                               | subscribed" note with a link          |              |
 * | anyone holding a link of the subscriber, or   | a fresh preferences link              | the budget   |
 * | typing the address on the "email me a link"   |                                       |              |
 * | form                                          |                                       |              |
 * | the preferences link, by "sign out every link"| a fresh preferences link              | the budget   |
 * | the operator (`subscribers add`)              | a confirmation link                   | none         |
 * | the schedule                                  | the digest, confirmed addresses only  | once a local date (the ledger) |
 * The budget: one email per cool-down, and at most `perDay` a day and `perMonth` in 30 days.
 */

export interface MailPolicy {
  /** Quiet time after each email. @default 15 minutes */
  coolDownMs: number;
  /** @default 3 */
  perDay: number;
  /** In 30 days. @default 8 */
  perMonth: number;
}

export const DEFAULT_MAIL_POLICY: MailPolicy = { coolDownMs: 15 * 60_000, perDay: 3, perMonth: 8 };

const DAY_MS = 86_400_000;
const MONTH_MS = 30 * DAY_MS;

export type MailAllowance =
  | { allowed: true /** The log to store with the send recorded. */; log: string[] }
  | { allowed: false; reason: 'cool-down' | 'daily limit' | 'monthly limit'; retryAt: Date };

/** Whether one more email may go to the address now, given the times of the last ones. */
export function mailAllowance(
  sentAt: readonly string[] | undefined,
  now: Date,
  policy: MailPolicy,
): MailAllowance {
  const t = now.getTime();
  const recent = (sentAt ?? [])
    .map((iso) => new Date(iso).getTime())
    .filter((x) => Number.isFinite(x) && x <= t && t - x < MONTH_MS)
    .sort((a, b) => a - b);
  const last = recent.at(-1);
  if (last !== undefined && t - last < policy.coolDownMs) {
    return { allowed: false, reason: 'cool-down', retryAt: new Date(last + policy.coolDownMs) };
  }
  const today = recent.filter((x) => t - x < DAY_MS);
  if (today.length >= policy.perDay) {
    return {
      allowed: false,
      reason: 'daily limit',
      retryAt: new Date(today[today.length - policy.perDay]! + DAY_MS),
    };
  }
  if (recent.length >= policy.perMonth) {
    return {
      allowed: false,
      reason: 'monthly limit',
      retryAt: new Date(recent[recent.length - policy.perMonth]! + MONTH_MS),
    };
  }
  return { allowed: true, log: [...recent.map((x) => new Date(x).toISOString()), now.toISOString()] };
}

/** The log with one more send, for sends the budget does not limit (the operator's). */
export function recordSend(sentAt: readonly string[] | undefined, now: Date): string[] {
  const t = now.getTime();
  return [...(sentAt ?? []).filter((iso) => t - new Date(iso).getTime() < MONTH_MS), now.toISOString()];
}
