import { BadResponseError, CancelledError } from './errors';

/** Query values as callers give them; undefined drops the key. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/**
 * Builds `base + path + ?query`. Brackets stay literal (`page[size]`) as IT Glue documents
 * them; everything else is percent-encoded.
 */
export function buildUrl(baseUrl: string, path: string, query: Query | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    const key = encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']');
    parts.push(`${key}=${encodeURIComponent(String(v))}`);
  }
  const p = path.startsWith('/') ? path : `/${path}`;
  return `${baseUrl}${p}${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** Retry-After is either delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * Reads a body as text without ever holding more than `cap` bytes: a hostile or broken server
 * cannot exhaust memory. A body cut off mid-way surfaces as a retryable BadResponse.
 */
export async function readCapped(res: Response, cap: number, path: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    throw new BadResponseError(path, `the answer is larger than ${Math.round(cap / 1e6)} MB`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new BadResponseError(path, `the answer is larger than ${Math.round(cap / 1e6)} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** Waits `ms`, or rejects with Cancelled as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error code node/undici attach to a failed fetch, e.g. ECONNRESET, if any. */
export function networkCode(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur instanceof Error; depth++) {
    if ('code' in cur && typeof cur.code === 'string') return cur.code;
    cur = cur.cause;
  }
  // Messages can quote the URL; only fixed text leaves this function.
  return 'connection failed';
}
