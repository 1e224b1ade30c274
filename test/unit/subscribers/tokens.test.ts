import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readSubscriberToken,
  signSubscriberToken,
  TOKEN_LIFETIME_DAYS,
} from '../../../lambdas/subscribers/tokens';
import { clientNetwork } from '../../../lambdas/web/client-network';

const SECRET = 'token-test-secret';
const NOW = new Date('2026-11-27T10:00:00.000Z');
const DAY = 86_400_000;

describe('link tokens', () => {
  it('sign the subscriber, its token version and an expiry per purpose', () => {
    const token = signSubscriberToken(SECRET, 'preferences', { id: 's1', tokenVersion: 3 }, NOW);
    expect(readSubscriberToken(SECRET, 'preferences', token)).toEqual({
      subscriberId: 's1',
      tokenVersion: 3,
      expiresAt: new Date(Math.floor((NOW.getTime() + 30 * DAY) / 1000) * 1000),
    });
    const unsub = readSubscriberToken(
      SECRET,
      'unsubscribe',
      signSubscriberToken(SECRET, 'unsubscribe', 's1', NOW),
    );
    expect(unsub?.expiresAt?.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 365 * DAY);
    expect(TOKEN_LIFETIME_DAYS.preferences).toBeLessThan(TOKEN_LIFETIME_DAYS.unsubscribe);
  });

  it('refuse another purpose, another secret, and any edited part', () => {
    const token = signSubscriberToken(SECRET, 'preferences', { id: 's1', tokenVersion: 3 }, NOW);
    expect(readSubscriberToken(SECRET, 'unsubscribe', token)).toBeUndefined();
    expect(readSubscriberToken('other-secret', 'preferences', token)).toBeUndefined();
    const [id, version, expires, mac] = token.split('.');
    for (const edited of [
      `s2.${version}.${expires}.${mac}`,
      `${id}.4.${expires}.${mac}`,
      `${id}.${version}.${(Number.parseInt(expires!, 36) + 86_400).toString(36)}.${mac}`,
      `${id}.${version}.${expires}.${mac!.slice(0, -1)}A`,
      'junk',
      '',
    ]) {
      expect(readSubscriberToken(SECRET, 'preferences', edited), edited).toBeUndefined();
    }
  });

  it('honour a first-format unsubscribe token (links already in inboxes), never a first-format preferences token', () => {
    const legacy = (purpose: string) =>
      `s1.${createHmac('sha256', SECRET).update(`${purpose}\ns1`).digest('base64url').slice(0, 32)}`;
    expect(readSubscriberToken(SECRET, 'unsubscribe', legacy('unsubscribe'))).toEqual({
      subscriberId: 's1',
      tokenVersion: 0,
    });
    expect(readSubscriberToken(SECRET, 'preferences', legacy('preferences'))).toBeUndefined();
  });
});

describe('clientNetwork', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['::ffff:198.51.100.3', '198.51.100.3'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unknown'],
  ])('counts %s as %s', (ip, network) => {
    expect(clientNetwork(ip)).toBe(network);
  });
});
