/** The outgoing message of one subscriber's digest: parts, sender, and the bulk-mail headers (R29). */
import type { OutgoingMessage } from '../mail/ports';
import type { RenderedDigest } from './render';

export interface MessageIdentity {
  senderAddress: string;
  senderName: string;
  configurationSet?: string;
}

/** `"Name" <address>` with the display name quoted, so commas or quotes in it cannot split it. */
export function mailbox(name: string, address: string): string {
  const quoted = name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1');
  return `"${quoted}" <${address}>`;
}

/**
 * Same subscriber and date, same Message-ID: a receiving system that sees a duplicate despite the
 * ledger (R33) can drop it.
 */
export function digestMessageId(date: string, subscriberId: string, senderAddress: string): string {
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1) || 'localhost';
  return `digest-${date}-${subscriberId.replace(/[^A-Za-z0-9._-]/g, '_')}@${domain}`;
}

export function digestMessage(
  rendered: RenderedDigest,
  to: { email: string; id: string; unsubscribeUrl: string },
  date: string,
  identity: MessageIdentity,
): OutgoingMessage {
  const domain = identity.senderAddress.slice(identity.senderAddress.lastIndexOf('@') + 1);
  const headers: Record<string, string> = {
    // RFC 8058 one-click: the https URL carries the unforgeable per-subscriber token (R29, R30).
    // No mailto: nothing receives mail for the sender, so it would unsubscribe nobody (docs/architecture.md).
    'List-Unsubscribe': `<${to.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    // An unquoted phrase: nodemailer would mime-encode a quoted one, which list filters cannot read.
    'List-Id': `${/^[\w .-]+$/.test(identity.senderName) ? `${identity.senderName} ` : ''}<digest.${domain}>`,
  };
  // SES applies the configuration set named by this header to raw messages, whichever client sends.
  if (identity.configurationSet) headers['X-SES-CONFIGURATION-SET'] = identity.configurationSet;
  return {
    from: mailbox(identity.senderName, identity.senderAddress),
    to: to.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers,
    messageId: digestMessageId(date, to.id, identity.senderAddress),
  };
}
