/**
 * The deploy configuration, read in one place from cdk.json context (or `cdk -c key=value`).
 * No aws-cdk-lib import: the command-line tools read cdk.json through `loadConfig` too.
 */
import { DEFAULT_FEEDS } from '../lambdas/feeds/default-feeds';
import type { FeedConfig } from '../lambdas/shared/types';

export type Stage = 'dev' | 'prod';

/**
 * 'full': every alarm and custom metric. 'lean': only what protects subscribers and the sender's
 * reputation, inside the CloudWatch free tier (10 alarms, 10 custom metrics).
 */
export type MonitoringMode = 'full' | 'lean';
export const MONITORING_MODES = ['full', 'lean'] as const satisfies readonly MonitoringMode[];

export interface DeployConfig {
  /** 'prod' keeps the table and secret on stack deletion and refuses placeholder values. */
  stage: Stage;
  feeds: FeedConfig[];
  senderAddress: string;
  senderName: string;
  /** When set, SES verifies this domain (DKIM) instead of the single sender address. */
  senderDomain?: string;
  /** Physical postal address printed in every digest footer (CAN-SPAM). */
  postalAddress: string;
  /** Origin of the subscription pages and archive, without a trailing slash. */
  publicBaseUrl: string;
  /** EventBridge Scheduler expression: rate(...) or cron(...). */
  ingestSchedule: string;
  /** Always hourly on the hour (UTC): readers choose their own delivery hour. */
  digestSchedule: string;
  /** IANA time zone of the site: the archive's day, and readers whose zone is unknown. */
  timeZone: string;
  sendRatePerSecond: number;
  /** Digests per date at most, the SES sandbox guard (R34); 0 turns it off. */
  dailyQuota: number;
  /** Receives operational alarms when set. */
  operatorEmail?: string;
  /** Lets the fetcher reach private addresses; tests and local runs only (R8). */
  allowPrivateNetwork: boolean;
  /** Alarms and custom metrics deployed; defaults by stage (CONFIG_DEFAULTS.monitoring). */
  monitoring: MonitoringMode;
}

/**
 * Defaults for every key. The sender, postal address and base URL are placeholders that work for
 * local runs and dev synths; stage 'prod' refuses them.
 */
export const CONFIG_DEFAULTS = {
  stage: 'dev',
  senderAddress: 'digest@example.com',
  senderName: 'Antiwar Digest',
  postalAddress: 'Antiwar Digest, 1 Example Street, Springfield, USA',
  publicBaseUrl: 'http://localhost:8787',
  ingestSchedule: 'rate(30 minutes)',
  digestSchedule: 'cron(0 * * * ? *)',
  timeZone: 'America/New_York',
  sendRatePerSecond: 1,
  dailyQuota: 200,
  allowPrivateNetwork: false,
  // By stage: a dev stack should cost cents; prod gets every alarm unless its operator opts out.
  monitoring: { dev: 'lean', prod: 'full' },
} as const satisfies Partial<Omit<DeployConfig, 'monitoring'>> & {
  monitoring: Record<Stage, MonitoringMode>;
};

export const CONFIG_KEYS = [
  'stage',
  'feeds',
  'senderAddress',
  'senderName',
  'senderDomain',
  'postalAddress',
  'publicBaseUrl',
  'ingestSchedule',
  'digestSchedule',
  'timeZone',
  'sendRatePerSecond',
  'dailyQuota',
  'operatorEmail',
  'allowPrivateNetwork',
  'monitoring',
] as const satisfies readonly (keyof DeployConfig)[];

export const STACK_NAME = 'AntiwarDigestStack';

/** CloudFormation output keys of the stack, read by the CLI with `--stack`. */
export const STACK_OUTPUT = {
  tableName: 'TableName',
  ingestFunctionName: 'IngestFunctionName',
  digestFunctionName: 'DigestFunctionName',
  tokenSecretName: 'TokenSecretName',
  configurationSetName: 'ConfigurationSetName',
  apiUrl: 'ApiUrl',
  alarmTopicArn: 'AlarmTopicArn',
} as const;

