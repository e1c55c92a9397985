import { claimStopSignals } from '../core/lifecycle/stop-signals';
import { damagedStore, isDamage } from '../core/store/integrity';
import pkg from '../../package.json';
import { COMMANDS } from './commands';
import { prefetchForCommand } from './prefetch-keys';
import { UsageError, type CliIo } from './io';
import { closest } from './suggest';

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Glue Desk ${pkg.version} — IT Glue, offline.\n\nUsage: glue <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\nRun \`glue help <command>\` for a command's flags; \`glue --version\` prints the version.\n`;
}

async function main(argv: string[]): Promise<number> {
  // Claimed before any command module loads: a dependency's signal hook must not decide how
  // `glue` ends (core/lifecycle/stop-signals.ts).
  const stop = claimStopSignals();
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal };
  const [name, ...rest] = argv;
  // `glue`, `glue --help` and `glue help` print the overview; `glue help CMD` the command's flags.
  if (!name || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(help());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`glue ${pkg.version}\n`);
    return 0;
  }
  const target = name === 'help' ? (rest[0] ?? '') : name;
  const entry = COMMANDS[target];
  if (!entry) {
    const near = closest(target, Object.keys(COMMANDS));
    const what = target.startsWith('-') ? `unknown flag ${target}` : `unknown command "${target}"`;
    io.stderr.write(`glue: ${what}.${near ? ` Did you mean \`glue ${near}\`?` : ''}\nRun \`glue help\` for the list of commands.\n`);
    return 2;
  }
  // Usually already started by bin/glue.js; a second call finds the same derivation.
  prefetchForCommand(argv, io.env);
  const mod = await entry.load();
  try {
    return await mod.run(name === 'help' ? ['--help'] : rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    // SQLite's raw "database disk image is malformed" means a damaged store: say what to do.
    if (isDamage(e)) {
      io.stderr.write(`glue ${name}: ${damagedStore('a page fails its checksum').message}\n`);
      return 1;
    }
    // Anything else is a bug: say so briefly; GLUE_DEBUG=1 shows the stack.
    io.stderr.write(`glue ${name}: ${(e as Error).message}\n`);
    if (io.env.GLUE_DEBUG === '1') io.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

// No top-level await: the same entry is also built as one CommonJS file (code-cache.ts).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Node's natural exit closes its signal handles before the process is gone (tens of ms while
  // native modules unload), and a Ctrl-C in that window killed a finished `glue sync` by signal.
  // 'beforeExit' comes once nothing is left to run (output flushed, stores closed, a background
  // run cancelled), and process.exit from there leaves the handlers in place until the end.
  process.once('beforeExit', () => process.exit());
});
