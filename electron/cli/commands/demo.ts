import { z } from 'zod';
import { startFakeItGlue, DEMO_API_KEY, type FakeItGlue } from '../../core/itglue/fake/server';
import { saveCredentials } from '../../core/secrets/key-manager';
import { DEMO_PROFILE } from '../../core/secrets/resolve-keychain';
import { openProfile, openProfileKeychain } from '../../core/sync/index';
import { intFlag, parseFlags } from '../args';
import type { CliIo, Command } from '../io';
import { EXIT_OK, EXIT_PARTIAL } from '../exit-codes';
import { explain } from '../profile';
import { syncWithProgress } from './sync';
import { serveWebApp } from './web';

const HELP = `Usage: glue demo [--no-open] [--port N] [--data-dir DIR]

Starts a fake IT Glue account (a generated demo tenant) on this computer, connects the "demo"
profile to it (your own profile is untouched), syncs it and keeps serving until Ctrl-C.
`;

const Flags = z.object({ 'data-dir': z.string().min(1).optional(), 'no-open': z.boolean().optional(), port: intFlag(0, 65535).optional(), help: z.boolean().optional(), scale: intFlag(0, 1_000_000).optional() });

export interface DemoSession {
  fake: FakeItGlue;
  dataDir: string | undefined;
  profile: string;
  open: boolean;
}

/**
 * Called once the demo profile is synced, while the fake server keeps serving: the real app UI
 * over the web host (what `glue web --profile demo` does), closed on Ctrl-C.
 */
export async function openDemoApp(session: DemoSession, io: CliIo): Promise<void> {
  const served = await serveWebApp({ dataDir: session.dataDir, profile: session.profile, open: session.open }, io, 'demo');
  if (served) io.signal.addEventListener('abort', () => void served.close(), { once: true });
}

export const run: Command = async (argv, io) => {
  const { flags } = parseFlags(
    'demo',
    argv,
    { 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean' }, port: { type: 'string' }, scale: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    Flags,
  );
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  let fake: FakeItGlue;
  try {
    fake = await startFakeItGlue({ port: flags.port ?? 0, scale: flags.scale });
  } catch (e) {
    io.stderr.write(`glue demo: cannot start the demo server (${e instanceof Error && 'code' in e ? String(e.code) : 'error'}). Try another --port.\n`);
    return 1;
  }
  try {
    const env = io.env;
    const keys = await openProfileKeychain({ dataDir: flags['data-dir'], profile: DEMO_PROFILE, env });
    if (!keys.ok) {
      io.stderr.write(explain('demo', keys.error));
      return 1;
    }
    // The demo server gets a new port each run, so the demo profile's address is refreshed every time.
    const saved = await saveCredentials(keys.value.keychain.keychain, DEMO_PROFILE, { apiKey: DEMO_API_KEY, baseUrl: fake.url });
    if (!saved.ok) {
      io.stderr.write(explain('demo', saved.error));
      return 1;
    }
    const profile = await openProfile({ dataDir: flags['data-dir'], profile: DEMO_PROFILE, env, purpose: 'sync' });
    if (!profile.ok) {
      io.stderr.write(explain('demo', profile.error));
      return 1;
    }
    if (profile.value.keychain.notice) io.stderr.write(`glue demo: ${profile.value.keychain.notice}\n`);
    io.stderr.write(`Demo IT Glue server at ${fake.url}\n`);
    let code: number;
    try {
      code = await syncWithProgress(profile.value, io, { full: false, json: false, command: 'demo' });
    } finally {
      profile.value.close();
    }
    // A partial sync still leaves a usable demo (its warnings were printed): serve it.
    if (code !== EXIT_OK && code !== EXIT_PARTIAL) return code;
    const dd = flags['data-dir'] ? ` --data-dir ${flags['data-dir']}` : '';
    io.stdout.write(
      [
        '',
        'The demo account is synced. Try:',
        `  glue ask "what is the firewall at Harbor Freight Logistics?" --profile demo${dd}`,
        `  glue status --profile demo${dd}`,
        `  glue mcp --profile demo${dd}     (for Claude Desktop: glue connect-claude --profile demo)`,
        '',
        'Serving the demo IT Glue API until Ctrl-C.',
        '',
      ].join('\n'),
    );
    await openDemoApp({ fake, dataDir: flags['data-dir'], profile: DEMO_PROFILE, open: !flags['no-open'] }, io);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return 0;
  } finally {
    await fake.close();
  }
};
