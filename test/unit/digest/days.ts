/**
 * Digest days as a reader meets them, for the looks test and the render tests: a light day, a heavy
 * day across many topics, and the actor history "In the news" compares them with. Every headline,
 * summary and evidence sentence here was written for these tests; none comes from a feed.
 */
import type { ActorMention, ActorType, Article } from '../../../lambdas/shared/types';
import { article } from './fixtures';

const who = (name: string, type: ActorType, mentions = 1): ActorMention => ({
  id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  name,
  type,
  mentions,
});

const P = (name: string, m = 1) => who(name, 'person', m);
const O = (name: string, m = 1) => who(name, 'organization', m);
const S = (name: string, m = 1) => who(name, 'state', m);

interface Row {
  id: string;
  outlets: string[];
  hours: number;
  topics: [string, string?][];
  actors: ActorMention[];
  title: string;
  summary: string;
}

const END = '2025-11-25T11:00:00.000Z';

const ago = (hours: number, end: string) =>
  new Date(new Date(end).getTime() - hours * 3_600_000).toISOString();
const host = (outlet: string) => `${outlet.toLowerCase().replace(/[^a-z]+/g, '')}.example.org`;

function build(rows: Row[], end: string): Article[] {
  return rows.flatMap((r) =>
    r.outlets.map((outlet, k) =>
      article({
        id: `${r.id}-${k}`,
        storyId: r.id,
        outlet,
        url: `https://${host(outlet)}/2025/11/${r.id}`,
        title: k === 0 ? r.title : `${r.title.split(':')[0]}: what we know`,
        summary: r.summary,
        firstSeenAt: ago(r.hours - k * 0.5, end),
        publishedAt: ago(r.hours + 0.2 - k * 0.5, end),
        topics: r.topics.map(([id, evidence], i) => ({
          id,
          score: 1 - i * 0.25,
          ...(evidence ? { evidence } : {}),
        })),
        actors: r.actors,
      }),
    ),
  );
}

const AWN = 'Antiwar.com News';
const RS = 'Responsible Statecraft';
const TAC = 'The American Conservative';
const CD = 'Common Dreams';
const TI = 'The Intercept';
const CN = 'Consortium News';
const QI = 'Quincy Brief';

