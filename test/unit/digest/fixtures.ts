import type { DigestConfig } from '../../../lambdas/digest/run-digest';
/** Fixture articles and subscribers for the digest's tests and benchmark (invented, not from feeds). */
import type { ActorMention, ActorType, Article, Subscriber } from '../../../lambdas/shared/types';

let seq = 0;

const actor = (name: string, type: ActorType, mentions = 1): ActorMention => ({
  id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  name,
  type,
  mentions,
});

export const A = {
  us: (m = 2) => actor('United States', 'state', m),
  russia: (m = 2) => actor('Russia', 'state', m),
  ukraine: (m = 2) => actor('Ukraine', 'state', m),
  israel: (m = 2) => actor('Israel', 'state', m),
  iran: (m = 2) => actor('Iran', 'state', m),
  china: (m = 2) => actor('China', 'state', m),
  northKorea: (m = 2) => actor('North Korea', 'state', m),
  southKorea: (m = 1) => actor('South Korea', 'state', m),
  putin: (m = 1) => actor('Vladimir Putin', 'person', m),
  pentagon: (m = 1) => actor('Pentagon', 'organization', m),
  congress: (m = 1) => actor('Congress', 'organization', m),
  un: (m = 1) => actor('United Nations Security Council', 'organization', m),
  iaea: (m = 1) => actor('International Atomic Energy Agency', 'organization', m),
  houthis: (m = 1) => actor('Houthis', 'organization', m),
  yemen: (m = 1) => actor('Yemen', 'state', m),
  nato: (m = 1) => actor('NATO', 'organization', m),
};

export function article(over: Partial<Article> & { title: string }): Article {
  seq++;
  const id = over.id ?? `art-${seq}`;
  const at = over.firstSeenAt ?? '2025-05-14T08:00:00.000Z';
  const url = over.url ?? `https://news.example.org/${id}`;
  return {
    id,
    feedUrl: 'https://news.example.org/feed',
    outlet: 'Antiwar.com News',
    itemKey: url,
    url,
    html: `<p>${over.title}</p>`,
    text: over.summary ?? 'Body text.',
    summary: 'A first sentence of the summary. A second sentence that adds context.',
    wordCount: 400,
    contentHash: `h-${id}`,
    publishedAt: at,
    firstSeenAt: at,
    updatedAt: at,
    storyId: `story-${id}`,
    actors: [],
    topics: [{ id: 'diplomacy', score: 1 }],
    ...over,
  };
}

export function subscriber(over: Partial<Subscriber> & { id: string }): Subscriber {
  return {
    email: `${over.id}@readers.example.net`,
    status: 'confirmed',
    topics: [],
    timeZone: 'America/New_York',
    createdAt: '2025-05-01T00:00:00.000Z',
    updatedAt: '2025-05-01T00:00:00.000Z',
    confirmedAt: '2025-05-01T00:00:00.000Z',
    ...over,
  };
}

const t = (hoursBefore: number, end = '2025-05-14T11:00:00.000Z') =>
  new Date(new Date(end).getTime() - hoursBefore * 3_600_000).toISOString();

