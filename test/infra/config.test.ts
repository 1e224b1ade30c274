import { describe, expect, it } from 'vitest';
import { DEFAULT_FEEDS } from '../../lambdas/feeds/default-feeds';
import { CONFIG_DEFAULTS, ConfigError, loadConfig } from '../../lib/config';

const prodBase = {
  stage: 'prod',
  senderAddress: 'digest@news.example.org',
  postalAddress: 'PO Box 1, Anytown, USA',
  publicBaseUrl: 'https://digest.example.org',
};

/** The problems loadConfig reports for `context`, or [] when it accepts it. */
function problems(context: Record<string, unknown>): string[] {
  try {
    loadConfig(context);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadConfig', () => {
  it('returns the documented defaults when the context is empty', () => {
    const config = loadConfig({});
    const { monitoring, ...flat } = CONFIG_DEFAULTS;
    expect(config).toMatchObject(flat);
    expect(config.monitoring).toBe(monitoring.dev);
    expect(config.feeds).toEqual(DEFAULT_FEEDS);
    expect(config.operatorEmail).toBeUndefined();
    expect(config.senderDomain).toBeUndefined();
  });

  it('parses strings given with `cdk -c key=value`', () => {
    const config = loadConfig({
      sendRatePerSecond: '14',
      allowPrivateNetwork: 'true',
      feeds: JSON.stringify([{ url: 'https://example.net/rss', outlet: ' Example ' }]),
    });
    expect(config.sendRatePerSecond).toBe(14);
    expect(config.allowPrivateNetwork).toBe(true);
    expect(config.feeds).toEqual([{ url: 'https://example.net/rss', outlet: 'Example' }]);
  });

  it('takes 0 to turn the daily quota guard off and refuses a fraction', () => {
    expect(loadConfig({ dailyQuota: '0' }).dailyQuota).toBe(0);
    expect(problems({ dailyQuota: 2.5 })).toEqual([
      'dailyQuota: expected a whole number, 0 to turn the guard off, got 2.5',
    ]);
  });

  it('names the key and the index of a bad feed', () => {
    expect(
      problems({
        feeds: [
          { url: 'https://a.example/feed', outlet: 'A' },
          { url: 'ftp://b', outlet: 'B' },
        ],
      }),
    ).toEqual(['feeds[1].url: "ftp://b" is not an http(s) URL']);
  });

  it('rejects a feed listed twice', () => {
    const feed = { url: 'https://a.example/feed', outlet: 'A' };
    expect(problems({ feeds: [feed, feed] })).toEqual([
      'feeds[1].url: "https://a.example/feed" is listed twice',
    ]);
  });

  it('rejects a feed list too large for the Lambda environment', () => {
    const feeds = Array.from({ length: 60 }, (_, i) => ({
      url: `https://outlet-${i}.example/feed/`,
      outlet: `Outlet ${i}`,
    }));
    expect(problems({ feeds })[0]).toMatch(/^feeds: 60 feeds take \d+ bytes/);
  });

  it('reports every bad key at once', () => {
    const found = problems({
      stage: 'staging',
      senderAddress: 'not-an-address',
      timeZone: 'Mars/Olympus',
      sendRatePerSecond: 0,
      ingestSchedule: 'every 30 minutes',
      digestSchedule: 'cron(0 6 * * * *)',
      allowPrivateNetwork: 'yes',
    });
    expect(found.map((p) => p.split(':')[0])).toEqual([
      'stage',
      'senderAddress',
      'ingestSchedule',
      'digestSchedule',
      'timeZone',
      'sendRatePerSecond',
      'allowPrivateNetwork',
    ]);
  });

  it('refuses a digest schedule other than hourly, since readers pick their own hour', () => {
    const [problem] = problems({ digestSchedule: 'cron(0 6 * * ? *)' });
    expect(problem).toMatch(/^digestSchedule: .*every hour on the hour/);
  });

  it('refuses the placeholder sender, postal address and base URL in prod', () => {
    expect(problems({ stage: 'prod' }).map((p) => p.split(':')[0])).toEqual([
      'senderAddress',
      'postalAddress',
      'publicBaseUrl',
    ]);
  });

  it('accepts a complete prod configuration', () => {
    expect(loadConfig(prodBase)).toMatchObject({
      stage: 'prod',
      publicBaseUrl: 'https://digest.example.org',
    });
  });

  it('refuses private-network fetching in prod', () => {
    expect(problems({ ...prodBase, allowPrivateNetwork: true })).toEqual([
      'allowPrivateNetwork: must be false for stage "prod": it would let feeds reach internal addresses',
    ]);
  });

  it('rejects a sender domain that does not hold the sender address', () => {
    expect(problems({ senderAddress: 'digest@a.example.org', senderDomain: 'b.example.org' })).toEqual([
      'senderDomain: senderAddress "digest@a.example.org" is not in domain "b.example.org"',
    ]);
  });

  it('defaults monitoring to lean in dev and to full in prod', () => {
    expect(loadConfig({}).monitoring).toBe('lean');
    expect(loadConfig(prodBase).monitoring).toBe('full');
  });

  it('takes an explicit monitoring mode over the stage default', () => {
    expect(loadConfig({ monitoring: 'full' }).monitoring).toBe('full');
    expect(loadConfig({ ...prodBase, monitoring: 'lean' }).monitoring).toBe('lean');
  });

  it('names the monitoring key when its value is neither full nor lean', () => {
    expect(problems({ monitoring: 'minimal' })).toEqual([
      'monitoring: expected "full" or "lean", got "minimal"',
    ]);
  });

  it('drops a trailing slash from the public base URL', () => {
    expect(loadConfig({ publicBaseUrl: 'https://digest.example.org/' }).publicBaseUrl).toBe(
      'https://digest.example.org',
    );
  });
});
