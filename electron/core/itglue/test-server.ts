import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A tiny real HTTP server on 127.0.0.1 for the client's tests: each test says exactly what
 * the wire looks like (shapes from itglue-api.md, plus the broken answers real servers give).
 */

export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** performance.now() when the request arrived. */
  at: number;
}

export type Handler = (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => unknown;

export interface TestServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((raw, res) => {
    const u = new URL(raw.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { path: u.pathname, query: u.searchParams, headers: raw.headers, at: performance.now() };
    requests.push(seen);
    Promise.resolve(handler(seen, res, raw)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('test server has no TCP address');
  const port = addr.port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/vnd.api+json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function apiError(res: ServerResponse, status: number, title: string, detail?: string): void {
  sendJson(res, status, { errors: [{ status: String(status), title, detail: detail ?? title }] });
}

export interface FixtureRecord {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
}

export function makeRecords(n: number, type: string, attrs: (i: number) => Record<string, unknown> = (i) => ({ name: `${type} ${i}` })): FixtureRecord[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i + 1), type, attributes: attrs(i + 1) }));
}

/** One page of a JSON:API list the way IT Glue pages: page[number] 1-based, size ≤ 1000. */
export function listPage(records: readonly FixtureRecord[], query: URLSearchParams, path: string): Record<string, unknown> {
  const size = Math.min(1000, Math.max(1, Number(query.get('page[size]') ?? 50)));
  const number = Math.max(1, Number(query.get('page[number]') ?? 1));
  const totalPages = Math.max(1, Math.ceil(records.length / size));
  const data = records.slice((number - 1) * size, number * size);
  const next = number < totalPages ? number + 1 : null;
  return {
    data,
    meta: {
      'current-page': number,
      'next-page': next,
      'prev-page': number > 1 ? number - 1 : null,
      'total-pages': totalPages,
      'total-count': records.length,
      filters: {},
    },
    links: next ? { self: `${path}?page[number]=${number}`, next: `${path}?page[number]=${next}&page[size]=${size}`, last: `${path}?page[number]=${totalPages}` } : { self: path },
  };
}
