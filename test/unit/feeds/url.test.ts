import { describe, expect, it } from 'vitest';
import { canonicalUrl, offsiteDomain, registrableDomain } from '../../../lambdas/feeds/url';

describe('links as readers should see them (issue 12 item 9)', () => {
  it('drops userinfo, so the host a link goes to is the host it shows', () => {
    expect(canonicalUrl('https://www.antiwar.com@evil.example/x?utm_source=rss#top')).toBe(
      'https://evil.example/x',
    );
    expect(canonicalUrl('https://user:secret@example.org/a')).toBe('https://example.org/a');
  });

  it('finds the registrable domain on the public suffix list, in ASCII', () => {
    expect(registrableDomain('https://news.bbc.co.uk/world')).toBe('bbc.co.uk');
    expect(registrableDomain('https://original.antiwar.com/x')).toBe('antiwar.com');
    // a Cyrillic "а" does not pass for antiwar.com
    expect(registrableDomain('https://www.аntiwar.com/')).toBe('xn--ntiwar-2nf.com');
    expect(registrableDomain('http://192.0.2.7/feed')).toBe('192.0.2.7');
    expect(registrableDomain('not a url')).toBeUndefined();
  });

  it("names a link's domain only when it is none of the outlet's", () => {
    const outlet = ['https://www.antiwar.com/feed', 'https://feeds.feedburner.com/antiwar'];
    expect(offsiteDomain('https://original.antiwar.com/story', outlet)).toBeUndefined();
    expect(offsiteDomain('https://evil.example/story', outlet)).toBe('evil.example');
  });
});
