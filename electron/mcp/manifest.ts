// Build-time side of the fast start: asks the real server, in process, for the answers the
// handshake module gives before that server has loaded. scripts/build-cli.js bundles this as
// `mcp-manifest.js` and writes its output as out/cli/mcp-handshake.json.
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import pkg from '../../package.json';
import type { McpDeps } from './deps';
import { FAST_LISTS, MANIFEST_FORMAT, parseManifest, type HandshakeManifest, type JsonObject } from './handshake';
import type { Logger } from './logger';
import { createMcpServer } from './server';

const refuse =
  (what: string) =>
  (): never => {
    throw new Error(`${what} was called while building the MCP handshake manifest: its answers must not depend on the store.`);
  };

const SILENT: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, file: null };
const NOWHERE = '(no profile: building the MCP handshake manifest)';

/**
 * Deps for generating the manifest: the version the runtime reports (same package.json) and
 * nothing else. Anything that reaches for the store, search, settings or the model throws, so a
 * store-dependent answer cannot end up in the manifest.
 */
export function manifestDeps(): McpDeps {
  return {
    profile: { dataDir: NOWHERE, profile: NOWHERE, profileDir: NOWHERE, storeDb: NOWHERE, settingsFile: NOWHERE, keysFile: NOWHERE, logsDir: NOWHERE, modelsDir: NOWHERE },
    logger: SILENT,
    version: pkg.version,
    env: {},
    storeStatus: refuse('storeStatus'),
    modelStatus: refuse('modelStatus'),
    settings: refuse('settings'),
    store: refuse('store'),
    search: refuse('search'),
  };
}

export interface RawSession {
  /** The response message as the server sent it, through JSON as a stdio client would read it. */
  exchange(method: string, params?: JsonObject): Promise<unknown>;
  /** The result of a request; throws if the server answered with an error. */
  request(method: string, params?: JsonObject): Promise<unknown>;
  close(): Promise<void>;
}

/** Raw JSON-RPC with a server over an in-memory pair: no client-side parsing in between. */
export async function rawSession(deps: McpDeps): Promise<RawSession> {
  const server = createMcpServer(deps);
  const [client, end] = InMemoryTransport.createLinkedPair();
  const waiting = new Map<string | number, (m: JSONRPCMessage) => void>();
  client.onmessage = (m) => {
    if ('id' in m && m.id !== undefined) waiting.get(m.id)?.(m);
  };
  await server.connect(end);
  await client.start();
  let next = 1;
  const exchange = async (method: string, params?: JsonObject) => {
    const id = next++;
    const reply = new Promise<JSONRPCMessage>((resolve) => waiting.set(id, resolve));
    await client.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
    return JSON.parse(JSON.stringify(await reply));
  };
  return {
    exchange,
    async request(method, params) {
      const m = await exchange(method, params);
      if (typeof m !== 'object' || m === null || !('result' in m)) throw new Error(`${method} failed while building the MCP handshake manifest: ${JSON.stringify(m)}`);
      return m.result;
    },
    close: () => server.close(),
  };
}

export async function buildHandshakeManifest(deps: McpDeps = manifestDeps()): Promise<HandshakeManifest> {
  const session = await rawSession(deps);
  try {
    const init = await session.request('initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'glue-desk-build', version: deps.version },
    });
    const lists: Record<string, unknown> = {};
    for (const method of FAST_LISTS) lists[method] = await session.request(method);
    // protocolVersion is negotiated per client at run time; the rest is fixed by the build.
    const initialize = typeof init === 'object' && init !== null ? Object.fromEntries(Object.entries(init).filter(([k]) => k !== 'protocolVersion')) : null;
    const manifest = parseManifest({
      format: MANIFEST_FORMAT,
      protocol: { latest: LATEST_PROTOCOL_VERSION, supported: [...SUPPORTED_PROTOCOL_VERSIONS] },
      initialize,
      lists,
    });
    // The runtime reads the file with the same parser; fail the build rather than ship a manifest it would ignore.
    if (!manifest) throw new Error('The MCP handshake manifest does not have the expected shape.');
    return manifest;
  } finally {
    await session.close();
  }
}
