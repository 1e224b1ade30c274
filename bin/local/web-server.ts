/**
 * Serves the web app over node:http on loopback: `cli serve`, the integration tests and the browser
 * test. Reads at most MAX_BODY_BYTES + 1 bytes of a body, so an oversized one costs no memory and the
 * app answers 413.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebApp } from '../../lambdas/web/app';
import { MAX_BODY_BYTES, queryFromSearch, type WebRequest } from '../../lambdas/web/http';

export interface WebServer {
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startWebServer(options: {
  port?: number;
  host?: string;
  app: WebApp;
}): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(options.app, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`internal error: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(app: WebApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { body, truncated } = await readCapped(req, MAX_BODY_BYTES + 1);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const request: WebRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: queryFromSearch(url.search),
    headers,
    body,
    sourceIp: req.socket.remoteAddress ?? '',
  };
  const out = await app(request);
  res.writeHead(out.status, { ...out.headers, 'content-length': Buffer.byteLength(out.body) });
  res.end(out.body);
  // The rest of an oversized body is not worth reading: drop the connection once answered.
  if (truncated) res.on('finish', () => req.destroy());
}

function readCapped(req: IncomingMessage, cap: number): Promise<{ body: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > cap) {
      // Refused on the header alone; the app sees the declared length and answers 413.
      req.pause();
      resolve({ body: '', truncated: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= cap) {
        done = true;
        req.pause();
        resolve({ body: Buffer.concat(chunks).subarray(0, cap).toString('utf8'), truncated: true });
      }
    });
    req.on('end', () => {
      if (!done) resolve({ body: Buffer.concat(chunks).toString('utf8'), truncated: false });
    });
    req.on('error', reject);
  });
}
