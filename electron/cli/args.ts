import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses flags strictly (unknown flags are errors, not silently ignored) and validates the
 * values with a zod schema, so every command gets typed, checked input or a usage error
 * that names the flag.
 */
export function parseFlags<S extends z.ZodType>(
  command: string,
  argv: string[],
  options: Options,
  schema: S,
): { flags: z.infer<S>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(`glue ${command}: ${(e as Error).message}. Run \`glue help ${command}\`.`);
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = issue?.path.join('.') ?? '';
    throw new UsageError(`glue ${command}: --${flag}: ${issue?.message ?? 'invalid value'}. Run \`glue help ${command}\`.`);
  }
  return { flags: result.data, positionals: parsed.positionals };
}

/** Flag values arrive as strings; this turns them into bounded integers with a clear message. */
export const intFlag = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
