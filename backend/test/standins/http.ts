// Plumbing for the local HTTP servers that stand in for outside services in tests.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {after} from 'node:test';

export interface StandinRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: string;
  json: unknown;
}

export interface StandinReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: StandinRequest, res: http.ServerResponse) => StandinReply | undefined | Promise<StandinReply | undefined>;

export interface Standin {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 port 0; closed automatically after the test file. */
export async function startStandin(handler: Handler): Promise<Standin> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const u = new URL(req.url ?? '/', 'http://standin');
      let json: unknown;
      if (/json/.test(req.headers['content-type'] ?? '') && raw) {
        try {
          json = JSON.parse(raw);
        } catch {
          return send(res, {status: 400, body: {error: 'body is not JSON'}});
        }
      }
      try {
        const reply = await handler({method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, raw, json}, res);
        if (reply) send(res, reply);
      } catch (err) {
        send(res, {status: 500, body: {error: String(err)}});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  after(close);
  return {url: `http://127.0.0.1:${port}`, close};
}

export function send(res: http.ServerResponse, reply: StandinReply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = {...reply.headers};
  let payload = '';
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function bearer(req: StandinRequest): string | undefined {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return m?.[1];
}
