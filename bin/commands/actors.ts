/** `cli actors top|show`: the day's most-mentioned actors, or one actor's articles. */
import { findActors } from '../../lambdas/analysis';
import type { CommandContext } from './spec';

export interface ActorsArgs {
  sub: 'top' | 'show';
  name: string;
  date?: string;
  from?: string;
  to?: string;
  json: boolean;
}

export async function run({ rt, args }: CommandContext<ActorsArgs>): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  if (args.sub === 'top') {
    const rows = await rt.store.articles.topActors(args.date ?? today);
    if (args.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else
      for (const r of rows.slice(0, 30))
        console.log(`${String(r.articles).padStart(4)}  ${r.name} (${r.type})`);
    return 0;
  }
  const [actor, ...others] = findActors(args.name);
  if (!actor) {
    console.error(`error: no known actor is called "${args.name}"`);
    return 1;
  }
  if (others.length > 0)
    console.error(`"${args.name}" may also mean: ${others.map((a) => a.name).join(', ')}`);
  const from = args.from ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = args.to ?? today;
  const ids = await rt.store.articles.listByActor(actor.id, from, `${to}T23:59:59.999Z`);
  const articles = (await Promise.all(ids.map((id) => rt.store.articles.getArticle(id)))).filter(
    (a) => a !== undefined,
  );
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ actor, from, to, articles: articles.map(({ html: _h, text: _t, ...a }) => a) })}\n`,
    );
  } else {
    console.log(
      `${actor.name} (${actor.type}, ${actor.id}): ${articles.length} articles from ${from} to ${to}`,
    );
    for (const a of articles)
      console.log(`  ${a.firstSeenAt.slice(0, 10)}  ${a.outlet}: ${a.title}\n    ${a.url}`);
  }
  return 0;
}
