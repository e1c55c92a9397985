import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LocatedModelState as ModelState } from '../../../shared/model';
import { FIXTURE_DIM, FIXTURE_MODEL_ID, MINILM, type ModelManifest } from './model-manifest';

export type { ModelState };

export interface LocatedModel {
  state: ModelState;
  /** Model id as Transformers.js resolves it under modelsDir; vectors are tagged with it. */
  id: string;
  dim: number;
  /** Folder of the model (where it is, or where `glue model download` will put it). */
  path: string;
  /** Files of the real model that are absent or the wrong size (empty when ready). */
  missing: string[];
}

const fixtureConfig = z.object({ fixture_note: z.string(), hidden_size: z.number().int() });

/** Files whose size differs from the manifest count as missing: a cut-off download is not a model. */
function missingFiles(dir: string, manifest: ModelManifest): string[] {
  return manifest.files
    .filter((f) => {
      const p = join(dir, f.path);
      return !existsSync(p) || statSync(p).size !== f.bytes;
    })
    .map((f) => f.path);
}

function isFixture(dir: string): boolean {
  const config = join(dir, 'config.json');
  if (!existsSync(config) || !existsSync(join(dir, 'onnx', 'model_quantized.onnx'))) return false;
  try {
    const parsed = fixtureConfig.safeParse(JSON.parse(readFileSync(config, 'utf8')));
    return parsed.success && parsed.data.hidden_size === FIXTURE_DIM;
  } catch {
    return false;
  }
}

/**
 * Finds the embedding model under modelsDir. The real MiniLM wins whenever it is complete; the
 * test fixture is reported as 'fixture' (never 'ready') so no caller can take it for a
 * semantic model.
 */
export function locateModel(modelsDir: string): LocatedModel {
  const real = join(modelsDir, ...MINILM.id.split('/'));
  const missing = missingFiles(real, MINILM);
  if (missing.length === 0) return { state: 'ready', id: MINILM.id, dim: MINILM.dim, path: real, missing };
  const fixture = join(modelsDir, ...FIXTURE_MODEL_ID.split('/'));
  if (isFixture(fixture)) return { state: 'fixture', id: FIXTURE_MODEL_ID, dim: FIXTURE_DIM, path: fixture, missing: [] };
  return { state: 'missing', id: MINILM.id, dim: MINILM.dim, path: real, missing };
}

/** One line for `glue model status`, the app's settings and logs. */
export function describeModel(m: LocatedModel): string {
  switch (m.state) {
    case 'ready':
      return `${m.id} (${m.dim}-d) ready at ${m.path}`;
    case 'fixture':
      return `${m.id}: test fixture (not semantic) at ${m.path} — run \`glue model download\` for the real model`;
    case 'missing':
      return `${m.id} not installed (missing: ${m.missing.join(', ')}) — run \`glue model download\`; search uses keywords only until then`;
  }
}
