// Fast start for `glue mcp`: answers the MCP handshake from a build-time manifest while the
// real server (zod, the SDK, 22 tool schemas: ~150 ms of module evaluation) loads, then hands
// the connection over. This module runs before any of that, so it must import no zod and no
// SDK code at runtime (type imports only). See docs/mcp.md "Fast start".
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/** Written by scripts/build-cli.js next to the bundle (out/cli), from the same staging dir. */
export const MANIFEST_FILE = 'mcp-handshake.json';
export const MANIFEST_FORMAT = 1;
/** Parameter-less list requests whose answers do not depend on the store. */
export const FAST_LISTS = ['tools/list', 'prompts/list', 'resources/templates/list'] as const;
export type FastList = (typeof FAST_LISTS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface HandshakeManifest {
  format: typeof MANIFEST_FORMAT;
  /** The SDK's SUPPORTED_PROTOCOL_VERSIONS and LATEST_PROTOCOL_VERSION at build time. */
  protocol: { latest: string; supported: string[] };
  /** The real server's initialize result, less the negotiated protocolVersion. */
  initialize: { capabilities: JsonObject; serverInfo: JsonObject; instructions?: string };
  lists: Partial<Record<FastList, JsonObject>>;
}

/** Why the real server should load now (logged; 'output closed' means: do not bother). */
export type LoadReason = 'no manifest' | 'unanswerable' | 'tools listed' | 'idle' | 'input closed' | 'output closed';

type Deserialize = (line: string) => JSONRPCMessage;

/** The SDK Transport the real server connects to in place of StdioServerTransport. */
export interface HandoverTransport extends Transport {
  /** Calls `cb` once stdin ends or stdout breaks (the client is gone); at once if it already happened. */
  onHangup(cb: () => void): void;
}

export interface Handshake {
  /** Settles once: when the real server should start loading, and why. */
  readonly wanted: Promise<LoadReason>;
  /** How many requests the fast path answered so far. */
  answered(): number;
  /** The transport for the real server; its start() replays every line read so far. */
  handover(deserialize: Deserialize): HandoverTransport;
  /** Stops reading stdin without handing over (interrupted, or a usage error on the heavy side). */
  close(): void;
}

export interface HandshakeOptions {
  stdin: Readable;
  stdout: Writable;
  /** null: no fast path; every line waits for the real server. */
  manifest: HandshakeManifest | null;
  /** Load the real server after this long without input (ms). */
  idleMs?: number;
  /** Same cap as the SDK's ReadBuffer. */
  maxLineBytes?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAnyObject = (v: unknown) => v !== null && typeof v === 'object';
const opt = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isJsonObject = (v: unknown): v is JsonObject => isObject(v);
const objectOf = (check: (x: unknown) => boolean) => (v: unknown) => isObject(v) && Object.values(v).every(check);
const isRequestId = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));
const RELATED_TASK = 'io.modelcontextprotocol/related-task';

/** Reads the manifest; null (no fast path) if it is missing, unreadable or of another format. */
export function readManifest(file: string | URL): HandshakeManifest | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  return parseManifest(data);
}

export function parseManifest(data: unknown): HandshakeManifest | null {
  if (!isObject(data) || data.format !== MANIFEST_FORMAT) return null;
  const { protocol, initialize, lists } = data;
  if (!isObject(protocol) || !isObject(initialize) || !isObject(lists)) return null;
  const { latest, supported } = protocol;
  const { capabilities, serverInfo, instructions } = initialize;
  if (!isString(latest) || !isStringArray(supported) || !isJsonObject(capabilities) || !isJsonObject(serverInfo)) return null;
  if (instructions !== undefined && !isString(instructions)) return null;
  const out: HandshakeManifest['lists'] = {};
  for (const method of FAST_LISTS) {
    const result = lists[method];
    if (result === undefined) continue;
    if (!isJsonObject(result)) return null;
    out[method] = result;
  }
  return { format: MANIFEST_FORMAT, protocol: { latest, supported }, initialize: { capabilities, serverInfo, ...(instructions ? { instructions } : {}) }, lists: out };
}

// The checks below are deliberately narrower than the SDK's zod schemas: a message is answered
// here only if the SDK would surely accept it. Anything else waits for the real server, which
// gives the SDK's own answer or error.

function isMeta(v: unknown): boolean {
  return isObject(v) && !(RELATED_TASK in v) && opt(v.progressToken, isRequestId);
}

