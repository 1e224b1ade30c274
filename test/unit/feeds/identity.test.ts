import { describe, expect, it } from 'vitest';
import { checkUrl, isBlockedIp } from '../../../lambdas/feeds/address';
import { articleId, itemKeys, signatureSimilarity, storySignature } from '../../../lambdas/feeds/identity';
import { canonicalUrl } from '../../../lambdas/feeds/url';

describe('address guard (R8, R9)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:8.8.8.8',
    '::ffff:127.0.0.1',
    '224.0.0.1',
  ])('blocks %s', (ip) => {
    expect(isBlockedIp(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700::1111'])('allows %s', (ip) => {
    expect(isBlockedIp(ip)).toBe(false);
  });

  it('refuses decimal, octal and hex forms of loopback in a URL', () => {
    for (const u of ['http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.1/', 'http://127.1/']) {
      expect(checkUrl(new URL(u), { allowPrivateNetwork: false })).toBe('blocked_address');
    }
  });

  it('refuses a redirect target on a private network and non-http schemes', () => {
    expect(checkUrl(new URL('http://192.168.0.10/feed'), { allowPrivateNetwork: false })).toBe(
      'blocked_address',
    );
    expect(checkUrl(new URL('file:///etc/passwd'), { allowPrivateNetwork: true })).toBe('bad_scheme');
    expect(checkUrl(new URL('https://news.example.org/feed'), { allowPrivateNetwork: false })).toBe('ok');
  });

  it('allows loopback when the switch is on', () => {
    expect(checkUrl(new URL('http://127.0.0.1:8080/'), { allowPrivateNetwork: true })).toBe('ok');
  });
});

describe('identity (R21, R22, R25)', () => {
  it('gives stable short ids', () => {
    expect(articleId('https://e.org/feed', 'guid:1')).toBe(articleId('https://e.org/feed', 'guid:1'));
    expect(articleId('https://e.org/feed', 'guid:1')).not.toBe(articleId('https://e.org/feed', 'guid:2'));
    expect(articleId('https://e.org/feed', 'guid:1')).toHaveLength(22);
  });

  it('keys by guid, else canonical link, else a hash of title and content', () => {
    const keys = itemKeys(
      [
        { guid: ' abc ', title: 't', text: 'x' },
        { link: 'https://e.org/a?utm_source=x&id=1#top', title: 't', text: 'x' },
        { title: 't', text: 'x' },
      ],
      'https://e.org/feed',
    );
    expect(keys[0]).toBe('guid:abc');
    expect(keys[1]).toBe('url:https://e.org/a?id=1');
    expect(keys[2]).toMatch(/^hash:/);
  });

  it('falls back to links for items sharing one guid', () => {
    const keys = itemKeys(
      [
        { guid: 'same', link: 'https://e.org/1', title: 'a', text: '' },
        { guid: 'same', link: 'https://e.org/2', title: 'b', text: '' },
      ],
      'https://e.org/feed',
    );
    expect(keys).toEqual(['url:https://e.org/1', 'url:https://e.org/2']);
  });

  it('canonicalises links: no fragment, no tracking parameters, http(s) only', () => {
    expect(canonicalUrl('/a?gclid=1&b=2#x', 'https://e.org/feed')).toBe('https://e.org/a?b=2');
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
  });

  it('scores a lightly edited copy as similar and another story as different', () => {
    const text =
      'Negotiators from both sides returned to Doha on Monday for a new round of talks on a ceasefire and the release of hostages, officials said, as fighting continued in the south of the territory and aid agencies warned of famine.';
    const a = storySignature('Talks resume in Doha', text);
    const b = storySignature(
      'Talks Resume in Doha, Officials Say',
      `${text} The talks are expected to last three days.`,
    );
    const c = storySignature(
      'Norway passes budget',
      'The parliament of Norway approved a budget for fisheries research and coastal ferries after a long debate on salmon farming taxes that ran late into Friday evening.',
    );
    expect(signatureSimilarity(a, b)).toBeGreaterThanOrEqual(0.5);
    expect(signatureSimilarity(a, c)).toBeLessThan(0.2);
  });
});
