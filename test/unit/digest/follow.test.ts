/**
 * Following an actor: stories naming them open the digest in "You follow", whatever their topics,
 * each story once; and one render serves exactly the readers who should get it.
 */
import { describe, expect, it } from 'vitest';
import { buildStoryPool, composeDigest, digestEntries, followedIn } from '../../../lambdas/digest/compose';
import { renderSelection } from '../../../lambdas/digest/render';
import { type DigestDeps, runDigest } from '../../../lambdas/digest/run-digest';
import type { Mailer, OutgoingMessage } from '../../../lambdas/mail/ports';
import { fixedClock } from '../../../lambdas/shared/clock';
import { silentLog } from '../../../lambdas/shared/log';
import type { Subscriber } from '../../../lambdas/shared/types';
import { keys } from '../../../lambdas/store/keys';
import { createMemoryStore } from '../../../lambdas/store/memory';
import { siteLinks } from '../../../lambdas/subscribers/links';
import { digestConfig, sampleDay, subscriber } from './fixtures';

const END = '2025-05-14T11:00:00.000Z';
const DATE = '2025-05-14';
const WINDOW = { from: '2025-05-13T11:00:00.000Z', to: END };
/** The NATO story of the sample day is about defense spending and military cooperation. */
const NATO_TITLE = 'NATO Members Pressed to Lift Spending Target to 5% of GDP';

