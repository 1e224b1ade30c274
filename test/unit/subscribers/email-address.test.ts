import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../lambdas/subscribers/email-address';
import { InvalidEmailError } from '../../../lambdas/subscribers/errors';

describe('normalizeEmail', () => {
  it('trims and lower-cases the domain but keeps the local part as typed', () => {
    expect(normalizeEmail('  Jane.Doe+news@Example.ORG ')).toBe('Jane.Doe+news@example.org');
  });

  it('converts an internationalised domain to punycode', () => {
    expect(normalizeEmail('anna@bücher.de')).toBe('anna@xn--bcher-kva.de');
  });

  it.each([
    ['empty', ''],
    ['no at sign', 'jane.example.org'],
    ['two at signs', 'jane@doe@example.org'],
    ['header injection', 'jane@example.org\r\nBcc: victim@example.org'],
    ['a list of addresses', 'jane@example.org,joe@example.org'],
    ['angle brackets', '<jane@example.org>'],
    ['quoted local part', '"jane doe"@example.org'],
    ['leading dot', '.jane@example.org'],
    ['double dot', 'ja..ne@example.org'],
    ['single-label domain', 'jane@localhost'],
    ['IP literal', 'jane@[127.0.0.1]'],
    ['numeric top-level domain', 'jane@example.123'],
    ['script', '<script>alert(1)</script>@example.org'],
    ['too long', `${'a'.repeat(64)}@${'b'.repeat(190)}.example.org`],
    ['local part over 64', `${'a'.repeat(65)}@example.org`],
    ['non-ASCII local part', 'jöhn@example.org'],
  ])('refuses %s', (_name, input) => {
    expect(() => normalizeEmail(input)).toThrow(InvalidEmailError);
  });
});
