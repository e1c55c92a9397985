// Test support (not shipped): builds the `glue` bundle once per test file and runs it as a
// real child process, so tests see exactly what a user's shell sees (exit code, signals).
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DEMO_API_KEY } from '../core/itglue/fake/server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The whole environment of a `glue` child (nothing inherited but PATH): a profile under
 * `dataDir`, sealed with `passphrase` (no keychain), syncing from the fake IT Glue at `baseUrl`.
 */
export function glueEnv(o: { home: string; dataDir: string; passphrase: string; baseUrl: string }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: o.home, GLUE_DATA_DIR: o.dataDir, GLUE_PASSPHRASE: o.passphrase, ITGLUE_API_KEY: DEMO_API_KEY, ITGLUE_BASE_URL: o.baseUrl, ...extra };
}

export interface CliHarness {
  glue: string;
  /** Runs glue to the end. Async on purpose: a fake server in the test process must keep serving. */
  run(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliRun>;
  spawn(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<CliRun> };
  dispose(): void;
}

export async function buildCli(tag: string): Promise<CliHarness> {
  // Inside the repo so the bundle's bare imports resolve from node_modules.
  const outdir = join(root, 'node_modules', '.cache', `glue-${tag}-${process.pid}`);
  await build({
    absWorkingDir: root,
    entryPoints: { glue: 'electron/cli/main.ts', 'code-cache': 'electron/cli/code-cache.ts' },
    outdir,
    bundle: true,
    // Split like scripts/build-cli.js: each command's imports load when it runs, so the stop
    // signals are claimed within Node's start-up, as in the shipped `glue`.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
  });
  // As scripts/build-cli.js and bin/glue.js: every command but `glue mcp` runs from the
  // one-file CommonJS build with its V8 code cache.
  await build({
    absWorkingDir: root,
    entryPoints: { glue: 'electron/cli/main.ts' },
    outExtension: { '.js': '.cjs' },
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    define: { 'import.meta.url': '__glueBundleUrl' },
    banner: { js: "var __glueBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const glue = join(outdir, 'launch.mjs');
  writeFileSync(
    glue,
    [
      "import { join } from 'node:path';",
      "if (process.argv[2] === 'mcp') await import('./glue.js');",
      "else (await import('./code-cache.js')).runWithCodeCache(join(import.meta.dirname, 'glue.cjs'));",
      '',
    ].join('\n'),
  );
  const spawnGlue = (args: string[], env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, [glue, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const done = new Promise<CliRun>((resolve) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    });
    return { child, done };
  };
  return {
    glue,
    spawn: spawnGlue,
    run: (args, env, stdin) => {
      const { child, done } = spawnGlue(args, env);
      child.stdin?.end(stdin ?? '');
      return done;
    },
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
