import { resolve } from 'node:path';
import { z } from 'zod';
import {
  DEMO_API_KEY, DEMO_API_KEY_NO_PASSWORDS, countRecords, generateDemoTenant, loadDataset, parseFaultSpec, startFakeItGlue, writeDataset,
  type Dataset, type FakeKey,
} from '../../core/itglue/fake/server';
import { intFlag, parseFlags } from '../args';
import { UsageError, type Command } from '../io';

const HELP = `Usage: glue fake-itglue [--port 0] [--dataset demo|DIR] [--scale N] [--seed N]
                        [--rate-limit N] [--window-s S] [--faults SPEC] [--api-key KEY]
                        [--no-retry-after] [--reject-status 401|403]
                        [--documents-null-filter all|root] [--export DIR]

Serves a fake IT Glue REST API on 127.0.0.1 (the demo tenant or a dataset directory) until
Ctrl-C. The first line printed is "listening on http://127.0.0.1:PORT"; point Glue Desk's
custom base URL at it.
  --dataset demo|DIR  the generated demo tenant (default) or a dataset directory (docs/dataset-format.md)
  --scale N           grow the demo tenant to about N records
  --seed N            generator and fault seed
  --rate-limit N      requests per key per window (default 3000), sliding window
  --window-s S        window length in seconds (default 300)
  --faults SPEC       e.g. 429:0.05,500:0.02,504:0.01,reset:0.01,slow:0.05:2000,badjson:0.01,html:0.01
  --api-key KEY       accept this key (with password access) instead of the demo keys
  --no-retry-after    send 429s without Retry-After, as the documentation describes
  --reject-status     status for a bad key: 401 (default) or 403
  --documents-null-filter all|root
                      what filter[document_folder_id]=null lists on an organization's
                      documents: every document, foldered ones included (all, default, as
                      reported on live tenants) or only the root ones (root)
  --export DIR        write the dataset to DIR and exit
`;

const Flags = z.object({
  port: intFlag(0, 65535).optional(),
  dataset: z.string().min(1, 'give "demo" or a directory').optional(),
  scale: intFlag(1, 5_000_000).optional(),
  seed: intFlag(0, 4_294_967_295).optional(),
  'rate-limit': intFlag(1, 1_000_000_000).optional(),
  'window-s': intFlag(1, 86_400).optional(),
  faults: z.string().optional().superRefine((spec, ctx) => {
    if (spec === undefined) return;
    try {
      parseFaultSpec(spec);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  }),
  'api-key': z.string().regex(/^\S{8,200}$/, 'use 8-200 characters without spaces').optional(),
  'no-retry-after': z.boolean().optional(),
  'reject-status': z.enum(['401', '403'], 'must be 401 or 403').transform((s) => (s === '403' ? 403 : 401)).optional(),
  'documents-null-filter': z.enum(['all', 'root'], 'must be all or root').optional(),
  export: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

async function dataset(flags: z.infer<typeof Flags>): Promise<Dataset> {
  const source = flags.dataset ?? 'demo';
  if (source === 'demo') return generateDemoTenant({ seed: flags.seed, scale: flags.scale });
  if (flags.scale !== undefined) throw new UsageError('glue fake-itglue: --scale only applies to --dataset demo.');
  try {
    return await loadDataset(resolve(source));
  } catch (e) {
    throw new UsageError(`glue fake-itglue: --dataset: ${(e as Error).message}`);
  }
}

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'fake-itglue',
    argv,
    {
      port: { type: 'string' },
      dataset: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      'window-s': { type: 'string' },
      faults: { type: 'string' },
      'api-key': { type: 'string' },
      'no-retry-after': { type: 'boolean' },
      'reject-status': { type: 'string' },
      'documents-null-filter': { type: 'string' },
      export: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    Flags,
  );
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`glue fake-itglue: unexpected argument "${positionals[0]}". Run \`glue help fake-itglue\`.`);

  const data = await dataset(flags);
  if (flags.export) {
    const dir = resolve(flags.export);
    const files = await writeDataset(data, dir);
    io.stdout.write(`wrote ${countRecords(data)} records in ${files.length} files to ${dir}\n`);
    return 0;
  }

  const keys: Record<string, FakeKey> = flags['api-key']
    ? { [flags['api-key']]: { passwordAccess: true } }
    : { [DEMO_API_KEY]: { passwordAccess: true }, [DEMO_API_KEY_NO_PASSWORDS]: { passwordAccess: false } };
  let fake;
  try {
    fake = await startFakeItGlue({
      dataset: data, seed: flags.seed, rateLimit: flags['rate-limit'], windowS: flags['window-s'], faults: flags.faults,
      retryAfter: !flags['no-retry-after'], rejectStatus: flags['reject-status'], documentsNullFilter: flags['documents-null-filter'], keys, port: flags.port,
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`glue fake-itglue: --port ${flags.port}: already in use; pick another or use 0 for any free port.`);
    throw e;
  }
  io.stdout.write(`listening on ${fake.url}\n`);
  io.stdout.write(flags['api-key']
    ? 'api key: the one given with --api-key (password access)\n'
    : `api keys: ${DEMO_API_KEY} (password access), ${DEMO_API_KEY_NO_PASSWORDS} (no password access)\n`);
  io.stdout.write(`serving ${countRecords(data)} records; Ctrl-C to stop\n`);
  if (!io.signal.aborted) await new Promise<void>((done) => io.signal.addEventListener('abort', () => done(), { once: true }));
  await fake.close();
  return 0;
};
