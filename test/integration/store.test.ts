/** The DynamoDB adapters against dynalite: the guarantees the use cases rely on. */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import type { Article, Subscriber } from '../../lambdas/shared/types';
import { createDocumentClient } from '../../lambdas/store/client';
import { DynamoArticleStore, Table } from '../../lambdas/store/dynamo';
import { MemoryArticleStore } from '../../lambdas/store/memory';
import { EmailTakenError, InvalidCursorError, SubscriberConflictError } from '../../lambdas/store/ports';
import { startLocalDynamo, type TestDynamo } from '../support/local';

let db: TestDynamo;
beforeAll(async () => {
  db = await startLocalDynamo('store-test');
});
afterAll(async () => {
  await db?.stop();
});

const article = (id: string, firstSeenAt: string, over: Partial<Article> = {}): Article => ({
  id,
  feedUrl: 'https://news.example.org/feed/',
  outlet: 'Example News',
  itemKey: `guid:${id}`,
  url: `https://news.example.org/${id}`,
  title: `Title ${id}`,
  html: '<p>Body</p>',
  text: 'Body',
  summary: 'Body.',
  wordCount: 1,
  contentHash: `hash-${id}`,
  publishedAt: firstSeenAt,
  firstSeenAt,
  updatedAt: firstSeenAt,
  storyId: id,
  actors: [{ id: 'Q1', name: 'Sergey Shoigu', type: 'person', mentions: 2 }],
  topics: [{ id: 'sanctions', score: 3 }],
  ...over,
});

