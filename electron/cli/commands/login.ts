import { z } from 'zod';
import { resolveBaseUrl } from '../../core/itglue/regions';
import { testKey } from '../../core/itglue/probe';
import { saveCredentials } from '../../core/secrets/key-manager';
import { openProfileKeychain } from '../../core/sync/index';
import { parseFlags } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { explain, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue login [--region us|eu|au | --base-url URL] [--api-key-stdin] [--profile NAME] [--data-dir DIR]

Tests an IT Glue API key, then keeps it (and the address) in the keychain for this profile.
The key comes from --api-key-stdin, ITGLUE_API_KEY, or a hidden prompt on a terminal.
ITGLUE_BASE_URL sets the address for non-interactive use. GLUE_PASSPHRASE seals the keys
with a passphrase when there is no OS keychain.
`;

const Flags = z.object({ ...profileFlagSchema, region: z.enum(['us', 'eu', 'au']).optional(), 'base-url': z.string().min(1).optional(), 'api-key-stdin': z.boolean().optional() });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Hidden input: raw mode, echo nothing, Enter ends, Ctrl-C aborts. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    io.stderr.write(question);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = (e: Error | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
      if (e) reject(e);
      else resolve(value.trim());
    };
    stdin.on('data', onData);
  });
}

export const run: Command = async (argv, io) => {
  const { flags } = parseFlags('login', argv, { ...profileFlagOptions, region: { type: 'string' }, 'base-url': { type: 'string' }, 'api-key-stdin': { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (flags.region && flags['base-url']) throw new UsageError('glue login: give --region or --base-url, not both.');
  const customUrl = flags['base-url'] ?? (flags.region ? undefined : io.env.ITGLUE_BASE_URL || undefined);
  const base = customUrl ? resolveBaseUrl('custom', customUrl) : resolveBaseUrl(flags.region ?? 'us');
  if (!base.ok) throw new UsageError(`glue login: ${base.error.message}`);

  let apiKey: string;
  if (flags['api-key-stdin']) apiKey = await readStdin();
  else if (io.env.ITGLUE_API_KEY) apiKey = io.env.ITGLUE_API_KEY.trim();
  else if (process.stdin.isTTY && io.stderr.isTTY) {
    try {
      apiKey = await promptHidden(io, 'IT Glue API key (IT Glue > Account > API Keys): ');
    } catch {
      return 130;
    }
  } else {
    io.stderr.write('glue login: no API key given. Pipe it with --api-key-stdin, set ITGLUE_API_KEY, or run on a terminal to be asked.\n');
    return 2;
  }

  io.stderr.write(`Checking the key with ${base.value} ...\n`);
  const check = await testKey(base.value, apiKey, { signal: io.signal });
  if (!check.ok) {
    // Nothing is stored for a key IT Glue did not accept.
    io.stderr.write(explain('login', check.error));
    return 1;
  }
  const opened = await openProfileKeychain({ dataDir: flags['data-dir'], profile: flags.profile, env: io.env });
  if (!opened.ok) {
    io.stderr.write(explain('login', opened.error));
    return 1;
  }
  const saved = await saveCredentials(opened.value.keychain.keychain, opened.value.paths.profile, { apiKey, baseUrl: check.value.baseUrl });
  if (!saved.ok) {
    io.stderr.write(explain('login', saved.error));
    return 1;
  }
  const profile = opened.value.paths.profile;
  io.stdout.write(
    `Connected to IT Glue (${check.value.baseUrl}, ${check.value.organizations} organizations visible). The key is kept in the ${opened.value.keychain.description}.\n` +
      `Next: glue sync${profile === 'default' ? '' : ` --profile ${profile}`}\n`,
  );
  return 0;
};
