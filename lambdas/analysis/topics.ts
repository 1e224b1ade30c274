/** Topic ids and meanings of ../shared/analysis/TAXONOMY.md. Ids are stable: preferences name them. */
export const TOPICS = [
  {
    id: 'sanctions',
    label: 'Sanctions',
    description: 'Economic sanctions, export controls, asset freezes, embargoes and sanctions relief.',
  },
  {
    id: 'military-cooperation',
    label: 'Military cooperation',
    description: 'Defense ties between states: pacts, alliances, basing, training, technology sharing.',
  },
  {
    id: 'arms-transfers',
    label: 'Arms transfers',
    description: 'Weapons and military equipment sold, given or shipped; aid packages; embargo violations.',
  },
  {
    id: 'diplomacy',
    label: 'Diplomacy',
    description: 'Summits, state visits, negotiations, envoys, letters to the UN, expulsions of diplomats.',
  },
  {
    id: 'peace-talks',
    label: 'Peace talks',
    description: 'Ceasefires, truces, peace plans and talks to end a war; prisoner and hostage deals.',
  },
  {
    id: 'nuclear',
    label: 'Nuclear',
    description: 'Nuclear weapons, tests, doctrine, enrichment, arms-control treaties, plants in war zones.',
  },
  {
    id: 'military-exercises',
    label: 'Military exercises',
    description: 'Drills, joint exercises, naval manoeuvres and war games.',
  },
  {
    id: 'military-operations',
    label: 'Military operations',
    description: 'Strikes, offensives, battles, deployments to a theatre, occupations.',
  },
  {
    id: 'civilian-harm',
    label: 'Civilian harm',
    description: 'Civilian deaths and injuries, humanitarian crises, famine, displacement.',
  },
  {
    id: 'war-powers',
    label: 'War powers',
    description: 'Congress and war: war powers resolutions, AUMFs, votes on funding, oversight.',
  },
  {
    id: 'defense-spending',
    label: 'Defense spending',
    description: 'Military budgets, the NDAA, Pentagon spending and audits, contractors and their profits.',
  },
  {
    id: 'dissent',
    label: 'Dissent',
    description: 'Antiwar protest, whistleblowers, press freedom, censorship, prosecution of critics.',
  },
  {
    id: 'intelligence',
    label: 'Intelligence',
    description: 'Spy agencies, covert action, surveillance and intelligence leaks.',
  },
] as const;

export type TopicId = (typeof TOPICS)[number]['id'];

export const TOPIC_IDS: readonly TopicId[] = TOPICS.map((t) => t.id);

const byId = new Map<string, (typeof TOPICS)[number]>(TOPICS.map((t) => [t.id, t]));

export function isTopicId(id: string): id is TopicId {
  return byId.has(id);
}

export function topicLabel(id: string): string {
  return byId.get(id)?.label ?? id;
}
