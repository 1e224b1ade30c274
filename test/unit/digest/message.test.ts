import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { digestMessage, mailbox } from '../../../lambdas/digest/message';
import { composeMime } from '../../../lambdas/mail/mime';

const rendered = { subject: 'Wed, May 14: Peace talks, Sanctions', html: '<p>Hello</p>', text: 'Hello' };
const UNSUB = 'https://digest.example.org/unsubscribe?token=sub-1.AbCdEfGhIjKlMnOpQrStUvWxYz012345';

describe('digest message', () => {
  it('keeps the one-click unsubscribe headers intact through MIME (R29)', async () => {
    const message = digestMessage(
      rendered,
      { email: 'reader@example.net', id: 'sub-1', unsubscribeUrl: UNSUB },
      '2025-05-14',
      {
        senderAddress: 'digest@antiwar.example.org',
        senderName: 'Antiwar Digest',
        configurationSet: 'events',
      },
    );
    const parsed = await simpleParser(await composeMime(message));
    const line = (key: string) =>
      parsed.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(line('list-unsubscribe')).toBe(
      // Only the https one-click URL: a mailto nothing receives would be a dead unsubscribe path.
      `List-Unsubscribe: <${UNSUB}>`,
    );
    // Header names are case-insensitive (RFC 5322 1.2.2): nodemailer wrote "List-ID", we write it as given.
    expect(line('list-id')?.replace(/^[^:]+/, (name) => name.toLowerCase())).toBe(
      'list-id: Antiwar Digest <digest.antiwar.example.org>',
    );
    expect(parsed.headers.get('list')).toMatchObject({ unsubscribe: { url: UNSUB } });
    expect(parsed.messageId).toBe('<digest-2025-05-14-sub-1@antiwar.example.org>');
    expect(parsed.headers.get('x-ses-configuration-set')).toBe('events');
    expect(parsed.from!.value[0]).toEqual({ name: 'Antiwar Digest', address: 'digest@antiwar.example.org' });
    expect(parsed.text!.trim()).toBe('Hello');
    expect(parsed.html).toContain('<p>Hello</p>');
  });

  it('quotes a sender name so a comma or quote cannot split the address', () => {
    expect(mailbox('Peace, "Now"', 'a@b.org')).toBe('"Peace, \\"Now\\"" <a@b.org>');
  });
});
