import { deserializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import { format } from 'node:util';
import { createBaseDeps } from './base-deps';
import type { Handshake, LoadReason } from './handshake';
import { LineError } from './line-errors';
import { createLogger, type LogLevel } from './logger';
import type { ProfilePaths } from '../core/config/paths';
import { createMcpServer } from './server';

export interface StdioServerOptions {
  profile: ProfilePaths;
  env: NodeJS.ProcessEnv;
  stderr: NodeJS.WritableStream;
  /** Aborts on SIGINT/SIGTERM; the server closes cleanly. */
  signal: AbortSignal;
  /**
   * The fast-start handshake that owns stdin and stdout (see handshake.ts): the server takes
   * the connection over from it, replaying what it read.
   */
  handshake: { handshake: Handshake; reason: LoadReason };
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Serves MCP over stdio until the client hangs up or the signal fires; resolves the exit code. */
export async function runStdioServer(opts: StdioServerOptions): Promise<number> {
  const level = LEVELS.find((l) => l === opts.env.GLUE_LOG_LEVEL) ?? 'info';
  const logger = createLogger({ dir: opts.profile.logsDir, stderr: opts.stderr, level });
  // stdout belongs to the protocol: a stray console.log from any library would corrupt it.
  console.log = (...a: unknown[]) => logger.info(format(...a));
  console.info = console.log;
  console.debug = (...a: unknown[]) => logger.debug(format(...a));
  console.warn = (...a: unknown[]) => logger.warn(format(...a));

  // A stray rejection in a background task must not take Claude's connection down with it.
  process.on('unhandledRejection', (e) => logger.error('unhandled rejection', { error: e instanceof Error ? e.name : typeof e }));

  const deps = createBaseDeps(opts.profile, logger, {}, opts.env);
  const server = createMcpServer(deps);

  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  // Never the message: the SDK's messages quote the offending input ("Unknown message type:
  // {…}"), and a client may send anything. Our own transport errors carry a safe kind and size.
  server.server.onerror = (e) => logger.warn('protocol error', e instanceof LineError ? { kind: e.kind, bytes: e.bytes } : { error: e.name });
  const stop = () => void server.close().catch(() => undefined);
  const fast = opts.handshake;
  const transport = fast.handshake.handover(deserializeMessage);
  await server.connect(transport); // replays every line the handshake read
  transport.onHangup(stop); // stdin ended or EPIPE, perhaps before the server loaded
  if (opts.signal.aborted) stop();
  else opts.signal.addEventListener('abort', stop, { once: true });
  logger.info('mcp server started', {
    profile: opts.profile.profile,
    version: deps.version,
    pid: process.pid,
    fastAnswers: fast.handshake.answered(),
    loadedOn: fast.reason,
  });
  await closed;
  logger.info('mcp server stopped');
  return 0;
}
