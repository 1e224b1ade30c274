/**
 * The feeds polled when none are configured: outlets that report on war and foreign policy from an
 * antiwar or restraint standpoint. Configuration as data: the Lambda takes FEEDS_JSON instead when
 * set; every entry is checked by `validateFeedConfigs` at start-up.
 */
import type { FeedConfig } from '../shared/types';

export const DEFAULT_FEEDS: FeedConfig[] = [
  { url: 'https://news.antiwar.com/feed/', outlet: 'Antiwar.com News' },
  { url: 'https://original.antiwar.com/feed/', outlet: 'Antiwar.com Original' },
  { url: 'https://responsiblestatecraft.org/feed/', outlet: 'Responsible Statecraft' },
  { url: 'https://libertarianinstitute.org/feed/', outlet: 'The Libertarian Institute' },
  { url: 'https://consortiumnews.com/feed/', outlet: 'Consortium News' },
  { url: 'https://quincyinst.org/feed/', outlet: 'Quincy Institute' },
  { url: 'https://scheerpost.com/feed/', outlet: 'ScheerPost' },
  { url: 'https://www.counterpunch.org/feed/', outlet: 'CounterPunch' },
  { url: 'https://www.theamericanconservative.com/feed/', outlet: 'The American Conservative' },
];
