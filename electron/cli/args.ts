import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { UsageError } from './io';
import { closest } from './suggest';

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
  checkFlagNames(command, argv, options);
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

/**
 * Unknown flags get a usage error with the nearest known flag ("--porfile" → "--profile")
 * instead of Node's raw parser message; a value flag given without its value says so.
 */
function checkFlagNames(command: string, argv: readonly string[], options: Options): void {
  const longs = Object.keys(options);
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return;
    let name: string | null = null;
    let inlineValue = false;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = arg.slice(2, eq === -1 ? undefined : eq);
      inlineValue = eq !== -1;
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = shorts.get(arg.slice(1)) ?? null;
      if (name === null) throw new UsageError(`glue ${command}: unknown flag ${arg}. Run \`glue help ${command}\`.`);
    }
    if (name === null) continue;
    const option = options[name];
    if (!option) {
      const near = closest(name, longs);
      throw new UsageError(`glue ${command}: unknown flag --${name}.${near ? ` Did you mean --${near}?` : ''} Run \`glue help ${command}\`.`);
    }
    if (option.type === 'string' && !inlineValue) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`glue ${command}: --${name} needs a value. Run \`glue help ${command}\`.`);
      i++;
    }
  }
}
