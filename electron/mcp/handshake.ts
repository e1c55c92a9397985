// Fast start for `glue mcp`: answers the MCP handshake from a build-time manifest while the
// real server (zod, the SDK, 22 tool schemas: ~150 ms of module evaluation) loads, then hands
// the connection over. This module runs before any of that, so it must import no zod and no
// SDK code at runtime (type imports only). See docs/mcp.md "Fast start".
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { LineError, MAX_LINE_BYTES, malformedAnswer, tooLargeAnswer } from './line-errors';

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
  /** Longest line read; longer ones are answered with an error and skipped (MAX_LINE_BYTES). */
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
  const maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const lines: string[] = [];
  // Responses the real server will also produce for ids answered here; each is dropped once.
  const answeredIds = new Map<string, number>();
  let answeredCount = 0;
  // The line being read, in chunks (concatenated once, at its newline: a 10 MiB line arrives
  // in ~160 chunks, and joining at every chunk would copy ~800 MB).
  let parts: Buffer[] = [];
  let partsBytes = 0;
  // After an oversized line: drop bytes up to its newline.
  let discarding = false;
  let initialized = false;
  let transport: (HandoverTransport & { deliver(line: string): void }) | null = null;
  let started = false;
  let closed = false;
  let hungUp = false;
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

  // An oversized line is answered at once (with its id when its first bytes show one) and
  // skipped; the server keeps serving. It used to close the transport: every later request
  // went unanswered.
  const tooLarge = (head: Buffer, bytes: number) => {
    stdout.write(tooLargeAnswer(head.toString('utf8', 0, Math.min(head.length, 1024))));
    const e = new LineError('too large', bytes);
    if (started && transport) transport.onerror?.(e);
  };

  const onData = (chunk: Buffer) => {
    let data = chunk;
    while (data.length > 0) {
      const nl = data.indexOf(10);
      if (discarding) {
        if (nl === -1) return;
        discarding = false;
        data = data.subarray(nl + 1);
        continue;
      }
      if (nl === -1) {
        parts.push(data);
        partsBytes += data.length;
        if (partsBytes > maxLineBytes) {
          tooLarge(parts[0] ?? data, partsBytes);
          parts = [];
          partsBytes = 0;
          discarding = true;
        }
        return;
      }
      const bytes = partsBytes + nl;
      if (bytes > maxLineBytes) tooLarge(parts[0] ?? data, bytes);
      else {
        const whole = parts.length ? Buffer.concat([...parts, data.subarray(0, nl)]) : data.subarray(0, nl);
        onLine(whole.toString('utf8').replace(/\r$/, ''));
      }
      parts = [];
      partsBytes = 0;
      data = data.subarray(nl + 1);
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
      const t: HandoverTransport & { deliver(line: string): void } = {
        deliver(line) {
          let message: JSONRPCMessage;
          try {
            message = deserialize(line);
          } catch {
            // A request the SDK cannot read still gets an answer (with its id when it has one),
            // or the client waits for it forever; the log learns the kind and size, never the text.
            const { answer, error } = malformedAnswer(line);
            if (answer) stdout.write(answer);
            t.onerror?.(error);
            return;
          }
          t.onmessage?.(message);
        },
        async start() {
          if (started) throw new Error('The MCP handshake transport is already started.');
          started = true;
          for (const line of lines.splice(0)) t.deliver(line);
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
