/**
 * Our MIME composer against the one it replaced: each message is composed by both, both outputs are
 * parsed with mailparser, and what a reader meets (addresses and names, subject, text, HTML, every
 * custom header) must be the same. nodemailer stays a devDependency for this reference only; no
 * Lambda code imports it. Apart from meaning, the raw bytes must keep the rules of RFC 5322/2045/2047.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { digestMessage } from '../../../lambdas/digest/message';
import { composeMime, MimeFormatError, quotedPrintable } from '../../../lambdas/mail/mime';
import type { OutgoingMessage } from '../../../lambdas/mail/ports';

const NOW = new Date('2026-12-04T22:51:59.123Z');

function reference(message: OutgoingMessage): Promise<Buffer> {
  return new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    messageId: message.messageId ? `<${message.messageId}>` : undefined,
    textEncoding: 'quoted-printable',
  })
    .compile()
    .build();
}

/** mailparser reads a line break as LF; nodemailer leaves a lone CR in the body where we write CRLF. */
const lines = (s: string | false | undefined) => (s || '').replace(/\r\n|\r/g, '\n');

/** The raw message keeps the line rules: CRLF only, no line over 998 octets, QP lines at most 76. */
function expectWellFormed(raw: Buffer): void {
  const text = raw.toString('utf8');
  expect(
    raw.every((b) => b < 0x80),
    'the message is 7-bit',
  ).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(text.endsWith('\r\n')).toBe(true);
  const all = text.slice(0, -2).split('\r\n');
  for (const line of all) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
  const boundary = /boundary="([^"]+)"/.exec(text.replace(/\r\n[ \t]/g, ' '))![1]!;
  const [head, ...rest] = text.split(`--${boundary}`);
  // Two parts and the closing delimiter: the boundary occurs nowhere else, in particular in no part.
  expect(rest).toHaveLength(3);
  expect(rest[2]).toBe('--\r\n');
  for (const line of head!.split('\r\n')) {
    // Header lines fold at 76, except one holding a single unbreakable token (a long URL).
    if (line.length > 76) expect(line.trim()).not.toMatch(/ /);
    if (line.includes('=?')) expect(line.length).toBeLessThanOrEqual(76);
  }
  for (const part of rest.slice(0, 2)) {
    const [headers, body] = [
      part.slice(0, part.indexOf('\r\n\r\n')),
      part.slice(part.indexOf('\r\n\r\n') + 4),
    ];
    expect(headers).toMatch(/Content-Transfer-Encoding: quoted-printable/);
    expect(body.endsWith('\r\n')).toBe(true);
    for (const line of body.slice(0, -2).split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).not.toMatch(/[ \t]$/);
      expect(line).not.toMatch(/^\.|^From /);
      expect(line).toMatch(/^(?:[\t\x20-\x3c\x3e-\x7e]|=[0-9A-F]{2})*=?$/);
    }
  }
  for (const word of text.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? [])
    expect(word.length).toBeLessThanOrEqual(75);
}

/**
 * RFC 2047 words of a header mailparser leaves encoded (it decodes only the headers it knows);
 * adjacent words are one run of bytes, so a character split between two words still decodes.
 */
function decodeWords(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(/(?:=\?UTF-8\?[BQ]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes = [...run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)].map(([, kind, payload]) =>
      kind!.toUpperCase() === 'B'
        ? Buffer.from(payload!, 'base64')
        : Buffer.from(
            payload!
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
    );
    const trailing = /\s*$/.exec(run)![0];
    return Buffer.concat(bytes).toString('utf8') + trailing;
  });
}

/**
 * Composes with both, checks ours is well formed, and compares what mailparser reads from each.
 * `subject` is what ours must read as where nodemailer's differs on purpose.
 */
