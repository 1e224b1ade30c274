import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../../lambdas/analysis/topics';
import { signSubscriberToken } from '../../../lambdas/subscribers/tokens';
import { fromHttpApiEvent, toHttpApiResult } from '../../../lambdas/web/api-gateway';
import { type ArchiveReader, createWebApp } from '../../../lambdas/web/app';
import type { WebRequest } from '../../../lambdas/web/http';
import { fakeDeps, NOW, SECRET } from './fakes';

function setup(options: { archive?: ArchiveReader; ipLimit?: { limit: number; windowMs: number } } = {}) {
  const f = fakeDeps();
  const app = createWebApp({ ...f.deps, limits: f.store.limits, ...options });
  const get = (path: string, query: Record<string, string> = {}) =>
    app({ method: 'GET', path, query, headers: {}, body: '', sourceIp: '203.0.113.5' });
  const post = (path: string, body: string, extra: Partial<WebRequest> = {}) =>
    app({
      method: 'POST',
      path,
      query: {},
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'UnitTest/1' },
      body,
      sourceIp: '203.0.113.5',
      ...extra,
    });
  return { ...f, app, get, post };
}

describe('web app pages', () => {
  it('serves the subscribe page with every topic, labelled inputs and strict security headers', async () => {
    const { get } = setup();
    const res = await get('/subscribe');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    for (const t of TOPICS) {
      expect(res.body).toContain(`value="${t.id}"`);
      expect(res.body).toContain(t.description);
    }
    const ids = [...res.body.matchAll(/<(?:input|select)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(res.body).toContain(`for="${id}"`);
    expect(res.body).toMatch(/<option value="America\/New_York" selected>/);
  });

  it('offers canonical zone names with their UTC offsets, common zones first, and a delivery hour', async () => {
    const { get } = setup();
    const body = (await get('/subscribe')).body;
    expect(body).toMatch(/<option value="Europe\/Kyiv"[^>]*>Kyiv \(UTC\+0[23]:00\)<\/option>/);
    expect(body).toMatch(/<option value="Asia\/Kolkata"[^>]*>Kolkata \(UTC\+05:30\)<\/option>/);
    expect(body).not.toMatch(/Europe\/Kiev|Asia\/Calcutta|Asia\/Saigon/);
    // The common group comes first, and a zone appears once.
    expect(body.indexOf('<optgroup label="Common">')).toBeLessThan(body.indexOf('<optgroup label="Africa">'));
    expect(body.match(/value="Europe\/Berlin"/g)).toHaveLength(1);
    expect(body).toMatch(/<select id="deliveryHour" name="deliveryHour"[^>]*>/);
    expect(body).toContain('<option value="6" selected>06:00</option>');
  });

  it('makes all topics the default, folds the choice behind it, and links the latest digest', async () => {
    const { get, post, store } = setup({
      archive: { page: async () => undefined, dates: async (n) => ['2026-11-26', '2026-11-25'].slice(0, n) },
    });
    const body = (await get('/subscribe')).body;
    expect(body).toMatch(/All topics, unless you choose some below/);
    expect(body).toMatch(/<details>\s*<summary>Choose topics<\/summary>/);
    expect(body).not.toMatch(/type="checkbox"[^>]* checked/);
    expect(body).toContain('<a href="/archive/2026-11-26" id="sample-digest">Read the latest digest</a>');
    const res = await post('/subscribe', 'email=all%40example.org&timeZone=Asia%2FTokyo&deliveryHour=7');
    expect(res.status).toBe(200);
    expect(await store.subscribers.getByEmail('all@example.org')).toMatchObject({
      deliveryHour: 7,
      timeZone: 'Asia/Tokyo',
    });
    expect((await store.subscribers.getByEmail('all@example.org'))?.topics).toHaveLength(TOPICS.length);
  });

  it('repeats the typed address and says when the first digest comes, on the "check your inbox" page', async () => {
    const { post } = setup();
    const res = await post('/subscribe', 'email=Reader%40Example.ORG&timeZone=Asia%2FTokyo&deliveryHour=7');
    expect(res.body).toContain('<strong id="typed-email">Reader@example.org</strong>');
    // The fake clock says 2026-11-27 10:00 UTC, 19:00 in Tokyo: the next 07:00 there is tomorrow's.
    expect(res.body).toContain('your first digest arrives <strong>Sat 28 Nov at 07:00, Tokyo time</strong>');
  });

  it('escapes a hostile address when it shows the form again', async () => {
    const { post, sent } = setup();
    const res = await post(
      '/subscribe',
      new URLSearchParams({ email: '"><script>alert(1)</script>', topics: 'nuclear' }).toString(),
    );
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('aria-invalid="true"');
    expect(sent).toEqual([]);
  });

  it('answers a filled honeypot as a success but stores and sends nothing', async () => {
    const { post, store, sent } = setup();
    const res = await post('/subscribe', 'email=bot%40example.org&topics=nuclear&website=http%3A%2F%2Fspam');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Check your inbox');
    expect(await store.subscribers.list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('limits subscribe posts per client network', async () => {
    const { post, sent } = setup({ ipLimit: { limit: 2, windowMs: 60_000 } });
    for (const n of [1, 2])
      expect((await post('/subscribe', `email=r${n}%40example.org&topics=nuclear`)).status).toBe(200);
    const third = await post('/subscribe', 'email=r3%40example.org&topics=nuclear');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    const elsewhere = await post('/subscribe', 'email=r4%40example.org&topics=nuclear', {
      sourceIp: '198.51.100.4',
    });
    expect(elsewhere.status).toBe(200);
    expect(sent).toHaveLength(3);
  });

  it('counts an IPv6 client by its /64, across instances sharing the table', async () => {
    const { deps, store } = fakeDeps();
    const limit = { limit: 2, windowMs: 600_000 };
    // Two instances, one counter store: what two Lambda instances on one table see.
    const instances = [1, 2].map(() => createWebApp({ ...deps, limits: store.limits, ipLimit: limit }));
    const postFrom = (i: number, ip: string, n: number) =>
      instances[i]!({
        method: 'POST',
        path: '/subscribe',
        query: {},
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=v6-${n}%40example.org`,
        sourceIp: ip,
      });
    expect((await postFrom(0, '2001:db8:1:2::a', 1)).status).toBe(200);
    expect((await postFrom(1, '2001:db8:1:2:ffff:ee:dd:1', 2)).status).toBe(200);
    expect((await postFrom(0, '2001:DB8:1:2::3', 3)).status).toBe(429);
    expect((await postFrom(1, '2001:db8:1:3::a', 4)).status).toBe(200);
    expect(await store.subscribers.getByEmail('v6-3@example.org')).toBeUndefined();
  });

  it('refuses a form post whose Origin or Sec-Fetch-Site names another site', async () => {
    const { post, store, sent } = setup();
    const body = 'email=csrf%40example.org&topics=nuclear';
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ]) {
      const res = await post('/subscribe', body, {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          host: 'digest.example.org',
          ...headers,
        },
      });
      expect(res.status).toBe(403);
    }
    expect(await store.subscribers.list()).toEqual([]);
    const ok = await post('/subscribe', body, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'digest.example.org',
        origin: 'https://digest.example.org',
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(ok.status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the confirmation email cannot be sent', async () => {
    const { post, mailer } = setup();
    mailer.fail = new Error('SES is down');
    const res = await post('/subscribe', 'email=r%40example.org&topics=nuclear');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('120');
    expect(res.body).not.toContain('SES is down');
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const { post, store } = setup();
    const res = await post('/subscribe', `email=a%40example.org&topics=nuclear&pad=${'x'.repeat(17_000)}`);
    expect(res.status).toBe(413);
    const declared = await post('/subscribe', '', { headers: { 'content-length': '10000000' } });
    expect(declared.status).toBe(413);
    expect(await store.subscribers.list()).toEqual([]);
  });

  it('answers 404 for unknown paths, 405 with Allow for wrong methods and no body for HEAD', async () => {
    const { app, get } = setup();
    expect((await get('/wp-admin')).status).toBe(404);
    expect((await get('/subscribe/extra')).status).toBe(404);
    const del = await app({
      method: 'DELETE',
      path: '/unsubscribe',
      query: {},
      headers: {},
      body: '',
      sourceIp: '',
    });
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET, POST');
    const head = await app({
      method: 'HEAD',
      path: '/subscribe',
      query: {},
      headers: {},
      body: '',
      sourceIp: '',
    });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('shows the unsubscribe page on GET without changing anything, and without the address', async () => {
    const { get, store } = setup();
    await store.subscribers.create({
      id: 'u1',
      email: 'reader@example.org',
      status: 'confirmed',
      topics: ['nuclear'],
      timeZone: 'UTC',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      confirmedAt: '2026-01-01T00:00:00.000Z',
    });
    const before = await store.subscribers.get('u1');
    const res = await get('/unsubscribe', { token: signSubscriberToken(SECRET, 'unsubscribe', 'u1', NOW()) });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<form[^>]*method="post"/);
    expect(res.body).not.toContain('reader@example.org');
    expect(res.body).not.toContain('/preferences?token=');
    expect(await store.subscribers.get('u1')).toEqual(before);
  });
});

describe('web app archive', () => {
  const ID = '0123456789abcdef';
  /** Stored pages by "date/edition|house/view|all"; records every read. */
  function reader(pages: Record<string, string>, dates: string[] = []) {
    const reads: string[] = [];
    const archive: ArchiveReader = {
      async page(date, edition, which) {
        const key = `${date}/${edition ?? 'house'}/${which}`;
        reads.push(key);
        return pages[key];
      },
      async dates(limit) {
        return dates.slice(0, limit);
      },
    };
    return { archive, reads };
  }
  const page = (text: string) => `<!doctype html><html><body><p style="color:red">${text}</p></body></html>`;

  it('serves an edition and its full list from the stored pages, as immutable email HTML', async () => {
    const { archive, reads } = reader({
      [`2026-11-26/${ID}/view`]: page('The email'),
      [`2026-11-26/${ID}/all`]: page('Every story'),
    });
    const { get } = setup({ archive });
    const view = await get(`/archive/2026-11-26/${ID}`);
    expect(view.status).toBe(200);
    expect(view.body).toContain('The email');
    expect(view.headers['cache-control']).toContain('immutable');
    // Email HTML needs inline styles; scripts stay forbidden by default-src 'none' (R26).
    expect(view.headers['content-security-policy']).toContain("default-src 'none'");
    expect(view.headers['content-security-policy']).not.toContain('script');
    expect((await get(`/archive/2026-11-26/${ID}/all`)).body).toContain('Every story');
    expect(reads).toEqual([`2026-11-26/${ID}/view`, `2026-11-26/${ID}/all`]);
  });

  it("serves the day's house edition at /archive/DATE and /archive/DATE/all", async () => {
    const { archive } = reader({
      '2026-11-26/house/view': page('House email'),
      '2026-11-26/house/all': page('House list'),
    });
    const { get } = setup({ archive });
    expect((await get('/archive/2026-11-26')).body).toContain('House email');
    expect((await get('/archive/2026-11-26/all')).body).toContain('House list');
  });

  it('lists the dates with a digest at /archive, newest first, linking each day', async () => {
    const { archive } = reader({}, ['2026-11-26', '2026-11-25']);
    const { get } = setup({ archive });
    const res = await get('/archive');
    expect(res.status).toBe(200);
    expect(res.body.indexOf('/archive/2026-11-26')).toBeLessThan(res.body.indexOf('/archive/2026-11-25'));
    expect(res.body).toContain('Thursday, November 26, 2026');
  });

  it('sends a topic-selection link from an older email to the day', async () => {
    const { archive, reads } = reader({});
    const { get } = setup({ archive });
    const res = await get('/archive/2026-11-26/nuclear%2Bdiplomacy');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/archive/2026-11-26');
    expect(reads).toEqual([]);
  });

  it.each([
    ['an impossible date', '/archive/2026-02-30'],
    ['a malformed date', `/archive/26-11-2026/${ID}`],
    ['a malformed edition page', `/archive/2026-11-26/${ID}/more`],
    ['extra segments', `/archive/2026-11-26/${ID}/all/x`],
  ])('answers 404 for %s without reading the store', async (_name, path) => {
    const { archive, reads } = reader({});
    const { get } = setup({ archive });
    expect((await get(path)).status).toBe(404);
    expect(reads).toEqual([]);
  });

  it('answers 404 when no page is stored there', async () => {
    const { archive } = reader({});
    const { get } = setup({ archive });
    const res = await get(`/archive/2026-11-26/${ID}`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('No digest here');
  });
});

describe('HTTP API payload 2.0 adapter', () => {
  const event = (over: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 =>
    ({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/unsubscribe',
      rawQueryString: 'token=abc.def&token=second',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      requestContext: {
        http: {
          method: 'POST',
          path: '/unsubscribe',
          sourceIp: '192.0.2.1',
          protocol: 'HTTP/1.1',
          userAgent: 'x',
        },
      },
      isBase64Encoded: false,
      ...over,
    }) as APIGatewayProxyEventV2;

  it('decodes a base64 body and keeps the first value of each query parameter', () => {
    const req = fromHttpApiEvent(
      event({ body: Buffer.from('List-Unsubscribe=One-Click').toString('base64'), isBase64Encoded: true }),
    );
    expect(req).toMatchObject({
      method: 'POST',
      path: '/unsubscribe',
      query: { token: 'abc.def' },
      body: 'List-Unsubscribe=One-Click',
      sourceIp: '192.0.2.1',
    });
  });

  it('passes no more than the cap plus one byte of a huge body', () => {
    const req = fromHttpApiEvent(
      event({ body: Buffer.alloc(1_000_000, 'a').toString('base64'), isBase64Encoded: true }),
    );
    expect(req.body.length).toBe(16 * 1024 + 1);
  });

  it('maps a response to the structured result', () => {
    expect(toHttpApiResult({ status: 201, headers: { a: 'b' }, body: 'x' })).toEqual({
      statusCode: 201,
      headers: { a: 'b' },
      body: 'x',
      isBase64Encoded: false,
    });
  });
});
