import { createHash } from 'node:crypto';
import type { ErrorCode } from '../../../shared/result';
import {
  BadResponseError,
  CancelledError,
  ItGlueError,
  KeyRejectedError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  RequestRejectedError,
  ServerError,
  pathOnly,
  redact,
} from './errors';
import { buildUrl, networkCode, parseRetryAfter, readCapped, sleep, type Query } from './http';
import { Breaker, type BreakerOptions } from './breaker';
import { Pacer } from './pacer';
import { errorDetail, parseDocument, parseEnvelope, parseListPage, type ItGlueDocument, type ItGlueResource, type ListPage, type WarningSink } from './schemas';

export type { Query } from './http';

export interface RequestEvent {
  method: 'GET';
  /** Path only: no query string, no key. */
  path: string;
  status: number | null;
  attempt: number;
  ms: number;
  error: ErrorCode | null;
}

export interface ItGlueClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Requests per window for this key (default 3000 per 300 s). Ignored when `pacer` is given. */
  budget?: { requests: number; windowMs: number };
  /** Requests in flight at once (default 4). Ignored when `pacer` is given. */
  concurrency?: number;
  /** Share one pacer between clients that use the same key. */
  pacer?: Pacer;
  /** Per attempt, including reading the body (default 60 s). */
  timeoutMs?: number;
  /** Attempts per request for 5xx, timeouts, resets and unreadable bodies (default 6). */
  retries?: number;
  /** Attempts per request that may end in 429 before giving up (default 30). */
  rateLimitRetries?: number;
  /** First backoff step; full jitter up to base * 2^attempt, capped at 30 s (default 500 ms). */
  backoffBaseMs?: number;
  /** Largest body accepted (default 50 MB). */
  maxBodyBytes?: number;
  fetchImpl?: typeof fetch;
  onWarning?: WarningSink;
  onRequest?: (e: RequestEvent) => void;
  /** The breaker shared by this client's requests, or its options (see breaker.ts). */
  breaker?: Breaker | BreakerOptions;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** page[size]; IT Glue's maximum is 1000. */
  pageSize?: number;
  /** Resume a listing from a checkpoint. */
  startPage?: number;
}

export interface ShowResult {
  data: ItGlueResource;
  included: ItGlueResource[];
}

export interface ItGlueClient {
  readonly baseUrl: string;
  readonly pacer: Pacer;
  readonly breaker: Breaker;
  get(path: string, query?: Query, opts?: CallOptions): Promise<ItGlueDocument>;
  list(path: string, query?: Query, opts?: ListOptions): AsyncGenerator<ListPage, void, undefined>;
  show(path: string, id: string | number, opts?: CallOptions & { include?: string }): Promise<ShowResult>;
  requestCount(): number;
  resetRequestCount(): void;
  /**
   * A one-way fingerprint of the API key (never the key): a store remembers which key last
   * synced it, so "IT Glue rejects the key that worked before" can be told from a typo.
   */
  readonly keyFingerprint: string;
  /** The Date header of IT Glue's newest successful answer: the offline clock trusts it over the system clock. */
  lastServerDate(): Date | null;
}

/** sha256 over a fixed label and the key, shortened; enough to compare keys, useless to recover one. */
export function keyFingerprintOf(apiKey: string): string {
  return createHash('sha256').update('glue-desk:itglue-key:').update(apiKey).digest('hex').slice(0, 32);
}

const JSON_API = 'application/vnd.api+json';
const MAX_BACKOFF_MS = 30_000;

