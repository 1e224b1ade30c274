/**
 * The use cases' dependencies over the local runtime, built here once for the CLI, `npm start` and
 * `serve`. Kept apart from runtime.ts so a command that needs only the store loads no analyzer.
 */
import { analyze } from '../../lambdas/analysis';
import type { DigestConfig, DigestDeps } from '../../lambdas/digest/run-digest';
import type { IngestOptions } from '../../lambdas/feeds/ingest';
import { systemClock } from '../../lambdas/shared/clock';
import type { Log } from '../../lambdas/shared/log';
import type { SubscriptionDeps } from '../../lambdas/subscribers/deps';
import type { Runtime } from './runtime';

export function ingestDeps(rt: Runtime, log: Log) {
  return {
    articles: rt.store.articles,
    feeds: rt.store.feeds,
    analyze,
    clock: systemClock,
    log,
    options: { allowPrivateNetwork: rt.allowPrivateNetwork } as Partial<IngestOptions>,
  };
}

export function digestConfig(rt: Runtime): DigestConfig {
  return {
    senderAddress: rt.config.senderAddress,
    senderName: rt.config.senderName,
    postalAddress: rt.config.postalAddress,
    publicBaseUrl: rt.config.publicBaseUrl,
    timeZone: rt.config.timeZone,
    tokenSecret: rt.tokenSecret,
    sendRatePerSecond: rt.config.sendRatePerSecond,
    dailyQuota: rt.config.dailyQuota > 0 ? rt.config.dailyQuota : undefined,
  };
}

export function digestDeps(rt: Runtime, log: Log): DigestDeps {
  return {
    articles: rt.store.articles,
    subscribers: rt.store.subscribers,
    sends: rt.store.sends,
    editions: rt.store.editions,
    mailer: rt.mailer,
    clock: systemClock,
    log,
    config: digestConfig(rt),
  };
}

export function subscriptionDeps(rt: Runtime, log: Log): SubscriptionDeps {
  return {
    subscribers: rt.store.subscribers,
    sends: rt.store.sends,
    mailer: rt.mailer,
    clock: systemClock,
    log,
    config: {
      publicBaseUrl: rt.config.publicBaseUrl,
      tokenSecret: rt.tokenSecret,
      senderAddress: rt.config.senderAddress,
      senderName: rt.config.senderName,
      postalAddress: rt.config.postalAddress,
      defaultTimeZone: rt.config.timeZone,
    },
  };
}