function isIcon(v: unknown): boolean {
  return isObject(v) && isString(v.src) && opt(v.mimeType, isString) && opt(v.sizes, isStringArray) && opt(v.theme, (t) => t === 'light' || t === 'dark');
}

function isClientInfo(v: unknown): boolean {
  return (
    isObject(v) &&
    isString(v.name) &&
    isString(v.version) &&
    opt(v.title, isString) &&
    opt(v.websiteUrl, isString) &&
    opt(v.description, isString) &&
    opt(v.icons, (icons) => Array.isArray(icons) && icons.every(isIcon))
  );
}

function isClientCapabilities(v: unknown): boolean {
  if (!isObject(v)) return false;
  const sub = (o: unknown, keys: readonly string[]) => isObject(o) && keys.every((k) => opt(o[k], isAnyObject));
  return (
    opt(v.experimental, objectOf(isAnyObject)) &&
    opt(v.extensions, objectOf(isAnyObject)) &&
    opt(v.sampling, (s) => sub(s, ['context', 'tools'])) &&
    opt(v.roots, (r) => isObject(r) && opt(r.listChanged, (b) => typeof b === 'boolean')) &&
    opt(v.elicitation, (e) => isObject(e) && opt(e.form, (f) => isObject(f) && opt(f.applyDefaults, (b) => typeof b === 'boolean')) && opt(e.url, isAnyObject)) &&
    opt(
      v.tasks,
      (t) =>
        sub(t, ['list', 'cancel']) &&
        opt(isObject(t) ? t.requests : undefined, (r) => isObject(r) && opt(r.sampling, (s) => sub(s, ['createMessage'])) && opt(r.elicitation, (e) => sub(e, ['create']))),
    )
  );
}

interface Request {
  id: string | number;
  method: string;
  params: Record<string, unknown> | undefined;
}

/** A JSON-RPC request as the SDK's strict JSONRPCRequestSchema accepts it, or null. */
function asRequest(v: unknown): Request | null {
  if (!isObject(v) || v.jsonrpc !== '2.0' || !isRequestId(v.id) || typeof v.method !== 'string') return null;
  if (Object.keys(v).some((k) => k !== 'jsonrpc' && k !== 'id' && k !== 'method' && k !== 'params')) return null;
  if (v.params !== undefined && !(isObject(v.params) && opt(v.params._meta, isMeta))) return null;
  return { id: v.id, method: v.method, params: isObject(v.params) ? v.params : undefined };
}

const isInitialized = (v: unknown) =>
  isObject(v) && v.jsonrpc === '2.0' && v.method === 'notifications/initialized' && !('id' in v) && opt(v.params, isObject);

const idKey = (id: unknown) => `${typeof id}:${String(id)}`;