async function setup(subs: Subscriber[]) {
  const store = createMemoryStore();
  for (const a of sampleDay(END)) await store.articles.createArticle(a);
  for (const s of subs) await store.subscribers.create(s);
  const sent: OutgoingMessage[] = [];
  const mailer: Mailer = {
    async send(m) {
      sent.push(m);
      return { id: `ses-${sent.length}` };
    },
  };
  const deps: DigestDeps = {
    ...store,
    mailer,
    clock: fixedClock(END),
    log: silentLog,
    config: digestConfig(),
    sleep: async () => {},
  };
  return { store, deps, sent };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('following an actor, in the composition', () => {
  const pool = () => buildStoryPool(sampleDay(END), WINDOW);

  it('opens the digest with a story outside the reader’s topics that names an actor they follow, once', () => {
    const digest = composeDigest(pool(), {
      date: DATE,
      timeZone: 'America/New_York',
      topics: ['nuclear', 'sanctions'],
      follow: ['nato'],
    });
    expect(digest.following?.entries.map((e) => e.title)).toEqual([NATO_TITLE]);
    expect(digest.following?.actors).toEqual([{ id: 'nato', name: 'NATO' }]);
    expect(digest.lead?.title).toBe(NATO_TITLE);
    const ids = digestEntries(digest).map((e) => e.storyId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(digest.sections.map((s) => s.topic)).not.toContain('defense-spending');
    // Counted once: the two topics' stories (Iran sanctions, IAEA) and the followed one.
    expect(digest.storyCount).toBe(3);
  });

  it('takes a followed story out of its topic section rather than showing it twice', () => {
    const digest = composeDigest(pool(), {
      date: DATE,
      timeZone: 'America/New_York',
      topics: [],
      follow: ['houthis'],
    });
    const followed = digest.following!.entries.map((e) => e.storyId);
    expect(followed.sort()).toEqual(['story-war-powers', 'story-yemen-strikes']);
    const rest = [...digest.top, ...digest.sections.flatMap((s) => s.entries)].map((e) => e.storyId);
    for (const id of followed) expect(rest).not.toContain(id);
    expect(digest.storyCount).toBe(
      composeDigest(pool(), { date: DATE, timeZone: 'UTC', topics: [] }).storyCount,
    );
  });

  it('renders "You follow" first in the email and the text part, naming whom each story names', () => {
    const links = siteLinks('https://digest.example.org', 'follow-secret-0123456789');
    const { rendered } = renderSelection(
      pool(),
      { date: DATE, timeZone: 'America/New_York', topics: ['nuclear'], follow: ['nato'] },
      { senderName: 'Antiwar Digest', postalAddress: 'PO Box 1', links, mode: 'email' },
    );
    const html = rendered.html;
    expect(html.indexOf('id="following"')).toBeGreaterThan(-1);
    expect(html.indexOf('id="following"')).toBeLessThan(html.indexOf('IAEA Warns'));
    expect(count(html, `>${NATO_TITLE}</a></h3>`)).toBe(1);
    expect(html).toContain('Stories naming NATO.');
    expect(html).toContain('for Nuclear and the actors you follow');
    expect(rendered.text.indexOf('YOU FOLLOW (1)')).toBeLessThan(rendered.text.indexOf('IAEA Warns'));
    expect(count(rendered.text, NATO_TITLE)).toBe(1);
    expect(rendered.subject).toBe(`${NATO_TITLE} — and 1 more`);
  });

  it('counts only the followed actors some story names, so their readers share one composition', () => {
    expect(followedIn(pool(), ['zz-nobody', 'nato', 'houthis', 'nato'])).toEqual(['houthis', 'nato']);
    expect(followedIn(pool(), ['zz-nobody'])).toEqual([]);
  });
});

describe('following an actor, through the digest run', () => {
  it('sends a reader of other topics the followed actor’s story once, and their own topics', async () => {
    const { deps, sent, store } = await setup([
      subscriber({ id: 'f', topics: ['nuclear'], actors: ['nato'] }),
      subscriber({ id: 'n', topics: ['nuclear'] }),
    ]);
    const report = await runDigest(deps, { date: DATE });
    expect(report.sent).toBe(2);
    const f = sent.find((m) => m.to.startsWith('f@'))!;
    const n = sent.find((m) => m.to.startsWith('n@'))!;
    expect(count(f.html, `>${NATO_TITLE}</a></h3>`)).toBe(1);
    expect(f.html).toContain('IAEA Warns');
    expect(n.html).not.toContain(NATO_TITLE);
    // Each reader's edition is what their email showed: the follower's opens with the NATO story.
    const fEdition = await store.editions.get(DATE, (await store.sends.get(DATE, 'f'))!.editionId!);
    const nEdition = await store.editions.get(DATE, (await store.sends.get(DATE, 'n'))!.editionId!);
    expect(fEdition).toMatchObject({ actors: ['nato'], shown: ['story-nato', 'story-iaea'], storyCount: 2 });
    expect(nEdition?.actors).toBeUndefined();
    expect(nEdition?.shown).toEqual(['story-iaea']);
  });

  it('composes once for readers whose followed actors no story names, and apart for the one it does', async () => {
    const { deps, sent } = await setup([
      subscriber({ id: 'a', topics: ['nuclear'] }),
      subscriber({ id: 'b', topics: ['nuclear'], actors: ['zz-nobody-today'] }),
      subscriber({ id: 'c', topics: ['nuclear'], actors: ['nato', 'zz-nobody-today'] }),
      subscriber({ id: 'd', topics: ['nuclear'], actors: ['nato'] }),
    ]);
    const report = await runDigest(deps, { date: DATE });
    expect(report.sent).toBe(4);
    expect(report.selections).toBe(2);
    const html = (id: string) =>
      sent.find((m) => m.to.startsWith(`${id}@`))!.html.replace(/token=[^"&]+/g, '');
    expect(html('b')).toBe(html('a'));
    expect(html('c')).toBe(html('d'));
    expect(html('c')).not.toBe(html('a'));
  });
});

describe('the delivery index', () => {
  it('groups readers by cadence, topics and followed actors, whatever order the actors were given in', () => {
    const base = { id: 'x', timeZone: 'Europe/Berlin', deliveryHour: 7, topics: ['nuclear', 'dissent'] };
    const a = keys.deliverySlot({ ...base, actors: ['Q7184', 'Q56226'] }).GSI2SK;
    const b = keys.deliverySlot({ ...base, actors: ['Q56226', 'Q7184'] }).GSI2SK;
    const none = keys.deliverySlot(base).GSI2SK;
    const weekly = keys.deliverySlot({ ...base, weeklyOn: 5 }).GSI2SK;
    expect(a).toBe(b);
    expect(a).not.toBe(none);
    expect(none).toBe('07#d#dissent+nuclear#-#x');
    expect(weekly).toBe('07#w5#dissent+nuclear#-#x');
    // Twenty long ids still make a short key.
    const many = Array.from({ length: 20 }, (_, i) => `gen:organization:a-very-long-organisation-name-${i}`);
    expect(keys.deliverySlot({ ...base, actors: many }).GSI2SK.length).toBeLessThan(60);
  });
});
