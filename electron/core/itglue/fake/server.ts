import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { loadDataset, type Dataset } from './dataset';
import { FaultInjector, parseFaultSpec, type FaultDraw } from './faults';
import { DEFAULT_SEED, generateDemoTenant } from './generator';
import { SlidingWindowLimiter } from './rate-limit';
import { errorReply, route, type DocumentsNullFilter, type Reply } from './routes';
import { Tenant, type Mutations } from './tenant';

export type { Dataset, FakeResource, ResourceDocument, DatasetKey } from './dataset';
export type { DocumentsNullFilter } from './routes';
export { loadDataset, writeDataset, countRecords, DATASET_FILES } from './dataset';
export { generateDemoTenant, DEFAULT_SEED } from './generator';
export { DEFAULT_FAULTS, parseFaultSpec } from './faults';

export interface FakeKey {
  passwordAccess: boolean;
}

export interface FakeOptions {
  /** A Dataset object, 'demo' (the generator; default) or a dataset directory. */
  dataset?: Dataset | 'demo' | string;
  /** With 'demo': grow to about this many records in total. */
  scale?: number;
  /** Generator and fault seed. */
  seed?: number;
  /** Requests allowed per key per window (default 3000). */
  rateLimit?: number;
  /** Window length in seconds (default 300). Sliding window. */
  windowS?: number;
  /** Send Retry-After on 429 (default true); false behaves like the documentation (no header). */
  retryAfter?: boolean;
  /** Fault SPEC, e.g. DEFAULT_FAULTS. */
  faults?: string;
  /** Accepted API keys; default DEMO_API_KEY (password access) and DEMO_API_KEY_NO_PASSWORDS. */
  keys?: Record<string, FakeKey>;
  /** Status for a missing or unknown key: 401 (endpoint tables) or 403 (the docs). Default 401. */
  rejectStatus?: 401 | 403;
  /** Day the demo tenant's dates are relative to (YYYY-MM-DD); default today (UTC). */
  today?: string;
  /**
   * What `filter[document_folder_id]=null` lists on an organization's documents: 'all' (default,
   * as reported on live tenants) every document, foldered ones included; 'root' only the root
   * ones, as a tenant that ignores the filter would (docs/itglue-api-notes.md).
   */
  documentsNullFilter?: DocumentsNullFilter;
  /** Keep every request's path and query in order in `stats().log` (tests of request order; off by default: it grows per request). */
  logRequests?: boolean;
  port?: number;
  host?: '127.0.0.1';
}

export interface FakeStats {
  requests: number;
  byPath: Record<string, number>;
  rateLimited: number;
  faults: Record<string, number>;
  /** With `logRequests`: each request's path and query, in arrival order. */
  log?: string[];
}

export interface FakeItGlue {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): FakeStats;
  resetStats(): void;
  /** Every mutation sets updated-at to a strictly increasing "now". */
  mutate: Mutations;
  /** Live view of the served data. */
  dataset: Dataset;
}

export const DEMO_API_KEY = 'ITG.demo.glue-desk-demo-key';
export const DEMO_API_KEY_NO_PASSWORDS = 'ITG.demo.glue-desk-demo-key-no-passwords';
const CONTENT_TYPE = 'application/vnd.api+json';

