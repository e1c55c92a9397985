import { z } from 'zod';
import { resolvePaths } from '../../core/config/paths';
import { installModel, type DownloadProgress } from '../../core/search/model-download';
import { describeModel, locateModel } from '../../core/search/model-locator';
import { MINILM_WEIGHTS } from '../../core/search/model-manifest';
import { parseFlags } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

const HELP = `Usage: glue model status [--json] [--data-dir DIR]
       glue model download [--from URL-or-FILE] [--data-dir DIR]

The local embedding model makes search understand meaning, offline. Without it, search uses
keywords only.
  status     say whether the model is installed (GLUE_MODEL_DIR overrides the models folder)
  download   fetch the model once (${(MINILM_WEIGHTS.bytes / 1e6).toFixed(1)} MB), checked against its pinned sha256
  --from     a mirror URL or a local copy of model_quantized.onnx instead of Hugging Face
`;

const Flags = z.object({
  from: z.string().min(1).optional(),
  json: z.boolean().optional(),
  'data-dir': z.string().min(1).optional(),
  help: z.boolean().optional(),
});

const MB = (n: number) => (n / 1e6).toFixed(1);

/** A redrawn bar on a terminal; one line per 10% when piped (CI logs, scripts). */
function progressPrinter(io: CliIo): (p: DownloadProgress) => void {
  let lastDecile = -1;
  return (p) => {
    const frac = p.total ? p.received / p.total : 0;
    if (io.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(frac * width);
      io.stderr.write(`\r${p.file} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${MB(p.received)}/${MB(p.total)} MB`);
      if (p.received >= p.total) io.stderr.write('\n');
      return;
    }
    const decile = Math.floor(frac * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      io.stderr.write(`${p.file}: ${decile * 10}% (${MB(p.received)}/${MB(p.total)} MB)\n`);
    }
  };
}

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'model',
    argv,
    { from: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    Flags,
  );
  const [sub, ...extra] = positionals;
  if (flags.help || !sub) {
    io.stdout.write(HELP);
    return flags.help ? 0 : 2;
  }
  if (extra.length) throw new UsageError(`glue model: unexpected argument "${extra[0]}". Run \`glue help model\`.`);
  const paths = resolvePaths({ dataDirFlag: flags['data-dir'], env: io.env });
  if (!paths.ok) {
    io.stderr.write(`glue model: ${paths.error.message}\n`);
    return 1;
  }
  const modelsDir = paths.value.modelsDir;

  if (sub === 'status') {
    if (flags.from) throw new UsageError('glue model status: --from is for `glue model download`.');
    const m = locateModel(modelsDir);
    io.stdout.write(flags.json ? `${JSON.stringify(m)}\n` : `${describeModel(m)}\n`);
    return 0;
  }
  if (sub === 'download') {
    if (flags.json) throw new UsageError('glue model download: --json is for `glue model status`.');
    const before = locateModel(modelsDir);
    if (before.state === 'ready') {
      io.stdout.write(`Already installed: ${describeModel(before)}\n`);
      return 0;
    }
    io.stderr.write(`Downloading ${MINILM_WEIGHTS.path} from ${flags.from ?? MINILM_WEIGHTS.url}\n`);
    const r = await installModel({ modelsDir, from: flags.from, signal: io.signal, onProgress: progressPrinter(io) });
    if (!r.ok) {
      io.stderr.write(`\nglue model download: ${r.error.message}\n`);
      return r.error.code === 'CANCELLED' ? 130 : 1;
    }
    io.stdout.write(`${describeModel(r.value)}\n`);
    return 0;
  }
  throw new UsageError(`glue model: unknown subcommand "${sub}" (use status or download). Run \`glue help model\`.`);
};
