// Test helper: a models folder holding only the shared non-semantic fixture under its own id,
// as CI sets GLUE_MODEL_DIR. Not imported by production code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED_MODELS = process.env.GLUE_MODEL_DIR ?? '/work/shared/models';

export function fixtureModelsDir(): string {
  if (!existsSync(join(SHARED_MODELS, 'test-fixtures', 'bow-hash-384-minilm-tokenizer', 'onnx', 'model_quantized.onnx'))) {
    throw new Error(`Set GLUE_MODEL_DIR to a folder containing test-fixtures/bow-hash-384-minilm-tokenizer (tried ${SHARED_MODELS}).`);
  }
  return SHARED_MODELS;
}
