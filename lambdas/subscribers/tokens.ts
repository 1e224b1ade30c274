/**
 * Unforgeable per-subscriber link tokens (R30): an HMAC-SHA256 over the purpose and the subscriber id,
 * so a token opens one action for one subscriber only. They do not expire, which keeps unsubscribe
 * links in old digests working (R30 asks for at least a year); rotating the key revokes them all.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'unsubscribe' | 'preferences';

const MAC_CHARS = 32; // 192 bits of base64url

function mac(secret: string, purpose: TokenPurpose, subscriberId: string): string {
  return createHmac('sha256', secret)
    .update(`${purpose}\n${subscriberId}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);
}

export function signSubscriberToken(secret: string, purpose: TokenPurpose, subscriberId: string): string {
  return `${subscriberId}.${mac(secret, purpose, subscriberId)}`;
}

/** The subscriber id a token was signed for, or undefined when it is malformed or tampered with. */
export function verifySubscriberToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
): string | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 200) return undefined;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const want = Buffer.from(mac(secret, purpose, id));
  return given.length === want.length && timingSafeEqual(given, want) ? id : undefined;
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
  if (dot <= 0 || token.length > 200 || !/^[A-Za-z0-9_-]{16,}$/.test(token.slice(dot + 1))) return undefined;
  return { subscriberId: token.slice(0, dot), hash: hashToken(token) };
}

/** Constant-time comparison of two stored hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
