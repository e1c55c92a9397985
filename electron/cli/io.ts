// What a command gets from the outside world; tests pass their own to capture output.
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (Ctrl-C); long commands race against it. */
  signal: AbortSignal;
}

export type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Thrown for bad flags or values; main prints `message` and exits 2 without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
