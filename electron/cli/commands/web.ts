// `glue web`: the real app UI in a browser, served by the loopback web host over the same
// GlueApi the Electron window uses. For machines where Electron cannot start (headless Linux,
// CI, a server reached through an SSH tunnel) and for `glue demo`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openGlueApp } from '../../core/app/index';
import { startWebHost, type WebHost } from '../../web-host/index';
import { intFlag, parseFlags } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { explain, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue web [--profile NAME] [--data-dir DIR] [--port N] [--no-open]

Serves the Glue Desk app to a browser on this computer (127.0.0.1 only). The printed link
carries a one-time token; keep it to yourself. Runs until Ctrl-C.
  --port N    listen on this port (default: a free one)
  --no-open   only print the link, do not open a browser
`;

const Flags = z.object({ ...profileFlagSchema, port: intFlag(0, 65535).optional(), 'no-open': z.boolean().optional() });

/** out/renderer of this checkout or install (the CLI bundle lives in out/cli). */
export function findRendererDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'renderer', 'index.html')) && existsSync(join(dir, 'package.json')) && !existsSync(join(dir, 'renderer', 'src'))) return join(dir, 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** In a source checkout without a built UI, build it once (electron-vite, about 15 s). */
function buildRenderer(io: CliIo): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'electron.vite.config.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  let bin: string;
  try {
    const pkg = createRequire(join(dir, 'package.json')).resolve('electron-vite/package.json');
    bin = join(dirname(pkg), 'bin', 'electron-vite.js');
  } catch {
    return null;
  }
  io.stderr.write('Building the app UI once (out/renderer)…\n');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0 ? findRendererDir() : null;
}

function browserCommand(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] | null {
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  const name = platform === 'darwin' ? 'open' : 'xdg-open';
  const found = (env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));
  return found ? [name] : null;
}

function openBrowser(url: string, io: CliIo): boolean {
  const cmd = browserCommand(process.platform, io.env);
  if (!cmd) return false;
  const [bin, ...args] = cmd;
  if (!bin) return false;
  try {
    const child = spawn(bin, [...args, url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

export interface ServeOptions {
  dataDir?: string;
  profile?: string;
  port?: number;
  open: boolean;
}

export interface ServedApp {
  url: string;
  host: WebHost;
  close(): Promise<void>;
}

/** Starts the web host over the profile's GlueApi and prints the link; null after printing why not. */
export async function serveWebApp(opts: ServeOptions, io: CliIo, command = 'web'): Promise<ServedApp | null> {
  const staticDir = findRendererDir() ?? buildRenderer(io);
  if (!staticDir) {
    io.stderr.write(`glue ${command}: the app UI is not built (out/renderer is missing). Run \`npm run build\` once, then try again.\n`);
    return null;
  }
  const app = await openGlueApp({ door: 'app', dataDir: opts.dataDir, profile: opts.profile, env: io.env });
  if (!app.ok) {
    io.stderr.write(explain(command, app.error));
    return null;
  }
  let host: WebHost;
  try {
    host = await startWebHost({ api: app.value.api, staticDir, port: opts.port });
  } catch (e) {
    await app.value.close();
    io.stderr.write(`glue ${command}: cannot listen on 127.0.0.1${opts.port ? `:${opts.port}` : ''} (${e instanceof Error && 'code' in e ? String(e.code) : 'error'}). Try another --port.\n`);
    return null;
  }
  io.stdout.write(`Glue Desk (profile "${app.value.profile.name}") is open at:\n  ${host.url}\n(The link holds a one-time token; anyone with it can use the app while this runs.)\n`);
  if (opts.open && !openBrowser(host.url, io)) io.stderr.write('(No browser opener found here; open the link above yourself.)\n');
  return {
    url: host.url,
    host,
    close: async () => {
      await host.close();
      await app.value.close();
    },
  };
}

const untilAborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags('web', argv, { ...profileFlagOptions, port: { type: 'string' }, 'no-open': { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`glue web: unexpected argument "${positionals[0]}". Run \`glue help web\`.`);
  const served = await serveWebApp({ dataDir: flags['data-dir'], profile: flags.profile, port: flags.port, open: !flags['no-open'] }, io);
  if (!served) return 1;
  io.stdout.write('Serving until Ctrl-C.\n');
  await untilAborted(io.signal);
  await served.close();
  return 0;
};
