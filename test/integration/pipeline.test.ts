/**
 * The whole pipeline against real local parts: a loopback server with the sample feeds, dynalite,
 * and aws-ses-v2-local. Ingest twice, add subscribers, send the digest twice for one date.
 */

import { SESClient } from '@aws-sdk/client-ses';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import { type SampleFeedServer, serveSampleFeeds } from '../../bin/local/sample-feeds';
import { analyze } from '../../lambdas/analysis';
import { runDigest } from '../../lambdas/digest/run-digest';
import { ingestFeeds } from '../../lambdas/feeds/ingest';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import type { Subscriber } from '../../lambdas/shared/types';
import { type LocalSes, startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';

const clock = fixedClock('2026-11-27T09:00:00.000Z');
let dynamo: TestDynamo;
let ses: LocalSes;
let feeds: SampleFeedServer;

beforeAll(async () => {
  [dynamo, ses, feeds] = await Promise.all([startLocalDynamo(), startLocalSes(), serveSampleFeeds()]);
});
afterAll(async () => {
  await Promise.all([dynamo?.stop(), ses?.stop(), feeds?.close()]);
});

const ingestDeps = () => ({
  articles: dynamo.store.articles,
  feeds: dynamo.store.feeds,
  analyze,
  clock,
  log: silentLog,
  options: { allowPrivateNetwork: true },
});

const subscriber = (
  id: string,
  email: string,
  status: Subscriber['status'],
  topics: string[],
): Subscriber => ({
  id,
  email,
  status,
  topics,
  timeZone: 'America/New_York',
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  ...(status === 'confirmed' ? { confirmedAt: '2026-11-20T00:05:00.000Z' } : {}),
});

describe('the pipeline on local servers', () => {
  it('stores every sample article once, cleaned and analysed, when the feeds are ingested twice', async () => {
    const first = await ingestFeeds(ingestDeps(), feeds.feeds, { force: true });
    expect(first.feeds.map((f) => f.status)).toEqual(['fetched', 'fetched', 'fetched']);
    expect(first.articles.new).toBeGreaterThanOrEqual(25);

    clock.advance(60_000);
    const second = await ingestFeeds(ingestDeps(), feeds.feeds, { force: true });
    expect(second.articles.new).toBe(0);
    expect(second.feeds.every((f) => f.status === 'not_modified' || f.new === 0)).toBe(true);

    const stored = await dynamo.store.articles.listFirstSeenBetween(
      '2026-11-26T00:00:00Z',
      '2026-11-28T00:00:00Z',
    );
    expect(stored).toHaveLength(first.articles.new);
    for (const a of stored) {
      expect(a.text).not.toMatch(/appeared first on/);
      expect(a.html).not.toMatch(/<script|onclick=/i);
      expect(a.topics.length).toBeGreaterThan(0);
    }
    // The republished story is one story with two outlets.
    const byStory = new Map<string, Set<string>>();
    for (const a of stored) byStory.set(a.storyId, (byStory.get(a.storyId) ?? new Set()).add(a.outlet));
    expect([...byStory.values()].some((outlets) => outlets.size >= 2)).toBe(true);
    // The comments under the article with a bio never become actors.
    expect(stored.flatMap((a) => a.actors.map((x) => x.name))).not.toContain('Ping');
  });

  it('sends one digest per confirmed subscriber, only their topics, once per date', async () => {
    await dynamo.store.subscribers.create(subscriber('s-all', 'all@example.org', 'confirmed', []));
    await dynamo.store.subscribers.create(
      subscriber('s-two', 'two@example.org', 'confirmed', ['sanctions', 'nuclear']),
    );
    await dynamo.store.subscribers.create(
      subscriber('s-pending', 'pending@example.org', 'pending', ['nuclear']),
    );
    const mailer = new SesRawMailer(new SESClient({ ...LOCAL_AWS, endpoint: ses.endpoint }));
    const deps = {
      articles: dynamo.store.articles,
      subscribers: dynamo.store.subscribers,
      sends: dynamo.store.sends,
      editions: dynamo.store.editions,
      mailer,
      clock,
      log: silentLog,
      sleep: async () => {},
      config: {
        senderAddress: 'digest@example.org',
        senderName: 'Antiwar Digest',
        postalAddress: '1 Example Street, Springfield',
        publicBaseUrl: 'https://digest.example.org',
        tokenSecret: 'test-secret',
        timeZone: 'America/New_York',
        sendRatePerSecond: 50,
      },
    };
    const first = await runDigest(deps, { date: '2026-11-27' });
    const again = await runDigest(deps, { date: '2026-11-27' });
    expect(first.sent).toBe(2);
    expect(again.sent).toBe(0);

    const emails = await ses.emails();
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(['all@example.org', 'two@example.org']);
    const two = emails.find((e) => e.destination.to[0] === 'two@example.org')!;
    const mime = await simpleParser(two.rawMessage!);
    const unsubscribe = mime.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    expect(unsubscribe.replace(/\r\n\s+/g, ' ')).toMatch(
      /^List-Unsubscribe: <https:\/\/digest\.example\.org\/unsubscribe\?token=/,
    );
    expect(mime.text).toMatch(/Sanctions|Nuclear/);
    expect(mime.html).not.toMatch(/Military exercises<\/h2>/);
  });
});