export function createItGlueClient(options: ItGlueClientOptions): ItGlueClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const apiKey = options.apiKey;
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxAttempts = Math.max(1, options.retries ?? 6);
  const max429 = Math.max(1, options.rateLimitRetries ?? 30);
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const maxBody = options.maxBodyBytes ?? 50 * 1024 * 1024;
  const pacer =
    options.pacer ??
    new Pacer({
      budget: options.budget?.requests,
      windowMs: options.budget?.windowMs,
      concurrency: options.concurrency,
      backoffBaseMs: Math.max(backoffBaseMs, 1),
    });
  const breaker = options.breaker instanceof Breaker ? options.breaker : new Breaker(options.breaker);
  let count = 0;
  let serverDate: Date | null = null;

  /** One HTTP exchange: returns the parsed JSON body or throws a typed error. */
  async function attempt(url: string, path: string, attemptNo: number, signal: AbortSignal | undefined): Promise<unknown> {
    const release = await pacer.acquire(signal);
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const started = performance.now();
    let status: number | null = null;
    let error: ErrorCode | null = null;
    count++;
    try {
      const res = await fetchImpl(url, {
        method: 'GET',
        headers: { 'x-api-key': apiKey, 'Content-Type': JSON_API, Accept: JSON_API },
        signal: combined,
        // A redirect could carry x-api-key to another host; treat it as an error instead.
        redirect: 'manual',
      });
      status = res.status;
      return await interpret(res, path);
    } catch (e) {
      const typed = classify(e, signal, timeout, status, path);
      error = typed.code;
      throw typed;
    } finally {
      release();
      options.onRequest?.({ method: 'GET', path, status, attempt: attemptNo, ms: performance.now() - started, error });
    }
  }

  function classify(e: unknown, signal: AbortSignal | undefined, timeout: AbortSignal, status: number | null, path: string): ItGlueError {
    if (signal?.aborted) return new CancelledError();
    if (e instanceof ItGlueError) return e;
    if (timeout.aborted) return new NetworkError(path, `no answer within ${Math.round(timeoutMs / 1000)} s`);
    // Failures while reading a body that had started arrive here too ("terminated").
    if (status !== null) return new BadResponseError(path, 'the answer was cut off', true);
    return new NetworkError(path, networkCode(e));
  }

  async function interpret(res: Response, path: string): Promise<unknown> {
    const status = res.status;
    if (status === 429) {
      await res.body?.cancel().catch(() => undefined);
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      pacer.rateLimited(retryAfter);
      throw new RateLimitedError(path, retryAfter);
    }
    pacer.succeeded();
    if (status === 401 || status === 403) {
      await res.body?.cancel().catch(() => undefined);
      throw new KeyRejectedError(status);
    }
    if (status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      throw new ServerError(status, path);
    }
    if (status >= 300 && status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new BadResponseError(path, `redirected elsewhere (HTTP ${status}); check the region or address`);
    }
    if (status === 404) {
      await res.body?.cancel().catch(() => undefined);
      throw new NotFoundError(path);
    }
    if (status >= 400) {
      const text = await readCapped(res, 64 * 1024, path).catch(() => '');
      let detail: string | null = null;
      try {
        detail = errorDetail(JSON.parse(text));
      } catch {
        detail = null;
      }
      throw new RequestRejectedError(status, path, redact(detail ?? 'no reason given', apiKey));
    }
    if (status < 200 || status >= 300) throw new BadResponseError(path, `unexpected HTTP ${status}`);
    const date = Date.parse(res.headers.get('date') ?? '');
    if (Number.isFinite(date) && (serverDate === null || date > serverDate.getTime())) serverDate = new Date(date);

    const text = await readCapped(res, maxBody, path);
    const type = res.headers.get('content-type') ?? '';
    const head = text.trimStart().slice(0, 1);
    // Proxies and load balancers answer outages with HTML pages, sometimes with status 200.
    if (/html/i.test(type) || head === '<') throw new BadResponseError(path, 'got a web page instead of data', true);
    if (text.trim() === '') throw new BadResponseError(path, 'the answer was empty', true);
    try {
      const body: unknown = JSON.parse(text);
      return body;
    } catch {
      throw new BadResponseError(path, 'the data was cut off or malformed', true);
    }
  }

  async function request(path: string, query: Query | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    const url = buildUrl(baseUrl, path, query);
    const safePath = pathOnly(path);
    let failures = 0;
    let limited = 0;
    for (let attemptNo = 1; ; attemptNo++) {
      // While IT Glue is not answering, no new request starts (breaker.ts).
      const probe = await breaker.wait(signal);
      try {
        const body = await attempt(url, safePath, attemptNo, signal);
        breaker.success();
        return body;
      } catch (e) {
        if (!(e instanceof ItGlueError)) {
          breaker.abandon();
          throw e;
        }
        if (!e.retryable) {
          // A 4xx is an answer: IT Glue is up. A cancel says nothing either way.
          if (e instanceof CancelledError) breaker.abandon();
          else breaker.success();
          throw e;
        }
        if (e instanceof RateLimitedError) {
          breaker.abandon();
          // The pacer already paused everyone; the next acquire waits for it.
          if (++limited >= max429) throw e;
          continue;
        }
        breaker.failure();
        // During a pause the failure is IT Glue's, not this request's: it waits with the
        // others and keeps its own attempts for after. A probe's failure does count, so one
        // record that always fails cannot hold the breaker open until it gives up.
        if (breaker.holding() && !probe) continue;
        if (++failures >= maxAttempts) throw e;
        const ceiling = Math.min(MAX_BACKOFF_MS, backoffBaseMs * 2 ** (failures - 1));
        await sleep(Math.random() * ceiling, signal);
      }
    }
  }

  function envelopeOf(body: unknown, path: string) {
    const env = parseEnvelope(body);
    if (!env.ok) throw new BadResponseError(pathOnly(path), env.reason);
    return env.doc;
  }

  async function get(path: string, query?: Query, opts: CallOptions = {}): Promise<ItGlueDocument> {
    const body = await request(path, query, opts.signal);
    return parseDocument(envelopeOf(body, path), pathOnly(path), options.onWarning);
  }

  async function* list(path: string, query: Query = {}, opts: ListOptions = {}): AsyncGenerator<ListPage, void, undefined> {
    const pageSize = Math.min(1000, Math.max(1, opts.pageSize ?? 1000));
    const safePath = pathOnly(path);
    const seen = new SeenIds();
    let page = Math.max(1, opts.startPage ?? 1);
    for (;;) {
      const body = await request(path, { ...query, 'page[size]': pageSize, 'page[number]': page }, opts.signal);
      const doc = envelopeOf(body, path);
      if (!Array.isArray(doc.data)) throw new BadResponseError(safePath, 'expected a list of records');
      const parsed = parseListPage(doc, safePath, page, options.onWarning);
      const fresh = parsed.data.filter((r) => !seen.has(r.type, r.id));
      if (parsed.data.length > 0 && fresh.length === 0) {
        throw new BadResponseError(safePath, `page ${page} repeats records already received (the server is not paging)`);
      }
      for (const r of parsed.data) {
        if (seen.has(r.type, r.id)) options.onWarning?.({ path: safePath, id: r.id, reason: 'duplicate record on a later page skipped' });
      }
      for (const r of fresh) seen.add(r.type, r.id);
      yield { ...parsed, data: fresh };
      const next = parsed.meta.nextPage;
      if (next === null || doc.data.length === 0) return;
      if (next <= page) throw new BadResponseError(safePath, `page ${page} points back to page ${next}`);
      page = next;
    }
  }

  async function show(path: string, id: string | number, opts: CallOptions & { include?: string } = {}): Promise<ShowResult> {
    const full = `${path.replace(/\/+$/, '')}/${encodeURIComponent(String(id))}`;
    const doc = await get(full, opts.include ? { include: opts.include } : undefined, opts);
    if (doc.data === null || Array.isArray(doc.data)) throw new BadResponseError(pathOnly(full), 'expected one record');
    return { data: doc.data, included: doc.included };
  }

  return {
    baseUrl,
    pacer,
    breaker,
    get,
    list,
    show,
    keyFingerprint: keyFingerprintOf(apiKey),
    lastServerDate: () => serverDate,
    requestCount: () => count,
    resetRequestCount: () => {
      count = 0;
    },
  };
}

/** IT Glue's ids: decimal integers without leading zeros. */
const NUMERIC_ID = /^(0|[1-9]\d{0,14})$/;

/**
 * The records one listing has yielded, to skip a record a shifting page repeats. IT Glue's ids
 * are numbers in strings: kept as numbers per type, a listing of 330k configurations holds ~5 MB
 * here instead of ~30 MB of "type/id" strings, which V8 then multiplied into the sync's peak RSS
 * at 1M records. Any other id is kept as a string.
 */
class SeenIds {
  private readonly numeric = new Map<string, Set<number>>();
  private readonly other = new Set<string>();

  has(type: string, id: string): boolean {
    return NUMERIC_ID.test(id) ? (this.numeric.get(type)?.has(Number(id)) ?? false) : this.other.has(`${type}/${id}`);
  }

  add(type: string, id: string): void {
    if (!NUMERIC_ID.test(id)) {
      this.other.add(`${type}/${id}`);
      return;
    }
    let ids = this.numeric.get(type);
    if (!ids) this.numeric.set(type, (ids = new Set()));
    ids.add(Number(id));
  }
}
