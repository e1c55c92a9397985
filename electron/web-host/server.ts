// Loopback HTTP host for the renderer in a plain browser (e2e, headless use). Same API as the
// Electron IPC, same schemas. Token decision: it travels in the URL *fragment*
// (`http://127.0.0.1:PORT/#token=…`). Fragments are never sent to a server, never logged and
// not leaked by Referer; the renderer reads it once, keeps it in sessionStorage and removes it
// from the address bar. Every API and event request carries it in the X-Glue-Token header
// (events are read with fetch streaming rather than EventSource, which cannot set headers).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { err, type Result } from '../../shared/result';
import { dispatch, subscribeAll, type GlueApi } from '../../shared/ipc';
import { hostAllowed, tokenMatches } from './guard';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  api: GlueApi;
  staticDir: string;
  port?: number;
}

export interface WebHost {
  /** Open this in a browser; it carries the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Result<unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) return err('INVALID_INPUT', 'Send the argument as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY) return err('INVALID_INPUT', 'The request is too large.');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return err('INVALID_INPUT', 'The request body is not valid JSON.');
  }
}

const statusFor = (r: Result<unknown>): number => {
  if (r.ok) return 200;
  if (r.error.code === 'INVALID_INPUT') return 400;
  if (r.error.code === 'NOT_FOUND') return 404;
  return 200;
};

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const send = (name: string, payload: unknown): void => {
      if (!res.writableEnded) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    };
    let lockSent = false;
    const off = subscribeAll(opts.api, (domain, event, payload) => {
      if (domain === 'lock') lockSent = true;
      send(`${domain}.${event}`, payload);
    });
    // A lock that happened while the page was connecting (the idle timer, the tray, another
    // window) was emitted to no one: each stream starts with the lock status as it stands, unless
    // a newer change already went out on it.
    void opts.api.lock.status({}).then((r) => {
      if (r.ok && !lockSent) send('lock.onDidChange', r.value);
    });
    const beat = setInterval(() => res.write(': beat\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(beat);
      off();
      streams.delete(res);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(BASE_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req, port)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden host');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/api/')) {
      if (!tokenMatches(req, token)) {
        sendJson(res, 401, err('FORBIDDEN', 'Missing or wrong token: open Glue Desk from the link it printed.'));
        return;
      }
      if (path === '/api/events' && req.method === 'GET') return openEvents(res);
      const m = /^\/api\/([A-Za-z]+)\/([A-Za-z]+)$/.exec(path);
      if (!m || req.method !== 'POST') {
        sendJson(res, 404, err('NOT_FOUND', 'No such API route.'));
        return;
      }
      const body = await readJson(req);
      const result = body.ok ? await dispatch(opts.api, m[1] ?? '', m[2] ?? '', body.value) : body;
      sendJson(res, statusFor(result), result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    await serveStatic(opts.staticDir, path, res, req.method === 'HEAD');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, err('INTERNAL', 'The web host failed to answer; try again.'));
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const s of streams) s.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
