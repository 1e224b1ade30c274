/**
 * Serves the bundled sample feeds (samples/feeds/*.xml) on a loopback port, as a polite origin
 * would: ETag and Last-Modified validators, 304 on a conditional GET.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FeedConfig } from '../../lambdas/shared/types';

export const SAMPLES_DIR = join(import.meta.dirname, '..', '..', 'samples', 'feeds');

/** Outlet names of the sample files; the file name is the path the server answers on. */
export const SAMPLE_OUTLETS: Record<string, string> = {
  'news-antiwar.xml': 'Antiwar.com News',
  'responsible-statecraft.xml': 'Responsible Statecraft',
  'libertarian-institute.xml': 'The Libertarian Institute',
};

export interface SampleFeedServer {
  port: number;
  feeds: FeedConfig[];
  /** Requests served, by path and status, for tests and the demo summary. */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * Re-dates an RSS file so that its newest item was published at `newest` and its oldest at most
 * `spanMs` before, keeping the items' order. The demo's news is then always the last day's,
 * whatever day the samples were written.
 */
export function shiftFeedDates(xml: string, newest: Date, spanMs = 20 * 3_600_000): string {
  const DATE = /<(pubDate|lastBuildDate)>([^<]+)<\/\1>/g;
  const times = [...xml.matchAll(DATE)].map((m) => Date.parse(m[2]!)).filter(Number.isFinite);
  if (times.length === 0) return xml;
  const max = Math.max(...times);
  const scale = Math.min(1, spanMs / Math.max(1, max - Math.min(...times)));
  return xml.replace(DATE, (whole, tag: string, value: string) => {
    const t = Date.parse(value);
    if (!Number.isFinite(t)) return whole;
    return `<${tag}>${new Date(newest.getTime() - (max - t) * scale).toUTCString()}</${tag}>`;
  });
}

export async function serveSampleFeeds(
  port = 0,
  dir = SAMPLES_DIR,
  options: { newestPublishedAt?: Date } = {},
): Promise<SampleFeedServer> {
  const files = new Map<string, { body: Buffer; etag: string; lastModified: string }>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
    const raw = readFileSync(join(dir, name));
    const body = options.newestPublishedAt
      ? Buffer.from(shiftFeedDates(raw.toString('utf8'), options.newestPublishedAt))
      : raw;
    files.set(`/${name}`, {
      body,
      etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`,
      lastModified: statSync(join(dir, name)).mtime.toUTCString(),
    });
  }
  const requests: SampleFeedServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const file = files.get(path);
    let status = 200;
    if (!file) {
      status = 404;
      res.writeHead(status).end('not found');
    } else if (req.headers['if-none-match'] === file.etag) {
      status = 304;
      res.writeHead(status, { ETag: file.etag, 'Last-Modified': file.lastModified }).end();
    } else {
      res
        .writeHead(status, {
          'Content-Type': 'application/rss+xml; charset=UTF-8',
          ETag: file.etag,
          'Last-Modified': file.lastModified,
        })
        .end(file.body);
    }
    requests.push({ path, status });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    feeds: [...files.keys()].sort().map((path) => ({
      url: `http://127.0.0.1:${actual}${path}`,
      outlet: SAMPLE_OUTLETS[path.slice(1)] ?? path.slice(1),
    })),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
