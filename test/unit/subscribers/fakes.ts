/** Shared fakes of the subscription unit tests: memory store, capturing mailer, fixed clock. */
import type { Mailer, OutgoingMessage } from '../../../lambdas/mail/ports';
import { fixedClock } from '../../../lambdas/shared/clock';
import { silentLog } from '../../../lambdas/shared/log';
import { createMemoryStore } from '../../../lambdas/store/memory';
import type { SubscriptionDeps } from '../../../lambdas/subscribers/deps';

export const SECRET = 'unit-test-secret';
/** The fake clock's starting time: links signed at it are good for the whole test. */
export const NOW = () => new Date('2026-11-27T10:00:00.000Z');

export function fakeDeps(overrides: Partial<SubscriptionDeps['config']> = {}) {
  const store = createMemoryStore();
  const sent: OutgoingMessage[] = [];
  const mailer: Mailer & { fail?: Error } = {
    async send(m) {
      if (mailer.fail) throw mailer.fail;
      sent.push(m);
      return { id: `m${sent.length}` };
    },
  };
  const clock = fixedClock(NOW().toISOString());
  const deps = {
    subscribers: store.subscribers,
    sends: store.sends,
    mailer,
    clock,
    log: silentLog,
    config: {
      publicBaseUrl: 'https://digest.example.org',
      tokenSecret: SECRET,
      senderAddress: 'digest@example.org',
      senderName: 'Antiwar Digest',
      postalAddress: '1 Peace Street, Springfield',
      defaultTimeZone: 'America/New_York',
      ...overrides,
    },
  } satisfies SubscriptionDeps;
  return { deps, store, sent, mailer, clock };
}

/** The confirmation token in a captured email's text part. */
export function confirmTokenOf(message: OutgoingMessage | undefined): string {
  const link = /https?:\/\/\S+\/confirm\?token=(\S+)/.exec(message?.text ?? '');
  if (!link) throw new Error('no confirmation link in the message');
  return decodeURIComponent(link[1]!);
}
