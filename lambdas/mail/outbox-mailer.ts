/**
 * Writes each message as an .eml file when no SES endpoint is configured, with its HTML and text
 * parts beside it so a developer can open the one in a browser and read the other in a terminal.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeMime } from './mime';
import type { Mailer, OutgoingMessage, SentMessage } from './ports';

export class OutboxMailer implements Mailer {
  constructor(private readonly dir: string) {}

  async send(message: OutgoingMessage): Promise<SentMessage> {
    await mkdir(this.dir, { recursive: true });
    const id = message.messageId ?? `${randomUUID()}@outbox.local`;
    const base = `${new Date().toISOString().replace(/[:.]/g, '-')}-${safe(message.to)}`;
    const emlPath = join(this.dir, `${base}.eml`);
    await writeFile(emlPath, await composeMime({ ...message, messageId: id }));
    await writeFile(join(this.dir, `${base}.html`), message.html);
    await writeFile(join(this.dir, `${base}.txt`), message.text);
    return { id, location: emlPath };
  }
}

const safe = (s: string) => s.replace(/[^a-zA-Z0-9@._-]+/g, '_').slice(0, 80);
