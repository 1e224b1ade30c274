/**
 * The digest against dynalite and aws-ses-v2-local: a story shared by two outlets, subscribers with
 * different topics (one unconfirmed), the digest run twice for one date; the messages read back
 * from their raw MIME.
 */
import { SESClient } from '@aws-sdk/client-ses';
import { DomUtils, parseDocument } from 'htmlparser2';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../bin/local/dynamo';
import { type DigestDeps, type DigestReport, runDigest } from '../../lambdas/digest/run-digest';
import { SesRawMailer } from '../../lambdas/mail/ses-mailer';
import { fixedClock } from '../../lambdas/shared/clock';
import { silentLog } from '../../lambdas/shared/log';
import { verifySubscriberToken } from '../../lambdas/subscribers/tokens';
import { startLocalDynamo, startLocalSes, type TestDynamo } from '../support/local';
import { A, article, subscriber } from '../unit/digest/fixtures';

const DATE = '2025-05-14';
const NOW = '2025-05-14T11:00:00.000Z';
const SECRET = 'integration-secret-0123456789';
const SHARED_TITLE = 'Russian and Ukrainian Envoys Meet in Geneva for First Direct Talks';

let dynamo: TestDynamo;
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let first: DigestReport;
let second: DigestReport;
const mails = new Map<string, ParsedMail>();

beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startLocalDynamo(), startLocalSes()]);
  const { articles, subscribers } = dynamo.store;
  const stored = [
    article({
      id: 'geneva-arw',
      storyId: 'geneva',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/geneva-talks/',
      title: SHARED_TITLE,
      firstSeenAt: '2025-05-14T07:00:00.000Z',
      topics: [
        { id: 'peace-talks', score: 0.9 },
        { id: 'diplomacy', score: 0.6 },
      ],
      actors: [A.russia(5), A.ukraine(4)],
    }),
    article({
      id: 'geneva-rs',
      storyId: 'geneva',
      outlet: 'Responsible Statecraft',
      url: 'https://responsiblestatecraft.org/geneva-talks/',
      title: 'What the Geneva talks can deliver',
      firstSeenAt: '2025-05-14T08:30:00.000Z',
      topics: [{ id: 'peace-talks', score: 0.8 }],
      actors: [A.russia(3), A.ukraine(3), A.us(1)],
    }),
    article({
      id: 'refineries',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/refineries/',
      title: 'Treasury Sanctions Chinese Refineries Over Iranian Oil',
      firstSeenAt: '2025-05-14T05:00:00.000Z',
      topics: [{ id: 'sanctions', score: 0.9 }],
      actors: [A.us(2), A.iran(2), A.china(2)],
    }),
    article({
      id: 'drills',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/drills/',
      title: 'US and South Korea Begin Air Drills',
      firstSeenAt: '2025-05-14T04:00:00.000Z',
      topics: [{ id: 'military-exercises', score: 0.9 }],
      actors: [A.us(1), A.southKorea(2), A.northKorea(2)],
    }),
  ];
  for (const a of stored) await articles.createArticle(a);
  await subscribers.create(
    subscriber({ id: 'peace', email: 'peace@readers.example.net', topics: ['peace-talks'] }),
  );
  await subscribers.create(
    subscriber({ id: 'money', email: 'money@readers.example.net', topics: ['sanctions', 'peace-talks'] }),
  );
  await subscribers.create(
    subscriber({
      id: 'pending',
      email: 'pending@readers.example.net',
      status: 'pending',
      confirmedAt: undefined,
    }),
  );

  const deps: DigestDeps = {
    articles,
    subscribers,
    sends: dynamo.store.sends,
    editions: dynamo.store.editions,
    mailer: new SesRawMailer(new SESClient({ ...LOCAL_AWS, endpoint: ses.endpoint, maxAttempts: 1 })),
    clock: fixedClock(NOW),
    log: silentLog,
    sleep: async () => {},
    config: {
      senderAddress: 'digest@antiwar.example.org',
      senderName: 'Antiwar Digest',
      postalAddress: 'PO Box 1234, Springfield, IL 62701, USA',
      publicBaseUrl: 'https://digest.example.org',
      tokenSecret: SECRET,
      timeZone: 'America/New_York',
      configurationSet: 'digest-events',
      sendRatePerSecond: 14,
    },
  };
  first = await runDigest(deps, { date: DATE });
  second = await runDigest(deps, { date: DATE });
  for (const e of await ses.emails()) mails.set(e.destination.to[0]!, await simpleParser(e.rawMessage!));
}, 60_000);

afterAll(async () => {
  await Promise.all([dynamo?.stop(), ses?.stop()]);
});

const mail = (email: string) => mails.get(email)!;
const headerLine = (m: ParsedMail, key: string) =>
  m.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
const storyTitles = (m: ParsedMail) =>
  DomUtils.getElementsByTagName('h3', parseDocument(m.html as string)).map((h) => DomUtils.textContent(h));