async function compare(
  message: OutgoingMessage,
  differs: { subject?: string } = {},
): Promise<{ ours: ParsedMail; theirs: ParsedMail }> {
  const raw = await composeMime(message, { now: NOW });
  expectWellFormed(raw);
  const ours = await simpleParser(raw);
  const theirs = await simpleParser(await reference(message));
  expect(ours.from!.value).toEqual(theirs.from!.value);
  expect((ours.to as { value: unknown }).value).toEqual((theirs.to as { value: unknown }).value);
  expect(ours.subject).toBe(differs.subject ?? theirs.subject);
  if (message.text !== '') expect(lines(ours.text)).toBe(lines(theirs.text));
  expect(lines(ours.html).replace(/\n$/, '')).toBe(lines(theirs.html).replace(/\n$/, ''));
  if (message.messageId) expect(ours.messageId).toBe(theirs.messageId);
  for (const name of Object.keys(message.headers ?? {})) {
    const key = name.toLowerCase();
    expect(decodeWords(ours.headers.get(key)), name).toEqual(decodeWords(theirs.headers.get(key)));
  }
  expect(ours.date!.toISOString()).toBe('2026-12-04T22:51:59.000Z');
  return { ours, theirs };
}

const base: OutgoingMessage = {
  from: '"Antiwar Digest" <digest@antiwar.example.org>',
  to: 'reader@example.net',
  subject: 'Wed, May 14: Peace talks, Sanctions',
  text: 'Hello',
  html: '<p>Hello</p>',
};

const LONG_URL = `https://news.example.org/${'segment-with-words/'.repeat(60)}?utm=none&x=${'q'.repeat(200)}`;
const ARABIC = 'محادثات السلام في جنيف تبدأ اليوم';
const HEBREW = 'שיחות שלום בז׳נבה';

