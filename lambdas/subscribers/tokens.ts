/**
 * Per-subscriber link tokens (R30): an HMAC-SHA256 over the purpose, the subscriber id, the
 * subscriber's token version and an expiry, so a token opens one action for one subscriber, for a
 * while, until the subscriber signs out every link. Two purposes, two powers:
 * - unsubscribe: the one-click link of every digest (List-Unsubscribe, which gateways log). It can
 *   only unsubscribe, lives 400 days (R30 asks for a year at least) and survives "sign out every
 *   link", so a mailbox provider's unsubscribe button always works.
 * - preferences: topics, zone, pause, export and delete. It lives 30 days and dies with a sign-out;
 *   an expired or signed-out link can still ask for a fresh one, which goes to the address only.
 * Confirmation tokens are random and single-use; only their hashes are stored (R31).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'unsubscribe' | 'preferences';

/** Whose link: a subscriber (its tokenVersion is signed in), or a bare id (version 0). */
export type LinkSubject = string | { id: string; tokenVersion?: number };

const DAY_MS = 86_400_000;
export const TOKEN_LIFETIME_DAYS: Record<TokenPurpose, number> = { unsubscribe: 400, preferences: 30 };

const MAC_CHARS = 32; // 192 bits of base64url
const MAX_TOKEN = 200;

function mac(secret: string, fields: string[]): string {
  return createHmac('sha256', secret).update(fields.join('\n')).digest('base64url').slice(0, MAC_CHARS);
}

const idOf = (s: LinkSubject) => (typeof s === 'string' ? s : s.id);
const versionOf = (s: LinkSubject) => (typeof s === 'string' ? 0 : (s.tokenVersion ?? 0));

/** `<id>.<tokenVersion>.<expiry, epoch seconds in base 36>.<mac>` */
export function signSubscriberToken(
  secret: string,
  purpose: TokenPurpose,
  subject: LinkSubject,
  now: Date,
): string {
  const id = idOf(subject);
  const version = String(versionOf(subject));
  const expires = Math.floor((now.getTime() + TOKEN_LIFETIME_DAYS[purpose] * DAY_MS) / 1000).toString(36);
  return `${id}.${version}.${expires}.${mac(secret, [purpose, id, version, expires])}`;
}

export interface SubscriberToken {
  subscriberId: string;
  tokenVersion: number;
  /** Undefined for a token made before tokens expired (an unsubscribe link already in an inbox). */
  expiresAt?: Date;
}

/**
 * What an authentic token says, whether or not it has expired; undefined when it is malformed,
 * tampered with, or signed for another purpose. The caller decides what expiry and version mean.
 */
export function readSubscriberToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
): SubscriberToken | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN) return undefined;
  const parts = token.split('.');
  const given = parts.pop() ?? '';
  if (parts.length >= 3) {
    // The id is a UUID (no dots) for every subscriber the service makes, but ids are opaque here.
    const [version = '', expires = ''] = parts.splice(-2);
    const id = parts.join('.');
    if (id === '' || !/^\d{1,9}$/.test(version) || !/^[0-9a-z]{1,10}$/.test(expires)) return undefined;
    if (!same(given, mac(secret, [purpose, id, version, expires]))) return undefined;
    return {
      subscriberId: id,
      tokenVersion: Number(version),
      expiresAt: new Date(Number.parseInt(expires, 36) * 1000),
    };
  }
  // The first format, `<id>.<mac>` with no version or expiry: only unsubscribe links of it are
  // still honoured, because digests already in inboxes carry them (R30).
  const id = parts.join('.');
  if (purpose !== 'unsubscribe' || id === '' || !same(given, mac(secret, [purpose, id]))) return undefined;
  return { subscriberId: id, tokenVersion: 0 };
}

/** The subscriber id an authentic token names, expired or not (digest and link tests use it). */
export function verifySubscriberToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
): string | undefined {
  return readSubscriberToken(secret, purpose, token)?.subscriberId;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A random single-use token (confirmation links); only its hash is stored (R31). */
export function newRandomToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * A confirmation token names its subscriber (`<id>.<random>`), so the link finds the record by key;
 * only the hash of the whole token is stored, and it is compared in constant time.
 */
export function newConfirmationToken(subscriberId: string): { token: string; hash: string } {
  const token = `${subscriberId}.${newRandomToken().token}`;
  return { token, hash: hashToken(token) };
}

/** The subscriber id and hash of a confirmation token, or undefined when it is malformed. */
export function readConfirmationToken(token: string): { subscriberId: string; hash: string } | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > MAX_TOKEN || !/^[A-Za-z0-9_-]{16,}$/.test(token.slice(dot + 1))) {
    return undefined;
  }
  return { subscriberId: token.slice(0, dot), hash: hashToken(token) };
}

/** Constant-time comparison of two stored hashes. */
export function sameHash(a: string, b: string): boolean {
  return same(a, b);
}