describe('the digest on dynalite and a local SES', () => {
  it('sends exactly one message per confirmed subscriber and none to the unconfirmed one', async () => {
    expect([...mails.keys()].sort()).toEqual(['money@readers.example.net', 'peace@readers.example.net']);
    expect(first).toMatchObject({ date: DATE, subscribers: 2, sent: 2, skipped: 0, failed: 0, uncertain: 0 });
    expect(second).toMatchObject({ date: DATE, subscribers: 2, sent: 0, skipped: 2, failed: 0 });
    expect(second.reasons.already_sent).toBe(2);
    const records = await dynamo.store.sends.listForDate(DATE);
    expect(records.map((r) => [r.subscriberId, r.status]).sort()).toEqual([
      ['money', 'sent'],
      ['peace', 'sent'],
    ]);
    // The next digest starts where this one ended: the ledger says where, the subscriber is untouched.
    expect((await dynamo.store.sends.get(DATE, 'peace'))!.windowTo).toBe(NOW);
    expect((await dynamo.store.subscribers.get('peace'))!.lastDigestAt).toBeUndefined();
  });

  it("links each email to its own stored edition, whose page shows the email's stories", async () => {
    for (const [email, m] of mails) {
      const id = email.split('@')[0]!;
      const record = (await dynamo.store.sends.get(DATE, id))!;
      const view = (await dynamo.store.editions.page(DATE, record.editionId!, 'view'))!;
      const titles = (html: string) =>
        DomUtils.getElementsByTagName('h3', parseDocument(html)).map((h) => DomUtils.textContent(h));
      expect(titles(view)).toEqual(titles(m.html as string));
      expect(view).not.toContain('unsubscribe?token');
    }
  });

  it('gives each subscriber only the topics they chose', () => {
    expect(storyTitles(mail('peace@readers.example.net'))).toEqual([SHARED_TITLE]);
    expect(storyTitles(mail('money@readers.example.net'))).toEqual([
      SHARED_TITLE,
      'Treasury Sanctions Chinese Refineries Over Iranian Oil',
    ]);
    for (const m of mails.values()) {
      expect(m.html).not.toContain('Air Drills');
      expect(m.text).not.toContain('Air Drills');
    }
  });

  it('shows the story both outlets ran once, naming and linking both', () => {
    const m = mail('money@readers.example.net');
    const html = m.html as string;
    const titles = DomUtils.getElementsByTagName('h3', parseDocument(html)).map((h) =>
      DomUtils.textContent(h),
    );
    expect(titles.filter((t) => t === SHARED_TITLE)).toHaveLength(1);
    expect(titles).toHaveLength(2);
    expect(html).not.toContain('What the Geneva talks can deliver');
    expect(html).toContain('href="https://news.antiwar.com/2025/05/14/geneva-talks/"');
    expect(html).toContain('href="https://responsiblestatecraft.org/geneva-talks/"');
    expect(m.text).toContain('Antiwar.com News · Responsible Statecraft');
    expect(m.text!.split(SHARED_TITLE)).toHaveLength(2);
  });

  it('carries one-click unsubscribe, Message-ID and the configuration set in its headers (R29)', () => {
    for (const [email, m] of mails) {
      const id = email.split('@')[0]!;
      const unsub = headerLine(m, 'list-unsubscribe')!;
      const match = /^List-Unsubscribe: <(https:\/\/digest\.example\.org\/unsubscribe\?token=([^>]+))>$/.exec(
        unsub,
      );
      expect(match).not.toBeNull();
      expect(verifySubscriberToken(SECRET, 'unsubscribe', decodeURIComponent(match![2]!))).toBe(id);
      expect(headerLine(m, 'list-unsubscribe-post')).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      expect(m.messageId).toBe(`<digest-${DATE}-${id}@antiwar.example.org>`);
      expect(headerLine(m, 'x-ses-configuration-set')).toMatch(/: digest-events$/);
      expect(m.from!.value[0]).toEqual({ name: 'Antiwar Digest', address: 'digest@antiwar.example.org' });
      expect(m.subject).toMatch(new RegExp(`^${SHARED_TITLE}`));
    }
  });

  it('has a readable text part and an HTML part with the footer links and postal address (R29, R35)', () => {
    const m = mail('peace@readers.example.net');
    expect(m.text).toContain(`THE STORY\n=========\n\n1. ${SHARED_TITLE}`);
    expect(m.text).toMatch(/Unsubscribe: https:\/\/digest\.example\.org\/unsubscribe\?token=peace\./);
    const doc = parseDocument(m.html as string);
    const linkTo = (text: string) =>
      DomUtils.findAll((el) => el.name === 'a' && DomUtils.textContent(el) === text, doc.children)[0]?.attribs
        .href;
    expect(linkTo('Unsubscribe')).toMatch(/^https:\/\/digest\.example\.org\/unsubscribe\?token=peace\./);
    expect(linkTo('Manage preferences')).toMatch(
      /^https:\/\/digest\.example\.org\/preferences\?token=peace\./,
    );
    expect(linkTo('View in browser')).toMatch(
      /^https:\/\/digest\.example\.org\/archive\/2025-05-14\/[0-9a-f]{16}$/,
    );
    expect(DomUtils.textContent(doc)).toContain('PO Box 1234, Springfield, IL 62701, USA');
    expect(Buffer.byteLength(m.html as string)).toBeLessThan(100_000);
    expect(DomUtils.getElementsByTagName('img', doc)).toHaveLength(0);
  });
});
