// Answers for lines the MCP transport cannot pass to the server: too long, not JSON, or not a
// valid JSON-RPC message. Imports no zod and no SDK code (handshake.ts runs before they load).

/**
 * Longest stdin line (one JSON-RPC message) the server reads: 10 MiB, the MCP SDK's own stdio
 * limit. A longer line is answered with an error and skipped; the server keeps serving.
 */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

/** JSON-RPC 2.0 error codes. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

/**
 * A transport problem, safe to log: `kind` and `bytes` only. Raw input never goes into a log
 * message, because a client may put anything (a pasted password, say) in a request.
 */
export class LineError extends Error {
  override name = 'LineError';
  constructor(
    readonly kind: 'too large' | 'not JSON' | 'not a JSON-RPC message',
    readonly bytes: number,
  ) {
    super(`${kind} (${bytes} bytes)`);
  }
}

type Id = string | number | null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));

/**
 * The id of an oversized line, read from its first bytes without parsing the rest: only when
 * "id" is among the leading top-level keys (clients write jsonrpc, id, method first), so an
 * "id" inside params is never mistaken for it.
 */
export function idFromHead(head: string): Id {
  const m = /^\s*\{\s*(?:"(?:jsonrpc|method)"\s*:\s*"[^"\\]{0,200}"\s*,\s*)*"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,16})\s*[,}]/.exec(head);
  if (!m?.[1]) return null;
  try {
    const id: unknown = JSON.parse(m[1]);
    return isId(id) ? id : null;
  } catch {
    return null;
  }
}

export const errorAnswer = (id: Id, code: number, message: string): string => `${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`;

export const tooLargeAnswer = (head: string): string =>
  errorAnswer(idFromHead(head), INVALID_REQUEST, `Request too large: one message may be at most ${MAX_LINE_BYTES} bytes (10 MiB) on one line. It was skipped; send a smaller request.`);

/**
 * The answer for a line the SDK refused, or null when none is due: a parse error (id null, as
 * JSON-RPC says), an invalid request with its id when one can be read, nothing for a broken
 * notification or response (they expect no answer).
 */
export function malformedAnswer(line: string): { answer: string | null; error: LineError } {
  const bytes = Buffer.byteLength(line);
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return { answer: errorAnswer(null, PARSE_ERROR, 'Parse error: the line is not valid JSON. Send one JSON-RPC message per line.'), error: new LineError('not JSON', bytes) };
  }
  const error = new LineError('not a JSON-RPC message', bytes);
  const obj = isObject(msg) ? msg : null;
  if (obj && ('result' in obj || 'error' in obj)) return { answer: null, error };
  if (obj && 'method' in obj && !('id' in obj)) return { answer: null, error };
  const id = obj && isId(obj.id) ? obj.id : null;
  return { answer: errorAnswer(id, INVALID_REQUEST, 'Invalid request: not a valid JSON-RPC 2.0 request (jsonrpc "2.0", an id, a method string, params an object).'), error };
}
