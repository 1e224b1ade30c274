/** `cli subscribers add|list|remove`: the list by hand. */

import { actorById } from '../../lambdas/analysis/find-actors';
import { WEEKDAYS } from '../../lambdas/shared/delivery-time';
import { DEFAULT_DELIVERY_HOUR, type Subscriber } from '../../lambdas/shared/types';
import { addSubscriber, listSubscribers, removeSubscriber } from '../../lambdas/subscribers/manage';
import { subscriptionDeps } from '../local/deps';
import type { CommandContext } from './spec';

export interface SubscribersArgs {
  sub: 'add' | 'list' | 'remove';
  email: string;
  topics?: string[];
  confirmed: boolean;
  /** IANA zone; absent keeps the current one, or the configured default for a new subscriber. */
  zone?: string;
  /** Local delivery hour, 0-23; absent keeps the current one (default 6). */
  hour?: number;
  /** Actor ids to follow, resolved from names before the store opened; absent keeps the current ones. */
  actors?: string[];
  /** The weekly edition's day (1 Monday ... 7 Sunday), null for daily; absent keeps the current one. */
  weeklyOn?: number | null;
  json: boolean;
}

export async function run({ rt, log, args }: CommandContext<SubscribersArgs>): Promise<number> {
  const deps = subscriptionDeps(rt, log);
  switch (args.sub) {
    case 'add': {
      const s = await addSubscriber(deps, {
        email: args.email,
        topics: args.topics,
        confirmed: args.confirmed,
        timeZone: args.zone,
        deliveryHour: args.hour,
        actors: args.actors,
        weeklyOn: args.weeklyOn,
      });
      const follows = s.actors?.length ? `, follows ${names(s).join(', ')}` : '';
      console.log(
        `${s.email}: ${s.status}, topics ${s.topics.join(', ')}, ${cadence(s)} at ${hourText(s)} ${s.timeZone}${follows}`,
      );
      return 0;
    }
    case 'list': {
      const list = await listSubscribers(deps);
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify(
            list.map((s) => ({
              email: s.email,
              status: s.status,
              topics: s.topics,
              zone: s.timeZone,
              hour: s.deliveryHour ?? DEFAULT_DELIVERY_HOUR,
              actors: names(s),
              cadence: s.weeklyOn ? 'weekly' : 'daily',
              weekday: s.weeklyOn ? WEEKDAYS[s.weeklyOn - 1] : null,
            })),
          )}\n`,
        );
      } else {
        for (const s of list) {
          const follows = s.actors?.length ? `  follows ${names(s).join(', ')}` : '';
          console.log(
            `${s.status.padEnd(12)} ${s.email}  ${cadence(s)} ${hourText(s)} ${s.timeZone}  ${s.topics.join(', ')}${follows}`,
          );
        }
        if (list.length === 0) console.log('no subscribers');
      }
      return 0;
    }
    case 'remove': {
      const removed = await removeSubscriber(deps, args.email);
      console.log(removed ? `${args.email} removed` : `${args.email} is not on the list`);
      return removed ? 0 : 1;
    }
  }
}

/** The followed actors' names; an id the gazetteer no longer knows shows as itself. */
const names = (s: Subscriber) => (s.actors ?? []).map((id) => actorById(id)?.name ?? id);
const cadence = (s: Subscriber) => (s.weeklyOn ? `weekly ${WEEKDAYS[s.weeklyOn - 1]}` : 'daily');
const hourText = (s: Subscriber) => `${String(s.deliveryHour ?? DEFAULT_DELIVERY_HOUR).padStart(2, '0')}:00`;
