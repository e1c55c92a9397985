import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ErrorCode } from '../../shared/result';

/** Throw from a handler for an expected failure; the message must say what to do next. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one shape every failed call takes: isError with a readable message and a stable code. */
export function toolError(code: ErrorCode, message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: `${message} (${code})` }] };
}