/** Lambda caps all environment variables of a function at 4 KB together; FEEDS_JSON must leave room. */
export const MAX_FEEDS_JSON_BYTES = 3000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid deploy configuration (cdk.json "context"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const EMAIL = /^[^\s@<>()",;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const RATE = /^rate\(([1-9]\d*) (minutes?|hours?|days?)\)$/;
const CRON = /^cron\((\S+( \S+){5})\)$/;
const PLACEHOLDER_DOMAIN = /@(example\.(com|org|net)|localhost)$/i;

/** Validates the whole context at once and reports every bad key, not just the first. */
export function loadConfig(context: Record<string, unknown>): DeployConfig {
  const problems: string[] = [];
  const bad = (key: string, why: string) => problems.push(`${key}: ${why}`);

  const str = (key: (typeof CONFIG_KEYS)[number], fallback: string): string => {
    const v = context[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string' || v.trim() === '') {
      bad(key, `expected a non-empty string, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return v.trim();
  };
  const optionalStr = (key: (typeof CONFIG_KEYS)[number]): string | undefined => {
    const v = context[key];
    if (v === undefined || v === null || v === '') return undefined;
    return str(key, '') || undefined;
  };

  const stageValue = str('stage', CONFIG_DEFAULTS.stage);
  const stage: Stage = stageValue === 'prod' ? 'prod' : 'dev';
  if (stageValue !== 'dev' && stageValue !== 'prod')
    bad('stage', `expected "dev" or "prod", got "${stageValue}"`);
  const prod = stage === 'prod';

  const feeds = readFeeds(context.feeds, bad);

  const senderAddress = str('senderAddress', CONFIG_DEFAULTS.senderAddress);
  if (!EMAIL.test(senderAddress)) bad('senderAddress', `"${senderAddress}" is not an email address`);
  else if (prod && PLACEHOLDER_DOMAIN.test(senderAddress))
    bad(
      'senderAddress',
      `"${senderAddress}" is a placeholder; stage "prod" needs an address you can verify in SES`,
    );

  const senderName = str('senderName', CONFIG_DEFAULTS.senderName);
  if (/[\r\n"<>]/.test(senderName))
    bad('senderName', 'must not contain line breaks, quotes or angle brackets');

  const senderDomain = optionalStr('senderDomain')?.toLowerCase();
  if (senderDomain !== undefined) {
    if (!HOSTNAME.test(senderDomain)) bad('senderDomain', `"${senderDomain}" is not a domain name`);
    else if (!senderAddress.toLowerCase().endsWith(`@${senderDomain}`))
      bad('senderDomain', `senderAddress "${senderAddress}" is not in domain "${senderDomain}"`);
  }

  const postalAddress = str('postalAddress', CONFIG_DEFAULTS.postalAddress);
  if (prod && postalAddress === CONFIG_DEFAULTS.postalAddress)
    bad('postalAddress', 'is the placeholder; stage "prod" needs your real postal address (CAN-SPAM)');

  const publicBaseUrl = str('publicBaseUrl', CONFIG_DEFAULTS.publicBaseUrl).replace(/\/+$/, '');
  const base = parseUrl(publicBaseUrl);
  if (!base || (base.protocol !== 'https:' && base.protocol !== 'http:'))
    bad('publicBaseUrl', `"${publicBaseUrl}" is not an http(s) URL`);
  else if (prod && (base.protocol !== 'https:' || base.hostname === 'localhost'))
    bad('publicBaseUrl', `stage "prod" needs a public https URL, got "${publicBaseUrl}"`);

  const ingestSchedule = str('ingestSchedule', CONFIG_DEFAULTS.ingestSchedule);
  checkSchedule('ingestSchedule', ingestSchedule, bad);
  const digestSchedule = str('digestSchedule', CONFIG_DEFAULTS.digestSchedule);
  checkSchedule('digestSchedule', digestSchedule, bad);
  // Each reader's delivery hour comes round once a day only if the planner runs every hour.
  if (
    digestSchedule !== CONFIG_DEFAULTS.digestSchedule &&
    !problems.some((p) => p.startsWith('digestSchedule'))
  )
    bad(
      'digestSchedule',
      `"${digestSchedule}": the digest goes out in each reader's own hour, so its planner runs every hour on the hour ("${CONFIG_DEFAULTS.digestSchedule}", UTC); set readers' hours instead`,
    );

  const timeZone = str('timeZone', CONFIG_DEFAULTS.timeZone);
  if (!isTimeZone(timeZone))
    bad('timeZone', `"${timeZone}" is not an IANA time zone (e.g. "America/New_York")`);

  const sendRatePerSecond = readNumber(context.sendRatePerSecond, CONFIG_DEFAULTS.sendRatePerSecond);
  if (!(sendRatePerSecond > 0 && sendRatePerSecond <= 1000))
    bad(
      'sendRatePerSecond',
      `expected a number above 0 and at most 1000, got ${JSON.stringify(context.sendRatePerSecond)}`,
    );

  const dailyQuota = readNumber(context.dailyQuota, CONFIG_DEFAULTS.dailyQuota);
  if (!(Number.isInteger(dailyQuota) && dailyQuota >= 0))
    bad(
      'dailyQuota',
      `expected a whole number, 0 to turn the guard off, got ${JSON.stringify(context.dailyQuota)}`,
    );

  const operatorEmail = optionalStr('operatorEmail');
  if (operatorEmail !== undefined && !EMAIL.test(operatorEmail))
    bad('operatorEmail', `"${operatorEmail}" is not an email address`);

  const allowPrivateNetwork = readBoolean(context.allowPrivateNetwork, CONFIG_DEFAULTS.allowPrivateNetwork);
  if (allowPrivateNetwork === undefined)
    bad('allowPrivateNetwork', `expected true or false, got ${JSON.stringify(context.allowPrivateNetwork)}`);
  else if (prod && allowPrivateNetwork)
    bad('allowPrivateNetwork', 'must be false for stage "prod": it would let feeds reach internal addresses');

  const monitoring = str('monitoring', CONFIG_DEFAULTS.monitoring[stage]) as MonitoringMode;
  if (!MONITORING_MODES.includes(monitoring))
    bad('monitoring', `expected "full" or "lean", got "${monitoring}"`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    stage,
    feeds,
    senderAddress,
    senderName,
    ...(senderDomain ? { senderDomain } : {}),
    postalAddress,
    publicBaseUrl,
    ingestSchedule,
    digestSchedule,
    timeZone,
    sendRatePerSecond,
    dailyQuota,
    ...(operatorEmail ? { operatorEmail } : {}),
    allowPrivateNetwork: allowPrivateNetwork ?? false,
    monitoring,
  };
}

// `cdk -c feeds=...` passes a JSON string; cdk.json passes an array.
function readFeeds(value: unknown, bad: (key: string, why: string) => void): FeedConfig[] {
  if (value === undefined || value === null) return DEFAULT_FEEDS.map((f) => ({ ...f }));
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      bad('feeds', 'is a string that is not JSON; expected an array of {"url", "outlet"}');
      return [];
    }
  }
  if (!Array.isArray(list) || list.length === 0) {
    bad('feeds', 'expected a non-empty array of {"url", "outlet"}');
    return [];
  }
  const feeds: FeedConfig[] = [];
  const seen = new Set<string>();
  for (const [i, item] of list.entries()) {
    const key = `feeds[${i}]`;
    if (typeof item !== 'object' || item === null) {
      bad(key, 'expected an object {"url", "outlet"}');
      continue;
    }
    const { url, outlet } = item as Record<string, unknown>;
    const parsed = typeof url === 'string' ? parseUrl(url) : undefined;
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      bad(`${key}.url`, `${JSON.stringify(url)} is not an http(s) URL`);
    } else if (typeof outlet !== 'string' || outlet.trim() === '') {
      bad(`${key}.outlet`, 'expected the outlet name shown to readers');
    } else if (seen.has(parsed.href)) {
      bad(`${key}.url`, `"${url}" is listed twice`);
    } else {
      seen.add(parsed.href);
      feeds.push({ url: url as string, outlet: outlet.trim() });
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(feeds));
  if (bytes > MAX_FEEDS_JSON_BYTES)
    bad(
      'feeds',
      `${feeds.length} feeds take ${bytes} bytes of Lambda environment; the limit is ${MAX_FEEDS_JSON_BYTES}`,
    );
  return feeds;
}

function checkSchedule(key: string, expr: string, bad: (key: string, why: string) => void): void {
  const cron = CRON.exec(expr);
  if (cron) {
    const fields = cron[1]!.split(' ');
    // Scheduler, like EventBridge, needs '?' in exactly one of day-of-month and day-of-week.
    if ((fields[2] === '?') === (fields[4] === '?'))
      bad(key, `"${expr}": one of day-of-month (3rd) and day-of-week (5th field) must be "?"`);
    return;
  }
  if (!RATE.test(expr))
    bad(key, `"${expr}" is not a Scheduler expression like "rate(30 minutes)" or "cron(0 6 * * ? *)"`);
}

let knownZones: Set<string> | undefined;

function isTimeZone(tz: string): boolean {
  // The list first: building the first DateTimeFormat loads ICU's formatting data (~12 ms at every
  // start-up), which a zone from the list does not need. Aliases and "UTC" are not on it.
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function readNumber(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function readBoolean(value: unknown, fallback: boolean): boolean | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

function parseUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}
