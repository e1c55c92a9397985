// Test helper: a models folder holding only the shared non-semantic fixture under its own id,
// as CI sets GLUE_MODEL_DIR. Not imported by production code.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// CI clones the repo with the team's shared/ folder beside it: <clone>/../shared/models.
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHARED_MODELS = process.env.GLUE_MODEL_DIR ?? join(REPO_ROOT, '..', 'shared', 'models');

export function fixtureModelsDir(): string {
  if (!existsSync(join(SHARED_MODELS, 'test-fixtures', 'bow-hash-384-minilm-tokenizer', 'onnx', 'model_quantized.onnx'))) {
    throw new Error(`Set GLUE_MODEL_DIR to a folder containing test-fixtures/bow-hash-384-minilm-tokenizer (tried ${SHARED_MODELS}).`);
  }
  return SHARED_MODELS;
}
