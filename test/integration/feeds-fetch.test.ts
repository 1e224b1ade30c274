import type { LookupAddress } from 'node:dns';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedFetchError } from '../../lambdas/feeds/errors';
import { createFeedFetcher, type FeedFetcher } from '../../lambdas/feeds/fetch';
import { rss2 } from '../fixtures/feeds/build';
import { type Handler, selfSignedCert, send, startServer, type TestServer } from '../fixtures/feeds/server';

const FEED = rss2([{ title: 'One', link: 'https://example.org/1', html: '<p>Body text.</p>' }]);

async function failure(p: Promise<unknown>): Promise<FeedFetchError> {
  try {
    await p;
  } catch (err) {
    return err as FeedFetchError;
  }
  throw new Error('expected the fetch to fail');
}

describe('feed fetcher against a loopback server (private network allowed)', () => {
  let server: TestServer;
  let fetcher: FeedFetcher;

  beforeAll(async () => {
    server = await startServer();
    fetcher = createFeedFetcher({
      allowPrivateNetwork: true,
      totalTimeoutMs: 1500,
      connectTimeoutMs: 1000,
      maxBodyBytes: 1024 * 1024,
    });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });
  afterEach(() => server.routes.clear());

  const route = (path: string, h: Handler) => {
    server.routes.set(path, h);
    return `${server.url}${path}`;
  };

  it('fetches a feed and sends a descriptive User-Agent and Accept-Encoding', async () => {
    const url = route('/ok', send(FEED, { etag: '"abc"', 'last-modified': 'Wed, 01 May 2024 10:00:00 GMT' }));
    const r = await fetcher.fetch(url, undefined);
    expect(r.status).toBe('fetched');
    if (r.status !== 'fetched') return;
    expect(r.body.toString()).toBe(FEED);
    expect(r.etag).toBe('"abc"');
    const req = server.requests.at(-1)!;
    expect(req.headers['user-agent']).toMatch(/antiwar-digest.*\+https:\/\//);
    expect(req.headers['accept-encoding']).toBe('gzip, br');
  });

  it('cuts off a server that never sends headers with kind timeout', async () => {
    const url = route('/hang', () => {});
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('timeout');
  });

  it('cuts off a server that drips a byte at a time with kind timeout', async () => {
    const url = route('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const t = setInterval(() => res.write('<'), 200);
      res.on('close', () => clearInterval(t));
    });
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('timeout');
  });

  it('decodes gzip and brotli bodies', async () => {
    const g = route('/gz', send(gzipSync(FEED), { 'content-encoding': 'gzip' }));
    const b = route('/br', send(brotliCompressSync(FEED), { 'content-encoding': 'br' }));
    for (const url of [g, b]) {
      const r = await fetcher.fetch(url, undefined);
      expect(r.status === 'fetched' && r.body.toString()).toBe(FEED);
    }
  });

  it('stops a gzip bomb at the decoded-size cap with kind too_large', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KB compressed
    const url = route('/bomb', send(bomb, { 'content-encoding': 'gzip' }));
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('too_large');
  });

  it('classifies a lying Content-Encoding as decode_error', async () => {
    const url = route('/liar', send(FEED, { 'content-encoding': 'gzip' }));
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('decode_error');
  });

  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const url = route('/big', (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('<rss>');
    });
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('too_large');
  });

  it('refuses a chunked body that grows past the cap', async () => {
    const url = route('/chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const push = () => {
        while (sent < 4 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 4 * 1024 * 1024) res.once('drain', push);
        else res.end();
      };
      push();
    });
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('too_large');
  });

  it('answers 304 to validators and sends them as conditional headers', async () => {
    const url = route('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
      } else send(FEED, { etag: '"v1"' })(req, res);
    });
    const r = await fetcher.fetch(url, { etag: '"v1"', lastModified: 'Wed, 01 May 2024 10:00:00 GMT' });
    expect(r.status).toBe('not_modified');
    expect(server.requests.at(-1)!.headers['if-modified-since']).toBe('Wed, 01 May 2024 10:00:00 GMT');
  });

  it('reports 410 as gone and 429 with Retry-After as rate_limited', async () => {
    const gone = route('/gone', send('', {}, 410));
    const limited = route('/limited', send('', { 'retry-after': '120' }, 429));
    const dated = route(
      '/dated',
      send('', { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }, 503),
    );
    expect((await failure(fetcher.fetch(gone, undefined))).kind).toBe('gone');
    const e = await failure(fetcher.fetch(limited, undefined));
    expect([e.kind, e.retryAfterMs]).toEqual(['rate_limited', 120_000]);
    const d = await failure(fetcher.fetch(dated, undefined));
    expect(d.kind).toBe('rate_limited');
    expect(d.retryAfterMs).toBeGreaterThan(3_500_000);
  });

  it('reports other statuses as http_error', async () => {
    const url = route('/500', send('boom', {}, 500));
    const e = await failure(fetcher.fetch(url, undefined));
    expect([e.kind, e.httpStatus]).toEqual(['http_error', 500]);
  });

  it('follows a chain of 301s and reports the permanent target', async () => {
    route('/a', send('', { location: '/b' }, 301));
    route('/b', send('', { location: '/c' }, 308));
    route('/c', send(FEED));
    const r = await fetcher.fetch(`${server.url}/a`, undefined);
    expect(r.status).toBe('fetched');
    expect(r.url).toBe(`${server.url}/c`);
    expect(r.permanentRedirect).toBe(`${server.url}/c`);
  });

  it('does not report a permanent target when a temporary redirect is in the chain', async () => {
    route('/t1', send('', { location: '/t2' }, 301));
    route('/t2', send('', { location: '/t3' }, 302));
    route('/t3', send(FEED));
    const r = await fetcher.fetch(`${server.url}/t1`, undefined);
    expect(r.permanentRedirect).toBe(`${server.url}/t2`);
    route('/u1', send('', { location: '/u2' }, 307));
    route('/u2', send(FEED));
    expect((await fetcher.fetch(`${server.url}/u1`, undefined)).permanentRedirect).toBeUndefined();
  });

  it('stops a redirect loop and a chain longer than 5 with too_many_redirects', async () => {
    route('/loop1', send('', { location: '/loop2' }, 302));
    route('/loop2', send('', { location: '/loop1' }, 302));
    expect((await failure(fetcher.fetch(`${server.url}/loop1`, undefined))).kind).toBe('too_many_redirects');
    for (let i = 0; i < 7; i++) route(`/r${i}`, send('', { location: `/r${i + 1}` }, 301));
    route('/r7', send(FEED));
    expect((await failure(fetcher.fetch(`${server.url}/r0`, undefined))).kind).toBe('too_many_redirects');
    // exactly five redirects are fine
    expect((await fetcher.fetch(`${server.url}/r2`, undefined)).status).toBe('fetched');
  });

  it('opens at most 2 connections to one origin and reuses them (R15)', async () => {
    const url = route('/slow', (req, res) => setTimeout(() => send(FEED)(req, res), 50));
    const before = server.connections;
    const results = await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(url, undefined)));
    expect(results.every((r) => r.status === 'fetched')).toBe(true);
    expect(server.connections - before).toBeLessThanOrEqual(2);
    await fetcher.fetch(url, undefined);
    expect(server.connections - before).toBeLessThanOrEqual(2);
  });

  it('sends a request again on a new connection when a kept-alive one was closed by the server', async () => {
    // The second request on any connection finds it closed, as after a server's idle timeout.
    const seen = new WeakMap<object, number>();
    const url = route('/stale', (req, res) => {
      const n = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, n);
      if (n > 1) req.socket.destroy();
      else send(FEED)(req, res);
    });
    for (let i = 0; i < 3; i++) expect((await fetcher.fetch(url, undefined)).status).toBe('fetched');
  });

  it('classifies a connection dropped in the middle of the body as network', async () => {
    const url = route('/cut', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '100000' });
      res.write('<rss><channel>', () => res.socket?.destroy());
    });
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('network');
  });

  it('classifies a gzip body cut short by the server as network, not decode_error', async () => {
    const url = route('/cutgz', (_req, res) => {
      const gz = gzipSync(FEED.repeat(50));
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(gz.length) });
      res.write(gz.subarray(0, 40), () => res.socket?.destroy());
    });
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('network');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const url = route('/file', send('', { location: 'file:///etc/passwd' }, 302));
    expect((await failure(fetcher.fetch(url, undefined))).kind).toBe('bad_scheme');
  });
});