const HEAVY: Row[] = [
  {
    id: 'ceasefire-draft',
    outlets: [AWN, RS, CD],
    hours: 3,
    topics: [
      [
        'peace-talks',
        'Negotiators circulated a draft ceasefire text that would freeze the front line for ninety days.',
      ],
      ['diplomacy'],
    ],
    actors: [S('Russia', 6), S('Ukraine', 6), P('Volodymyr Zelensky', 2), S('United States', 2)],
    title: 'Negotiators Circulate Draft 90-Day Ceasefire Ahead of Istanbul Round',
    summary:
      'A draft seen by three delegations would freeze the front line for ninety days and open talks on prisoner exchanges. Kyiv said it had not agreed to the text, and Moscow called it a starting point.',
  },
  {
    id: 'yemen-strikes',
    outlets: [AWN, TI],
    hours: 5,
    topics: [
      [
        'military-operations',
        'US aircraft struck radar sites near the port overnight, the Pentagon confirmed.',
      ],
      ['civilian-harm'],
    ],
    actors: [S('United States', 4), O('Houthis', 4), S('Yemen', 2), O('Pentagon', 2)],
    title: 'US Strikes Radar Sites Near Hodeidah After Houthi Drone Attack on Tanker',
    summary:
      'US aircraft struck three radar sites near the port overnight, the Pentagon said. Local health officials reported seven dead, including two port workers.',
  },
  {
    id: 'iran-enrichment',
    outlets: [AWN, RS],
    hours: 7,
    topics: [
      ['nuclear', 'Inspectors reported that enrichment at the underground site had resumed at 60 percent.'],
      ['diplomacy'],
    ],
    actors: [O('International Atomic Energy Agency', 4), S('Iran', 5), P('Rafael Grossi', 2)],
    title: 'IAEA Says Iran Resumed 60% Enrichment at Fordow, Board Meets Thursday',
    summary:
      'Inspectors reported that enrichment at the underground site resumed last week. European members are weighing a censure resolution at this week’s board meeting.',
  },
  {
    id: 'gaza-bakeries',
    outlets: [CD, AWN],
    hours: 4,
    topics: [['civilian-harm', 'Aid groups said bakeries in central Gaza closed after flour ran out.']],
    actors: [S('Israel', 3), O('World Food Programme', 3), O('United Nations', 1)],
    title: 'Last Bakeries in Central Gaza Close as Flour Runs Out, WFP Says',
    summary:
      'The World Food Programme said its remaining flour stocks were exhausted after crossings stayed closed for eleven days. Aid groups warned of acute malnutrition among children under five.',
  },
  {
    id: 'ndaa-topline',
    outlets: [RS, TAC],
    hours: 9,
    topics: [['defense-spending', 'The conference report sets a topline of $925 billion.'], ['war-powers']],
    actors: [O('Congress', 3), O('House Armed Services Committee', 2), O('Pentagon', 2)],
    title: 'NDAA Conference Report Sets $925 Billion Topline, Above the White House Request',
    summary:
      'House and Senate negotiators agreed a defense bill $28 billion above the president’s request. Floor votes are expected before the Thanksgiving recess.',
  },
  {
    id: 'venezuela-boats',
    outlets: [AWN, TI, CN],
    hours: 6,
    topics: [
      [
        'military-operations',
        'A fourth strike on a boat in the Caribbean killed three people, officials said.',
      ],
      ['war-powers'],
    ],
    actors: [S('United States', 3), S('Venezuela', 3), P('Pete Hegseth', 2)],
    title: 'Fourth Strike on a Caribbean Boat Kills Three as Lawmakers Demand Legal Basis',
    summary:
      'The Defense Secretary announced the strike on social media without naming the vessel’s flag. Senators from both parties asked for the legal opinion behind the campaign.',
  },
  {
    id: 'war-powers-vote',
    outlets: [RS],
    hours: 8,
    topics: [['war-powers', 'The Senate will vote on a resolution to end hostilities against Venezuela.']],
    actors: [O('Senate', 3), P('Tim Kaine', 2), S('Venezuela', 1)],
    title: 'Senate Sets Vote on Kaine Resolution to Bar Hostilities Against Venezuela',
    summary:
      'The privileged resolution needs a simple majority. Two Republican senators said they were undecided.',
  },
  {
    id: 'sanctions-shadow-fleet',
    outlets: [AWN, RS],
    hours: 10,
    topics: [['sanctions', 'Treasury designated 30 tankers it says carry Russian oil above the price cap.']],
    actors: [O('Treasury Department', 3), S('Russia', 3), S('United Kingdom', 1)],
    title: 'Treasury and UK Designate 30 More Shadow-Fleet Tankers',
    summary:
      'The designations target vessels accused of carrying Russian crude above the price cap. Shipping analysts said most of the tankers had already changed flags twice this year.',
  },
  {
    id: 'sanctions-cuba',
    outlets: [TAC],
    hours: 12,
    topics: [['sanctions'], ['diplomacy']],
    actors: [S('Cuba', 2), O('State Department', 2)],
    title: 'State Department Returns Cuba to Terror-Sponsor List, Reversing January Decision',
    summary:
      'The move restores restrictions on banking and travel. Havana called it a pretext for tightening the embargo.',
  },
  {
    id: 'sanctions-relief-syria',
    outlets: [RS, QI],
    hours: 14,
    topics: [['sanctions'], ['diplomacy']],
    actors: [S('Syria', 3), O('European Union', 2)],
    title: 'EU Extends Syria Sanctions Relief for Reconstruction Banking',
    summary:
      'The extension covers correspondent banking for reconstruction projects. Rights groups asked for conditions tied to detainee releases.',
  },
  {
    id: 'arms-taiwan',
    outlets: [AWN, RS],
    hours: 11,
    topics: [
      ['arms-transfers', 'The package includes 60 anti-ship missiles and launchers.'],
      ['military-cooperation'],
    ],
    actors: [S('Taiwan', 3), S('China', 3), O('State Department', 1)],
    title: 'State Department Approves $2 Billion Missile Package for Taiwan',
    summary:
      'The notification covers sixty anti-ship missiles and mobile launchers. Beijing warned of countermeasures against the contractors involved.',
  },
  {
    id: 'arms-israel-hold',
    outlets: [TI, CD],
    hours: 13,
    topics: [['arms-transfers'], ['civilian-harm']],
    actors: [S('Israel', 2), O('Senate Foreign Relations Committee', 2), S('United States', 1)],
    title: 'Senators Place Hold on Bomb Sale to Israel Pending Civilian-Harm Review',
    summary:
      'The hold covers guidance kits and 2,000-pound bombs. The administration can proceed after thirty days if it certifies an emergency.',
  },
  {
    id: 'arms-saudi',
    outlets: [QI],
    hours: 16,
    topics: [['arms-transfers']],
    actors: [S('Saudi Arabia', 2), S('United States', 1)],
    title: 'Saudi F-35 Request Moves to Informal Review in Congress',
    summary:
      'The informal review lets committee leaders raise objections before formal notification. Israel has asked for guarantees of its qualitative military edge.',
  },
  {
    id: 'nato-drills-baltic',
    outlets: [AWN],
    hours: 15,
    topics: [['military-exercises'], ['military-cooperation']],
    actors: [O('NATO', 3), S('Russia', 1)],
    title: 'NATO Opens Two-Week Baltic Air Drills With 60 Aircraft',
    summary:
      'The exercise rehearses the defense of the Suwałki corridor. Moscow called it provocative and announced its own drills in Kaliningrad.',
  },
  {
    id: 'korea-drills',
    outlets: [AWN, TAC],
    hours: 18,
    topics: [['military-exercises'], ['diplomacy']],
    actors: [S('South Korea', 2), S('North Korea', 3), S('United States', 1)],
    title: 'Seoul Scales Back Autumn Drills as Pyongyang Tests Cruise Missiles',
    summary:
      'South Korea said the smaller drills were meant to leave room for talks. North Korea fired two cruise missiles into the Yellow Sea hours later.',
  },
  {
    id: 'china-drills',
    outlets: [RS],
    hours: 20,
    topics: [['military-exercises']],
    actors: [S('China', 3), S('Taiwan', 2)],
    title: 'China Holds Live-Fire Drills Off Fujian After Taiwan Arms Notice',
    summary:
      'The maritime authority closed four zones for three days. Taiwan’s coast guard shadowed the ships.',
  },
  {
    id: 'basing-philippines',
    outlets: [AWN, RS],
    hours: 17,
    topics: [
      ['military-cooperation', 'The agreement gives US forces access to two more bases in northern Luzon.'],
      ['diplomacy'],
    ],
    actors: [S('Philippines', 3), S('United States', 2), S('China', 1)],
    title: 'Philippines Grants US Access to Two More Bases Facing Taiwan',
    summary:
      'The agreement brings the number of sites open to US forces to eleven. Local officials in Cagayan said they were not consulted.',
  },
  {
    id: 'training-niger',
    outlets: [CN],
    hours: 22,
    topics: [['military-cooperation']],
    actors: [S('Niger', 2), S('Russia', 2)],
    title: 'Russian Trainers Arrive in Niamey Under New Defense Pact',
    summary: 'About 100 instructors arrived with air-defense equipment. The pact replaces one with France.',
  },
  {
    id: 'india-us-pact',
    outlets: [QI],
    hours: 23,
    topics: [['military-cooperation']],
    actors: [S('India', 2), S('United States', 2)],
    title: 'India and US Sign Ten-Year Defense Framework',
    summary:
      'The framework covers co-production of engines and drones. It does not commit either side to mutual defense.',
  },
  {
    id: 'dissent-campus',
    outlets: [CD],
    hours: 19,
    topics: [['dissent', 'Students held a sit-in against weapons research contracts.']],
    actors: [O('University of Michigan', 2)],
    title: 'Students Hold Sit-In Over Weapons Research Contracts at Michigan',
    summary:
      'About 200 students occupied the administration building for six hours. The university said the contracts were unclassified basic research.',
  },
  {
    id: 'dissent-veterans',
    outlets: [CD, AWN],
    hours: 21,
    topics: [['dissent']],
    actors: [O('Veterans for Peace', 2)],
    title: 'Veterans March on Capitol Against Venezuela Strikes',
    summary: 'Organizers said 1,500 people took part. Capitol Police made twelve arrests.',
  },
  {
    id: 'intel-leak',
    outlets: [TI, CN],
    hours: 16,
    topics: [
      ['intelligence', 'A leaked assessment found the strikes had not slowed drug flows.'],
      ['war-powers'],
    ],
    actors: [O('Defense Intelligence Agency', 2), S('Venezuela', 1)],
    title: 'Leaked DIA Assessment Finds Boat Strikes Have Not Slowed Drug Flows',
    summary:
      'The assessment, dated October, found traffickers had shifted to air routes. The agency declined to comment on the document.',
  },
  {
    id: 'intel-surveillance',
    outlets: [TI],
    hours: 23.7,
    topics: [['intelligence']],
    actors: [O('National Security Agency', 2), O('Congress', 1)],
    title: 'Section 702 Reform Stalls as Intelligence Committee Splits',
    summary: 'The committee failed to agree on a warrant requirement. The authority lapses in April.',
  },
  {
    id: 'sudan-el-fasher',
    outlets: [AWN, CD],
    hours: 8.5,
    topics: [['civilian-harm', 'Survivors described mass killings after the fall of the city.']],
    actors: [O('Rapid Support Forces', 3), S('Sudan', 2), S('United Arab Emirates', 1)],
    title: 'Survivors of El Fasher Describe Killings as RSF Takes the City',
    summary:
      'Displaced families reaching Tawila described executions at checkpoints. The UN said 60,000 people had fled in a week.',
  },
  {
    id: 'lebanon-strikes',
    outlets: [AWN],
    hours: 12.5,
    topics: [['military-operations'], ['civilian-harm']],
    actors: [S('Israel', 2), O('Hezbollah', 2), S('Lebanon', 2)],
    title: 'Israeli Strikes in South Lebanon Kill Four Despite Truce',
    summary: 'The strikes hit vehicles near Nabatieh. Lebanon filed a complaint with the truce monitors.',
  },
  {
    id: 'ukraine-drones',
    outlets: [AWN, TAC],
    hours: 9.5,
    topics: [['military-operations']],
    actors: [S('Ukraine', 2), S('Russia', 2)],
    title: 'Ukrainian Drones Hit Two Refineries in Russia’s South',
    summary: 'Regional officials reported fires at both plants. Russia said it downed 90 drones overnight.',
  },
  {
    id: 'gaza-truce-talks',
    outlets: [RS, AWN],
    hours: 10.5,
    topics: [['peace-talks'], ['diplomacy']],
    actors: [S('Egypt', 2), S('Qatar', 2), O('Hamas', 2), S('Israel', 2)],
    title: 'Mediators Push Second-Phase Gaza Talks in Cairo',
    summary:
      'Egyptian and Qatari mediators met both delegations separately. The sticking point remains the sequence of withdrawal and disarmament.',
  },
  {
    id: 'sudan-talks',
    outlets: [QI],
    hours: 15.5,
    topics: [['peace-talks']],
    actors: [S('Sudan', 2), S('Saudi Arabia', 1)],
    title: 'Jeddah Talks on Sudan Resume Without the Army Delegation',
    summary: 'Only the RSF sent negotiators. Mediators said they would keep the channel open.',
  },
  {
    id: 'armenia-azerbaijan',
    outlets: [RS],
    hours: 20.5,
    topics: [['peace-talks'], ['diplomacy']],
    actors: [S('Armenia', 2), S('Azerbaijan', 2)],
    title: 'Armenia and Azerbaijan Agree Border Commission Timetable',
    summary: 'The commission will begin demarcation in the north in March.',
  },
  {
    id: 'envoy-moscow',
    outlets: [AWN, TAC],
    hours: 6.5,
    topics: [['diplomacy', 'The envoy met the Russian president for four hours in Moscow.'], ['peace-talks']],
    actors: [P('Steve Witkoff', 2), P('Vladimir Putin', 2), S('Russia', 2), S('United States', 1)],
    title: 'Witkoff Meets Putin for Four Hours; Kremlin Calls Talks Useful',
    summary:
      'The envoy carried a revised framework that drops a demand for international peacekeepers. No date was set for a leaders’ meeting.',
  },
  {
    id: 'china-eu-summit',
    outlets: [QI],
    hours: 18.5,
    topics: [['diplomacy']],
    actors: [S('China', 2), O('European Union', 2)],
    title: 'EU-China Summit Ends Without Joint Statement',
    summary: 'The two sides disagreed over export controls and Russia.',
  },
  {
    id: 'expelled-diplomats',
    outlets: [AWN],
    hours: 22.5,
    topics: [['diplomacy']],
    actors: [S('Poland', 2), S('Russia', 1)],
    title: 'Poland Closes Last Russian Consulate After Rail Sabotage',
    summary: 'Warsaw gave the staff 48 hours to leave.',
  },
  {
    id: 'nuclear-test-talk',
    outlets: [RS, AWN],
    hours: 11.5,
    topics: [['nuclear', 'Officials said preparations for an explosive test were not under way.']],
    actors: [S('United States', 2), O('Department of Energy', 2)],
    title: 'Energy Officials Say No Explosive Nuclear Test Is Being Prepared',
    summary:
      'Officials told senators that the tests ordered would be system tests without a nuclear yield. Arms-control groups welcomed the clarification.',
  },
  {
    id: 'new-start',
    outlets: [QI, RS],
    hours: 14.5,
    topics: [['nuclear'], ['diplomacy']],
    actors: [S('Russia', 2), S('United States', 2)],
    title: 'Moscow Offers One-Year Extension of New START Limits',
    summary: 'The offer would keep warhead limits in place after the treaty expires in February.',
  },
  {
    id: 'budget-audit',
    outlets: [TI],
    hours: 16.5,
    topics: [['defense-spending']],
    actors: [O('Pentagon', 3)],
    title: 'Pentagon Fails Eighth Audit, Cannot Account for Half Its Assets',
    summary: 'The department said it aims for a clean audit by 2028.',
  },
  {
    id: 'golden-dome',
    outlets: [RS, TAC],
    hours: 19.5,
    topics: [['defense-spending'], ['nuclear']],
    actors: [O('Space Force', 2), O('Lockheed Martin', 1)],
    title: 'Golden Dome Cost Estimate Rises to $540 Billion',
    summary: 'The Congressional Budget Office put the cost over twenty years.',
  },
  {
    id: 'contractor-profits',
    outlets: [CD],
    hours: 23.5,
    topics: [['defense-spending']],
    actors: [O('RTX', 2), O('Lockheed Martin', 2)],
    title: 'Contractor Buybacks Hit Record as Munitions Orders Surge',
    summary: 'The five largest contractors returned $18 billion to shareholders this year.',
  },
  {
    id: 'somalia-strikes',
    outlets: [AWN],
    hours: 13.5,
    topics: [['military-operations']],
    actors: [O('AFRICOM', 2), S('Somalia', 2)],
    title: 'AFRICOM Reports Three More Strikes in Somalia, Year’s Total Passes 100',
    summary: 'The command did not say whether civilians were harmed.',
  },
  {
    id: 'drc-m23',
    outlets: [CN],
    hours: 21.5,
    topics: [['civilian-harm'], ['peace-talks']],
    actors: [O('M23', 2), S('Democratic Republic of the Congo', 2)],
    title: 'Fighting Near Uvira Displaces 40,000 Despite Doha Framework',
    summary: 'Aid agencies said camps near the lake were full.',
  },
  {
    id: 'whistleblower',
    outlets: [TI, CD],
    hours: 7.5,
    topics: [['dissent'], ['intelligence']],
    actors: [P('Daniel Hale', 1), O('Justice Department', 1)],
    title: 'Drone Whistleblower Released to Home Confinement',
    summary: 'His supporters asked for a pardon.',
  },
];