const subscriber = (id: string, email: string, over: Partial<Subscriber> = {}): Subscriber => ({
  id,
  email,
  status: 'confirmed',
  topics: ['sanctions'],
  timeZone: 'UTC',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('DynamoArticleStore', () => {
  it('stores an article once when it is created twice', async () => {
    const a = article('once', '2026-11-10T08:00:00.000Z');
    expect(await db.store.articles.createArticle(a)).toBe(true);
    expect(await db.store.articles.createArticle({ ...a, title: 'changed' })).toBe(false);
    expect((await db.store.articles.getArticle('once'))?.title).toBe('Title once');
    expect([...(await db.store.articles.getSeen(['once', 'never'])).keys()]).toEqual(['once']);
  });

  it('answers "everything about an actor between two dates" from its index entries', async () => {
    await db.store.articles.createArticle(article('s1', '2026-11-02T10:00:00.000Z'));
    await db.store.articles.createArticle(article('s2', '2026-11-20T10:00:00.000Z'));
    await db.store.articles.createArticle(article('s3', '2026-12-02T10:00:00.000Z'));
    const november = await db.store.articles.listByActor('Q1', '2026-11-01', '2026-12-01');
    expect(november.sort()).toEqual(['once', 's1', 's2']);
    expect(await db.store.articles.listByTopic('sanctions', '2026-12-01', '2026-12-03')).toEqual(['s3']);
  });

  it('counts the most-mentioned actors of a day', async () => {
    await db.store.articles.createArticle(
      article('t1', '2026-11-15T09:00:00.000Z', {
        actors: [
          { id: 'Q159', name: 'Russia', type: 'state', mentions: 4 },
          { id: 'Q30', name: 'United States', type: 'state', mentions: 1 },
        ],
      }),
    );
    await db.store.articles.createArticle(
      article('t2', '2026-11-15T11:00:00.000Z', {
        actors: [{ id: 'Q159', name: 'Russia', type: 'state', mentions: 2 }],
      }),
    );
    const top = await db.store.articles.topActors('2026-11-15');
    expect(top.map((r) => [r.name, r.articles, r.mentions])).toEqual([
      ['Russia', 2, 6],
      ['United States', 1, 1],
    ]);
  });

  it('counts per day the articles naming each actor, from the index alone, as the memory store does', async () => {
    const memory = new MemoryArticleStore();
    const us = { id: 'Q30', name: 'United States', type: 'state' as const, mentions: 3 };
    const iran = { id: 'Q794', name: 'Iran', type: 'state' as const, mentions: 1 };
    const articles = [
      article('b1', '2027-01-03T01:00:00.000Z', { actors: [us, iran] }),
      article('b2', '2027-01-03T23:59:59.000Z', { actors: [us] }),
      article('b3', '2027-01-05T12:00:00.000Z', { actors: [iran] }),
      article('b4', '2027-01-05T13:00:00.000Z', { actors: [] }),
      article('b5', '2027-01-06T00:00:00.000Z', { actors: [us] }), // the day after the range
    ];
    for (const a of articles) {
      await db.store.articles.createArticle(a);
      await memory.createArticle(a);
    }
    // An update that drops an actor drops it from the counts.
    const b2 = articles[1]!;
    await db.store.articles.putUpdatedArticles([{ next: { ...b2, actors: [iran] }, previous: b2 }]);
    await memory.putUpdatedArticles([{ next: { ...b2, actors: [iran] }, previous: b2 }]);
    const days = await db.store.articles.actorDays('2027-01-03', '2027-01-05');
    expect(days).toEqual([
      { day: '2027-01-03', articles: 2, actors: { Q30: 1, Q794: 2 } },
      { day: '2027-01-04', articles: 0, actors: {} },
      { day: '2027-01-05', articles: 1, actors: { Q794: 1 } },
    ]);
    expect(await memory.actorDays('2027-01-03', '2027-01-05')).toEqual(days);
    await expect(db.store.articles.actorDays('2026-01-01', '2026-12-31')).rejects.toThrow(RangeError);
  });

  it("keeps a settled day's actor totals and reads them back, and never keeps a day still open", async () => {
    const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: db.endpoint });
    const table = new Table(doc, db.tableName);
    // Midday on 2028-03-10: the 8th is settled, the 9th ended only 12 hours ago... and is settled
    // too (6 hours of grace), the 10th is open.
    const store = new DynamoArticleStore(table, () => new Date('2028-03-10T12:00:00.000Z'));
    const nato = { id: 'Q7184', name: 'NATO', type: 'organization' as const, mentions: 1 };
    await store.createArticle(article('adt1', '2028-03-08T10:00:00.000Z', { actors: [nato] }));
    await store.createArticle(article('adt2', '2028-03-10T08:00:00.000Z', { actors: [nato] }));
    const first = await store.actorDays('2028-03-08', '2028-03-10');
    expect(first.map((d) => [d.day, d.articles, d.actors])).toEqual([
      ['2028-03-08', 1, { Q7184: 1 }],
      ['2028-03-09', 0, {}],
      ['2028-03-10', 1, { Q7184: 1 }],
    ]);
    const totals = async (d: string) =>
      (await doc.send(new GetCommand({ TableName: db.tableName, Key: { PK: `ADT#${d}`, SK: 'ADT' } }))).Item;
    expect(await totals('2028-03-08')).toMatchObject({ articles: 1, actors: { Q7184: 1 } });
    expect(await totals('2028-03-09')).toMatchObject({ articles: 0, actors: {} });
    expect(await totals('2028-03-10')).toBeUndefined();

    // Later entries of a settled day are not counted again (its totals are read); an open day's are.
    await store.createArticle(article('adt3', '2028-03-08T11:00:00.000Z', { actors: [nato] }));
    await store.createArticle(article('adt4', '2028-03-10T09:00:00.000Z', { actors: [nato] }));
    const again = await store.actorDays('2028-03-08', '2028-03-10');
    expect(again.map((d) => d.articles)).toEqual([1, 0, 2]);

    // Two readers counting the same day at once both get its counts; one set of totals is kept.
    const other = new DynamoArticleStore(table, () => new Date('2028-03-12T12:00:00.000Z'));
    const [a, b] = await Promise.all([
      other.actorDays('2028-03-10', '2028-03-10'),
      store.actorDays('2028-03-10', '2028-03-10'),
    ]);
    expect(a).toEqual(b);
    expect(await totals('2028-03-10')).toMatchObject({ articles: 2 });
  });

  it('moves index entries and keeps first-seen time when an article is updated', async () => {
    const before = article('u1', '2026-11-16T09:00:00.000Z');
    await db.store.articles.createArticle(before);
    const after = {
      ...before,
      contentHash: 'new',
      firstSeenAt: '2026-11-17T00:00:00.000Z',
      topics: [{ id: 'nuclear', score: 2 }],
    };
    await db.store.articles.putUpdatedArticles([{ next: after, previous: before }]);
    expect((await db.store.articles.getArticle('u1'))?.firstSeenAt).toBe(before.firstSeenAt);
    expect(await db.store.articles.listByTopic('sanctions', '2026-11-16', '2026-11-17')).toEqual([]);
    expect(await db.store.articles.listByTopic('nuclear', '2026-11-16', '2026-11-17')).toEqual(['u1']);
    expect((await db.store.articles.getSeen(['u1'])).get('u1')?.contentHash).toBe('new');
  });
});