const cases: Array<[string, Partial<OutgoingMessage>]> = [
  ['plain ASCII', {}],
  [
    'accents',
    {
      subject: 'Genève: cessez-le-feu à Gaza, Ärzte ohne Grenzen',
      text: 'Crème brûlée à la française\nÆøå',
      html: '<p>Zoë, naïve café</p>',
    },
  ],
  [
    'CJK',
    {
      subject: '停火谈判在日内瓦举行 — 和平会谈',
      text: '停火谈判在日内瓦举行。'.repeat(20),
      html: `<p>${'和平会谈。'.repeat(40)}</p>`,
    },
  ],
  [
    'emoji from the astral plane',
    { subject: '🕊️ Peace 👩‍👩‍👧 🇺🇦🇷🇺 talks 🏳️', text: '🕊️'.repeat(60), html: `<p>${'👩‍👩‍👧🇺🇦'.repeat(30)}</p>` },
  ],
  [
    'right-to-left text',
    {
      subject: `${ARABIC} / ${HEBREW}`,
      text: `${ARABIC}\n${HEBREW} (Geneva) ${ARABIC}`,
      html: `<p dir="rtl">${ARABIC}</p>`,
    },
  ],
  [
    'a 300-character ASCII subject',
    { subject: 'Peace talks resume in Geneva as envoys meet '.repeat(7).slice(0, 300) },
  ],
  [
    'a 300-character accented subject',
    { subject: 'Négociations de paix à Genève, réunion des émissaires '.repeat(6).slice(0, 300) },
  ],
  ['a 300-character CJK and emoji subject', { subject: '和平🕊️会谈'.repeat(50).slice(0, 300) }],
  ['a subject of one 300-character word', { subject: 'x'.repeat(300) }],
  ['a subject holding a long URL', { subject: `Read ${LONG_URL.slice(0, 200)} now` }],
  ['a subject with runs of spaces and a tab', { subject: 'Two  spaces,   three\tand a tab' }],
  ['a subject with line breaks', { subject: 'First line\r\nsecond\nthird\rfourth' }],
  [
    'long words and URLs in the body',
    {
      text: `${'a'.repeat(2000)}\n${LONG_URL}\nend`,
      html: `<p><a href="${LONG_URL}">${'ü'.repeat(700)}</a></p>`,
    },
  ],
  [
    'lines starting with "." or "From "',
    { text: '.\n.hidden\nFrom here on\nFrom\nFromage\n..\n', html: '.<p>x</p>\nFrom the editors' },
  ],
  [
    'a "." or "From " starting a soft-broken line',
    { text: `${'a'.repeat(75)}.b\n${'c'.repeat(75)}From you`, html: `${'d'.repeat(74)}..e` },
  ],
  ['trailing spaces and tabs', { text: 'space \ntab\t\nboth \t \n  \n\t', html: '<p>x</p>   ' }],
  [
    '"=" signs',
    {
      text: 'a=b == c =\n=3D is not decoded\n=?UTF-8?Q?x?=',
      html: '<a href="https://x.example/?a=1&b=2">=</a>',
    },
  ],
  ['empty text', { text: '' }],
  [
    'CRLF, LF and CR line breaks',
    { text: 'crlf\r\nlf\ncr\rend\r\n\r\n', html: '<p>a</p>\r\n<p>b</p>\n<p>c</p>\r' },
  ],
  ['a control character', { subject: 'bell\u0007 and nul\u0000 here', text: 'bell\u0007 form\u000c feed' }],
  ['a long line of multibyte text', { text: 'é'.repeat(1000), html: `<p>${'日本語'.repeat(400)}</p>` }],
  ['a sender name with a comma and quotes', { from: '"Peace, \\"Now\\"" <a@b.org>' }],
  ['a sender name with dots and parentheses', { from: '"St. Peace (Digest)" <a@b.org>' }],
  ['an accented sender name', { from: '"Zoë, «Paix»" <paix@example.fr>' }],
  ['an emoji sender name', { from: '"🕊️ Peace Desk" <desk@example.org>' }],
  ['a right-to-left sender name', { from: `"${ARABIC}" <ar@example.org>` }],
  ['a sender name that looks like an encoded-word', { from: '"=?UTF-8?Q?x?=" <a@b.org>' }],
  ['an unquoted sender name', { from: 'Antiwar Digest <digest@antiwar.example.org>' }],
  [
    'a very long sender name',
    { from: `"${'Peace and Justice Weekly Digest of the Antiwar Press '.repeat(3)}" <a@b.org>` },
  ],
  ['a very long accented sender name', { from: `"${'Résumé de la presse pacifiste '.repeat(5)}" <a@b.org>` }],
  ['a bare sender address', { from: 'digest@antiwar.example.org' }],
  ['a recipient with a display name', { to: 'Reader One <reader@example.net>' }],
  ['an internationalised recipient domain', { to: 'reader@bücher.example' }],
  ['a Message-ID', { messageId: 'digest-2025-05-14-sub-1@antiwar.example.org' }],
  [
    'custom headers',
    {
      headers: {
        'List-Unsubscribe': `<https://digest.example.org/unsubscribe?token=${'T'.repeat(300)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': 'Antiwar Digest <digest.antiwar.example.org>',
        'Feedback-ID': 'digest:2025-05-14:antiwar:ses',
        'X-SES-CONFIGURATION-SET': 'events',
        'X-Long': 'many short words that together run well past the fold of a header line '.repeat(4),
        'X-Accented': 'Genève, 停火 🕊️',
      },
    },
  ],
];

describe('composeMime against the nodemailer composer it replaced', () => {
  for (const [name, override] of cases) {
    it(`reads the same as nodemailer's with ${name}`, async () => {
      await compare({ ...base, ...override });
    });
  }

  it('keeps a subject that looks like an encoded-word as written, where nodemailer let readers decode it', async () => {
    const subject = 'Not =?UTF-8?Q?encoded?= at all';
    const { theirs } = await compare({ ...base, subject }, { subject });
    expect(theirs.subject).toBe('Not encoded at all');
  });

  it('reads the same as nodemailer for a real digest message and its R29 headers', async () => {
    const message = digestMessage(
      { subject: 'Genève talks — 停火 🕊️, Sanctions', html: '<p>Hello</p>', text: 'Hello' },
      {
        email: 'reader@example.net',
        id: 'sub-1',
        unsubscribeUrl: `https://digest.example.org/unsubscribe?token=sub-1.${'AbCdEf0123'.repeat(12)}`,
      },
      '2025-05-14',
      {
        senderAddress: 'digest@antiwar.example.org',
        senderName: 'Antiwar Digest',
        configurationSet: 'events',
      },
    );
    const { ours } = await compare(message);
    // message.ts passes List-Id's phrase unquoted so list filters can read it: it must arrive as sent.
    expect(ours.headerLines.find((h) => h.key === 'list-id')!.line).toBe(
      'List-Id: Antiwar Digest <digest.antiwar.example.org>',
    );
  });

  it('reads the same as nodemailer over 150 random messages mixing every kind of text', async () => {
    let seed = 13;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    // No lone CR: nodemailer writes it into the message raw, and mailparser then reads a CR before
    // a CRLF as nothing, where we write two line breaks (the fixed cases above cover a lone CR).
    const pool = [
      ...'aZ0  \t.=?_",<>éßΩж停火שم\u0301',
      ...['  ', '\n', '\r\n', 'From ', '🕊️', '👩‍👩‍👧', '🇺🇦', 'https://example.org/a?b=c&d=e'],
    ];
    const text = (max: number) =>
      Array.from(
        { length: Math.floor(random() * max) },
        () => pool[Math.floor(random() * pool.length)]!,
      ).join('');
    for (let i = 0; i < 150; i++) {
      const name = text(30)
        .replace(/[\r\n"\\<>]/g, '')
        .trim();
      await compare({
        from: name ? `"${name}" <sender${i}@example.org>` : `sender${i}@example.org`,
        to: `reader${i}@example.net`,
        subject:
          text(120)
            .replace(/[\r\n]/g, ' ')
            .replace(/^\s+|\s+$/g, '') || 'x',
        text: `t${text(400)}`,
        html: `<p>${text(400)}</p>`,
      });
    }
  });
});

describe('composeMime', () => {
  it('writes the headers a receiver relies on', async () => {
    const raw = (await composeMime({ ...base, messageId: 'm-1@example.org' }, { now: NOW })).toString();
    const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n /g, ' ');
    expect(head).toMatch(/^From: Antiwar Digest <digest@antiwar\.example\.org>$/m);
    expect(head).toMatch(/^To: reader@example\.net$/m);
    expect(head).toMatch(/^Subject: Wed, May 14: Peace talks, Sanctions$/m);
    expect(head).toMatch(/^Date: Fri, 04 Dec 2026 22:51:59 \+0000$/m);
    expect(head).toMatch(/^Message-ID: <m-1@example\.org>$/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative; boundary="=_antiwar-digest_[0-9a-f]{24}"$/m);
  });

  it('always writes both parts, so a message with empty text still has its text/plain part (R29)', async () => {
    const parsed = await simpleParser(await composeMime({ ...base, text: '' }));
    expect(parsed.text ?? '').toMatch(/^\s*$/);
    expect(parsed.html).toBe('<p>Hello</p>');
    const raw = (await composeMime({ ...base, text: '' })).toString();
    expect(raw).toContain('Content-Type: text/plain; charset=utf-8');
  });

  it("generates a Message-ID on the sender's domain when none is given, unique per message", async () => {
    const one = await simpleParser(await composeMime(base));
    const two = await simpleParser(await composeMime(base));
    expect(one.messageId).toMatch(/^<[0-9a-f]{32}@antiwar\.example\.org>$/);
    expect(two.messageId).not.toBe(one.messageId);
  });

  it('takes a fresh boundary for each message', async () => {
    const boundary = async () => /boundary="([^"]+)"/.exec((await composeMime(base)).toString())![1];
    expect(await boundary()).not.toBe(await boundary());
  });

  it('splits encoded-words between characters, never inside one', async () => {
    const raw = (await composeMime({ ...base, subject: '🕊️停火é'.repeat(40) }, { now: NOW })).toString();
    const words = raw.match(/=\?UTF-8\?([BQ])\?([^?]*)\?=/g)!;
    expect(words.length).toBeGreaterThan(3);
    for (const word of words) {
      const [, kind, payload] = /=\?UTF-8\?([BQ])\?([^?]*)\?=/.exec(word)!;
      const bytes =
        kind === 'B'
          ? Buffer.from(payload!, 'base64')
          : Buffer.from(
              payload!
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      // Each word decodes to valid UTF-8 on its own, and ends on a whole code point.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toContain('\ufffd');
    }
  });

  it('folds List-Unsubscribe before its <URL>, never inside it', async () => {
    const url = `https://digest.example.org/unsubscribe?token=${'t'.repeat(120)}`;
    const raw = (await composeMime({ ...base, headers: { 'List-Unsubscribe': `<${url}>` } })).toString();
    expect(raw).toContain(`List-Unsubscribe:\r\n <${url}>\r\n`);
  });

  it('encodes in quoted-printable as RFC 2045 asks', () => {
    expect(quotedPrintable('a=b')).toBe('a=3Db');
    expect(quotedPrintable('end \nline\t')).toBe('end=20\r\nline=09');
    expect(quotedPrintable('.x\nFrom y\nFromage')).toBe('=2Ex\r\n=46rom y\r\nFromage');
    expect(quotedPrintable('é')).toBe('=C3=A9');
    expect(quotedPrintable('a\rb\r\nc')).toBe('a\r\nb\r\nc');
    // 76 characters fit on one line; 77 take a soft break after 75.
    expect(quotedPrintable('x'.repeat(76))).toBe('x'.repeat(76));
    expect(quotedPrintable('x'.repeat(77))).toBe(`${'x'.repeat(75)}=\r\nxx`);
    // An escape is never split across a soft break.
    expect(quotedPrintable(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}=\r\n=C3=A9`);
  });

  it('refuses a header that would inject another or replace its own, naming it', async () => {
    await expect(composeMime({ ...base, headers: { 'Bad Name': 'x' } })).rejects.toThrow(
      new MimeFormatError('header name "Bad Name" must be printable ASCII without spaces or ":"'),
    );
    await expect(composeMime({ ...base, headers: { subject: 'x' } })).rejects.toThrow(
      /header subject is written by/,
    );
    const injected = await simpleParser(
      await composeMime({ ...base, headers: { 'X-Note': 'a\r\nBcc: victim@example.org' } }),
    );
    expect(injected.headers.get('bcc')).toBeUndefined();
    expect(injected.headers.get('x-note')).toBe('a Bcc: victim@example.org');
  });

  it('refuses an address that is not one mailbox, naming the field', async () => {
    await expect(composeMime({ ...base, to: 'a@b.org, c@d.org' })).rejects.toThrow(/^To: "a@b.org, c@d.org"/);
    await expect(composeMime({ ...base, from: 'nobody' })).rejects.toThrow(
      /^From: "nobody" is not one mailbox/,
    );
    await expect(composeMime({ ...base, to: 'a@b c.org' })).rejects.toThrow(/To: the domain/);
  });

  it('refuses a Message-ID that is not left@right, or too long for its line', async () => {
    await expect(composeMime({ ...base, messageId: '<a@b.org>' })).rejects.toThrow(/Message-ID "<a@b.org>"/);
    await expect(composeMime({ ...base, messageId: 'a b@c.org' })).rejects.toThrow(MimeFormatError);
    await expect(composeMime({ ...base, messageId: `${'m'.repeat(990)}@b.org` })).rejects.toThrow(
      MimeFormatError,
    );
  });

  it('refuses a header word too long for any line, instead of writing an invalid message', async () => {
    const url = `https://x.example/${'u'.repeat(1000)}`;
    await expect(composeMime({ ...base, headers: { 'List-Unsubscribe': `<${url}>` } })).rejects.toThrow(
      /header List-Unsubscribe has a word too long/,
    );
  });
});