/** 40 stories over 13 topics, several run by two or three outlets; the window ends 11:00 UTC. */
export function heavyDay(end = END): Article[] {
  return build(HEAVY, end);
}

/** A quiet day: four stories. */
export function lightDay(end = END): Article[] {
  const ids = new Set(['envoy-moscow', 'iran-enrichment', 'sanctions-shadow-fleet', 'dissent-campus']);
  return build(
    HEAVY.filter((r) => ids.has(r.id)),
    end,
  );
}

/** The heavy day's window: 24 hours to 11:00 UTC (6:00 in New York). */
export const DAY_WINDOW = { from: ago(24, END), to: END };
export const DAY_DATE = '2025-11-25';

/**
 * Thirty days of actor counts as the store would give them: the United States, Russia and Israel
 * in a large share of all articles every day, the rest now and then.
 */
export function usualMonth(): { day: string; articles: number; actors: Record<string, number> }[] {
  return Array.from({ length: 30 }, (_, i) => ({
    day: new Date(Date.UTC(2025, 9, 26 + i)).toISOString().slice(0, 10),
    articles: 120,
    actors: {
      'united-states': 60,
      russia: 35,
      israel: 30,
      ukraine: 25,
      china: 15,
      iran: 12,
      pentagon: 10,
      congress: 8,
      'state-department': 6,
      'european-union': 5,
      hamas: 5,
      nato: 4,
      taiwan: 3,
      senate: 3,
      egypt: 3,
      qatar: 3,
      'treasury-department': 2,
      sudan: 2,
      houthis: 2,
      venezuela: 2,
      'lockheed-martin': 1,
      'saudi-arabia': 2,
    },
  }));
}