/** A realistic day: 14 stories, one run by three outlets, one by two, several in two topics. */
export function sampleDay(end = '2025-05-14T11:00:00.000Z'): Article[] {
  const topic = (...ids: string[]) => ids.map((id, i) => ({ id, score: 1 - i * 0.2 }));
  return [
    article({
      id: 'talks-arw',
      storyId: 'geneva-talks',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/envoys-meet-in-geneva/',
      title: 'Russian and Ukrainian Envoys Meet in Geneva for First Direct Talks in Months',
      summary:
        'Delegations from Moscow and Kyiv sat down in Geneva on Tuesday for talks mediated by Switzerland. Both sides said a prisoner exchange was on the agenda, but not a ceasefire.',
      firstSeenAt: t(3, end),
      publishedAt: t(3, end),
      topics: topic('peace-talks', 'diplomacy'),
      actors: [A.russia(6), A.ukraine(5), A.putin(2), A.us(1)],
    }),
    article({
      id: 'talks-rs',
      storyId: 'geneva-talks',
      outlet: 'Responsible Statecraft',
      url: 'https://responsiblestatecraft.org/geneva-talks-ukraine/',
      title: 'What the Geneva talks can and cannot deliver',
      firstSeenAt: t(2, end),
      publishedAt: t(2.5, end),
      topics: topic('peace-talks', 'diplomacy'),
      actors: [A.russia(4), A.ukraine(4), A.us(2)],
    }),
    article({
      id: 'talks-cd',
      storyId: 'geneva-talks',
      outlet: 'Common Dreams',
      url: 'https://www.commondreams.org/news/geneva-talks',
      title: 'Peace groups welcome Geneva talks',
      firstSeenAt: t(1, end),
      publishedAt: t(1, end),
      topics: topic('peace-talks'),
      actors: [A.ukraine(2), A.russia(1)],
    }),
    article({
      id: 'sanctions-arw',
      storyId: 'iran-sanctions',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/treasury-sanctions-iran-oil/',
      title: 'Treasury Sanctions Chinese Refineries Over Iranian Oil Purchases',
      summary:
        'The Treasury Department added three refineries in Shandong province to its sanctions list. Beijing called the move illegal unilateral coercion and promised a response.',
      firstSeenAt: t(6, end),
      topics: topic('sanctions', 'diplomacy'),
      actors: [A.us(3), A.iran(3), A.china(3)],
    }),
    article({
      id: 'sanctions-tac',
      storyId: 'iran-sanctions',
      outlet: 'The American Conservative',
      url: 'https://www.theamericanconservative.com/maximum-pressure-again/',
      title: 'Maximum pressure, again',
      firstSeenAt: t(4, end),
      topics: topic('sanctions'),
      actors: [A.us(2), A.iran(4)],
    }),
    article({
      id: 'gaza-aid',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/aid-convoy-gaza/',
      title: 'UN Says Aid Convoy Was Turned Back at Kerem Shalom for the Third Day',
      summary:
        'The World Food Programme said 40 trucks of flour waited at the crossing for a third day without clearance. Aid officials warned that bakeries in central Gaza would close within the week.',
      firstSeenAt: t(5, end),
      topics: topic('civilian-harm'),
      actors: [A.israel(3), A.un(2)],
    }),
    article({
      id: 'yemen-strikes',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/strikes-hodeidah/',
      title: 'US Strikes Hit Hodeidah Port as Houthis Claim Attack on Tanker',
      summary:
        'US warplanes struck fuel depots at the port of Hodeidah overnight, according to the Houthi-run health ministry, which reported 12 dead. The strikes followed a Houthi claim of a drone attack on a tanker in the Red Sea.',
      firstSeenAt: t(8, end),
      topics: topic('military-operations', 'civilian-harm'),
      actors: [A.us(3), A.houthis(3), A.yemen(2)],
    }),
    article({
      id: 'war-powers',
      outlet: 'Responsible Statecraft',
      url: 'https://responsiblestatecraft.org/yemen-war-powers-resolution/',
      title: 'Bipartisan group files war powers resolution on Yemen strikes',
      summary:
        'Four members of the House introduced a resolution to end US hostilities against the Houthis without congressional authorization. A vote could come before the Memorial Day recess.',
      firstSeenAt: t(7, end),
      topics: topic('war-powers', 'military-operations'),
      actors: [A.congress(3), A.us(2), A.houthis(1)],
    }),
    article({
      id: 'budget',
      outlet: 'The Intercept',
      url: 'https://theintercept.com/2025/05/14/pentagon-budget-audit/',
      title: 'The Pentagon Failed Its Seventh Audit. Congress Wants to Give It More Anyway.',
      summary:
        'The Department of Defense could not account for more than half of its assets in its latest audit. House appropriators are nonetheless moving a topline above the president’s request.',
      firstSeenAt: t(10, end),
      topics: topic('defense-spending', 'war-powers'),
      actors: [A.pentagon(4), A.congress(2)],
    }),
    article({
      id: 'iaea',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/iaea-zaporizhzhia/',
      title: 'IAEA Warns of Drone Strikes Near Zaporizhzhia Nuclear Plant',
      summary:
        'Inspectors at the plant reported drone impacts within 500 meters of a reactor building. The agency’s director called for restraint from both sides.',
      firstSeenAt: t(9, end),
      topics: topic('nuclear', 'military-operations'),
      actors: [A.iaea(3), A.ukraine(2), A.russia(2)],
    }),
    article({
      id: 'korea-drills',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/korea-drills/',
      title: 'US and South Korea Begin Air Drills as Pyongyang Warns of “Countermeasures”',
      summary:
        'Around 100 aircraft are taking part in the two-week exercise. North Korea’s defense ministry called the drills a rehearsal for invasion.',
      firstSeenAt: t(12, end),
      topics: topic('military-exercises', 'military-cooperation'),
      actors: [A.us(2), A.southKorea(2), A.northKorea(3)],
    }),
    article({
      id: 'arms',
      outlet: 'Responsible Statecraft',
      url: 'https://responsiblestatecraft.org/arms-sale-notification/',
      title: 'State Department notifies $3 billion in munitions sales to Israel',
      summary:
        'The notification covers bombs and guidance kits, bypassing a hold requested by the Senate Foreign Relations Committee. Critics say the sale violates the Leahy Law.',
      firstSeenAt: t(11, end),
      topics: topic('arms-transfers', 'civilian-harm'),
      actors: [A.israel(2), A.us(3)],
    }),
    article({
      id: 'nato',
      outlet: 'Antiwar.com News',
      url: 'https://news.antiwar.com/2025/05/14/nato-spending/',
      title: 'NATO Members Pressed to Lift Spending Target to 5% of GDP',
      summary:
        'Officials said a draft communiqué for the summit would include the new target. Several southern members have signaled they will not meet it before 2035.',
      firstSeenAt: t(14, end),
      topics: topic('defense-spending', 'military-cooperation'),
      actors: [A.nato(3), A.us(1)],
    }),
    article({
      id: 'protest',
      outlet: 'Common Dreams',
      url: 'https://www.commondreams.org/news/campus-arrests',
      title: 'Students Arrested at Sit-In Against Weapons Research Contracts',
      summary:
        'Police arrested 23 students at a sit-in demanding the university end its weapons research contracts. Organizers said more protests were planned for commencement.',
      firstSeenAt: t(15, end),
      topics: topic('dissent'),
      actors: [A.pentagon(1)],
    }),
  ];
}

