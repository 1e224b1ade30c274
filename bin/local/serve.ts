/** `cli serve`: the subscription pages and the digest archive on localhost, over the local runtime. */
import { renderArchive } from '../../lambdas/digest/run-digest';
import { systemClock } from '../../lambdas/shared/clock';
import type { Log } from '../../lambdas/shared/log';
import { createWebApp } from '../../lambdas/web/app';
import { digestConfig, subscriptionDeps } from './deps';
import type { Runtime } from './runtime';
import { startWebServer } from './web-server';

export async function serveSite(rt: Runtime, port: number, log: Log): Promise<void> {
  // Links in the emails sent while serving must point at this server unless a base URL is set.
  if (!process.env.PUBLIC_BASE_URL) rt.config.publicBaseUrl = `http://localhost:${port}`;
  const app = createWebApp({
    ...subscriptionDeps(rt, log),
    archive: (date, topics) =>
      renderArchive(
        { articles: rt.store.articles, clock: systemClock, config: digestConfig(rt) },
        date,
        topics,
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
