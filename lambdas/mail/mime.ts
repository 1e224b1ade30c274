/** Builds the MIME bytes of a message with nodemailer's composer (multipart/alternative text + HTML). */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from './ports';

export async function composeMime(message: OutgoingMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    messageId: message.messageId ? `<${message.messageId}>` : undefined,
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
