/** `cli serve`: the subscription pages and the digest archive on localhost, over the local runtime. */
import { createArchiveReader } from '../../lambdas/digest/archive';
import { createPublisher } from '../../lambdas/publish/publisher';
import { systemClock } from '../../lambdas/shared/clock';
import type { Log } from '../../lambdas/shared/log';
import { createWebApp } from '../../lambdas/web/app';
import { readingRoutesOf } from '../../lambdas/web/reading';
import { subscriptionDeps } from './deps';
import type { Runtime } from './runtime';
import { startWebServer } from './web-server';

export async function serveSite(rt: Runtime, port: number, log: Log): Promise<void> {
  // Links in the emails sent while serving must point at this server unless a base URL is set.
  if (!process.env.PUBLIC_BASE_URL) rt.config.publicBaseUrl = `http://localhost:${port}`;
  const app = createWebApp({
    ...subscriptionDeps(rt, log),
    limits: rt.store.limits,
    archive: createArchiveReader(rt.store.editions),
    reading: readingRoutesOf(
      createPublisher({
        articles: rt.store.articles,
        editions: rt.store.editions,
        clock: systemClock,
        site: { name: rt.config.senderName, baseUrl: rt.config.publicBaseUrl, timeZone: rt.config.timeZone },
      }),
    ),
  });
  const server = await startWebServer({ port, host: '127.0.0.1', app });
  console.log(`serving ${rt.config.publicBaseUrl}/ (store: ${rt.storeDescription}); Ctrl-C stops`);
  if (rt.outboxDir) console.log(`confirmation emails go to ${rt.outboxDir}`);
  const stop = async () => {
    await server.close();
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