export function startHandshake(opts: HandshakeOptions): Handshake {
  const { stdin, stdout, manifest } = opts;
  const idleMs = opts.idleMs ?? 50;
  const maxLineBytes = opts.maxLineBytes ?? 10 * 1024 * 1024;
  const lines: string[] = [];
  // Responses the real server will also produce for ids answered here; each is dropped once.
  const answeredIds = new Map<string, number>();
  let answeredCount = 0;
  let pending: Buffer | undefined;
  let initialized = false;
  let transport: (HandoverTransport & { deliver(line: string): void; fail(e: Error): void }) | null = null;
  let started = false;
  let closed = false;
  let hungUp = false;
  let overflow: Error | null = null;
  const hangupCallbacks: (() => void)[] = [];

  let settle: (reason: LoadReason) => void = () => undefined;
  const wanted = new Promise<LoadReason>((resolve) => (settle = resolve));
  let wantedYet = false;
  let idle: NodeJS.Timeout | undefined;
  const want = (reason: LoadReason) => {
    if (wantedYet) return;
    wantedYet = true;
    clearTimeout(idle);
    settle(reason);
  };
  const armIdle = () => {
    if (wantedYet) return;
    clearTimeout(idle);
    idle = setTimeout(() => want('idle'), idleMs);
  };

  const answer = (id: string | number, result: JsonObject) => {
    const key = idKey(id);
    answeredIds.set(key, (answeredIds.get(key) ?? 0) + 1);
    answeredCount++;
    // Same key order as the SDK's Protocol, so the two paths write identical lines.
    stdout.write(`${JSON.stringify({ result, jsonrpc: '2.0', id })}\n`);
  };

  const tryFast = (line: string) => {
    if (!manifest) return;
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      return want('unanswerable');
    }
    if (isInitialized(msg)) return;
    const req = asRequest(msg);
    if (!req) return want('unanswerable');
    if (req.method === 'initialize' && !initialized) {
      const p = req.params;
      if (!p || !isString(p.protocolVersion) || !isClientCapabilities(p.capabilities) || !isClientInfo(p.clientInfo)) return want('unanswerable');
      initialized = true;
      // Negotiated exactly as the SDK's Server._oninitialize does.
      const requested = p.protocolVersion;
      const protocolVersion = manifest.protocol.supported.includes(requested) ? requested : manifest.protocol.latest;
      const { capabilities, serverInfo, instructions } = manifest.initialize;
      return answer(req.id, { protocolVersion, capabilities, serverInfo, ...(instructions ? { instructions } : {}) });
    }
    const method = FAST_LISTS.find((m) => m === req.method);
    const result = method ? manifest.lists[method] : undefined;
    if (!initialized || !result || req.params?.cursor !== undefined) return want('unanswerable');
    answer(req.id, result);
    if (method === 'tools/list') want('tools listed');
  };

  const onLine = (line: string) => {
    if (started && transport) return transport.deliver(line);
    lines.push(line);
    tryFast(line);
    armIdle();
  };

  const onData = (chunk: Buffer) => {
    pending = pending ? Buffer.concat([pending, chunk]) : chunk;
    if (pending.length > maxLineBytes) {
      pending = undefined;
      const e = new Error(`ReadBuffer exceeded maximum size of ${maxLineBytes} bytes`);
      if (started && transport) return transport.fail(e);
      overflow = e;
      return want('unanswerable');
    }
    let nl: number;
    while (pending && (nl = pending.indexOf('\n')) !== -1) {
      const line = pending.toString('utf8', 0, nl).replace(/\r$/, '');
      pending = pending.subarray(nl + 1);
      onLine(line);
    }
  };

  const hangup = (reason: LoadReason) => {
    if (hungUp) return;
    hungUp = true;
    want(reason);
    for (const cb of hangupCallbacks.splice(0)) cb();
  };
  const onEnd = () => hangup('input closed');
  const onOutputError = () => hangup('output closed');
  const onInputError = (e: Error) => transport?.onerror?.(e);

  const detach = () => {
    if (closed) return false;
    closed = true;
    clearTimeout(idle);
    want('input closed');
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    stdin.off('error', onInputError);
    // Paused, stdin no longer keeps the process alive (as StdioServerTransport.close does).
    if (stdin.listenerCount('data') === 0) stdin.pause();
    return true;
  };

  stdin.on('data', onData);
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  stdin.on('error', onInputError);
  // A client that hangs up before the real server loads must not crash us with EPIPE.
  stdout.on('error', onOutputError);
  if (manifest) armIdle();
  else want('no manifest');

  return {
    wanted,
    answered: () => answeredCount,
    close: () => void detach(),
    handover(deserialize) {
      if (transport) throw new Error('The MCP handshake was already handed over.');
      const t: HandoverTransport & { deliver(line: string): void; fail(e: Error): void } = {
        deliver(line) {
          let message: JSONRPCMessage;
          try {
            message = deserialize(line);
          } catch (e) {
            // As StdioServerTransport: a bad line is reported and skipped, never answered.
            t.onerror?.(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          t.onmessage?.(message);
        },
        fail(e) {
          t.onerror?.(e);
          void t.close();
        },
        async start() {
          if (started) throw new Error('The MCP handshake transport is already started.');
          started = true;
          for (const line of lines.splice(0)) t.deliver(line);
          if (overflow) t.fail(overflow);
        },
        send(message) {
          if (('result' in message || 'error' in message) && 'id' in message) {
            const key = idKey(message.id);
            const n = answeredIds.get(key) ?? 0;
            if (n > 0) {
              // The client already has this answer from the fast path.
              if (n === 1) answeredIds.delete(key);
              else answeredIds.set(key, n - 1);
              return Promise.resolve();
            }
          }
          return new Promise<void>((resolve) => {
            if (stdout.write(`${JSON.stringify(message)}\n`)) resolve();
            else stdout.once('drain', resolve);
          });
        },
        async close() {
          if (detach()) t.onclose?.();
        },
        onHangup(cb) {
          if (hungUp) cb();
          else hangupCallbacks.push(cb);
        },
      };
      transport = t;
      return t;
    },
  };
}