async function resolveDataset(opts: FakeOptions): Promise<Dataset> {
  const source = opts.dataset ?? 'demo';
  if (source === 'demo') return generateDemoTenant({ seed: opts.seed ?? DEFAULT_SEED, scale: opts.scale, today: opts.today });
  if (typeof source === 'string') return loadDataset(source);
  return source;
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p><hr><address>nginx</address></body></html>';

export async function startFakeItGlue(opts: FakeOptions = {}): Promise<FakeItGlue> {
  const rules = parseFaultSpec(opts.faults ?? '');
  const rateLimit = opts.rateLimit ?? 3000;
  const windowS = opts.windowS ?? 300;
  if (!(rateLimit >= 1) || !(windowS > 0)) throw new Error('rateLimit must be at least 1 and windowS above 0');
  const tenant = new Tenant(await resolveDataset(opts));
  const keys = opts.keys ?? { [DEMO_API_KEY]: { passwordAccess: true }, [DEMO_API_KEY_NO_PASSWORDS]: { passwordAccess: false } };
  const limiter = new SlidingWindowLimiter(rateLimit, windowS * 1000);
  const seed = opts.seed ?? DEFAULT_SEED;
  const faults = new FaultInjector(rules, seed);
  const retryAfter = opts.retryAfter ?? true;
  const rejectStatus = opts.rejectStatus ?? 401;
  const documentsNullFilter = opts.documentsNullFilter ?? 'all';
  if (documentsNullFilter !== 'all' && documentsNullFilter !== 'root') throw new Error(`documentsNullFilter must be 'all' or 'root', not ${String(documentsNullFilter)}`);
  let stats: FakeStats = { requests: 0, byPath: {}, rateLimited: 0, faults: {} };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const send = (res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void => {
    const body = Buffer.from(reply.body);
    res.writeHead(reply.status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': body.length, ...extra });
    res.end(body);
  };

  const serve = (req: IncomingMessage, res: ServerResponse, url: URL, access: FakeKey, fault: FaultDraw | null): void => {
    const reply = route(tenant, url, { baseUrl, passwordAccess: access.passwordAccess, now: Date.now(), documentsNullFilter });
    if (fault?.kind === 'badjson' && reply.status === 200) {
      // Declared length matches what is sent: the body parses as broken JSON, not a socket error.
      send(res, { status: 200, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) });
      return;
    }
    send(res, reply);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', baseUrl);
    stats.requests++;
    stats.byPath[url.pathname] = (stats.byPath[url.pathname] ?? 0) + 1;
    if (opts.logRequests) (stats.log ??= []).push(`${url.pathname}${url.search}`);
    if (req.method !== 'GET') {
      send(res, errorReply(405, 'Method Not Allowed', 'This fake IT Glue server is read-only (GET).'), { Allow: 'GET' });
      return;
    }
    const keyHeader = req.headers['x-api-key'];
    const key = typeof keyHeader === 'string' ? keyHeader : '';
    const access = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (!access) {
      send(res, errorReply(rejectStatus, rejectStatus === 401 ? 'Unauthorized' : 'Forbidden', key === '' ? 'Missing x-api-key header.' : 'The API key is not valid or has been revoked.'));
      return;
    }
    const wait = limiter.take(key, Date.now());
    if (wait !== null) {
      stats.rateLimited++;
      send(res, errorReply(429, 'Too Many Requests', `Rate limit of ${rateLimit} requests per ${windowS} seconds exceeded.`), retryAfter ? { 'Retry-After': String(wait) } : {});
      return;
    }
    const fault = faults.draw();
    if (fault) stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
    switch (fault?.kind) {
      case '429':
        send(res, errorReply(429, 'Too Many Requests', 'Rate limit exceeded.'), retryAfter ? { 'Retry-After': '1' } : {});
        return;
      case '500':
      case '502':
      case '503':
      case '504': {
        const status = Number(fault.kind);
        const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
        send(res, errorReply(status, titles[status] ?? 'Error', 'Please try again later.'));
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'html': {
        const body = Buffer.from(HTML_PAGE);
        res.writeHead(fault.status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
        res.end(body);
        return;
      }
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) serve(req, res, url, access, null);
        }, fault.ms);
        timers.add(timer);
        return;
      }
      default:
        serve(req, res, url, access, fault);
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      // A bug in the fake must still answer like a server would, not hang the client.
      if (!res.headersSent) send(res, errorReply(500, 'Internal Server Error', (e as Error).message));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake IT Glue server did not bind a TCP port');
  const port = address.port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    dataset: tenant.dataset,
    mutate: {
      add: (type, resource) => tenant.add(type, resource),
      update: (type, id, attributes) => tenant.update(type, id, attributes),
      remove: (type, id) => tenant.remove(type, id),
      archive: (type, id) => tenant.archive(type, id),
    },
    stats: () => ({ ...stats, byPath: { ...stats.byPath }, faults: { ...stats.faults }, ...(stats.log ? { log: [...stats.log] } : {}) }),
    resetStats: () => {
      stats = { requests: 0, byPath: {}, rateLimited: 0, faults: {} };
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