const OUTLETS = [
  'Antiwar.com News',
  'Responsible Statecraft',
  'The American Conservative',
  'Common Dreams',
  'The Intercept',
  'Consortium News',
];
const TOPIC_POOL = [
  'sanctions',
  'military-cooperation',
  'arms-transfers',
  'diplomacy',
  'peace-talks',
  'nuclear',
  'military-exercises',
  'military-operations',
  'civilian-harm',
  'war-powers',
  'defense-spending',
  'dissent',
  'intelligence',
];
const ACTOR_POOL = Object.values(A);

/** `n` stories (some run by several outlets) spread over the 24 h before `end`, deterministic. */
export function manyArticles(n: number, end = '2025-05-14T11:00:00.000Z'): Article[] {
  let x = 12345;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
  const out: Article[] = [];
  for (let i = 0; i < n; i++) {
    const outlets = rnd() < 0.2 ? 2 + Math.floor(rnd() * 2) : 1;
    const main = TOPIC_POOL[Math.floor(rnd() * TOPIC_POOL.length)]!;
    const second = TOPIC_POOL[Math.floor(rnd() * TOPIC_POOL.length)]!;
    const topics = [...new Set([main, second])].map((id, k) => ({ id, score: 1 - k * 0.3 }));
    const actors = [0, 1, 2].map(() =>
      ACTOR_POOL[Math.floor(rnd() * ACTOR_POOL.length)]!(1 + Math.floor(rnd() * 4)),
    );
    const uniqueActors = [...new Map(actors.map((a) => [a.id, a])).values()];
    const at = t(rnd() * 23.5, end);
    for (let k = 0; k < outlets; k++) {
      out.push(
        article({
          id: `s${i}-o${k}`,
          storyId: `s${i}`,
          outlet: OUTLETS[(i + k) % OUTLETS.length]!,
          url: `https://outlet${(i + k) % OUTLETS.length}.example.org/2025/05/14/story-${i}`,
          title: `Story ${i}: officials weigh the next step as talks over the crisis continue into a second week`,
          summary:
            'Officials from both governments met again on Wednesday without announcing an agreement. Diplomats said the gaps on sequencing and verification remained wide, but that talks would continue next week.',
          firstSeenAt: at,
          publishedAt: at,
          topics,
          actors: uniqueActors,
        }),
      );
    }
  }
  return out;
}

/** The sender configuration the digest tests share. */
export function digestConfig(over: Partial<DigestConfig> = {}): DigestConfig {
  return {
    senderAddress: 'digest@antiwar.example.org',
    senderName: 'Antiwar Digest',
    postalAddress: 'PO Box 1234, Springfield, IL 62701, USA',
    publicBaseUrl: 'https://digest.example.org',
    tokenSecret: 'unit-test-secret-0123456789',
    timeZone: 'America/New_York',
    sendRatePerSecond: 14,
    ...over,
  };
}
