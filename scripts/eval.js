// `npm run eval`: bundles electron/core/answers/eval/main.ts (and the embedding worker beside it,
// as scripts/build-cli.js does for `glue`) and runs it with plain Node. Output: out/eval/.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'eval');
await build({
  absWorkingDir: root,
  entryPoints: { eval: 'electron/core/answers/eval/main.ts', 'embed-worker': 'electron/core/search/embed-worker.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __glueCreateRequire } from 'node:module'; const require = __glueCreateRequire(import.meta.url);" },
});
// The bundle's import.meta.url is out/eval/: tell it where the repo and the shared models are.
const env = { ...process.env, GLUE_EVAL_REPO_ROOT: root, GLUE_MODEL_DIR: process.env.GLUE_MODEL_DIR ?? join(root, '..', 'shared', 'models') };
const r = spawnSync(process.execPath, [join(outdir, 'eval.js'), ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
