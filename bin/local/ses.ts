/**
 * aws-ses-v2-local on a loopback port: a real SES API endpoint with an inbox at GET /store.
 * It keeps only the parsed parts of a raw message, so a thin recording proxy in front of it keeps
 * each SendRawEmail's MIME bytes too: tests read the real headers (List-Unsubscribe...) back.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sesModule from 'aws-ses-v2-local';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** The raw MIME message as sent with SendRawEmail. */
  rawMessage?: string;
  at: number;
}

export interface LocalSes {
  endpoint: string;
  /** Every message the endpoint has accepted so far. */
  emails(): Promise<StoredEmail[]>;
  stop(): Promise<void>;
}

export async function startLocalSes(): Promise<LocalSes> {
  // The package is CommonJS with a default export; reach it under either interop.
  const mod = sesModule as unknown as {
    default: typeof sesModule.default | { default: typeof sesModule.default };
  };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const upstream = await start({ host: '127.0.0.1', port: 0 });
  if (!upstream.listening) await new Promise((r) => upstream.once('listening', r));
  const upstreamPort = (upstream.address() as AddressInfo).port;

  const raw = new Map<string, string>();
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fwd = request(
        { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            const text = Buffer.concat(out);
            const form = new URLSearchParams(body.toString());
            const id = /<MessageId>([^<]+)<\/MessageId>/.exec(text.toString())?.[1];
            const data = form.get('RawMessage.Data');
            if (form.get('Action') === 'SendRawEmail' && id && data) {
              raw.set(id, Buffer.from(data, 'base64').toString('utf8'));
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(text);
          });
        },
      );
      fwd.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      fwd.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    endpoint,
    emails: async () => {
      const res = await fetch(`${endpoint}/store`);
      const body = (await res.json()) as { emails: StoredEmail[] };
      return body.emails.map((e) => ({ ...e, rawMessage: raw.get(e.messageId) }));
    },
    stop: async () => {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    },
  };
}