describe('feed fetcher over https', () => {
  let tlsServer: TestServer;
  let plain: TestServer;
  let fetcher: FeedFetcher;

  beforeAll(async () => {
    const cert = selfSignedCert();
    tlsServer = await startServer(cert);
    plain = await startServer();
    fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 3000 }, { ca: cert.cert });
  });
  afterAll(async () => {
    await fetcher.close();
    await tlsServer.close();
    await plain.close();
  });

  it('fetches over https', async () => {
    tlsServer.routes.set('/feed', send(FEED));
    expect((await fetcher.fetch(`${tlsServer.url}/feed`, undefined)).status).toBe('fetched');
  });

  it('refuses an https to http redirect without contacting the http server', async () => {
    plain.routes.set('/feed', send(FEED));
    tlsServer.routes.set('/down', send('', { location: `${plain.url}/feed` }, 301));
    expect((await failure(fetcher.fetch(`${tlsServer.url}/down`, undefined))).kind).toBe('bad_scheme');
    expect(plain.connections).toBe(0);
  });
});

describe('feed fetcher connect timeout', () => {
  it('gives up on a server that accepts TCP but never completes the TLS handshake', async () => {
    // Reads what the client sends (so it sees the client hang up) and never answers.
    let hungUp: Promise<unknown> | undefined;
    const silent = createNetServer((s) => {
      s.resume();
      hungUp = new Promise((r) => s.once('close', r));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const fetcher = createFeedFetcher({
      allowPrivateNetwork: true,
      connectTimeoutMs: 200,
      totalTimeoutMs: 5000,
    });
    try {
      const e = await failure(fetcher.fetch(`https://127.0.0.1:${port}/feed`, undefined));
      expect(e.kind).toBe('timeout');
      // the connect deadline fired, not the total one
      expect(e.message).toMatch(/no connection within 200 ms/);
    } finally {
      await fetcher.close();
      await new Promise((r) => silent.close(r));
    }
    // the fetcher hung up rather than leaving the connection open (the test times out otherwise)
    expect(hungUp).toBeDefined();
    await hungUp;
  });
});

describe('feed fetcher SSRF guard (private network not allowed)', () => {
  let server: TestServer;
  let fetcher: FeedFetcher;
  const resolved: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    server.routes.set('/feed', send(FEED));
    // A public-looking host name that resolves to loopback, without touching real DNS.
    const lookup = (
      hostname: string,
      _o: object,
      cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void,
    ) => {
      resolved.push(hostname);
      cb(null, [{ address: '127.0.0.1', family: 4 }]);
    };
    fetcher = createFeedFetcher(
      { allowPrivateNetwork: false, totalTimeoutMs: 2000 },
      { lookup: lookup as never },
    );
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  for (const host of [
    '127.0.0.1',
    '2130706433',
    '0177.0.0.1',
    '0x7f.0.0.1',
    '[::1]',
    '[::ffff:127.0.0.1]',
    'localhost',
  ]) {
    it(`refuses http://${host} before any connection`, async () => {
      const before = server.connections;
      const e = await failure(fetcher.fetch(`http://${host}:${server.port}/feed`, undefined));
      expect(e.kind).toBe('blocked_address');
      expect(server.connections).toBe(before);
    });
  }

  it('refuses a host name that resolves to loopback, at connect time', async () => {
    const before = server.connections;
    const e = await failure(fetcher.fetch(`http://feeds.example.com:${server.port}/feed`, undefined));
    expect(e.kind).toBe('blocked_address');
    expect(resolved).toContain('feeds.example.com');
    expect(server.connections).toBe(before);
  });

  it('connects through the guarded lookup when the private network is allowed', async () => {
    const open = createFeedFetcher(
      { allowPrivateNetwork: true, totalTimeoutMs: 2000 },
      {
        lookup: ((_h: string, _o: object, cb: (e: null, a: LookupAddress[]) => void) =>
          cb(null, [{ address: '127.0.0.1', family: 4 }])) as never,
      },
    );
    try {
      const r = await open.fetch(`http://feeds.example.com:${server.port}/feed`, undefined);
      expect(r.status).toBe('fetched');
    } finally {
      await open.close();
    }
  });

  it('refuses a non-http feed URL with bad_scheme', async () => {
    expect((await failure(fetcher.fetch('ftp://example.com/feed', undefined))).kind).toBe('bad_scheme');
  });
});
