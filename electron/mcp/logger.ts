import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Only scalar facts: tool names, durations, counts, error codes. Never argument values. */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Where the log file lives, so error messages can point the user at it. */
  readonly file: string | null;
}

export interface LoggerOptions {
  /** Directory for mcp.log; null logs to stderr only (tests, or an unwritable profile). */
  dir: string | null;
  stderr: NodeJS.WritableStream | null;
  level?: LogLevel;
  /** Rotate when the file passes this size; the previous file is kept as mcp.log.1. */
  maxBytes?: number;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// A field whose name looks like it could carry a secret is dropped even if a caller slips.
const SECRET_NAME = /pass|secret|token|key|otp|credential|value|auth/i;

export function redactFields(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_NAME.test(k) ? '[redacted]' : v;
  return out;
}

export function createLogger(opts: LoggerOptions): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  let file: string | null = null;
  if (opts.dir) {
    try {
      mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
      file = join(opts.dir, 'mcp.log');
    } catch {
      opts.stderr?.write(`glue mcp: cannot write logs to ${opts.dir}; logging to stderr only.\n`);
    }
  }
  let written = file ? sizeOf(file) : 0;

  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const safe = redactFields(fields);
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${safe ? ` ${JSON.stringify(safe)}` : ''}\n`;
    opts.stderr?.write(line);
    if (!file) return;
    try {
      if (written + line.length > maxBytes) {
        renameSync(file, `${file}.1`);
        written = 0;
      }
      appendFileSync(file, line, { mode: 0o600 });
      written += Buffer.byteLength(line);
    } catch {
      // A full disk must not take the protocol down with it; stderr still has the line.
    }
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    file,
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