describe('DynamoSubscriberStore', () => {
  it('refuses a second subscriber with the same address in another case', async () => {
    await db.store.subscribers.create(subscriber('a1', 'Reader@Example.org'));
    await expect(db.store.subscribers.create(subscriber('a2', 'reader@example.ORG'))).rejects.toBeInstanceOf(
      EmailTakenError,
    );
    expect((await db.store.subscribers.getByEmail('READER@example.org'))?.id).toBe('a1');
  });

  it('does not move lastDigestAt of a subscriber who unsubscribed meanwhile', async () => {
    const b1 = await db.store.subscribers.create(subscriber('b1', 'b1@example.org'));
    await db.store.subscribers.put({ ...b1, status: 'unsubscribed' });
    await db.store.subscribers.recordDigest('b1', '2026-11-27T06:00:00.000Z', '2026-11-27T06:00:01.000Z');
    const after = await db.store.subscribers.get('b1');
    expect(after?.status).toBe('unsubscribed');
    expect(after?.lastDigestAt).toBeUndefined();
  });

  it('lists subscribers by status after a status change', async () => {
    const c1 = await db.store.subscribers.create(subscriber('c1', 'c1@example.org', { status: 'pending' }));
    await db.store.subscribers.put({ ...c1, status: 'confirmed' });
    const pending = await db.store.subscribers.listByStatus('pending');
    expect(pending.map((s) => s.id)).not.toContain('c1');
    expect((await db.store.subscribers.listByStatus('confirmed')).map((s) => s.id)).toContain('c1');
  });
});

describe('DynamoSubscriberStore versions and locks (issue 12)', () => {
  it('writes a record only at the version it was read at, and never writes back a deleted one', async () => {
    const first = await db.store.subscribers.create(subscriber('v1', 'v1@example.org'));
    expect(first.version).toBe(1);
    const a = await db.store.subscribers.put({ ...first, topics: ['nuclear'] });
    expect(a.version).toBe(2);
    // A second writer that read version 1 loses, and changes nothing.
    await expect(db.store.subscribers.put({ ...first, status: 'unsubscribed' })).rejects.toBeInstanceOf(
      SubscriberConflictError,
    );
    expect(await db.store.subscribers.get('v1')).toMatchObject({
      status: 'confirmed',
      topics: ['nuclear'],
      version: 2,
    });
    await db.store.subscribers.recordDigest('v1', '2026-11-27T06:00:00.000Z', '2026-11-27T06:00:01.000Z');
    await expect(db.store.subscribers.put({ ...a, paused: true })).rejects.toBeInstanceOf(
      SubscriberConflictError,
    );
    const current = (await db.store.subscribers.get('v1'))!;
    await db.store.subscribers.delete('v1');
    await expect(db.store.subscribers.put(current)).rejects.toBeInstanceOf(SubscriberConflictError);
    expect(await db.store.subscribers.get('v1')).toBeUndefined();
    expect(await db.store.subscribers.getByEmail('v1@example.org')).toBeUndefined();
  });

  it('writes a record of before versions once, and only while nobody else did', async () => {
    const old = subscriber('v0', 'v0@example.org');
    await db.store.subscribers.create(old);
    // Made as a record without a version would be by the code before this one.
    const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: db.endpoint });
    await doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...old, PK: 'U#v0', SK: 'U', GSI1PK: 'US#confirmed', GSI1SK: 'x#v0' },
      }),
    );
    doc.destroy();
    const legacy = (await db.store.subscribers.get('v0'))!;
    expect(legacy.version).toBeUndefined();
    expect((await db.store.subscribers.put({ ...legacy, paused: true })).version).toBe(1);
    await expect(db.store.subscribers.put({ ...legacy, paused: false })).rejects.toBeInstanceOf(
      SubscriberConflictError,
    );
  });
});