/**
 * A week of the heavy day's stories, ending at `end`: each story on one of the seven days (spread
 * by its place in the list), except the ceasefire draft, which runs all week, one outlet on
 * Thursday, the next on Saturday and the last on the final day: one story, one entry.
 */
export function heavyWeek(end = END): Article[] {
  const dayOf = new Map(HEAVY.map((r, i) => [r.id, (i * 3) % 7]));
  const spread = [4, 2, 0];
  return build(HEAVY, end).map((a, i) => {
    const running = a.storyId === 'ceasefire-draft';
    const days = running ? spread[Number(a.id.split('-').at(-1))]! : dayOf.get(a.storyId)!;
    const shift = (iso: string) => new Date(Date.parse(iso) - days * 86_400_000).toISOString();
    return {
      ...a,
      id: `${a.id}-w${i}`,
      firstSeenAt: shift(a.firstSeenAt),
      publishedAt: shift(a.publishedAt),
    };
  });
}

/** The week's window: 7 days to 11:00 UTC on the heavy day. */
export const WEEK_WINDOW = { from: ago(7 * 24, END), to: END };

/**
 * Fourteen days of actor counts before the heavy day: the week before it quieter on Russia and
 * Ukraine, busier on Israel, with no Sudan at all.
 */
export function twoWeeks(): { day: string; articles: number; actors: Record<string, number> }[] {
  return Array.from({ length: 14 }, (_, i) => {
    const thisWeek = i >= 7;
    return {
      day: new Date(Date.UTC(2025, 10, 11 + i)).toISOString().slice(0, 10),
      articles: 120,
      actors: {
        'united-states': 60,
        russia: thisWeek ? 40 : 30,
        ukraine: thisWeek ? 35 : 20,
        israel: thisWeek ? 20 : 30,
        'volodymyr-zelensky': thisWeek ? 6 : 2,
        ...(thisWeek ? { sudan: 3 } : {}),
        china: 15,
        iran: 12,
      },
    };
  });
}
