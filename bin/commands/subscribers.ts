/** `cli subscribers add|list|remove`: the list by hand. */
import { addSubscriber, listSubscribers, removeSubscriber } from '../../lambdas/subscribers/manage';
import { subscriptionDeps } from '../local/deps';
import type { CommandContext } from './spec';

export interface SubscribersArgs {
  sub: 'add' | 'list' | 'remove';
  email: string;
  topics?: string[];
  confirmed: boolean;
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
      });
      console.log(`${s.email}: ${s.status}, topics ${s.topics.join(', ')}`);
      return 0;
    }
    case 'list': {
      const list = await listSubscribers(deps);
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify(list.map((s) => ({ email: s.email, status: s.status, topics: s.topics })))}\n`,
        );
      } else {
        for (const s of list) console.log(`${s.status.padEnd(12)} ${s.email}  ${s.topics.join(', ')}`);
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