describe('DynamoSendLedger erasure', () => {
  it('stores no address in an error, and forgets a subscriber on every date it may hold', async () => {
    const now = '2026-11-27T06:00:00.000Z';
    for (const date of ['2026-08-30', '2026-11-26', '2026-11-28']) {
      await db.store.sends.claim(date, 'gone', now);
      await db.store.sends.markFailed(
        date,
        'gone',
        'MessageRejected: Address blacklisted: Reader.Name+tag@Example.org',
        now,
      );
    }
    await db.store.sends.claim('2026-11-27', 'kept', now);
    expect((await db.store.sends.get('2026-11-26', 'gone'))?.error).toBe(
      'MessageRejected: Address blacklisted: <address>',
    );
    await db.store.sends.forgetSubscriber('gone', now);
    for (const date of ['2026-08-30', '2026-11-26', '2026-11-28']) {
      expect(await db.store.sends.get(date, 'gone')).toBeUndefined();
    }
    expect(await db.store.sends.get('2026-11-27', 'kept')).toBeDefined();
  });
});

describe('DynamoRequestCounter', () => {
  it('counts up to the limit in a window, shared by every caller, and starts again in the next', async () => {
    const t = Date.UTC(2026, 10, 27, 6, 0, 0);
    expect(await db.store.limits.hit('k', 2, 600_000, t)).toBe(0);
    expect(await db.store.limits.hit('k', 2, 600_000, t + 1000)).toBe(0);
    expect(await db.store.limits.hit('k', 2, 600_000, t + 2000)).toBe(598);
    expect(await db.store.limits.hit('other', 2, 600_000, t + 2000)).toBe(0);
    expect(await db.store.limits.hit('k', 2, 600_000, t + 600_000)).toBe(0);
  });
});

describe('DynamoSendLedger', () => {
  it('claims a (date, subscriber) once, and again only after a failed attempt', async () => {
    expect((await db.store.sends.claim('2026-11-27', 'x', '2026-11-27T06:00:00Z')).claimed).toBe(true);
    expect((await db.store.sends.claim('2026-11-27', 'x', '2026-11-27T06:00:01Z')).claimed).toBe(false);
    await db.store.sends.markFailed('2026-11-27', 'x', 'refused', '2026-11-27T06:00:02Z');
    const retry = await db.store.sends.claim('2026-11-27', 'x', '2026-11-27T06:10:00Z');
    expect(retry.claimed).toBe(true);
    expect(retry.record.attempts).toBe(2);
    await db.store.sends.markSent('2026-11-27', 'x', 'msg-1', '2026-11-27T06:10:01Z');
    expect((await db.store.sends.claim('2026-11-27', 'x', '2026-11-27T07:00:00Z')).claimed).toBe(false);
  });
});

describe('DynamoSubscriberStore.pageIdsByStatus', () => {
  // A table of its own, so the other tests' subscribers do not change the counts.
  let paged: TestDynamo;
  beforeAll(async () => {
    paged = await startLocalDynamo('store-paging-test');
    const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
    for (let i = 0; i < 120; i++) {
      const id = `p${String(i).padStart(3, '0')}`;
      await paged.store.subscribers.create(subscriber(id, `${id}@example.org`, { createdAt: at(i) }));
    }
    for (const status of ['pending', 'unsubscribed', 'bounced'] as const) {
      await paged.store.subscribers.create(subscriber(`x-${status}`, `${status}@example.org`, { status }));
    }
  });
  afterAll(async () => {
    await paged?.stop();
  });

  it('pages through the confirmed ids 50 at a time, each once and no other status', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await paged.store.subscribers.pageIdsByStatus('confirmed', cursor, 50);
      pages.push(page.ids);
      cursor = page.cursor;
    } while (cursor && pages.length < 10);
    const ids = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(new Set(ids).size).toBe(120);
    expect(ids.filter((id) => id.startsWith('x-'))).toEqual([]);
    expect(ids).toEqual([...ids].sort());
  });

  it('refuses a cursor of another status', async () => {
    const first = await paged.store.subscribers.pageIdsByStatus('confirmed', undefined, 50);
    await expect(paged.store.subscribers.pageIdsByStatus('pending', first.cursor, 50)).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});

describe('daysBetween', () => {
  it('refuses a listing range longer than two months instead of cutting it short', async () => {
    const { daysBetween, MAX_LIST_DAYS } = await import('../../lambdas/store/dynamo');
    expect(daysBetween('2026-11-01T10:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(daysBetween('2026-01-01T00:00:00Z', '2026-03-03T00:00:00Z')).toHaveLength(MAX_LIST_DAYS);
    expect(() => daysBetween('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toThrow(RangeError);
  });
});
